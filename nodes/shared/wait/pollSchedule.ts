import type { NormalizedTask } from '../providers/types';

export type Polling = { mode: 'adaptive' } | { mode: 'fixed'; intervalMs: number };

const SECOND = 1000;
const MIN_DELAY_MS = 1.5 * SECOND;
const MAX_DELAY_MS = 30 * SECOND;

/** kie.ai's advice: every 2–3 s for the first 30 s, 5–10 s until 2 min, then 15–30 s. */
function pacingByAge(ageMs: number): number {
	if (ageMs < 30 * SECOND) return 2.5 * SECOND;
	if (ageMs < 120 * SECOND) return 6 * SECOND;
	if (ageMs < 600 * SECOND) return 15 * SECOND;
	return MAX_DELAY_MS;
}

function taskAgeMs(task: NormalizedTask | undefined, waitedMs: number): number {
	const created = task?.createdAt ? Date.parse(task.createdAt) : NaN;
	const age = Date.now() - created;
	// A provider clock far off ours is no guide; our own wait time always is.
	return Number.isFinite(age) && age >= waitedMs && age < 7 * 24 * 3600 * SECOND ? age : waitedMs;
}

/**
 * How long to wait before the next status query.
 *
 * With a progress figure the finish time can be estimated from the pace so far; each query
 * then halves the time left, so a long task costs a handful of queries and is seen done
 * within seconds. Without one, the provider's recommended pacing is followed.
 */
export function nextPollDelayMs(polling: Polling, task: NormalizedTask | undefined, waitedMs: number): number {
	if (polling.mode === 'fixed') return polling.intervalMs;
	const age = taskAgeMs(task, waitedMs);
	const progress = task?.progress;
	if (task?.status === 'processing' && typeof progress === 'number' && progress > 0 && progress < 100) {
		const remaining = (age * (100 - progress)) / progress;
		return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, remaining / 2));
	}
	return pacingByAge(age);
}
