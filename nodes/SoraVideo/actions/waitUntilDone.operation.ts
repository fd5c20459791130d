import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

function callbackRefused(fx: IExecuteFunctions, itemIndex: number) {
	return new NodeOperationError(
		fx.getNode(),
		`Item ${itemIndex + 1}: "Wait Mode" "Callback" cannot wait for an existing task`,
		{
			itemIndex,
			description:
				'The task keeps the callback URL it was created with, and no provider lets it be changed. Set "Wait Mode" to "Poll", or start the task with Create, Wait for Completion on and Wait Mode "Callback". Nothing was sent to the provider.',
		},
	);
}

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: (itemIndex) => {
			const settings = readWaitSettings(this, itemIndex);
			if (settings.mode === 'callback') throw callbackRefused(this, itemIndex);
			return { taskId: readTaskId(this, itemIndex), settings };
		},
		run: async ({ taskId, settings }, itemIndex) => await finishTask(this, client, taskId, itemIndex, settings),
	});
}
