import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { downloadWithFreshLink } from '../../shared/downloadFresh';
import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { FROM_V1_2 } from './minimumBalance.description';
import { readTaskId, taskIdProperty } from './taskId';
import { runItems } from './runItems';

const withDownload = { operation: ['query'], '@version': FROM_V1_2 };

export const description: INodeProperties[] = [
	taskIdProperty('query'),
	{
		displayName: 'Download Video',
		name: 'downloadVideo',
		type: 'boolean',
		default: false,
		description: 'Whether to download the video of a finished task as binary data; an expired kie.ai link is renewed once',
		displayOptions: { show: withDownload },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the video in',
		displayOptions: { show: { ...withDownload, downloadVideo: [true] } },
	},
];

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: (itemIndex) => ({
			taskId: readTaskId(this, itemIndex),
			// Version 1 and 1.1 have no such field: the fallback keeps them as they were.
			download: this.getNodeParameter('downloadVideo', itemIndex, false) === true,
			field: String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data').trim() || 'data',
		}),
		run: async ({ taskId, download, field }, itemIndex) => {
			const task = await client.query(taskId, itemIndex);
			if (!download || task.status !== 'succeeded') return { json: task };
			const { binary, freshLink } = await downloadWithFreshLink(this, client, task, itemIndex);
			return { json: freshLink ? { ...task, freshLink } : task, binary: { [field]: binary } };
		},
	});
}
