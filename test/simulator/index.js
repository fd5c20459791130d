'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

const { DEFAULTS, mergeOptions } = require('./options');
const { Exchange, readBody, defaultMessage } = require('./exchange');
const { isAuthorized } = require('./auth');
const { TaskStore } = require('./tasks');
const { Faults } = require('./faults');
const { Stats } = require('./stats');
const { CallbackSender } = require('./callbacks');
const { queryData, callbackBody } = require('./records');
const { serveFile } = require('./media');
const { UploadStore } = require('./uploads');
const { serveUpload } = require('./routes/upload');
const { matchRoute } = require('./routes');
const { control } = require('./control');
const { StudioApi, isStudioPath } = require('./studio');

/**
 * One HTTP server speaking the Revid, Sora2API and kie.ai APIs, with fault
 * injection and request counting. See README.md beside this file.
 */
class Simulator {
	constructor(options) {
		this._initialOptions = options;
		this._options = mergeOptions(options, {}, { allowListen: true });
		this._stats = new Stats(() => this._tasks.now());
		this._faults = new Faults();
		this._delays = new Set();
		this._closed = false;
		this.recorded = [];
		this._freshLinks = new Map();
		this.uploads = new UploadStore();
		this._callbacks = new CallbackSender({
			getOptions: () => this._options,
			logLine: (line) => this._log(line),
		});
		this._tasks = new TaskStore({
			getOptions: () => this._options,
			onComplete: (task) => this._onTaskComplete(task),
		});
		this.studio = new StudioApi({
			getOptions: () => this._options,
			stats: this._stats,
			faults: this._faults,
			applyFault: (ex, action) => this._applyFault(ex, action),
			baseUrl: () => this.url,
		});
		this._server = http.createServer((req, res) => {
			this._handle(req, res).catch((err) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'Content-Type': 'text/plain' });
					res.end(`simulator error: ${err.message}`);
				}
			});
		});
	}

	_listen() {
		return new Promise((resolve, reject) => {
			const onError = (err) => reject(err);
			this._server.once('error', onError);
			this._server.listen(this._options.port, this._options.host, () => {
				this._server.off('error', onError);
				const { port } = this._server.address();
				const host = this._options.host.includes(':') ? `[${this._options.host}]` : this._options.host;
				this.url = `http://${host}:${port}`;
				this.port = port;
				resolve();
			});
		});
	}

	get baseUrls() {
		return { revid: this.url, revidStudio: `${this.url}/v1`, sora2api: `${this.url}/api/v1/sora2`, kie: this.url };
	}

	get apiKeys() {
		return { ...this._options.apiKeys };
	}

	/** The current options (read-only copy). */
	get options() {
		return mergeOptions(this._options, {}, { allowListen: true });
	}

	get stats() {
		return this._stats;
	}

	get callbacks() {
		return this._callbacks.records;
	}

	configure(partial) {
		this._options = mergeOptions(this._options, partial || {});
		if (partial && partial.studio && partial.studio.balance !== undefined) this.studio.balance = partial.studio.balance;
	}

	reset() {
		this._options = mergeOptions(this._initialOptions, {}, { allowListen: true });
		this._tasks.clear();
		this._faults.clear();
		this._stats.reset();
		this._callbacks.reset();
		this.uploads.clear();
		this._freshLinks.clear();
		this.studio.reset();
		this.recorded.length = 0;
	}

	addFault(rule) {
		return this._faults.add(rule);
	}

	removeFault(id) {
		return this._faults.remove(id);
	}

	clearFaults() {
		this._faults.clear();
	}

	listFaults() {
		return this._faults.list();
	}

	/** Queues a behaviour for the next task created (any provider); returns the queue length. */
	setNextTask(behaviour) {
		return this._tasks.enqueueBehaviour(behaviour);
	}

	getTask(taskId) {
		const task = this._tasks.get(taskId);
		return task ? this._tasks.snapshot(task) : undefined;
	}

	finishTask(taskId, { fail = false } = {}) {
		const task = this._tasks.finish(taskId, { fail });
		return task ? this._tasks.snapshot(task) : undefined;
	}

	maxInWindow(routeKey, windowMs) {
		return this._stats.maxInWindow(routeKey, windowMs);
	}

	/**
	 * Sends a completion callback on demand, built like the automatic one, for an
	 * existing task or with an explicit `body`. Resolves with { status, body } or
	 * { status: null, error } when the receiver could not be reached.
	 */
	async sendCallback(url, opts = {}) {
		const { taskId, provider, shape, sign, timestamp, token, headers, body } = opts;
		if (typeof url !== 'string' || !url) throw new Error('sendCallback: url is required');
		const task = this._tasks.get(taskId);
		if (!task && body === undefined) throw new Error(`sendCallback: unknown task "${taskId}" and no body given`);
		const as = provider ?? (task ? task.provider : 'kie');
		let payload = body;
		if (payload === undefined) {
			payload = callbackBody({ ...task, provider: as }, this._tasks.phase(task), this.url, {
				sora2apiShape: shape ?? this._options.sora2apiCallbackShape,
			});
		}
		const data = payload && typeof payload === 'object' ? payload.data : undefined;
		const signedId = taskId ?? (data && (data.taskId ?? data.task_id));
		return this._callbacks.deliver({
			url,
			body: payload,
			taskId: signedId,
			provider: as,
			sign,
			timestamp,
			token,
			headers,
			manual: true,
		});
	}

	async close() {
		if (this._closed) return;
		this._closed = true;
		this._tasks.clear();
		for (const timer of this._delays) clearTimeout(timer);
		this._delays.clear();
		await this._callbacks.close();
		this.uploads.close();
		await new Promise((resolve) => {
			this._server.close(() => resolve());
			this._server.closeAllConnections();
		});
	}

	_log(line) {
		if (!this._options.log) return;
		const time = new Date().toISOString().slice(11, 23);
		console.log(`[sim ${time}] ${line}`);
	}

	_sleep(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this._delays.delete(timer);
				resolve();
			}, ms);
			this._delays.add(timer);
		});
	}

	_onTaskComplete(task) {
		if (this._closed || !task.callBackUrl || task.behaviour.noCallback) return;
		const { doneAt } = this._tasks.outcome(task);
		// Timers may fire a hair early; build the body as of the completion instant.
		const ph = this._tasks.phase(task, Math.max(this._tasks.now(), doneAt));
		const body = callbackBody(task, ph, this.url, { sora2apiShape: this._options.sora2apiCallbackShape });
		this._callbacks
			.deliver({ url: task.callBackUrl, body, taskId: task.taskId, provider: task.provider })
			.catch((err) => this._log(`callback for ${task.taskId} failed: ${err.message}`));
	}

	/** Counts the exchange when it ends and prints one line if logging is on (never headers, never keys). */
	_track(ex, pathname) {
		ex.res.once('close', () => {
			this._stats.finish(ex.entry);
			if (!this._options.log) return;
			const e = ex.entry;
			const parts = [`${ex.req.method} ${pathname}`, e.key, '->', e.status ?? 'reset'];
			if (e.code !== null && e.code !== undefined) parts.push(`code=${e.code}`);
			if (e.taskId) parts.push(`task=${e.taskId}`);
			if (e.fault) parts.push(`fault=${e.fault}`);
			this._log(parts.join(' '));
		});
	}

	async _handle(req, res) {
		const url = new URL(req.url, 'http://simulator.invalid');
		if (url.pathname.startsWith('/__sim/')) {
			res.once('close', () => this._log(`${req.method} ${url.pathname} control -> ${res.statusCode}`));
			await control(req, res, this, url.pathname, url.searchParams);
			return;
		}
		if (isStudioPath(url.pathname)) {
			await this.studio.handle(req, res, url);
			return;
		}
		const match = matchRoute(req.method, url.pathname);
		if (!match || match.methodNotAllowed) {
			const entry = this._stats.begin('unmatched', null);
			const ex = new Exchange(req, res, { provider: null, route: null, key: 'unmatched', entry, errorStyle: 'http' });
			this._track(ex, url.pathname);
			const code = match ? 405 : 404;
			ex.json(code, { code, msg: defaultMessage(code), data: null });
			return;
		}
		const fileTask = match.route === 'file' ? this._tasks.get(match.fileTaskId) : undefined;
		const taskId = match.route === 'file' ? match.fileTaskId : url.searchParams.get('taskId') || null;
		const provider = match.provider ?? (fileTask ? fileTask.provider : null);
		const entry = this._stats.begin(match.key, taskId);
		if (match.route === 'query') this._stats.countTask(taskId, 'queries');
		if (match.route === 'file') this._stats.countTask(taskId, 'fileDownloads');
		const ex = new Exchange(req, res, {
			provider,
			route: match.route,
			key: match.key,
			entry,
			errorStyle: provider ? this._options.errorStyle[provider] : 'http',
		});
		this._track(ex, url.pathname);
		try {
			const body = req.method === 'POST' && !match.streamBody ? await readBody(req) : '';
			await this._dispatch(ex, match, { body, taskId, fileTask });
		} catch (err) {
			if (!ex.answered && !res.destroyed) ex.error(err.status || 500, err.status ? err.message : undefined);
		}
	}

	async _dispatch(ex, match, { body, taskId, fileTask }) {
		const { provider, route } = ex;
		if (provider === 'kie' && this._options.kieRequireUserAgent && !ex.req.headers['user-agent']) {
			ex.text(403, 'error code: 1010');
			return;
		}
		const rule = this._faults.match({ provider: provider ?? undefined, route, taskId: route === 'create' ? undefined : taskId });
		if (rule) {
			ex.entry.fault = rule.action.type;
			if (!(await this._applyFault(ex, rule.action))) return;
		}
		if (route === 'uploaded') {
			serveUpload(ex, this.uploads.get(match.uploadKey));
			return;
		}
		if (route === 'file') {
			const task = fileTask && match.fileIndex <= (fileTask.behaviour.extraResultUrls || 0) ? fileTask : undefined;
			const fresh = new URL(ex.req.url, this.url).searchParams.get('fresh');
			const freshUntil = fresh ? this._freshLinks.get(fresh) : undefined;
			serveFile(ex, task && this._tasks.phase(task).state === 'success' ? task : undefined, { fresh: freshUntil !== undefined && freshUntil > Date.now() });
			return;
		}
		if (!isAuthorized(provider, ex.req.headers, this._options.apiKeys)) {
			ex.error(401, 'You do not have access permissions');
			return;
		}
		await match.handler(ex, {
			body,
			taskId,
			options: this._options,
			baseUrl: this.url,
			uploads: this.uploads,
			createTask: (args) => {
				const task = this._tasks.create({ provider, ...args });
				this._stats.taskCreated(task.taskId);
				ex.entry.taskId = task.taskId;
				return task;
			},
			getTask: (id) => {
				const task = this._tasks.get(id);
				return task && task.provider === provider ? task : undefined;
			},
			queryData: (task) => queryData(task, this._tasks.phase(task), this.url),
			freshLink: () => {
				const token = crypto.randomBytes(8).toString('hex');
				this._freshLinks.set(token, Date.now() + this._options.freshLinkTtlMs);
				return token;
			},
			later: (ms, fn) => {
				this._sleep(ms).then(() => {
					if (!this._closed) fn();
				});
			},
			deliverCallback: (url, body, taskId) => {
				this._callbacks
					.deliver({ url, body, taskId, provider })
					.catch((err) => this._log(`callback for ${taskId} failed: ${err.message}`));
			},
		});
	}

	/** Applies a fault; returns true when the route should still run (its answer then goes through ex.sink). */
	async _applyFault(ex, action) {
		const isCreate = ex.route === 'create';
		switch (action.type) {
			case 'code':
				ex.json(action.http ? action.code : 200, {
					code: action.code,
					msg: action.msg ?? defaultMessage(action.code),
					data: null,
				});
				return false;
			case 'rateLimit':
				ex.json(
					429,
					{ code: 429, msg: action.msg ?? defaultMessage(429), data: null },
					action.retryAfter === undefined ? {} : { 'Retry-After': String(action.retryAfter) },
				);
				return false;
			case 'delay':
				// A slow provider still does the work: the route runs after the wait.
				await this._sleep(action.ms);
				if (this._closed) return false;
				// A slow answer that is then a refusal, a reset …: `then` is applied after the wait.
				return action.then ? await this._applyFault(ex, action.then) : true;
			case 'reset':
				if (isCreate && action.created) {
					ex.sink = 'destroy';
					return true;
				}
				ex.destroy();
				return false;
			case 'resetMidBody':
				ex.sink = 'midBody';
				return true;
			case 'malformed':
				// A cut-off answer is usually a real answer: the create went through
				// unless the rule says `created: false`.
				ex.sink = 'truncate';
				if (isCreate && action.created === false) {
					ex.json(200, { code: 200, msg: 'success', data: { taskId: 'never-created' } });
					return false;
				}
				return true;
			case 'html':
			case 'empty': {
				const status = action.status ?? (action.type === 'html' ? 502 : 200);
				if (isCreate && action.created) {
					ex.sink = action.type;
					ex.sinkStatus = status;
					return true;
				}
				if (action.type === 'html') ex.html(status);
				else ex.empty(status);
				return false;
			}
			default:
				return true;
		}
	}
}

/** Starts a simulator and resolves once it is listening. */
async function createSimulator(options = {}) {
	const sim = new Simulator(mergeOptions(DEFAULTS, options, { allowListen: true }));
	await sim._listen();
	return sim;
}

module.exports = { createSimulator, Simulator, DEFAULTS };
