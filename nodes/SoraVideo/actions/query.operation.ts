import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { readTaskId } from './readTaskId';
import { runItems } from './runItems';

export const description: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.taskId }}',
		description: 'The ID the provider returned when the task was created',
		displayOptions: { show: { operation: ['query'] } },
	},
];

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: (itemIndex) => readTaskId(this, itemIndex),
		run: async (taskId, itemIndex) => ({ json: await client.query(taskId, itemIndex) }),
	});
}
