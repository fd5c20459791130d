import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { downloadVideo } from '../../shared/download';
import { providerError } from '../../shared/transport/errors';
import type { ProviderClient } from '../../shared/transport/ProviderClient';
import { waitForTask } from '../../shared/wait/waitForTask';
import type { FinishSettings } from './readWaitSettings';

/** Waits for a task, then applies the failure rule and the optional download. */
export async function finishTask(
	fx: IExecuteFunctions,
	client: ProviderClient,
	taskId: string,
	itemIndex: number,
	settings: FinishSettings,
): Promise<INodeExecutionData> {
	const task = await waitForTask(client, taskId, itemIndex, settings);
	if (task.status === 'failed') {
		if (settings.onTaskFailure === 'output') return { json: task };
		throw providerError(fx.getNode(), {
			code: task.error?.code ?? 'TASK_FAILED',
			message: `Task ${taskId} failed at ${client.adapter.displayName}: ${task.error?.message ?? 'no reason given'}`,
			description:
				'The provider could not make this video. Change the prompt or input and try again, or set "If the Task Fails" to output the failed task.',
			itemIndex,
			taskId,
			task,
		});
	}
	if (!settings.downloadVideo) return { json: task };
	const binary = await downloadVideo(fx, task, itemIndex);
	return { json: task, binary: { [settings.binaryPropertyName]: binary } };
}
