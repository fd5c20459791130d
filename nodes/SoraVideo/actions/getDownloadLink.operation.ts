import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadVideo } from '../../shared/download';
import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { readTaskId, taskIdProperty } from './taskId';
import { runItems } from './runItems';

const show = { operation: ['getDownloadLink'] };

/** kie.ai's links from common/download-url work for about 20 minutes. */
const VALID_MINUTES = 20;

export const description: INodeProperties[] = [
	{
		displayName: 'Link For',
		name: 'linkSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Task', value: 'task', description: "The video of a task, looked up by its ID" },
			{ name: 'URL', value: 'url', description: 'A file URL kie.ai generated, e.g. an expired result link' },
		],
		default: 'task',
		description: 'What to get a fresh download link for',
		hint: 'Free. The link works for about 20 minutes; kie.ai keeps generated files for 14 days.',
		displayOptions: { show },
	},
	{ ...taskIdProperty('getDownloadLink'), displayOptions: { show: { ...show, linkSource: ['task'] } } },
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.videoUrl }}',
		description: 'A URL of a file kie.ai generated; other URLs are refused by kie.ai',
		displayOptions: { show: { ...show, linkSource: ['url'] } },
	},
	{
		displayName: 'Download Video',
		name: 'downloadLinked',
		type: 'boolean',
		default: false,
		description: 'Whether to download the file through the fresh link as binary data',
		displayOptions: { show },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the video in',
		displayOptions: { show: { ...show, downloadLinked: [true] } },
	},
];

export const requires = (adapter: ProviderAdapter): boolean => adapter.freshLink !== undefined;

function readUrl(fx: IExecuteFunctions, itemIndex: number): string {
	const url = String(fx.getNodeParameter('fileUrl', itemIndex, '') ?? '').trim();
	if (!/^https?:\/\/\S+$/i.test(url)) {
		throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "File URL" must be an http(s) URL`, {
			itemIndex,
			description: `Got "${url.slice(0, 80)}". Nothing was sent to the provider.`,
		});
	}
	return url;
}

/** Get Download Link: a fresh temporary link for a task's video or for a file URL (free). */
export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: (itemIndex) => {
			const byTask = this.getNodeParameter('linkSource', itemIndex, 'task') === 'task';
			const download = this.getNodeParameter('downloadLinked', itemIndex, false) as boolean;
			const field = download ? String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data' : 'data';
			return byTask ? { taskId: readTaskId(this, itemIndex), download, field } : { url: readUrl(this, itemIndex), download, field };
		},
		run: async ({ taskId, url, download, field }, itemIndex) => {
			const task = taskId ? await client.query(taskId, itemIndex) : undefined;
			const original = url ?? task?.videoUrl ?? undefined;
			if (!original) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex + 1}: task ${taskId} has no video yet (status: ${task?.status})`, {
					itemIndex,
					description: 'Only a finished task has a video to link to. Use "Wait Until Done" first.',
				});
			}
			const fresh = await client.freshLink(original, itemIndex, taskId);
			const link: IDataObject = {
				url: fresh,
				originalUrl: original,
				expiresAt: new Date(Date.now() + VALID_MINUTES * 60_000).toISOString(),
			};
			const json: IDataObject = task ? { ...task, downloadLink: link } : { provider: adapter.id, taskId: null, downloadLink: link };
			if (!download) return { json };
			const target = task ?? { provider: adapter.id, taskId: 'file', model: null, status: 'succeeded', progress: 100, videoUrl: fresh, videoUrls: [fresh], error: null, createdAt: null, completedAt: null, costTimeMs: null, cost: null, balance: null, raw: {} };
			const binary = await downloadVideo(this, { ...target, videoUrl: fresh }, itemIndex);
			return { json, binary: { [field]: binary } };
		},
	});
}
