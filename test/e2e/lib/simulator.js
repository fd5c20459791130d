'use strict';

// The provider simulator as a separate process (test/simulator/cli.js), driven over its
// HTTP control API (/__sim/...), as n8n reaches it: through real sockets.

const path = require('node:path');

const procs = require('./procs');
const { request, freePort, waitFor } = require('./http');

const CLI = path.resolve(__dirname, '..', '..', 'simulator', 'cli.js');

class SimulatorProcess {
	constructor(child, url, port, output) {
		this.child = child;
		this.url = url;
		this.port = port;
		this.output = output;
		// As in test/simulator/options.js (the simulator's default keys).
		this.apiKeys = {
			revid: 'sim-revid-key',
			revidStudio: 'sk_live_sim_revid_studio',
			sora2api: 'sim-sora2api-key',
			kie: 'sim-kie-key',
			openai: 'sim-openai-key',
		};
		this.baseUrls = { revid: url, revidStudio: `${url}/v1`, sora2api: `${url}/api/v1/sora2`, kie: url };
	}

	async control(method, route, json) {
		const res = await request(method, `${this.url}/__sim${route}`, { json, timeoutMs: 30_000 });
		if (res.status !== 200) throw new Error(`simulator ${method} ${route}: HTTP ${res.status} ${res.text}`);
		return res.json;
	}

	reset() {
		return this.control('POST', '/reset');
	}

	configure(options) {
		return this.control('POST', '/configure', options);
	}

	stats() {
		return this.control('GET', '/stats');
	}

	/** Revid AI Studio: the creates it took (fields, file summary), the balance, the busy slots. */
	studio() {
		return this.control('GET', '/studio');
	}

	recorded() {
		return this.control('GET', '/recorded');
	}

	callbacks() {
		return this.control('GET', '/callbacks');
	}

	addFault(rule) {
		return this.control('POST', '/faults', rule);
	}

	clearFaults() {
		return this.control('DELETE', '/faults');
	}

	nextTask(behaviour) {
		return this.control('POST', '/next-task', behaviour);
	}

	finishTask(taskId, body = {}) {
		return this.control('POST', `/tasks/${encodeURIComponent(taskId)}/finish`, body);
	}

	task(taskId) {
		return this.control('GET', `/tasks/${encodeURIComponent(taskId)}`);
	}

	sendCallback(url, options) {
		return this.control('POST', '/send-callback', { url, ...options });
	}

	/** Creates a task directly through the provider's own API, as any client would (no callback). */
	async createTask(provider, prompt = 'e2e direct task') {
		const key = this.apiKeys[provider];
		let res;
		if (provider === 'kie') {
			res = await request('POST', `${this.url}/api/v1/jobs/createTask`, {
				headers: { authorization: `Bearer ${key}` },
				json: { model: 'kling-3.0/video', input: { prompt, aspect_ratio: '16:9', duration: '5', mode: 'std', sound: false, multi_shots: false } },
			});
		} else if (provider === 'revid') {
			res = await request('POST', `${this.url}/paid/sora2/create`, {
				headers: { 'x-api-key': key },
				json: { model: 'sora-2-text-to-video', input: { prompt, aspect_ratio: 'landscape' } },
			});
		} else {
			res = await request('POST', `${this.baseUrls.sora2api}/generate`, {
				headers: { authorization: `Bearer ${key}` },
				json: { prompt, aspectRatio: 'landscape' },
			});
		}
		const taskId = res.json && res.json.data && (res.json.data.taskId || res.json.data.task_id);
		if (!taskId) throw new Error(`direct ${provider} create failed: HTTP ${res.status} ${res.text}`);
		return taskId;
	}

	async stop() {
		await procs.stop(this.child, 5000);
	}
}

/** Starts test/simulator/cli.js on a free port (or `port`) and waits until it answers. */
async function startSimulator({ port, taskDurationMs = 1500, log = () => {}, logRequests = false } = {}) {
	const listenPort = port || (await freePort());
	const output = [];
	const child = procs.start(process.execPath, [CLI], {
		name: 'simulator',
		env: {
			...process.env,
			SIM_PORT: String(listenPort),
			SIM_HOST: '127.0.0.1',
			SIM_TASK_DURATION_MS: String(taskDurationMs),
			SIM_LOG: logRequests ? '1' : '0',
		},
		onLine: (line) => {
			output.push(line);
			if (output.length > 2000) output.shift();
			log(line);
		},
	});
	const url = `http://127.0.0.1:${listenPort}`;
	try {
		await waitFor(
			'the simulator',
			async () => {
				if (child.exitCode !== null) throw new Error(`simulator exited: ${output.slice(-5).join(' | ')}`);
				const res = await request('GET', `${url}/__sim/health`, { timeoutMs: 2000 });
				return res.status === 200;
			},
			{ timeoutMs: 15_000, intervalMs: 100 },
		);
	} catch (error) {
		await procs.stop(child, 2000);
		throw error;
	}
	return new SimulatorProcess(child, url, listenPort, output);
}

module.exports = { startSimulator };
