'use strict';

const crypto = require('node:crypto');

const ID_PREFIX = { revid: 'revid_', sora2api: 'sora2_', kie: 'kie_' };
// setTimeout cannot wait longer than this; a task that long never completes on its own.
const MAX_TIMER_MS = 2 ** 31 - 1;

const BEHAVIOUR_KEYS = {
	durationMs: 'number',
	queueMs: 'number',
	fail: 'boolean',
	failCode: 'string',
	failMsg: 'string',
	createFailed: 'boolean',
	stuck: 'boolean',
	failAfterGenerating: 'boolean',
	resultUrls: 'array',
	extraResultUrls: 'number',
	largeFileBytes: 'number',
	fileStatus: 'number',
	noCallback: 'boolean',
};

function validateBehaviour(b) {
	if (b === null || typeof b !== 'object' || Array.isArray(b)) {
		throw new Error('task behaviour must be an object');
	}
	for (const [key, value] of Object.entries(b)) {
		const type = BEHAVIOUR_KEYS[key];
		if (!type) throw new Error(`unknown task behaviour "${key}"`);
		if (value === undefined) continue;
		const ok =
			type === 'array'
				? Array.isArray(value) && value.every((u) => typeof u === 'string')
				: type === 'number'
					? typeof value === 'number' && Number.isFinite(value) && value >= 0
					: typeof value === type;
		if (!ok) throw new Error(`task behaviour "${key}" must be ${type === 'array' ? 'an array of strings' : `a ${type}`}`);
	}
	if (b.fileStatus !== undefined && ![403, 404, 410].includes(b.fileStatus)) {
		throw new Error('task behaviour "fileStatus" must be 403, 404 or 410');
	}
	return { ...b, resultUrls: b.resultUrls ? [...b.resultUrls] : undefined };
}

/**
 * Tasks and their clock. State is derived from timestamps on every read, so a
 * query never depends on a timer having fired; timers exist only to send
 * completion callbacks on time.
 */
class TaskStore {
	constructor({ getOptions, onComplete }) {
		this.getOptions = getOptions;
		this.onComplete = onComplete;
		this.tasks = new Map();
		this.pending = [];
	}

	enqueueBehaviour(behaviour) {
		this.pending.push(validateBehaviour(behaviour || {}));
		return this.pending.length;
	}

	create({ provider, api = 'market', model, body, input, callBackUrl, progressCallBackUrl }) {
		const opts = this.getOptions();
		const behaviour = this.pending.shift() || {};
		const now = Date.now();
		const durationMs = behaviour.durationMs ?? opts.taskDurationMs;
		const queueMs = Math.min(
			durationMs,
			behaviour.queueMs ?? opts.queueMs ?? Math.round(durationMs * 0.1),
		);
		const task = {
			taskId: ID_PREFIX[provider] + crypto.randomBytes(12).toString('hex'),
			provider,
			// kie.ai keeps Veo tasks in their own API: its records and callbacks have another shape.
			api,
			model: model ?? null,
			body,
			input: input ?? null,
			callBackUrl: typeof callBackUrl === 'string' && callBackUrl ? callBackUrl : null,
			progressCallBackUrl: typeof progressCallBackUrl === 'string' ? progressCallBackUrl : null,
			behaviour,
			createTime: now,
			durationMs,
			queueMs,
			queueEndAt: now + queueMs,
			endAt: now + durationMs,
			forced: null,
			completedNotified: false,
			timer: null,
		};
		this.tasks.set(task.taskId, task);
		this.schedule(task);
		return task;
	}

	get(taskId) {
		return typeof taskId === 'string' ? this.tasks.get(taskId) : undefined;
	}

	/** When the task ends (ms timestamp) and whether it fails; Infinity for stuck tasks. */
	outcome(task) {
		const b = task.behaviour;
		if (task.forced) return { doneAt: task.forced.at, failed: task.forced.fail };
		if (b.stuck) return { doneAt: Infinity, failed: false };
		if (b.createFailed) return { doneAt: task.queueEndAt, failed: true };
		return { doneAt: task.endAt, failed: Boolean(b.fail || b.failAfterGenerating) };
	}

	/** The running phase at `now`, as if the task were not finished yet. */
	runningPhase(task, now) {
		const b = task.behaviour;
		const halfQueue = task.createTime + task.queueMs / 2;
		if (b.stuck || now < halfQueue) return { state: 'waiting', progress: 0, updateTime: task.createTime };
		// A plain `fail` (and a create failure) never reaches the generating phase.
		const neverGenerates = b.createFailed || (b.fail && !b.failAfterGenerating);
		if (now < task.queueEndAt || neverGenerates) {
			return { state: 'queuing', progress: 0, updateTime: Math.round(halfQueue) };
		}
		const span = task.endAt - task.queueEndAt;
		const progress = span > 0 ? Math.min(99, Math.floor((99 * (now - task.queueEndAt)) / span)) : 99;
		return { state: 'generating', progress, updateTime: now };
	}

	/** Provider-neutral view of a task at `now`. */
	phase(task, now = Date.now()) {
		const { doneAt, failed } = this.outcome(task);
		if (now >= doneAt) {
			const progress = failed ? this.runningPhase(task, Math.max(task.createTime, doneAt - 1)).progress : 100;
			return {
				state: failed ? 'fail' : 'success',
				done: true,
				failed,
				createFailed: failed && !task.forced && Boolean(task.behaviour.createFailed),
				progress,
				completeTime: doneAt,
				updateTime: doneAt,
			};
		}
		return { ...this.runningPhase(task, now), done: false, failed: false, createFailed: false, completeTime: null };
	}

	schedule(task) {
		const { doneAt } = this.outcome(task);
		if (!Number.isFinite(doneAt)) return;
		const delay = Math.max(0, doneAt - Date.now());
		if (delay > MAX_TIMER_MS) return;
		task.timer = setTimeout(() => {
			task.timer = null;
			this.notify(task);
		}, delay);
		task.timer.unref();
	}

	notify(task) {
		if (task.completedNotified) return;
		task.completedNotified = true;
		this.onComplete(task);
	}

	/** Ends the task now (unless it already ended) and fires its callback. */
	finish(taskId, { fail = false } = {}) {
		const task = this.get(taskId);
		if (!task) return undefined;
		if (!this.phase(task).done) {
			if (task.timer) clearTimeout(task.timer);
			task.timer = null;
			task.forced = { at: Date.now(), fail: Boolean(fail) };
			this.notify(task);
		}
		return task;
	}

	clear() {
		for (const task of this.tasks.values()) {
			if (task.timer) clearTimeout(task.timer);
			task.timer = null;
		}
		this.tasks.clear();
		this.pending = [];
	}

	/** A plain snapshot for getTask() and GET /__sim/tasks/:id. */
	snapshot(task, now = Date.now()) {
		const ph = this.phase(task, now);
		return {
			taskId: task.taskId,
			provider: task.provider,
			api: task.api,
			model: task.model,
			body: task.body,
			input: task.input,
			callBackUrl: task.callBackUrl,
			progressCallBackUrl: task.progressCallBackUrl,
			behaviour: task.behaviour,
			state: ph.state,
			progress: ph.progress,
			createTime: task.createTime,
			queueEndAt: task.queueEndAt,
			endAt: task.endAt,
			completeTime: ph.completeTime,
			forced: task.forced,
		};
	}
}

module.exports = { TaskStore, validateBehaviour };
