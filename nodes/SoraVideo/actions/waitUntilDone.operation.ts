import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { finishTask } from './finishTask';
import { readTaskId } from './readTaskId';
import { readWaitSettings } from './readWaitSettings';
import { runItems } from './runItems';
import { waitProperties } from './waitOptions.description';

export const description: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.taskId }}',
		description: 'The ID the provider returned when the task was created',
		displayOptions: { show: { operation: ['waitUntilDone'] } },
	},
	...waitProperties({ operation: ['waitUntilDone'] }),
];

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: (itemIndex) => ({ taskId: readTaskId(this, itemIndex), settings: readWaitSettings(this, itemIndex) }),
		run: async ({ taskId, settings }, itemIndex) => await finishTask(this, client, taskId, itemIndex, settings),
	});
}
