import type { INodeExecutionData } from 'n8n-workflow';

import type { NormalizedTask } from '../../../shared/providers/types';
import type { ProviderClient } from '../../../shared/transport/ProviderClient';
import { isFinished, waitForTask } from '../../../shared/wait/waitForTask';
import type { FinishSettings } from '../readWaitSettings';

/**
 * The time it takes to send a batch's creates, in Wait Mode "Callback".
 *
 * n8n takes a callback only once the execution is paused. While the creates of a batch larger
 * than the provider's create limit are still being sent (kie.ai: 20 per 10 s, so 1,000 items take
 * about 8 minutes), n8n answers 409 to every callback for it, and the provider does not send
 * it again: in the batch benchmark 940 of 1,000 callbacks were lost this way, and the resumed
 * node then looked up 940 tasks at 10 per second. So each task is looked up meanwhile, with the
 * wait's own polling settings, on the queries the creates leave unused. A task seen finished
 * needs no callback and no lookup after the pause; once the last create is answered, the
 * lookups stop and the tasks still running wait for their callbacks. A batch sent within the
 * first poll interval is never looked up at all.
 *
 * Lookups still queued for a turn under the query limit when the phase ends are dropped, not
 * sent: adaptive polling of 1,000 running tasks wants far more than kie.ai's 10 per second, and
 * draining that queue first held the pause back 80 s while n8n refused the callbacks.
 */
export class CreatePhase {
	private left = 0;
	private readonly ended = new AbortController();

	constructor(private readonly client: ProviderClient) {
		// The lookups wait on the phase alone, so a cancelled execution must end it too.
		client.signal?.addEventListener('abort', () => this.ended.abort(), { once: true });
	}

	/** One more item will send a create. */
	expect(): void {
		this.left++;
	}

	/** An item's create got its answer (or failed). */
	settled(): void {
		if (--this.left <= 0) this.ended.abort();
	}

	/**
	 * Looks the item's task up until it finishes or the phase ends; returns the item with the
	 * finished task, or as it was. Nothing here fails the item: the wait after the pause decides.
	 */
	async follow(data: INodeExecutionData, itemIndex: number, wait: FinishSettings): Promise<INodeExecutionData> {
		const taskId = data.json.taskId;
		if (this.ended.signal.aborted || typeof taskId !== 'string' || taskId === '') return data;
		try {
			const task = await waitForTask(this.client, taskId, itemIndex, {
				timeoutMs: wait.timeoutMs,
				polling: wait.polling,
				justCreated: true,
				signal: this.ended.signal,
			});
			return { ...data, json: { ...data.json, ...task } };
		} catch {
			return data;
		}
	}
}

/** Whether an item came out of the create phase with its task already finished. */
export function seenFinished(data: INodeExecutionData): boolean {
	return isFinished(data.json as unknown as NormalizedTask);
}
