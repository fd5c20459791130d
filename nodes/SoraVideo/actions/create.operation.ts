import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { queuedTask } from '../../shared/providers/queuedTask';
import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { createFieldProperties } from './createFields.description';
import { finishTask } from './finishTask';
import { readCreateRequest } from './readCreateRequest';
import { readWaitSettings } from './readWaitSettings';
import { runItems } from './runItems';
import { waitProperties } from './waitOptions.description';

export const description: INodeProperties[] = [
	...createFieldProperties,
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the video is ready and output the finished task, as "Wait Until Done" does',
		displayOptions: { show: { operation: ['create'] } },
	},
	...waitProperties({ operation: ['create'], waitForCompletion: [true] }),
];

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: (itemIndex) => ({
			request: readCreateRequest(this, itemIndex, adapter.id),
			wait: this.getNodeParameter('waitForCompletion', itemIndex, false)
				? readWaitSettings(this, itemIndex)
				: undefined,
		}),
		run: async ({ request, wait }, itemIndex) => {
			const taskId = await client.create(request, itemIndex);
			if (wait) return await finishTask(this, client, taskId, itemIndex, { ...wait, justCreated: true });
			return { json: queuedTask(adapter.id, taskId, request.model) };
		},
	});
}
