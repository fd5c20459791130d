import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { readTaskId, taskIdProperty } from './taskId';
import { runItems } from './runItems';

export const description: INodeProperties[] = [
	taskIdProperty('query'),
];

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: (itemIndex) => readTaskId(this, itemIndex),
		run: async (taskId, itemIndex) => ({ json: await client.query(taskId, itemIndex) }),
	});
}
