'use strict';

// The provider adapters against the simulator over real HTTP: the requests they build are
// accepted, and what comes back parses into the one normalised task shape.
const { request } = require('undici');

const { createSimulator } = require('./simulator');
const { providers } = require('./support/dist');
const { PROVIDER_IDS } = require('./support/credentials');

let sim;
const PROVIDERS = providers();

beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 400 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

function authHeaders(provider) {
	return provider === 'revid'
		? { 'x-api-key': sim.apiKeys.revid }
		: { authorization: `Bearer ${sim.apiKeys[provider]}` };
}

async function send(provider, call) {
	const url = new URL(sim.baseUrls[provider] + call.path);
	for (const [key, value] of Object.entries(call.qs ?? {})) url.searchParams.set(key, value);
	const response = await request(url, {
		method: call.method,
		headers: { ...authHeaders(provider), 'content-type': 'application/json' },
		body: call.body ? JSON.stringify(call.body) : undefined,
	});
	return await response.body.json();
}

async function untilFinished(provider, taskId) {
	const adapter = PROVIDERS[provider];
	for (let i = 0; i < 100; i++) {
		const envelope = await send(provider, adapter.buildQuery(taskId));
		expect(envelope.code).toBe(200);
		const task = adapter.parseTask(envelope.data);
		if (task.status === 'succeeded' || task.status === 'failed') return task;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('task never finished');
}

function expectNormalised(task, provider) {
	expect(Object.keys(task).sort()).toEqual(
		['balance', 'completedAt', 'cost', 'costTimeMs', 'createdAt', 'error', 'model', 'progress', 'provider', 'raw', 'status', 'taskId', 'videoUrl', 'videoUrls'].sort(),
	);
	expect(task.provider).toBe(provider);
}

// kie.ai serves current models only; Revid and Sora2API document only Sora 2.
const MODEL_OF = { kie: 'kling-3.0/video', revid: 'sora-2-text-to-video', sora2api: 'sora-2-text-to-video' };
function requestFor(provider, extra = {}) {
	const input =
		provider === 'kie'
			? { prompt: 'a fox in the snow', mode: 'std', sound: false, duration: '5', aspect_ratio: '16:9', multi_shots: false }
			: { prompt: 'a fox in the snow', aspect_ratio: 'portrait', n_frames: '10', quality: 'hd' };
	return { model: MODEL_OF[provider], input, ...extra };
}

describe.each(PROVIDER_IDS)('%s adapter', (provider) => {
	const adapter = () => PROVIDERS[provider];

	test('create, then query until succeeded, gives the normalised task', async () => {
		const createCall = adapter().buildCreate(requestFor(provider));
		const created = await send(provider, createCall);
		expect(created.code).toBe(200);
		const taskId = adapter().readTaskId(created.data);
		expect(typeof taskId).toBe('string');

		const task = await untilFinished(provider, taskId);
		expectNormalised(task, provider);
		expect(task).toMatchObject({ taskId, status: 'succeeded', progress: 100, error: null, model: MODEL_OF[provider] });
		expect(task.videoUrl).toBe(`${sim.url}/files/${taskId}.mp4`);
		expect(task.videoUrls).toEqual([task.videoUrl]);
		expect(Date.parse(task.createdAt)).not.toBeNaN();
		expect(Date.parse(task.completedAt)).toBeGreaterThanOrEqual(Date.parse(task.createdAt) - 1000);
		// JSON-string fields arrive parsed in `raw`.
		const params = provider === 'sora2api' ? task.raw.paramJson : task.raw.param;
		expect(typeof params).toBe('object');
		expect(sim.getTask(taskId).body).toBeDefined();
	});

	test('a failed task maps to status failed with the reason', async () => {
		sim.setNextTask({ fail: true, failCode: '400', failMsg: 'content policy' });
		const created = await send(provider, adapter().buildCreate(requestFor(provider)));
		const task = await untilFinished(provider, adapter().readTaskId(created.data));
		expect(task.status).toBe('failed');
		expect(task.videoUrl).toBeNull();
		expect(task.error.message).toBe('content policy');
	});

	test('an unknown task ID is recognised as "not found"', async () => {
		sim.configure({ errorStyle: { [provider]: 'envelope' } });
		const envelope = await send(provider, adapter().buildQuery('no-such-task'));
		expect(envelope.code).not.toBe(200);
		expect(adapter().isTaskNotFound(envelope.code, envelope.msg ?? '')).toBe(true);
	});

	test('the completion callback parses into the same task as a query', async () => {
		const received = [];
		const http = require('node:http');
		const server = http.createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				received.push(JSON.parse(text));
				res.end('{}');
			});
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const callBackUrl = `http://127.0.0.1:${server.address().port}/cb`;
			const created = await send(provider, adapter().buildCreate(requestFor(provider, { callBackUrl })));
			const taskId = adapter().readTaskId(created.data);
			const queried = await untilFinished(provider, taskId);
			for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
			expect(received).toHaveLength(1);
			expect(adapter().matchesCallback(received[0])).toBe(true);
			const fromCallback = adapter().parseCallback(received[0]);
			expect(fromCallback).toMatchObject({ taskId, status: 'succeeded', videoUrl: queried.videoUrl });
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('Sora2API specifics', () => {
	test('image-to-video maps onto the flat body with imageUrls and no model', () => {
		const call = PROVIDERS.sora2api.buildCreate({
			model: 'sora-2-image-to-video',
			input: { prompt: 'p', aspect_ratio: 'portrait', image_urls: ['https://x/y.png'], quality: 'hd', watermark: 'mine' },
			callBackUrl: 'https://cb',
		});
		expect(call).toEqual({
			method: 'POST',
			path: '/generate',
			body: { prompt: 'p', aspectRatio: 'portrait', imageUrls: ['https://x/y.png'], quality: 'hd', watermark: 'mine', callBackUrl: 'https://cb' },
		});
	});

	test('the short callback shape is accepted, for success and failure', () => {
		const ok = PROVIDERS.sora2api.parseCallback({ code: 200, msg: 'ok', data: { taskId: 's1', promptJson: '{"prompt":"p"}', resultUrls: ['https://v/1.mp4'] } });
		expect(ok).toMatchObject({ taskId: 's1', status: 'succeeded', videoUrl: 'https://v/1.mp4', raw: { promptJson: { prompt: 'p' } } });
		const failed = PROVIDERS.sora2api.parseCallback({ code: 500, msg: 'boom', data: { taskId: 's2', resultUrls: [] } });
		expect(failed).toMatchObject({ status: 'failed', error: { code: '500', message: 'boom' } });
	});

	test('successFlag 2 and 3 are failures, 0 is processing', () => {
		const parse = (successFlag) => PROVIDERS.sora2api.parseTask({ taskId: 't', successFlag, errorCode: 0, errorMessage: null }).status;
		expect([parse(0), parse(1), parse(2), parse(3)]).toEqual(['processing', 'succeeded', 'failed', 'failed']);
	});
});

describe('market task states', () => {
	test.each([
		['waiting', 'queued'],
		['queuing', 'queued'],
		['generating', 'processing'],
		['success', 'succeeded'],
		['fail', 'failed'],
	])('%s -> %s', (state, status) => {
		expect(PROVIDERS.kie.parseTask({ taskId: 't', state }).status).toBe(status);
		expect(PROVIDERS.revid.parseTask({ taskId: 't', state }).status).toBe(status);
	});
});
