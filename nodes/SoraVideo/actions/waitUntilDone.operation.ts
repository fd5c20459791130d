import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { finishTask } from './finishTask';
import { readTaskId, taskIdProperty } from './taskId';
import { readWaitSettings } from './readWaitSettings';
import { runItems } from './runItems';
import { waitProperties } from './waitOptions.description';

export const description: INodeProperties[] = [
	taskIdProperty('waitUntilDone'),
	...waitProperties({ operation: ['waitUntilDone'] }, { existingTask: true }),
];

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		// Wait Until Done has no Wait Mode: an existing task keeps the callback URL it was created with,
		// and n8n drops the hidden Wait Mode of a workflow saved before, so this always polls.
		prepare: (itemIndex) => ({ taskId: readTaskId(this, itemIndex), settings: readWaitSettings(this, itemIndex) }),
		run: async ({ taskId, settings }, itemIndex) => await finishTask(this, client, taskId, itemIndex, settings),
	});
}
