import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { downloadWithFreshLink } from '../../shared/downloadFresh';
import type { NormalizedTask } from '../../shared/providers/types';
import { providerError } from '../../shared/transport/errors';
import type { ProviderClient } from '../../shared/transport/ProviderClient';
import { waitForTask } from '../../shared/wait/waitForTask';
import type { FinishSettings } from './readWaitSettings';

type Host = IExecuteFunctions | IWebhookFunctions;

/** Applies the failure rule and the optional download to a task that has ended. */
export async function completeTask(
	fx: Host,
	client: ProviderClient,
	ended: NormalizedTask,
	itemIndex: number,
	settings: Pick<FinishSettings, 'onTaskFailure' | 'downloadVideo' | 'binaryPropertyName' | 'fullResolution'>,
): Promise<INodeExecutionData> {
	let task = ended;
	if (task.status === 'failed') {
		if (settings.onTaskFailure === 'output') return { json: task };
		throw providerError(fx.getNode(), {
			code: task.error?.code ?? 'TASK_FAILED',
			message: `Task ${task.taskId} failed at ${client.adapter.displayName}: ${task.error?.message ?? 'no reason given'}`,
			description:
				'The provider could not make this video. Change the prompt or input and try again, or set "If the Task Fails" to output the failed task.',
			itemIndex,
			taskId: task.taskId,
			task,
		});
	}
	if (settings.fullResolution) task = await client.fullResolution(task, itemIndex);
	if (!settings.downloadVideo) return { json: task };
	const { binary, freshLink } = await downloadWithFreshLink(fx, client, task, itemIndex);
	return { json: freshLink ? { ...task, freshLink } : task, binary: { [settings.binaryPropertyName]: binary } };
}

/** Waits for a task, then applies the failure rule and the optional download. */
export async function finishTask(
	fx: IExecuteFunctions,
	client: ProviderClient,
	taskId: string,
	itemIndex: number,
	settings: FinishSettings,
): Promise<INodeExecutionData> {
	const task = await waitForTask(client, taskId, itemIndex, settings);
	return await completeTask(fx, client, task, itemIndex, settings);
}
