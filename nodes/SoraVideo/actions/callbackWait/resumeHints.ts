import type { NormalizedTask } from '../../../shared/providers/types';

interface Watch {
	controller: AbortController;
	/** A callback that arrived and was not yet taken. */
	task?: NormalizedTask;
}

/**
 * Executions whose resume is under way in this process. n8n resumes an execution once, but each
 * task calls back: while the first callback's resume is still looking up the other tasks, their
 * callbacks land here and cut those tasks' polling short instead of resuming the execution again.
 */
const active = new Map<string, Map<string, Watch>>();
/** The tasks each resume under way waits for, so its later callbacks need not read the parked items again. */
const waitingFor = new Map<string, ReadonlySet<string>>();
/**
 * Resumes handed back to n8n. Between the webhook returning and n8n marking the execution as
 * running, a late callback would otherwise resume it a second time.
 */
const handedBack = new Set<string>();
const HANDED_BACK_KEPT = 1000;

export function isResuming(nonce: string): boolean {
	return active.has(nonce) || handedBack.has(nonce);
}

export function beginResume(nonce: string, taskIds: ReadonlySet<string>): void {
	active.set(nonce, new Map());
	waitingFor.set(nonce, taskIds);
}

/** The tasks the resume under way in this process waits for; undefined when none is under way here. */
export function tasksOfResume(nonce: string): ReadonlySet<string> | undefined {
	return waitingFor.get(nonce);
}

export function endResume(nonce: string): void {
	active.delete(nonce);
	waitingFor.delete(nonce);
	handedBack.add(nonce);
	if (handedBack.size > HANDED_BACK_KEPT) handedBack.delete(handedBack.values().next().value as string);
}

/** A signal that fires when the task's callback arrives; already fired if one is waiting. */
export function watchTask(nonce: string, taskId: string): AbortSignal {
	const tasks = active.get(nonce);
	const watch: Watch = { controller: new AbortController(), task: tasks?.get(taskId)?.task };
	tasks?.set(taskId, watch);
	if (watch.task) watch.controller.abort();
	return watch.controller.signal;
}

/** The callback that arrived for the task, once. */
export function takeCallback(nonce: string, taskId: string): NormalizedTask | undefined {
	const watch = active.get(nonce)?.get(taskId);
	const task = watch?.task;
	if (watch) watch.task = undefined;
	return task;
}

export function noteCallback(nonce: string, task: NormalizedTask): void {
	const tasks = active.get(nonce);
	if (!tasks) return;
	const watch = tasks.get(task.taskId) ?? { controller: new AbortController() };
	watch.task = task;
	tasks.set(task.taskId, watch);
	watch.controller.abort();
}
