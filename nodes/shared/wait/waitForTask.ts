import type { NormalizedTask } from '../providers/types';
import { providerError } from '../transport/errors';
import { pause } from '../transport/pause';
import { backoffMs, type ProviderClient } from '../transport/ProviderClient';
import { nextPollDelayMs, type Polling } from './pollSchedule';

export interface WaitSettings {
	timeoutMs: number;
	polling: Polling;
	/** The task was created a moment ago: its first answer would only say "waiting". */
	justCreated?: boolean;
	/** Ends the wait early (CancelledError); defaults to the execution's cancel signal. */
	signal?: AbortSignal;
}

/** Transient failures in a row (resets, 5xx, 455, broken bodies) that fail an item. */
const MAX_TRANSIENT_IN_A_ROW = 6;
/** After a 429 the pacer holds everyone back; this only spaces this task's own retry. */
const RATE_LIMITED_RETRY_MS = 1000;

export function isFinished(task: NormalizedTask): boolean {
	return task.status === 'succeeded' || task.status === 'failed';
}

/**
 * Polls one task until it succeeds or fails. Every error it throws names the task ID and the
 * last status seen, so the user can pick the task up again instead of paying for a new one.
 */
export async function waitForTask(
	client: ProviderClient,
	taskId: string,
	itemIndex: number,
	settings: WaitSettings,
): Promise<NormalizedTask> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	let last: NormalizedTask | undefined;
	let transientInARow = 0;
	const signal = settings.signal ?? client.signal;
	if (settings.justCreated) {
		// Adaptive polling waits as long as the provider suggests (Revid AI Studio: 45-60 s); a
		// fixed interval is the user's explicit choice and is kept.
		const suggested = settings.polling.mode === 'adaptive' ? client.adapter.firstPollDelayMs : undefined;
		const first = suggested ?? nextPollDelayMs(settings.polling, undefined, 0);
		await pause(Math.min(first, settings.timeoutMs), signal);
	}

	for (;;) {
		const result = await client.queryOnce(taskId, itemIndex, undefined, signal);
		let delay: number;
		if (result.task) {
			last = result.task;
			transientInARow = 0;
			if (isFinished(last)) return last;
			delay = nextPollDelayMs(settings.polling, last, Date.now() - started);
		} else {
			const problem = result.transient!;
			if (problem.code === '429') {
				// A 429 only slows the pace; it never fails an item.
				delay = RATE_LIMITED_RETRY_MS;
			} else if (++transientInARow >= MAX_TRANSIENT_IN_A_ROW) {
				throw providerError(client.node, {
					code: problem.code,
					message: `${problem.message}, ${transientInARow} times in a row, while waiting for task ${taskId}`,
					description: `The task may still be running${last ? ` (last status: ${last.status})` : ''}. Run "Wait Until Done" or "Query" with task ID ${taskId} to pick it up again.`,
					itemIndex,
					taskId,
					task: last,
				});
			} else {
				delay = backoffMs(transientInARow);
			}
		}

		const left = deadline - Date.now();
		if (left <= 0) throw timeoutError(client, taskId, itemIndex, settings, last);
		await pause(Math.min(delay, left), signal);
	}
}

function timeoutError(
	client: ProviderClient,
	taskId: string,
	itemIndex: number,
	settings: WaitSettings,
	last: NormalizedTask | undefined,
) {
	const status = last?.status ?? 'unknown';
	return providerError(client.node, {
		code: 'TIMEOUT',
		message: `Task ${taskId} was not finished after ${Math.round(settings.timeoutMs / 1000)} s (last status: ${status})`,
		description: `The task keeps running at ${client.adapter.displayName}. Use "Wait Until Done" or "Query" with task ID ${taskId} to pick it up again, or raise the Timeout.`,
		itemIndex,
		taskId,
		task: last,
	});
}
