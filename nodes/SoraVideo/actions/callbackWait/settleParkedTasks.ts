import type { INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { NormalizedTask } from '../../../shared/providers/types';
import { CancelledError } from '../../../shared/transport/errors';
import type { ProviderClient } from '../../../shared/transport/ProviderClient';
import { waitForTask } from '../../../shared/wait/waitForTask';
import type { UploadedInput } from '../../../shared/upload/uploadBinary';
import { withInputs } from '../binarySource';
import { completeTask } from '../finishTask';
import { errorItem } from '../runItems';
import { finalUpscale } from './finalUpscale';
import { withoutState, type ParkedItem, type ParkedSettings } from './parkedItems';
import { takeCallback, watchTask } from './resumeHints';

function asNodeError(client: ProviderClient, error: Error, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(client.node, error, { itemIndex });
}

/**
 * The final state of one parked task. A callback is taken as it is when confirmation is off
 * (its URL token was checked); otherwise the task is looked up. A task still running is polled
 * until its deadline, and its own callback cuts that short. Past the deadline it is looked up
 * once: finished, it is output; otherwise the wait's TIMEOUT error carries its ID.
 */
async function finalTask(
	client: ProviderClient,
	item: ParkedItem,
	settings: ParkedSettings,
	nonce: string,
	callback: NormalizedTask | undefined,
): Promise<NormalizedTask> {
	const taskId = String(item.json.taskId);
	const { upscaleIndex } = settings;
	if (typeof upscaleIndex === 'number') {
		try {
			return await finalUpscale(client, item, { ...settings, upscaleIndex }, nonce, callback);
		} catch (error) {
			throw asNodeError(client, error as Error, item.index);
		}
	}
	// Looked up by the node itself while the batch's creates were sent: no confirmation needed.
	if (item.state.seenFinished) return withoutState(item.json) as unknown as NormalizedTask;
	let hint = callback;
	for (;;) {
		if (hint && !settings.confirmCallback) return hint;
		const signal = watchTask(nonce, taskId);
		try {
			return await waitForTask(client, taskId, item.index, {
				timeoutMs: Math.max(Date.parse(item.state.deadline) - Date.now(), 1),
				polling: settings.polling,
				signal,
			});
		} catch (error) {
			hint = error instanceof CancelledError ? takeCallback(nonce, taskId) : undefined;
			if (!hint) throw asNodeError(client, error as Error, item.index);
		}
	}
}

/**
 * Everything the resumed node outputs, one item per input item: the task that called back, every
 * other task looked up (and polled while still running), the failure rule and the downloads.
 * Problems become items with `error`, because a resumed node cannot fail the execution.
 */
export async function settleParkedTasks(
	fx: IWebhookFunctions,
	client: ProviderClient,
	parked: ParkedItem[],
	nonce: string,
	callback: NormalizedTask,
): Promise<INodeExecutionData[]> {
	return await Promise.all(
		parked.map(async (item): Promise<INodeExecutionData> => {
			const pairedItem = { item: item.index };
			const settings = item.state.settings;
			if (item.state.settled || !settings) return { json: withoutState(item.json), pairedItem };
			try {
				const own = item.json.taskId === callback.taskId ? callback : undefined;
				const task = await finalTask(client, item, settings, nonce, own);
				const done = await completeTask(fx, client, task, item.index, settings);
				// What was uploaded for the task is known only from the parked item.
				return { ...withInputs(done, (item.json.inputs as UploadedInput[] | undefined) ?? []), pairedItem };
			} catch (error) {
				return { json: errorItem(error as Error), pairedItem };
			}
		}),
	);
}
