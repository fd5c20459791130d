'use strict';

// Exercises the provider simulator over real HTTP, the way the node and the
// end-to-end tests will use it.

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Agent, request } = require('undici');

const { createSimulator } = require('./simulator');
const { testClock } = require('./simulator/clock');

const SAMPLE = fs.readFileSync(path.join(__dirname, 'simulator', 'fixtures', 'sample.mp4'));
const DURATION = 250;

let sim;
let agent;
// The lifecycle checks stop the simulator's clock and move it to exact task ages: no sleeping,
// and no late query on a busy machine slipping into the next phase.
const clock = testClock();
/** Moves the stopped clock to `timestamp`. */
const at = (timestamp) => clock.advance(timestamp - clock.now());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(method, url, { headers = {}, body } = {}) {
	const hasBody = body !== undefined;
	const res = await request(url, {
		method,
		dispatcher: agent,
		headers: hasBody ? { 'content-type': 'application/json', ...headers } : headers,
		body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
	});
	const buf = Buffer.from(await res.body.arrayBuffer());
	let json;
	try {
		json = JSON.parse(buf.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, buf, text: buf.toString('utf8'), json };
}

const kie = {
	create: (body, key = sim.apiKeys.kie) =>
		call('POST', `${sim.url}/api/v1/jobs/createTask`, { headers: { authorization: `Bearer ${key}` }, body }),
	query: (taskId, key = sim.apiKeys.kie) =>
		call('GET', `${sim.url}/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(taskId)}`, {
			headers: { authorization: `Bearer ${key}` },
		}),
	credit: (key = sim.apiKeys.kie) =>
		call('GET', `${sim.url}/api/v1/chat/credit`, { headers: { authorization: `Bearer ${key}` } }),
};

const revid = {
	create: (body, key = sim.apiKeys.revid) =>
		call('POST', `${sim.url}/paid/sora2/create`, { headers: key ? { 'x-api-key': key } : {}, body }),
	query: (taskId, key = sim.apiKeys.revid) =>
		call('POST', `${sim.url}/paid/get/taskid?taskId=${encodeURIComponent(taskId)}`, {
			headers: { 'x-api-key': key },
		}),
};

const sora2 = {
	create: (body, { key = sim.apiKeys.sora2api, base = sim.baseUrls.sora2api } = {}) =>
		call('POST', `${base}/generate`, { headers: { authorization: `Bearer ${key}` }, body }),
	query: (taskId, { key = sim.apiKeys.sora2api, base = sim.baseUrls.sora2api } = {}) =>
		call('GET', `${base}/record-info?taskId=${encodeURIComponent(taskId)}`, {
			headers: { authorization: `Bearer ${key}` },
		}),
};

const textModel = (extra = {}) => ({
	model: 'sora-2-text-to-video',
	input: { prompt: 'a cat on a skateboard', aspect_ratio: 'landscape', n_frames: '10' },
	...extra,
});
// kie.ai serves current models only (Sora answers "paused"); Revid documents only Sora 2.
const kieModel = (extra = {}) => ({
	model: 'kling-3.0/video',
	input: { prompt: 'a cat on a skateboard', aspect_ratio: '16:9', duration: '5', mode: 'std', sound: false, multi_shots: false },
	...extra,
});
const soraBody = (extra = {}) => ({ prompt: 'a cat on a skateboard', aspectRatio: 'landscape', quality: 'hd', ...extra });

async function pollUntil(fn, done, { timeoutMs = 5000, everyMs = 20 } = {}) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (done(value)) return value;
		if (Date.now() > end) throw new Error(`pollUntil timed out; last value ${JSON.stringify(value && value.json)}`);
		await sleep(everyMs);
	}
}

/** A tiny callback receiver that records what it gets. */
async function startReceiver({ status = 200, hang = false } = {}) {
	const received = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			received.push({ url: req.url, headers: req.headers, text, body: JSON.parse(text || 'null') });
			for (const w of waiters.splice(0)) w();
			if (hang) return;
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		received,
		async waitFor(n, timeoutMs = 3000) {
			const end = Date.now() + timeoutMs;
			while (received.length < n) {
				if (Date.now() > end) throw new Error(`receiver got ${received.length} of ${n} callbacks`);
				await new Promise((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 50);
				});
			}
			return received;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

function expectedSignature(key, taskId, timestamp) {
	return crypto.createHmac('sha256', key).update(`${taskId}.${timestamp}`).digest('base64');
}

beforeAll(async () => {
	agent = new Agent({ keepAliveTimeout: 500 });
	sim = await createSimulator({ taskDurationMs: DURATION, clock });
});

afterAll(async () => {
	await sim.close();
	await agent.close();
});

beforeEach(() => sim.reset());
afterEach(() => clock.reset());

describe('kie.ai', () => {
	test('create → waiting → queuing → generating → success', async () => {
		sim.setNextTask({ durationMs: 1600, queueMs: 600 });
		clock.freeze();
		const created = await kie.create(kieModel());
		expect(created.status).toBe(200);
		expect(created.json).toEqual({ code: 200, msg: 'success', data: { taskId: expect.any(String) } });
		const { taskId } = created.json.data;
		const t0 = sim.getTask(taskId).createTime;

		let r = await kie.query(taskId);
		expect(r.json.data).toMatchObject({ taskId, state: 'waiting', progress: 0, resultJson: null, completeTime: null });
		at(t0 + 450);
		r = await kie.query(taskId);
		expect(r.json.data.state).toBe('queuing');
		at(t0 + 1000);
		r = await kie.query(taskId);
		expect(r.json.data.state).toBe('generating');
		expect(r.json.data.progress).toBeGreaterThan(20);
		expect(r.json.data.progress).toBeLessThan(90);
		at(t0 + 1650);
		r = await kie.query(taskId);
		const data = r.json.data;
		expect(r.json.code).toBe(200);
		expect(data).toMatchObject({
			state: 'success',
			model: 'kling-3.0/video',
			progress: 100,
			failCode: null,
			failMsg: null,
			createTime: t0,
			creditsConsumed: 10,
		});
		expect(JSON.parse(data.param)).toEqual(kieModel());
		expect(JSON.parse(data.resultJson)).toEqual({ resultUrls: [`${sim.url}/files/${taskId}.mp4`] });
		expect(data.costTime).toBe(data.completeTime - data.createTime);
		expect(typeof data.updateTime).toBe('number');
	});

	test('credit balance', async () => {
		const r = await kie.credit();
		expect(r.json).toEqual({ code: 200, msg: 'success', data: 1234.5 });
		expect(sim.stats.requests['kie.credit']).toBe(1);
	});

	test('bad key: envelope 401 at HTTP 200 by default, real 401 with errorStyle http', async () => {
		const r = await kie.create(kieModel(), 'wrong');
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ code: 401, msg: expect.stringContaining('access permissions') });
		expect(sim.stats.tasksCreated).toBe(0);
		sim.configure({ errorStyle: { kie: 'http' } });
		const r2 = await kie.credit('wrong');
		expect(r2.status).toBe(401);
		expect(r2.json.code).toBe(401);
	});

	test('validation: unknown model, extra models, missing prompt, unknown task, bad JSON', async () => {
		let r = await kie.create({ model: 'veo-3-fast', input: { prompt: 'x' } });
		expect(r.json).toMatchObject({ code: 422, msg: 'The page does not exist or is not published' });
		sim.configure({ extraModels: ['veo-3-fast'] });
		r = await kie.create({ model: 'veo-3-fast', input: { prompt: 'x' } });
		expect(r.json.code).toBe(200);
		r = await kie.create({ model: 'kling-3.0/video', input: { prompt: 'x', sound: false, duration: '5', aspect_ratio: '16:9', multi_shots: false } });
		expect(r.json).toMatchObject({ code: 422, msg: 'input.mode is required' });
		r = await kie.create({ model: 'sora-watermark-remover', input: { video_url: 'https://sora.chatgpt.com/p/x' } });
		expect(r.json).toMatchObject({ code: 422, msg: 'This interface is temporarily paused' });
		sim.configure({ serveRetiredSora: true });
		r = await kie.create({ model: 'sora-2-text-to-video', input: { aspect_ratio: 'portrait' } });
		expect(r.json.code).toBe(422);
		r = await kie.create({ model: 'sora-watermark-remover', input: { video_url: 'https://sora.chatgpt.com/p/x' } });
		expect(r.json.code).toBe(200);
		r = await kie.query('kie_doesnotexist');
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ code: 422, msg: 'recordInfo is null', data: null });
		sim.configure({ errorStyle: { kie: 'http' } });
		r = await kie.query('kie_doesnotexist');
		expect(r.status).toBe(422);
		r = await kie.create('{"model": ');
		expect(r.json.code).toBe(400);
		expect(sim.stats.tasksCreated).toBe(2);
	});

	test('a task of another provider is unknown here', async () => {
		const { taskId } = (await revid.create(textModel())).json.data;
		const r = await kie.query(taskId);
		expect(r.json.code).toBe(422);
	});

	test('Cloudflare-like 403 1010 without User-Agent when enabled', async () => {
		sim.configure({ kieRequireUserAgent: true });
		let r = await kie.credit();
		expect(r.status).toBe(403);
		expect(r.text).toBe('error code: 1010');
		r = await call('GET', `${sim.url}/api/v1/chat/credit`, {
			headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'user-agent': 'n8n' },
		});
		expect(r.json.code).toBe(200);
	});
});

describe('Revid', () => {
	test('create → waiting (never generating) → success, query is a POST without body', async () => {
		sim.setNextTask({ durationMs: 600, queueMs: 100 });
		clock.freeze();
		const created = await revid.create(textModel());
		expect(created.json.code).toBe(200);
		const { taskId } = created.json.data;
		const t0 = sim.getTask(taskId).createTime;
		at(t0 + 350);
		let r = await revid.query(taskId);
		expect(sim.getTask(taskId).state).toBe('generating');
		expect(r.json.data).toMatchObject({ state: 'waiting', resultJson: null, costTime: null, completeTime: null });
		expect(Object.keys(r.json.data).sort()).toEqual(
			['taskId', 'model', 'state', 'param', 'resultJson', 'failCode', 'failMsg', 'costTime', 'completeTime', 'createTime'].sort(),
		);
		at(t0 + 600);
		r = await revid.query(taskId);
		expect(r.json.data.state).toBe('success');
		expect(JSON.parse(r.json.data.resultJson).resultUrls).toEqual([`${sim.url}/files/${taskId}.mp4`]);
		expect(typeof r.json.data.createTime).toBe('number');
	});

	test('x-api-key auth, unknown task 404 envelope, GET not allowed', async () => {
		let r = await revid.create(textModel(), null);
		expect(r.status).toBe(200);
		expect(r.json.code).toBe(401);
		// Revid documents x-api-key; a Bearer header alone is not enough.
		r = await call('POST', `${sim.url}/paid/sora2/create`, {
			headers: { authorization: `Bearer ${sim.apiKeys.revid}` },
			body: textModel(),
		});
		expect(r.json.code).toBe(401);
		r = await revid.query('revid_nope');
		expect(r.status).toBe(200);
		expect(r.json.code).toBe(404);
		r = await call('GET', `${sim.url}/paid/get/taskid?taskId=x`);
		expect(r.status).toBe(405);
		r = await revid.create({ model: 'nope', input: { prompt: 'x' } });
		expect(r.json.code).toBe(422);
	});
});

describe('Sora2API', () => {
	test.each(['/api/v1/sora2', '/api/v1/sora2api'])('lifecycle under %s', async (prefix) => {
		const base = `${sim.url}${prefix}`;
		sim.setNextTask({ durationMs: 800 });
		clock.freeze();
		const created = await sora2.create(soraBody({ imageUrls: ['https://example.com/a.png'] }), { base });
		expect(created.json.code).toBe(200);
		const { taskId } = created.json.data;
		let r = await sora2.query(taskId, { base });
		expect(r.json.data).toMatchObject({ taskId, successFlag: 0, response: null, completeTime: null, errorCode: 0 });
		expect(r.json.data.createTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(JSON.parse(r.json.data.paramJson)).toEqual(soraBody({ imageUrls: ['https://example.com/a.png'] }));
		at(sim.getTask(taskId).createTime + 800);
		r = await sora2.query(taskId, { base });
		expect(r.json.data).toMatchObject({
			successFlag: 1,
			response: { imageUrl: `${sim.url}/files/${taskId}.mp4` },
			errorMessage: null,
		});
		expect(r.json.data.completeTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	test('errors are real HTTP statuses by default', async () => {
		let r = await sora2.create(soraBody(), { key: 'bad' });
		expect(r.status).toBe(401);
		expect(r.json.code).toBe(401);
		r = await sora2.create({ aspectRatio: 'landscape' });
		expect(r.status).toBe(422);
		r = await sora2.create(soraBody({ aspectRatio: '16:9' }));
		expect(r.status).toBe(422);
		r = await sora2.query('sora2_nope');
		expect(r.status).toBe(404);
		expect(r.json).toMatchObject({ code: 404, msg: 'task not found' });
		sim.configure({ errorStyle: { sora2api: 'envelope' } });
		r = await sora2.query('sora2_nope');
		expect(r.status).toBe(200);
		expect(r.json.code).toBe(404);
	});
});

describe('task behaviours', () => {
	test('fail: kie fail, Revid fail, Sora2API successFlag 3; createFailed → 2', async () => {
		sim.setNextTask({ fail: true });
		sim.setNextTask({ fail: true, failCode: '422', failMsg: 'Content policy' });
		sim.setNextTask({ failAfterGenerating: true });
		sim.setNextTask({ createFailed: true });
		const a = (await kie.create(kieModel())).json.data.taskId;
		const b = (await revid.create(textModel())).json.data.taskId;
		const c = (await sora2.create(soraBody())).json.data.taskId;
		const d = (await sora2.create(soraBody())).json.data.taskId;
		await sleep(DURATION + 50);
		expect((await kie.query(a)).json.data).toMatchObject({
			state: 'fail',
			failCode: '500',
			failMsg: 'Internal server error',
			resultJson: null,
			creditsConsumed: 0,
		});
		expect((await revid.query(b)).json.data).toMatchObject({ state: 'fail', failCode: '422', failMsg: 'Content policy' });
		expect((await sora2.query(c)).json.data).toMatchObject({ successFlag: 3, errorCode: 500, response: null });
		expect((await sora2.query(d)).json.data).toMatchObject({ successFlag: 2, errorMessage: 'Task creation failed' });
	});

	test('plain fail never shows generating; failAfterGenerating does', async () => {
		sim.setNextTask({ fail: true, durationMs: 600, queueMs: 100 });
		sim.setNextTask({ failAfterGenerating: true, durationMs: 600, queueMs: 100 });
		clock.freeze();
		const a = (await kie.create(kieModel())).json.data.taskId;
		const b = (await kie.create(kieModel())).json.data.taskId;
		at(sim.getTask(b).createTime + 350);
		expect((await kie.query(a)).json.data.state).toBe('queuing');
		expect((await kie.query(b)).json.data.state).toBe('generating');
	});

	test('stuck stays waiting; finishTask completes it', async () => {
		sim.setNextTask({ stuck: true });
		clock.freeze();
		const { taskId } = (await kie.create(kieModel())).json.data;
		clock.advance(DURATION + 50);
		expect((await kie.query(taskId)).json.data.state).toBe('waiting');
		expect(sim.finishTask(taskId, { fail: true }).state).toBe('fail');
		expect((await kie.query(taskId)).json.data.state).toBe('fail');
	});

	test('resultUrls override, empty result, several URLs', async () => {
		sim.setNextTask({ resultUrls: [], durationMs: 0 });
		sim.setNextTask({ resultUrls: [], durationMs: 0 });
		sim.setNextTask({ extraResultUrls: 2, durationMs: 0 });
		const a = (await kie.create(kieModel())).json.data.taskId;
		const b = (await sora2.create(soraBody())).json.data.taskId;
		const c = (await revid.create(textModel())).json.data.taskId;
		expect((await kie.query(a)).json.data).toMatchObject({ state: 'success', resultJson: '{"resultUrls":[]}' });
		expect((await sora2.query(b)).json.data).toMatchObject({ successFlag: 1, response: { imageUrl: null } });
		const urls = JSON.parse((await revid.query(c)).json.data.resultJson).resultUrls;
		expect(urls).toHaveLength(3);
		for (const url of urls) expect((await call('GET', url)).status).toBe(200);
		expect((await call('GET', `${sim.url}/files/${c}-3.mp4`)).status).toBe(404);
	});

	test('unknown behaviour keys are rejected', () => {
		expect(() => sim.setNextTask({ duration: 5 })).toThrow(/unknown task behaviour/);
		expect(() => sim.configure({ taskDuration: 5 })).toThrow(/unknown option/);
	});
});

describe('files', () => {
	test('the sample MP4, with type and length; 404 before success', async () => {
		sim.setNextTask({ durationMs: 5000 });
		const pending = (await kie.create(kieModel())).json.data.taskId;
		expect((await call('GET', `${sim.url}/files/${pending}.mp4`)).status).toBe(404);
		sim.finishTask(pending);
		const r = await call('GET', `${sim.url}/files/${pending}.mp4`);
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('video/mp4');
		expect(Number(r.headers['content-length'])).toBe(SAMPLE.length);
		expect(r.buf.equals(SAMPLE)).toBe(true);
		expect(r.buf.subarray(4, 8).toString('latin1')).toBe('ftyp');
		expect(sim.stats.perTask[pending].fileDownloads).toBe(2);
	});

	test('fileStatus 403/404', async () => {
		sim.setNextTask({ durationMs: 0, fileStatus: 403 });
		sim.setNextTask({ durationMs: 0, fileStatus: 404 });
		const a = (await kie.create(kieModel())).json.data.taskId;
		const b = (await kie.create(kieModel())).json.data.taskId;
		const ra = await call('GET', `${sim.url}/files/${a}.mp4`);
		expect(ra.status).toBe(403);
		expect(ra.text).toContain('AccessDenied');
		expect((await call('GET', `${sim.url}/files/${b}.mp4`)).status).toBe(404);
	});

	test('large file is streamed with exact length', async () => {
		const size = 8 * 1024 * 1024 + 123;
		sim.setNextTask({ durationMs: 0, largeFileBytes: size });
		const { taskId } = (await kie.create(kieModel())).json.data;
		const res = await request(`${sim.url}/files/${taskId}.mp4`, { dispatcher: agent });
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-type']).toBe('video/mp4');
		expect(Number(res.headers['content-length'])).toBe(size);
		let total = 0;
		let head = Buffer.alloc(0);
		for await (const chunk of res.body) {
			if (head.length < SAMPLE.length + 8) head = Buffer.concat([head, chunk]);
			total += chunk.length;
		}
		expect(total).toBe(size);
		// The sample stays playable: the padding is one MP4 `free` box.
		expect(head.subarray(0, SAMPLE.length).equals(SAMPLE)).toBe(true);
		expect(head.readUInt32BE(SAMPLE.length)).toBe(size - SAMPLE.length);
		expect(head.subarray(SAMPLE.length + 4, SAMPLE.length + 8).toString('latin1')).toBe('free');
	});

	test('a huge file (6 GiB) is never held in memory; the client can stop early', async () => {
		const size = 6 * 1024 ** 3;
		sim.setNextTask({ durationMs: 0, largeFileBytes: size });
		const { taskId } = (await kie.create(kieModel())).json.data;
		const res = await request(`${sim.url}/files/${taskId}.mp4`, { dispatcher: agent });
		expect(Number(res.headers['content-length'])).toBe(size);
		let total = 0;
		for await (const chunk of res.body) {
			total += chunk.length;
			if (total > 2 * 1024 * 1024) break;
		}
		expect(total).toBeGreaterThan(2 * 1024 * 1024);
	});
});

describe('faults', () => {
	test('code: envelope at HTTP 200, or the real status; no task created', async () => {
		sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'code', code: 402 } });
		sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'code', code: 455, http: true, msg: 'maintenance' } });
		let r = await kie.create(kieModel());
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ code: 402, data: null });
		r = await kie.create(kieModel());
		expect(r.status).toBe(455);
		expect(r.json).toMatchObject({ code: 455, msg: 'maintenance' });
		r = await kie.create(kieModel());
		expect(r.json.code).toBe(200);
		expect(sim.stats.requests['kie.create']).toBe(3);
		expect(sim.stats.tasksCreated).toBe(1);
	});

	test('rateLimit: 429 with and without Retry-After, counted', async () => {
		sim.addFault({ route: 'query', times: 1, action: { type: 'rateLimit', retryAfter: 3 } });
		sim.addFault({ route: 'query', times: 1, action: { type: 'rateLimit' } });
		let r = await kie.query('x');
		expect(r.status).toBe(429);
		expect(r.headers['retry-after']).toBe('3');
		expect(r.json.code).toBe(429);
		r = await sora2.query('x');
		expect(r.status).toBe(429);
		expect(r.headers['retry-after']).toBeUndefined();
		expect(sim.stats.responses429).toBe(2);
	});

	test('delay: answers late and the create still takes effect', async () => {
		sim.addFault({ provider: 'revid', route: 'create', action: { type: 'delay', ms: 300 } });
		const started = Date.now();
		const r = await revid.create(textModel());
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		expect(r.json.code).toBe(200);
		expect(sim.stats.tasksCreated).toBe(1);
	});

	test('reset: socket dropped before any byte; created true/false', async () => {
		sim.addFault({ route: 'create', times: 1, action: { type: 'reset' } });
		sim.addFault({ route: 'create', times: 1, action: { type: 'reset', created: true } });
		await expect(kie.create(kieModel())).rejects.toThrow();
		expect(sim.stats.tasksCreated).toBe(0);
		await expect(kie.create(kieModel())).rejects.toThrow();
		expect(sim.stats.tasksCreated).toBe(1);
		expect(sim.stats.requests['kie.create']).toBe(2);
		const { taskId } = (await kie.create(kieModel())).json.data;
		sim.addFault({ taskId, action: { type: 'reset' } });
		await expect(kie.query(taskId)).rejects.toThrow();
		expect(sim.stats.perTask[taskId].queries).toBe(1);
	});

	test('resetMidBody: headers and part of the body, then the socket dies; task created', async () => {
		sim.addFault({ route: 'create', times: 1, action: { type: 'resetMidBody' } });
		await expect(sora2.create(soraBody())).rejects.toThrow();
		expect(sim.stats.tasksCreated).toBe(1);
		const log = sim.stats.log.find((e) => e.key === 'sora2api.create');
		expect(log).toMatchObject({ status: 200, fault: 'resetMidBody', taskId: expect.stringMatching(/^sora2_/) });
	});

	test('malformed: truncated JSON; html: Cloudflare page; empty: no body', async () => {
		sim.addFault({ route: 'create', times: 1, action: { type: 'malformed' } });
		sim.addFault({ route: 'query', times: 1, action: { type: 'html' } });
		sim.addFault({ route: 'query', times: 1, action: { type: 'html', status: 504 } });
		sim.addFault({ route: 'query', times: 1, action: { type: 'empty' } });
		sim.addFault({ route: 'credit', times: 1, action: { type: 'empty', status: 503 } });
		const m = await kie.create(kieModel());
		expect(m.status).toBe(200);
		expect(m.text.startsWith('{"code":200')).toBe(true);
		expect(() => JSON.parse(m.text)).toThrow();
		expect(sim.stats.tasksCreated).toBe(1);
		const h = await kie.query('x');
		expect(h.status).toBe(502);
		expect(h.headers['content-type']).toMatch(/text\/html/);
		expect(h.text).toMatch(/cloudflare/i);
		expect((await kie.query('x')).status).toBe(504);
		const e = await kie.query('x');
		expect(e.status).toBe(200);
		expect(e.buf.length).toBe(0);
		expect((await kie.credit()).status).toBe(503);
	});

	test('matching by provider and taskId, insertion order, times, clear', async () => {
		sim.setNextTask({ durationMs: 5000 });
		const { taskId } = (await kie.create(kieModel())).json.data;
		sim.addFault({ provider: 'revid', action: { type: 'code', code: 500 } });
		sim.addFault({ taskId, times: 2, action: { type: 'code', code: 455 } });
		sim.addFault({ provider: 'kie', route: 'query', action: { type: 'code', code: 433 } });
		expect((await kie.query(taskId)).json.code).toBe(455);
		expect((await kie.query(taskId)).json.code).toBe(455);
		expect((await kie.query(taskId)).json.code).toBe(433);
		expect((await revid.query('whatever')).json.code).toBe(500);
		expect((await kie.credit()).json.code).toBe(200);
		sim.clearFaults();
		expect((await kie.query(taskId)).json.code).toBe(200);
		expect(sim.stats.perTask[taskId].queries).toBe(4);
	});

	test('file faults', async () => {
		sim.setNextTask({ durationMs: 0 });
		const { taskId } = (await kie.create(kieModel())).json.data;
		sim.addFault({ route: 'file', times: 1, action: { type: 'resetMidBody' } });
		await expect(call('GET', `${sim.url}/files/${taskId}.mp4`)).rejects.toThrow();
		expect((await call('GET', `${sim.url}/files/${taskId}.mp4`)).buf.equals(SAMPLE)).toBe(true);
	});

	test('invalid rules are rejected', () => {
		expect(() => sim.addFault({ action: { type: 'explode' } })).toThrow();
		expect(() => sim.addFault({ route: 'nope', action: { type: 'reset' } })).toThrow();
	});
});

describe('stats', () => {
	test('counts every request, per task, with a bounded log and sliding windows', async () => {
		const { taskId } = (await kie.create(kieModel())).json.data;
		await Promise.all(Array.from({ length: 15 }, () => kie.query(taskId)));
		await kie.create(kieModel(), 'bad');
		await call('GET', `${sim.url}/nope`);
		const s = sim.stats;
		expect(s.requests).toMatchObject({ 'kie.create': 2, 'kie.query': 15, unmatched: 1 });
		expect(s.tasksCreated).toBe(1);
		expect(s.perTask[taskId]).toEqual({ queries: 15, fileDownloads: 0 });
		expect(s.log[0]).toMatchObject({ key: 'kie.create', taskId, status: 200, code: 200, t: expect.any(Number) });
		expect(s.log.filter((e) => e.key === 'kie.create')[1]).toMatchObject({ status: 200, code: 401 });
		expect(sim.maxInWindow('kie.query', 5000)).toBe(15);
		expect(sim.maxInWindow('revid.query', 1000)).toBe(0);
		// Spaced requests: a window shorter than the gap never holds two of them.
		for (let i = 0; i < 4; i++) {
			await kie.credit();
			await sleep(30);
		}
		expect(sim.maxInWindow('kie.credit', 20)).toBe(1);
		expect(sim.maxInWindow('kie.credit', 10000)).toBe(4);
	});

	test('50+ tasks polled in parallel', async () => {
		const creators = [
			() => kie.create(kieModel()).then((r) => ({ id: r.json.data.taskId, q: kie.query, done: (d) => d.state === 'success' })),
			() => revid.create(textModel()).then((r) => ({ id: r.json.data.taskId, q: revid.query, done: (d) => d.state === 'success' })),
			() => sora2.create(soraBody()).then((r) => ({ id: r.json.data.taskId, q: sora2.query, done: (d) => d.successFlag === 1 })),
		];
		const tasks = await Promise.all(Array.from({ length: 60 }, (_, i) => creators[i % 3]()));
		await Promise.all(tasks.map((t) => pollUntil(() => t.q(t.id), (r) => t.done(r.json.data), { everyMs: 10 })));
		expect(sim.stats.tasksCreated).toBe(60);
		expect(new Set(tasks.map((t) => t.id)).size).toBe(60);
	});
});

describe('callbacks', () => {
	let receiver;
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(async () => {
		await receiver.close();
	});

	test('kie success callback, signed with the HMAC key', async () => {
		sim.configure({ hmacKey: 'test-hmac-secret' });
		const { taskId } = (await kie.create(kieModel({ callBackUrl: receiver.url }))).json.data;
		const [got] = await receiver.waitFor(1);
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.body).toMatchObject({ code: 200, msg: 'success', data: { taskId, state: 'success', progress: 100 } });
		expect(JSON.parse(got.body.data.resultJson).resultUrls).toEqual([`${sim.url}/files/${taskId}.mp4`]);
		const ts = got.headers['x-webhook-timestamp'];
		expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
		expect(got.headers['x-webhook-signature']).toBe(expectedSignature('test-hmac-secret', taskId, ts));
		await pollUntil(() => sim.callbacks, (c) => c.length === 1);
		expect(sim.callbacks[0]).toMatchObject({ taskId, provider: 'kie', url: receiver.url, status: 200 });
		expect(JSON.stringify(sim.callbacks)).not.toContain('test-hmac-secret');
	});

	test('Revid failure callback has code 501; no signature without a key', async () => {
		sim.setNextTask({ fail: true });
		const { taskId } = (await revid.create(textModel({ callBackUrl: receiver.url }))).json.data;
		const [got] = await receiver.waitFor(1);
		expect(got.body).toMatchObject({ code: 501, data: { taskId, state: 'fail', failCode: '500' } });
		expect(JSON.parse(got.body.data.param).callBackUrl).toBe(receiver.url);
		expect(got.headers['x-webhook-signature']).toBeUndefined();
	});

	test('Sora2API callback shapes: record and simple', async () => {
		const a = (await sora2.create(soraBody({ callBackUrl: receiver.url }))).json.data.taskId;
		await receiver.waitFor(1);
		sim.configure({ sora2apiCallbackShape: 'simple' });
		sim.setNextTask({ fail: true });
		const b = (await sora2.create(soraBody({ callBackUrl: receiver.url }))).json.data.taskId;
		await receiver.waitFor(2);
		const byId = Object.fromEntries(receiver.received.map((r) => [r.body.data.taskId, r.body]));
		expect(byId[a]).toMatchObject({ code: 200, data: { successFlag: 1, response: { imageUrl: expect.any(String) } } });
		expect(byId[b]).toMatchObject({ code: 500, data: { taskId: b, resultUrls: [], promptJson: expect.any(String) } });
	});

	test('noCallback, finishTask, receiver errors and timeouts are recorded', async () => {
		sim.setNextTask({ noCallback: true, durationMs: 0 });
		sim.setNextTask({ stuck: true });
		await kie.create(kieModel({ callBackUrl: receiver.url }));
		const stuck = (await kie.create(kieModel({ callBackUrl: receiver.url }))).json.data.taskId;
		await sleep(100);
		expect(receiver.received).toHaveLength(0);
		sim.finishTask(stuck);
		const [got] = await receiver.waitFor(1);
		expect(got.body.data).toMatchObject({ taskId: stuck, state: 'success' });

		const failing = await startReceiver({ status: 500 });
		const hanging = await startReceiver({ hang: true });
		try {
			sim.configure({ callbackTimeoutMs: 200 });
			sim.setNextTask({ durationMs: 0 });
			sim.setNextTask({ durationMs: 0 });
			await kie.create(kieModel({ callBackUrl: failing.url }));
			await kie.create(kieModel({ callBackUrl: hanging.url }));
			await pollUntil(() => sim.callbacks, (c) => c.length === 3);
			expect(sim.callbacks.find((c) => c.url === failing.url).status).toBe(500);
			expect(sim.callbacks.find((c) => c.url === hanging.url).error).toMatch(/timed out/);
		} finally {
			await failing.close();
			await hanging.close();
		}
	});

	test('sendCallback: on demand, bad signature, old timestamp, token, body override', async () => {
		sim.configure({ hmacKey: 'k2' });
		sim.setNextTask({ durationMs: 0 });
		const { taskId } = (await kie.create(kieModel())).json.data;
		let r = await sim.sendCallback(receiver.url, { taskId, token: 'tok 1' });
		expect(r.status).toBe(200);
		expect(r.body).toBe('{"ok":true}');
		r = await sim.sendCallback(receiver.url, { taskId, sign: 'bad' });
		r = await sim.sendCallback(receiver.url, { taskId, timestamp: 1000 });
		r = await sim.sendCallback(receiver.url, { taskId, sign: false });
		r = await sim.sendCallback(receiver.url, { body: { code: 200, data: { task_id: 'zzz' } }, provider: 'kie' });
		const got = await receiver.waitFor(5);
		expect(got[0].url).toBe('/hook?token=tok+1');
		const ts0 = got[0].headers['x-webhook-timestamp'];
		expect(got[0].headers['x-webhook-signature']).toBe(expectedSignature('k2', taskId, ts0));
		expect(got[0].body).toMatchObject({ code: 200, data: { taskId, state: 'success' } });
		expect(got[1].headers['x-webhook-signature']).not.toBe(
			expectedSignature('k2', taskId, got[1].headers['x-webhook-timestamp']),
		);
		expect(got[2].headers['x-webhook-timestamp']).toBe('1000');
		expect(got[2].headers['x-webhook-signature']).toBe(expectedSignature('k2', taskId, '1000'));
		expect(got[3].headers['x-webhook-signature']).toBeUndefined();
		expect(got[4].body).toEqual({ code: 200, data: { task_id: 'zzz' } });
		expect(got[4].headers['x-webhook-signature']).toBe(
			expectedSignature('k2', 'zzz', got[4].headers['x-webhook-timestamp']),
		);
		expect(sim.callbacks).toHaveLength(5);
		await expect(sim.sendCallback(receiver.url, { taskId: 'nope' })).rejects.toThrow(/unknown task/);
		const unreachable = await sim.sendCallback('http://127.0.0.1:1/hook', { taskId });
		expect(unreachable.status).toBeNull();
		expect(unreachable.error).toBeTruthy();
	});
});

describe('control API over HTTP', () => {
	test('configure, next-task, faults, tasks, finish, stats, record, callbacks, reset', async () => {
		const receiver = await startReceiver();
		try {
			const c = (method, p, body) => call(method, `${sim.url}/__sim${p}`, { body });
			expect((await c('GET', '/health')).json).toMatchObject({ ok: true, url: sim.url });
			expect((await c('POST', '/configure', { taskDurationMs: 5000, hmacKey: 'ctl' })).json).toEqual({ ok: true });
			expect((await c('POST', '/configure', { nope: 1 })).status).toBe(400);
			expect((await c('POST', '/next-task', { stuck: true })).json).toEqual({ ok: true, queued: 1 });
			const { id } = (await c('POST', '/faults', { route: 'credit', action: { type: 'code', code: 505 } })).json;
			expect(id).toEqual(expect.any(String));
			expect((await kie.credit()).json.code).toBe(505);
			expect((await c('DELETE', '/faults')).json).toEqual({ ok: true });
			expect((await kie.credit()).json.code).toBe(200);

			const { taskId } = (await kie.create(kieModel({ callBackUrl: receiver.url }))).json.data;
			const task = (await c('GET', `/tasks/${taskId}`)).json;
			expect(task).toMatchObject({ taskId, provider: 'kie', state: 'waiting', behaviour: { stuck: true }, callBackUrl: receiver.url });
			expect((await c('GET', '/tasks/none')).status).toBe(404);
			expect((await c('POST', `/tasks/${taskId}/finish`, {})).json.state).toBe('success');
			await receiver.waitFor(1);
			await pollUntil(() => c('GET', '/callbacks'), (r) => r.json.length === 1);

			const sent = (await c('POST', '/send-callback', { url: receiver.url, taskId, sign: 'bad', token: 't' })).json;
			expect(sent.status).toBe(200);
			expect(receiver.received[1].url).toBe('/hook?token=t');

			expect((await c('POST', '/record', { hello: 'world' })).json).toEqual({ ok: true });
			expect((await c('GET', '/recorded')).json).toEqual([{ hello: 'world' }]);
			expect(sim.recorded).toEqual([{ hello: 'world' }]);

			const stats = (await c('GET', '/stats')).json;
			expect(stats).toMatchObject({ tasksCreated: 1, requests: { 'kie.create': 1, 'kie.credit': 2 }, responses429: 0 });
			expect(stats.perTask[taskId]).toEqual({ queries: 0, fileDownloads: 0 });
			expect((await c('GET', '/max-in-window?key=kie.credit&windowMs=60000')).json.max).toBe(2);

			expect((await c('POST', '/reset')).json).toEqual({ ok: true });
			expect(sim.stats.tasksCreated).toBe(0);
			expect(sim.recorded).toEqual([]);
			expect(sim.callbacks).toEqual([]);
			expect(sim.options.taskDurationMs).toBe(DURATION);
			expect(sim.options.hmacKey).toBeUndefined();
			expect((await c('GET', '/nope')).status).toBe(404);
		} finally {
			await receiver.close();
		}
	});
});

describe('lifecycle of the simulator itself', () => {
	test('close() ends pending timers, delayed requests, streams and in-flight callbacks', async () => {
		const other = await createSimulator({ taskDurationMs: 50, callbackTimeoutMs: 60000 });
		const hanging = await startReceiver({ hang: true });
		const own = new Agent();
		try {
			expect(other.baseUrls).toEqual({ revid: other.url, revidStudio: `${other.url}/v1`, sora2api: `${other.url}/api/v1/sora2`, kie: other.url });
			other.setNextTask({ durationMs: 0, largeFileBytes: 1024 ** 3 });
			other.setNextTask({ durationMs: 0 });
			other.setNextTask({ durationMs: 60000 });
			const auth = { authorization: `Bearer ${other.apiKeys.kie}`, 'content-type': 'application/json' };
			const create = async (body) => {
				const res = await request(`${other.url}/api/v1/jobs/createTask`, {
					method: 'POST',
					headers: auth,
					body: JSON.stringify(body),
					dispatcher: own,
				});
				return (await res.body.json()).data.taskId;
			};
			const big = await create(kieModel());
			await create(kieModel({ callBackUrl: hanging.url }));
			await create(kieModel({ callBackUrl: hanging.url }));
			await hanging.waitFor(1);
			const stream = await request(`${other.url}/files/${big}.mp4`, { dispatcher: own });
			other.addFault({ route: 'credit', action: { type: 'delay', ms: 60000 } });
			const delayed = request(`${other.url}/api/v1/chat/credit`, { headers: auth, dispatcher: own }).catch((e) => e);
			await sleep(50);
			const started = Date.now();
			await other.close();
			expect(Date.now() - started).toBeLessThan(1000);
			stream.body.resume();
			await expect(new Promise((resolve, reject) => stream.body.on('error', reject).on('end', resolve))).rejects.toThrow();
			expect(await delayed).toBeInstanceOf(Error);
		} finally {
			await other.close();
			await hanging.close();
			await own.close();
		}
	});
});
