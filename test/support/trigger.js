'use strict';

const http = require('node:http');

const { createWebhookRunner, startWebhookServer } = require('../harness');
const { SoraVideoCallbackTrigger, credentialTypes } = require('./dist');
const { credentialFor, simCredentials } = require('./credentials');
const { marketSuccessBody } = require('./callbackBodies');

/**
 * Starts the real compiled Sora Video Trigger behind the harness' webhook server
 * (n8n-core's WebhookContext, real HTTP). `credentials`:
 *  - a provider id ('kie' | 'revid' | 'sora2api'): only that provider's credential
 *  - 'all': all three
 *  - an object { [credentialType]: data }: as given
 *  - undefined / null: none
 * `kieAiApi` etc. in `credentialOverrides` change the simulator credential data.
 */
async function startTrigger(sim, {
	provider = 'auto',
	events,
	options = {},
	credentials,
	credentialOverrides = {},
	staticData = {},
	mode,
	node,
} = {}) {
	let creds = {};
	if (credentials === 'all') creds = simCredentials(sim, credentialOverrides);
	else if (typeof credentials === 'string') creds = credentialFor(sim, credentials, credentialOverrides);
	else if (credentials) creds = credentials;

	const parameters = { provider, options };
	if (events) parameters.events = events;
	const runner = createWebhookRunner({
		nodeClass: SoraVideoCallbackTrigger(),
		credentialTypes: credentialTypes(),
		credentials: creds,
		parameters,
		staticData,
		...(mode ? { mode } : {}),
		...(node ? { node } : {}),
	});
	const server = await startWebhookServer(runner);
	return {
		runner,
		server,
		staticData,
		url: server.webhookUrl(),
		fired: server.fired,
		/** Every log line logged while this trigger's webhook/hook methods ran. */
		logs: () => runner.calls.flatMap((call) => call.logs),
		/** The one item of every execution fired so far. */
		items: () => server.fired.map((workflowData) => workflowData[0][0]),
		close: () => server.close(),
	};
}

/** Minimal JSON-over-HTTP client without keep-alive, so nothing outlives a test. */
function httpRequest(method, url, { headers = {}, body } = {}) {
	const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = http.request(url, {
			method,
			agent: false,
			headers: {
				connection: 'close',
				...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
				...headers,
			},
		});
		req.on('error', reject);
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode, headers: res.headers, text, json });
			});
			res.on('error', reject);
		});
		req.end(payload);
	});
}

const CREATE = {
	kie: (sim) => ({ path: '/api/v1/jobs/createTask', headers: { authorization: `Bearer ${sim.apiKeys.kie}` } }),
	revid: (sim) => ({ path: '/paid/sora2/create', headers: { 'x-api-key': sim.apiKeys.revid } }),
	sora2api: (sim) => ({ path: '/api/v1/sora2/generate', headers: { authorization: `Bearer ${sim.apiKeys.sora2api}` } }),
};

/** Starts a task straight at the simulator's API (as any other client would) and returns its ID. */
async function createTask(sim, provider, { callBackUrl, behaviour, prompt = 'A lighthouse in a storm' } = {}) {
	if (behaviour) sim.setNextTask(behaviour);
	const { path, headers } = CREATE[provider](sim);
	// kie.ai serves current models only; Revid and Sora2API document only Sora 2.
	const market = provider === 'kie' ? { model: 'kling-3.0/video', input: { prompt, mode: 'std', sound: false, duration: '5', aspect_ratio: '16:9', multi_shots: false } } : { model: 'sora-2-text-to-video', input: { prompt } };
	const body = provider === 'sora2api' ? { prompt, ...(callBackUrl ? { callBackUrl } : {}) } : { ...market, ...(callBackUrl ? { callBackUrl } : {}) };
	const res = await httpRequest('POST', `${sim.url}${path}`, { headers, body });
	const taskId = res.json && res.json.data && res.json.data.taskId;
	if (!taskId) throw new Error(`createTask(${provider}) failed: ${res.status} ${res.text}`);
	return taskId;
}

/** A task that has already ended at the simulator (succeeded, or failed with `fail: true`). */
async function finishedTask(sim, provider, { fail = false, ...rest } = {}) {
	const taskId = await createTask(sim, provider, rest);
	sim.finishTask(taskId, { fail });
	return taskId;
}

/** A local HTTP server standing in for an internal address: it records every hit. */
async function startRecorder() {
	const hits = [];
	const server = http.createServer((req, res) => {
		hits.push({ method: req.method, url: req.url });
		res.writeHead(200, { 'content-type': 'video/mp4' });
		res.end('internal secret bytes');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		hits,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A kie.ai / Revid callback body claiming failure. */
function marketFailureBody(taskId, extra = {}) {
	return marketSuccessBody(taskId, [], {
		state: 'fail',
		resultJson: null,
		failCode: '500',
		failMsg: 'forged failure',
		...extra,
	});
}

module.exports = {
	startTrigger,
	httpRequest,
	createTask,
	finishedTask,
	startRecorder,
	marketSuccessBody,
	marketFailureBody,
};

const QUERY = {
	kie: (sim, taskId) => ({
		method: 'GET',
		url: `${sim.url}/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(taskId)}`,
		headers: { authorization: `Bearer ${sim.apiKeys.kie}` },
	}),
	revid: (sim, taskId) => ({
		method: 'POST',
		url: `${sim.url}/paid/get/taskid?taskId=${encodeURIComponent(taskId)}`,
		headers: { 'x-api-key': sim.apiKeys.revid },
	}),
	sora2api: (sim, taskId) => ({
		method: 'GET',
		url: `${sim.url}/api/v1/sora2/record-info?taskId=${encodeURIComponent(taskId)}`,
		headers: { authorization: `Bearer ${sim.apiKeys.sora2api}` },
	}),
};

/**
 * The provider's query answer `{code, msg, data}` for a task: for kie.ai and Revid a finished
 * task's answer is exactly their callback body, for Sora2API it is the 'record' callback shape.
 */
async function queryBody(sim, provider, taskId) {
	const { method, url, headers } = QUERY[provider](sim, taskId);
	const res = await httpRequest(method, url, { headers });
	if (!res.json || res.json.code !== 200) throw new Error(`queryBody(${provider}) failed: ${res.status} ${res.text}`);
	return res.json;
}

module.exports.queryBody = queryBody;
