'use strict';

// Veo 3.1: a second API behind the kie.ai credential, with its own create, record and callback.
// The node never asks which API a task belongs to: Create, Query, Wait Until Done, Wait Mode
// "Callback" and the trigger all take a Veo task ID as they take any other.
const { createSimulator } = require('./simulator');
const { runSora } = require('./support/soraNode');
const { startTrigger, httpRequest } = require('./support/trigger');
const { providers, SoraVideo } = require('./support/dist');
const { startWaitingServer } = require('./harness');

jest.setTimeout(30_000);

const HMAC = 'kie-hmac-key-veo-4Tz';
const VEO = { operation: 'create', model: 'veo3_fast', prompt: 'A hummingbird drinks from a flower, slow motion' };
const FAST = { waitOptions: { pollingMode: 'fixed', pollInterval: 1 } };

let sim;
let waiting;
const open = [];
beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 300 });
	waiting = await startWaitingServer();
});
afterAll(async () => {
	await waiting.close();
	await sim.close();
});
afterEach(async () => {
	while (open.length > 0) await open.pop().close();
	sim.reset();
});

/** A Veo task created straight at the simulator, as another workflow or tool would: this process has never seen it. */
async function directVeoTask(extra = {}) {
	const res = await httpRequest('POST', `${sim.url}/api/v1/veo/generate`, {
		headers: { authorization: `Bearer ${sim.apiKeys.kie}` },
		body: { prompt: 'a fox', model: 'veo3_fast', generationType: 'TEXT_2_VIDEO', ...extra },
	});
	return res.json.data.taskId;
}

const queries = (taskId) => sim.stats.perTask[taskId]?.queries ?? 0;

test('Create sends the flat body of the Veo API; the output is the one task shape', async () => {
	const result = await runSora(sim, {
		parameters: { ...VEO, model: 'veo3_fast:frames', imageUrl: 'https://a/first.png, https://a/last.png', aspectRatio: '9:16' },
	});
	expect(result.error).toBeUndefined();
	const { taskId, model, provider, status } = result.items[0].json;
	expect({ model, provider, status }).toEqual({ model: 'veo3_fast', provider: 'kie', status: 'queued' });
	expect(sim.getTask(taskId)).toMatchObject({ api: 'veo' });
	expect(sim.getTask(taskId).body).toEqual({
		prompt: VEO.prompt,
		imageUrls: ['https://a/first.png', 'https://a/last.png'],
		aspect_ratio: '9:16',
		// Translation on is kie.ai's default: left out.
		generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
		model: 'veo3_fast',
	});
	expect(sim.stats.requests['kie.create']).toBe(1);
});

test('Create with Wait for Completion and Download Video gets the Veo video, querying the Veo record only', async () => {
	const result = await runSora(sim, { parameters: { ...VEO, waitForCompletion: true, downloadVideo: true, ...FAST } });
	expect(result.error).toBeUndefined();
	const [item] = result.items;
	expect(item.json).toMatchObject({ provider: 'kie', status: 'succeeded', model: 'veo3_fast', progress: 100, error: null });
	expect(item.json.videoUrl).toBe(`${sim.url}/files/${item.json.taskId}.mp4`);
	expect(item.binary.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${item.json.taskId}.mp4` });
	// Created here, so every query went straight to the Veo API.
	expect(sim.stats.requests['kie.query']).toBe(queries(item.json.taskId));
});

test('1080p Video: once the video is done, the node asks for the 1080p copy until it is rendered, and outputs and downloads it', async () => {
	const result = await runSora(sim, { parameters: { ...VEO, fullResolution: true, waitForCompletion: true, downloadVideo: true, ...FAST } });
	expect(result.error).toBeUndefined();
	const [item] = result.items;
	const { taskId } = item.json;
	expect(item.json.videoUrl).toBe(`${sim.url}/files/${taskId}.mp4?resolution=1080p`);
	expect(item.json.videoUrls).toEqual([item.json.videoUrl, `${sim.url}/files/${taskId}.mp4`]);
	expect(item.binary.data.mimeType).toBe('video/mp4');
	// The first ask is answered "processing", as kie.ai does while it renders.
	expect(sim.stats.requests['kie.veo1080p']).toBe(2);
	expect(sim.getTask(taskId).body).not.toHaveProperty('fullResolution');
	expect(sim.getTask(taskId).body).not.toHaveProperty('get-1080p-video');
});

test('Query with {{ $json.taskId }} of a Veo task this process never saw: Market says "not found", the Veo record answers', async () => {
	const taskId = await directVeoTask();
	sim.finishTask(taskId);
	const result = await runSora(sim, { parameters: { operation: 'query', taskId: '={{ $json.taskId }}' }, items: [{ json: { taskId } }] });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ taskId, provider: 'kie', status: 'succeeded', model: 'veo3_fast' });
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
	expect(queries(taskId)).toBe(2);

	// Learned: the next look-up goes to the Veo API at once.
	await runSora(sim, { parameters: { operation: 'query', taskId } });
	expect(queries(taskId)).toBe(3);
});

test('Wait Until Done on a Veo task, and on a Market task, from the same expression', async () => {
	const veo = await directVeoTask();
	const market = (await runSora(sim, { parameters: { operation: 'create', model: 'kling-3.0/video', prompt: 'a fox' } })).items[0].json.taskId;
	const result = await runSora(sim, {
		parameters: { operation: 'waitUntilDone', taskId: '={{ $json.taskId }}', ...FAST },
		items: [{ json: { taskId: veo } }, { json: { taskId: market } }],
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.taskId, item.json.status, item.json.model])).toEqual([
		[veo, 'succeeded', 'veo3_fast'],
		[market, 'succeeded', 'kling-3.0/video'],
	]);
});

test('Wait Until Done with "1080p Video": a Veo task created elsewhere gets its 1080p copy; a Market task ignores the option', async () => {
	const veo = await directVeoTask();
	const market = (await runSora(sim, { parameters: { operation: 'create', model: 'kling-3.0/video', prompt: 'a fox' } })).items[0].json.taskId;
	const result = await runSora(sim, {
		parameters: {
			operation: 'waitUntilDone',
			taskId: '={{ $json.taskId }}',
			downloadVideo: true,
			waitOptions: { ...FAST.waitOptions, fullResolution: true },
		},
		items: [{ json: { taskId: veo } }, { json: { taskId: market } }],
	});
	expect(result.error).toBeUndefined();
	const [veoItem, marketItem] = result.items;
	expect(veoItem.json).toMatchObject({ taskId: veo, status: 'succeeded', videoUrl: `${sim.url}/files/${veo}.mp4?resolution=1080p` });
	expect(veoItem.binary.data.mimeType).toBe('video/mp4');
	expect(marketItem.json).toMatchObject({ taskId: market, status: 'succeeded', videoUrl: `${sim.url}/files/${market}.mp4` });
	expect(marketItem.binary.data.mimeType).toBe('video/mp4');
	// Asked for the Veo task only: "processing" once, then the link.
	expect(sim.stats.requests['kie.veo1080p']).toBe(2);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test('Wait Until Done offers "1080p Video" for kie.ai only, and Query does not offer it', () => {
	const waitOptions = new (SoraVideo())().description.properties.filter((p) => p.name === 'waitOptions');
	const withOption = waitOptions.filter((p) => p.options.some((o) => o.name === 'fullResolution'));
	expect(withOption).toHaveLength(1);
	expect(withOption[0].displayOptions.show.operation).toEqual(['waitUntilDone']);
	const option = withOption[0].options.find((o) => o.name === 'fullResolution');
	expect(option.displayOptions.show['/provider']).toEqual(['kie']);
	expect(option.description).toMatch(/Other tasks ignore this option/);
});

test('a failed Veo task comes out failed with its reason', async () => {
	sim.setNextTask({ fail: true, failCode: '400', failMsg: 'Your prompt was flagged by Website as violating content policies' });
	const result = await runSora(sim, { parameters: { ...VEO, waitForCompletion: true, ...FAST, waitOptions: { ...FAST.waitOptions, onTaskFailure: 'output' } } });
	expect(result.items[0].json).toMatchObject({ status: 'failed', error: { code: '400', message: expect.stringMatching(/content policies/) } });
});

test('an ID neither API knows is "Task not found", after one look in each', async () => {
	const result = await runSora(sim, { parameters: { operation: 'query', taskId: 'veo_nope' } });
	expect(result.error.message).toBe('Task not found: kie.ai does not know the task ID "veo_nope"');
	expect(result.error.description).toMatch(/looked for it in its Market tasks or its Veo 3\.1 tasks/);
	expect(sim.stats.requests['kie.query']).toBe(2);
});

// The regression of issue 19: the Market API said "recordInfo is null", then the Veo API's own
// refusal replaced that with "kie.ai rejected the input (422) while looking up task …".
test.each([
	['a 422 in its own words', 422, 'taskId is invalid'],
	['a 400', 400, 'record not found'],
])('whatever the Veo lookup answers (%s), an unknown ID reads "Task not found" with its ID', async (_name, code, msg) => {
	sim.addFault({ provider: 'kie', route: 'query', times: 1, action: { type: 'code', code: 422, msg: 'recordInfo is null' } });
	sim.addFault({ provider: 'kie', route: 'query', times: 1, action: { type: 'code', code, msg } });
	const result = await runSora(sim, { parameters: { operation: 'query', taskId: 'gone_123' } });
	expect(result.error.message).toBe('Task not found: kie.ai does not know the task ID "gone_123"');
	expect(result.error.message).not.toMatch(/rejected the input/);
	expect(sim.stats.requests['kie.query']).toBe(2);
});

test('a Veo task kie.ai no longer knows is named as such, in plain words', async () => {
	const created = await runSora(sim, { parameters: VEO });
	const { taskId } = created.items[0].json;
	sim.addFault({ provider: 'kie', route: 'query', taskId, times: 1, action: { type: 'code', code: 422, msg: 'taskId is invalid' } });
	const result = await runSora(sim, { parameters: { operation: 'query', taskId } });
	expect(result.error.message).toBe(`Task not found: kie.ai does not know the task ID "${taskId}"`);
	expect(result.error.description).toMatch(/in its Veo 3\.1 tasks \(this is a Veo task\)/);
	expect(sim.stats.requests['kie.query']).toBe(1);
});

test('Wait Mode "Callback": the Veo callback resumes the execution with the video', async () => {
	sim.configure({ hmacKey: HMAC });
	const result = await runSora(sim, {
		parameters: { ...VEO, fullResolution: true, waitForCompletion: true, waitMode: 'callback', downloadVideo: true, waitOptions: { timeout: 60 } },
		credentialOverrides: { kieAiApi: { webhookHmacSecret: HMAC } },
		urls: { webhookWaitingBaseUrl: waiting.baseUrl },
	});
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('waiting');
	const record = waiting.park(result);
	const { node, status } = await waiting.nextResume(record.executionId);
	expect(status).toBe('success');
	const out = node('Sora Video').items;
	const [delivery] = sim.callbacks;
	expect(delivery.body).toMatchObject({ code: 200, data: { info: { resultUrls: [expect.any(String)] } } });
	expect(delivery.headers['x-webhook-signature']).toEqual(expect.any(String));
	expect(out[0].json).toMatchObject({ provider: 'kie', status: 'succeeded', model: 'veo3_fast', videoUrl: `${sim.url}/files/${out[0].json.taskId}.mp4?resolution=1080p` });
	expect(out[0].binary.data.mimeType).toBe('video/mp4');
});

describe('the trigger', () => {
	/** A trigger on a signing kie.ai credential, and a finished Veo task it has not heard of yet. */
	async function finishedVeoTaskFor({ provider, options }) {
		sim.configure({ hmacKey: HMAC });
		const t = await startTrigger(sim, { provider, credentials: 'kie', credentialOverrides: { kieAiApi: { webhookHmacSecret: HMAC } }, options });
		open.push(t);
		const taskId = await directVeoTask();
		sim.finishTask(taskId);
		return { t, taskId };
	}

	test('a signed Veo callback fires once, confirmed with the Veo record', async () => {
		sim.configure({ hmacKey: HMAC });
		const t = await startTrigger(sim, { provider: 'kie', credentials: 'kie', credentialOverrides: { kieAiApi: { webhookHmacSecret: HMAC } } });
		open.push(t);
		const created = await runSora(sim, { parameters: { ...VEO, callbackUrl: t.url } });
		const { taskId } = created.items[0].json;
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json).toMatchObject({ provider: 'kie', taskId, status: 'succeeded', confirmed: true, model: 'veo3_fast' });
		expect(item.json.videoUrl).toBe(`${sim.url}/files/${taskId}.mp4`);
	});

	test('"1080p Video": the trigger answers the callback at once, then fetches the 1080p copy and downloads it', async () => {
		const { t, taskId } = await finishedVeoTaskFor({ provider: 'auto', options: { fullResolution: true, downloadVideo: true } });
		const answer = await sim.sendCallback(t.url, { taskId });
		expect(answer.status).toBe(200);
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json).toMatchObject({ taskId, status: 'succeeded', confirmed: true, videoUrl: `${sim.url}/files/${taskId}.mp4?resolution=1080p` });
		expect(item.json).not.toHaveProperty('fullResolutionError');
		expect(item.binary.data.mimeType).toBe('video/mp4');
		expect(sim.stats.requests['kie.veo1080p']).toBe(2);

		// A Market task's callback ignores the option.
		const market = (await runSora(sim, { parameters: { operation: 'create', model: 'kling-3.0/video', prompt: 'a fox', callbackUrl: t.url } })).items[0].json.taskId;
		await t.server.waitForFired(2);
		expect(t.items()[1].json).toMatchObject({ taskId: market, status: 'succeeded', videoUrl: `${sim.url}/files/${market}.mp4` });
		expect(sim.stats.requests['kie.veo1080p']).toBe(2);
	});

	test('"1080p Video" without Confirm With Provider is ignored: the callback body alone does not vouch for the task', async () => {
		const { t, taskId } = await finishedVeoTaskFor({ provider: 'kie', options: { fullResolution: true, confirmWithProvider: false } });
		expect((await sim.sendCallback(t.url, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
		expect(t.items()[0].json).toMatchObject({ taskId, status: 'succeeded', confirmed: false, videoUrl: `${sim.url}/files/${taskId}.mp4` });
		expect(sim.stats.requests['kie.veo1080p'] ?? 0).toBe(0);
	});

	test('Auto-Detect knows the Veo callback; a forged signature starts nothing', async () => {
		sim.configure({ hmacKey: HMAC });
		const t = await startTrigger(sim, { provider: 'auto', credentials: 'kie', credentialOverrides: { kieAiApi: { webhookHmacSecret: HMAC } } });
		open.push(t);
		const taskId = await directVeoTask();
		sim.finishTask(taskId);
		const bad = await sim.sendCallback(t.url, { taskId, sign: 'bad' });
		expect(bad.status).toBeGreaterThanOrEqual(400);
		const good = await sim.sendCallback(t.url, { taskId });
		expect(good.status).toBe(200);
		await t.server.waitForFired(1);
		expect(t.items()[0].json).toMatchObject({ provider: 'kie', taskId, status: 'succeeded', confirmed: true, model: 'veo3_fast' });
		expect(t.fired).toHaveLength(1);
	});
});

test('the adapter sends Veo models to the Veo API and anything else to the Market API', () => {
	const kie = providers().kie;
	expect(kie.buildCreate({ model: 'veo3', input: { prompt: 'x' } })).toMatchObject({ path: '/api/v1/veo/generate', body: { model: 'veo3', prompt: 'x' } });
	expect(kie.buildCreate({ model: 'kling-3.0/video', input: { prompt: 'x' } })).toMatchObject({ path: '/api/v1/jobs/createTask' });
});
