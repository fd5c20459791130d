import { sleep } from 'n8n-workflow';

import { CancelledError } from './errors';

/** Short enough that a cancelled execution stops waiting at once, long enough to cost nothing. */
const SLICE_MS = 200;

/**
 * Waits `ms`, giving up as soon as `signal` aborts.
 *
 * Sleeps in slices with n8n-workflow's plain `sleep(ms)`, which exists in n8n 1.x and 2.x alike;
 * the abortable variants differ between the two and leave a listener on the execution's
 * signal for every call, which adds up over a long poll of many items.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	const end = Date.now() + Math.max(0, ms);
	for (;;) {
		if (signal?.aborted) throw new CancelledError();
		const left = end - Date.now();
		if (left <= 0) return;
		await sleep(Math.min(SLICE_MS, left));
	}
}
