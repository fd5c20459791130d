import type { NormalizedTask } from '../providers/types';

export type Polling = { mode: 'adaptive' } | { mode: 'fixed'; intervalMs: number };

const SECOND = 1000;
const MIN_DELAY_MS = 1.5 * SECOND;
const MAX_DELAY_MS = 30 * SECOND;
/** A task that reports progress but has none yet is asked about after half its age, within these bounds. */
const NO_PROGRESS_YET_MIN_MS = 2.5 * SECOND;
const NO_PROGRESS_YET_MAX_MS = 15 * SECOND;
/** Once progress has moved this many points, the measured pace is trusted to aim at the finish. */
const STEADY_POINTS = 10;
/** Aim a little before the estimated finish: the estimate is made from rounded progress figures. */
const AIM = 0.9;
/** Progress sightings are remembered for this many tasks (the most recently polled). */
const TRACKED_TASKS = 2000;

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

function clamp(ms: number, min = MIN_DELAY_MS, max = MAX_DELAY_MS): number {
	return Math.min(max, Math.max(min, ms));
}

interface Sighting {
	/** When progress above 0 was first seen, and how much it was. */
	firstAt: number;
	firstProgress: number;
	/** The last progress seen, and when it last changed. */
	progress: number;
	changedAt: number;
}

/**
 * Progress sightings per task, shared by every wait in this process (they are facts about the
 * task, whoever polled it). Bounded: the least recently polled tasks are forgotten first.
 */
const sightings = new Map<string, Sighting>();

/** Records a sighting; returns the earlier record, or undefined when this is the first one. */
function sight(task: NormalizedTask, progress: number, now: number): Sighting | undefined {
	const key = `${task.provider}:${task.taskId}`;
	const known = sightings.get(key);
	sightings.delete(key);
	if (!known || progress < known.firstProgress) {
		sightings.set(key, { firstAt: now, firstProgress: progress, progress, changedAt: now });
		if (sightings.size > TRACKED_TASKS) sightings.delete(sightings.keys().next().value as string);
		return undefined;
	}
	if (progress !== known.progress) {
		known.progress = progress;
		known.changedAt = now;
	}
	sightings.set(key, known);
	return known;
}

/**
 * With progress, the finish is estimated from the pace measured between the first sighting
 * and now (so time spent queued does not distort it), and the next query is aimed just before
 * that. Until the pace is measured, and while progress stands still, the wait grows with the
 * time already spent, so a wrong guess costs little.
 */
function delayFromProgress(task: NormalizedTask, progress: number, ageMs: number): number {
	const now = Date.now();
	const seen = sight(task, progress, now);
	if (!seen) {
		// One sighting: the pace since creation includes the queue and overestimates what is
		// left, so look again soon to measure the real pace.
		const leftIfSteadySinceCreation = (ageMs * (100 - progress)) / progress;
		return clamp(Math.min(leftIfSteadySinceCreation / 2, ageMs / 2));
	}
	const moved = progress - seen.firstProgress;
	const span = now - seen.firstAt;
	if (moved <= 0 || span <= 0) return clamp(span / 2);
	const left = ((100 - progress) * span) / moved;
	const aim = moved >= STEADY_POINTS ? left * AIM : left / 2;
	// Progress stuck (many providers sit at 99 % for a while): back off with the time it has stood.
	const stalled = now - seen.changedAt;
	return clamp(Math.max(aim, stalled / 2));
}

/**
 * How long to wait before the next status query.
 *
 * With a progress figure the finish time is estimated from the measured pace, so a long task
 * costs a handful of queries and is seen done within seconds. Without one, the provider's
 * recommended pacing is followed.
 */
export function nextPollDelayMs(polling: Polling, task: NormalizedTask | undefined, waitedMs: number): number {
	if (polling.mode === 'fixed') return polling.intervalMs;
	const age = taskAgeMs(task, waitedMs);
	const progress = task?.progress;
	if (task && typeof progress === 'number') {
		if (task.status === 'processing' && progress > 0 && progress < 100) {
			return delayFromProgress(task, progress, age);
		}
		if (progress === 0 && (task.status === 'queued' || task.status === 'processing')) {
			// The provider reports progress, and there is none yet: queued or just starting.
			return clamp(age / 2, NO_PROGRESS_YET_MIN_MS, NO_PROGRESS_YET_MAX_MS);
		}
	}
	return pacingByAge(age);
}
