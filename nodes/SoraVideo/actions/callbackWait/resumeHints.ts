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
/**
 * What a resume under way checks its later callbacks against: the tasks it waits for, the URL
 * token and the webhook HMAC key. Each callback of a large batch makes n8n load the whole paused
 * execution before the node sees it; reading the parked items or the credential again (an await
 * on n8n's busy database) held ~150 of those loaded executions at once in the 1,000-item
 * benchmark. Checked against this, a later callback is answered without waiting for anything.
 */
export interface ResumeChecks {
	tasks: ReadonlySet<string>;
	token: string;
	hmacKey: string;
}

const underWay = new Map<string, ResumeChecks>();
/**
 * Resumes handed back to n8n. Between the webhook returning and n8n marking the execution as
 * running, a late callback would otherwise resume it a second time.
 */
const handedBack = new Set<string>();
const HANDED_BACK_KEPT = 1000;

export function isResuming(nonce: string): boolean {
	return active.has(nonce) || handedBack.has(nonce);
}

export function beginResume(nonce: string, checks: ResumeChecks): void {
	active.set(nonce, new Map());
	underWay.set(nonce, checks);
}

/** What the resume under way in this process checks callbacks against; undefined when none is under way here. */
export function checksOfResume(nonce: string): ResumeChecks | undefined {
	return underWay.get(nonce);
}

export function endResume(nonce: string): void {
	active.delete(nonce);
	// The HMAC key is kept in memory only while the resume runs.
	underWay.delete(nonce);
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
