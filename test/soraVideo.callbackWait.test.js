'use strict';

// Wait Mode "Callback": the execution pauses (n8n-core's putExecutionToWait) and the provider's
// callback to the resume URL resumes it, through n8n-core's WebhookContext and WorkflowExecute.
// The paused run is kept serialised, as n8n stores it, and resumed from that alone.
const { startWaitingServer } = require('./harness');
const { createSimulator } = require('./simulator');
const { runSora, TEXT, textFor, everythingSaid } = require('./support/soraNode');

jest.setTimeout(60_000);

const HMAC_KEY = 'hmac-key-callback-wait-5d1c';

let sim;
let waiting;
beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 400 });
	waiting = await startWaitingServer();
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

const items = (n) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
// The model comes from textFor(provider) where the run is made.
const callbackMode = (waitOptions = {}, extra = {}) => ({
	waitForCompletion: true,
	waitMode: 'callback',
	waitOptions: { timeout: 60, ...waitOptions },
	...extra,
});
const queriesOf = (taskId) => sim.stats.perTask[taskId]?.queries ?? 0;
const totalQueries = () => ['kie.query', 'revid.query', 'sora2api.query'].reduce((sum, key) => sum + (sim.stats.requests[key] ?? 0), 0);

async function pause(options) {
	const parameters = { ...textFor(options.provider ?? 'kie'), ...options.parameters };
	const result = await runSora(sim, { urls: { webhookWaitingBaseUrl: waiting.baseUrl }, ...options, parameters });
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('waiting');
	const record = waiting.park(result);
	let next;
	// Subscribed at once, so a resume that comes before the test asks is not missed.
	const resumedSoon = () => (next ??= waiting.nextResume(record.executionId));
	resumedSoon().catch(() => {});
	return { result, record, get resumed() { return resumedSoon(); } };
}

function parkedItems(record) {
	const data = waiting.stored(record.executionId);
	return data.executionData.nodeExecutionStack[0].data.main[0];
}

const until = async (check, timeoutMs = 10_000) => {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
};

describe.each(['kie', 'revid', 'sora2api'])('%s', (provider) => {
	test('pauses, the callback resumes it, and no status query was sent while waiting', async () => {
		const { result, record, resumed } = await pause({ provider, parameters: callbackMode() });
		const taskId = parkedItems(record)[0].json.taskId;
		expect(typeof taskId).toBe('string');
		// While paused the node shows the task it is waiting for.
		expect(result.items[0].json).toMatchObject({ taskId, provider, error: { code: 'TIMEOUT' } });
		expect(record.waitTill.getTime()).toBeGreaterThan(Date.now() + 60_000);

		await until(() => sim.callbacks.length === 1);
		const { node, status } = await resumed;
		expect(status).toBe('success');
		const out = node('Sora Video').items;
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ provider, taskId, status: 'succeeded', videoUrl: expect.stringContaining(taskId) });
		expect(out[0].json.error).toBeNull();
		expect(out[0].json.callbackWait).toBeUndefined();
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(sim.callbacks[0]).toMatchObject({ status: 200 });
		expect(sim.stats.tasksCreated).toBe(1);
		// The only query is the confirmation, sent after the callback arrived.
		expect(queriesOf(taskId)).toBe(1);
		expect(record.resumes).toHaveLength(1);
	});

	test('with confirmation off, the callback alone is used: 0 status queries in all', async () => {
		const { record, resumed } = await pause({ provider, parameters: callbackMode({ confirmCallback: false }) });
		const taskId = parkedItems(record)[0].json.taskId;
		const { node } = await resumed;
		expect(node('Sora Video').items[0].json).toMatchObject({ taskId, status: 'succeeded' });
		expect(totalQueries()).toBe(0);
	});
});

test('the callback URL is the resume URL with a token, parsed and extended with URL', async () => {
	sim.setNextTask({ noCallback: true });
	const { record } = await pause({ parameters: callbackMode() });
	const taskId = parkedItems(record)[0].json.taskId;
	const url = new URL(sim.getTask(taskId).callBackUrl);
	expect(`${url.origin}${url.pathname}`).toBe(`${waiting.baseUrl}/${record.executionId}`);
	expect(url.searchParams.get('soraVideoToken')).toMatch(/^[0-9a-f]{64}$/);
	// Neither the API key nor the token is kept in the paused execution.
	const stored = JSON.stringify(waiting.stored(record.executionId));
	expect(stored).not.toContain(sim.apiKeys.kie);
	expect(stored).not.toContain(url.searchParams.get('soraVideoToken'));
});

describe('forged callbacks do not resume the execution', () => {
	test('wrong token, no token, bad kie.ai signature, unknown task: refused, and the real one still resumes', async () => {
		sim.configure({ hmacKey: HMAC_KEY });
		sim.setNextTask({ stuck: true, noCallback: true });
		const { record } = await pause({
			parameters: callbackMode(),
			credentialOverrides: { kieAiApi: { webhookHmacSecret: HMAC_KEY } },
		});
		const taskId = parkedItems(record)[0].json.taskId;
		const goodUrl = new URL(sim.getTask(taskId).callBackUrl);
		const bare = new URL(goodUrl);
		bare.searchParams.delete('soraVideoToken');
		const wrong = new URL(goodUrl);
		wrong.searchParams.set('soraVideoToken', 'f'.repeat(64));

		sim.finishTask(taskId);
		expect((await sim.sendCallback(bare.toString(), { taskId })).status).toBe(401);
		expect((await sim.sendCallback(wrong.toString(), { taskId })).status).toBe(401);
		expect((await sim.sendCallback(goodUrl.toString(), { taskId, sign: 'bad' })).status).toBe(401);
		expect((await sim.sendCallback(goodUrl.toString(), { taskId, sign: false })).status).toBe(401);
		const oldTs = String(Math.floor(Date.now() / 1000) - 3600);
		expect((await sim.sendCallback(goodUrl.toString(), { taskId, timestamp: oldTs })).status).toBe(401);
		const otherBody = { code: 200, msg: 'success', data: { taskId: 'not-this-one', state: 'success', resultJson: '{"resultUrls":["http://127.0.0.1:1/x.mp4"]}' } };
		expect((await sim.sendCallback(goodUrl.toString(), { taskId, body: otherBody })).status).toBe(404);
		expect((await sim.sendCallback(goodUrl.toString(), { taskId, body: { hello: 'world' } })).status).toBe(400);
		expect(record.status).toBe('waiting');
		expect(record.resumes).toHaveLength(0);

		const resumed = waiting.nextResume(record.executionId);
		expect((await sim.sendCallback(goodUrl.toString(), { taskId })).status).toBe(200);
		const { node } = await resumed;
		expect(node('Sora Video').items[0].json).toMatchObject({ taskId, status: 'succeeded' });
		// A late duplicate cannot resume it again.
		expect((await sim.sendCallback(goodUrl.toString(), { taskId })).status).toBe(409);
		expect(record.resumes).toHaveLength(1);
	});
});

test('while a resume is under way, later callbacks are checked as strictly (unknown task 404, wrong token or signature 401), against what the resume kept', async () => {
	sim.configure({ hmacKey: HMAC_KEY });
	// Both tasks finish only when the test says so, after the pause: a callback sent before it would
	// be refused (n8n takes none until the execution is paused), however slow this machine is.
	sim.setNextTask({ stuck: true, noCallback: true });
	sim.setNextTask({ stuck: true, noCallback: true });
	const { record, resumed } = await pause({
		// The resumed node asks about the second task at once, then not for 30 s: the resume stays under way
		// until the second task's own callback, whatever this machine's pace.
		parameters: callbackMode({ pollingMode: 'fixed', pollInterval: 30 }),
		items: items(2),
		credentialOverrides: { kieAiApi: { webhookHmacSecret: HMAC_KEY } },
	});
	const [first, second] = parkedItems(record).map((item) => item.json.taskId);
	// The first task's callback resumes the execution; the resumed node polls the second task.
	sim.finishTask(first);
	expect((await sim.sendCallback(sim.getTask(first).callBackUrl, { taskId: first })).status).toBe(200);
	await until(() => queriesOf(second) > 0);
	// Checked against what the resume kept: n8n loads the whole paused execution for each callback,
	// and a callback that waited on the credential held that copy meanwhile.
	const credentialReads = record.credentialsHelper.decryptions;
	const goodUrl = new URL(sim.getTask(second).callBackUrl);
	const wrong = new URL(goodUrl);
	wrong.searchParams.set('soraVideoToken', 'f'.repeat(64));
	const otherBody = { code: 200, msg: 'success', data: { taskId: 'not-this-one', state: 'success', resultJson: '{"resultUrls":["http://127.0.0.1:1/x.mp4"]}' } };
	expect((await sim.sendCallback(goodUrl.toString(), { taskId: second, body: otherBody })).status).toBe(404);
	expect((await sim.sendCallback(wrong.toString(), { taskId: second })).status).toBe(401);
	expect((await sim.sendCallback(goodUrl.toString(), { taskId: second, sign: 'bad' })).status).toBe(401);
	expect(record.credentialsHelper.decryptions).toBe(credentialReads);
	sim.finishTask(second);
	expect((await sim.sendCallback(goodUrl.toString(), { taskId: second })).status).toBe(200);
	const { node } = await resumed;
	expect(node('Sora Video').items.map((item) => item.json.status)).toEqual(['succeeded', 'succeeded']);
	expect(record.resumes).toHaveLength(1);
});

test('several items: the first callback resumes once, the others are looked up or polled, none is lost', async () => {
	sim.setNextTask({ durationMs: 300 });
	sim.setNextTask({ durationMs: 1500 });
	sim.setNextTask({ durationMs: 3000, noCallback: true });
	const { record, resumed } = await pause({
		parameters: callbackMode({ pollingMode: 'fixed', pollInterval: 1 }),
		items: items(3),
	});
	const ids = parkedItems(record).map((item) => item.json.taskId);
	const { node } = await resumed;
	const out = node('Sora Video').items;
	expect(out.map((item) => item.json.taskId)).toEqual(ids);
	expect(out.map((item) => item.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
	expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(record.resumes).toHaveLength(1);
	expect(sim.stats.tasksCreated).toBe(3);
	// The second task's own callback ended its polling; the third (no callback) was polled.
	expect(queriesOf(ids[2])).toBeGreaterThan(1);
	const second = sim.callbacks.find((entry) => entry.taskId === ids[1]);
	expect(second.status).toBe(200);
});

describe('a batch whose creates take longer than its tasks (n8n refuses callbacks until the execution is paused)', () => {
	// One create answers 3 s late, as the 21st create of a kie.ai batch would (20 per 10 s); the
	// other tasks finish meanwhile and their callbacks find an execution that is not paused yet.
	const slowCreate = (then) => sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'delay', ms: 3000, ...(then ? { then } : {}) } });

	test('tasks seen finished while the creates were sent are not waited for; the rest wait for callbacks', async () => {
		slowCreate();
		const { record, resumed } = await pause({ parameters: callbackMode({ pollingMode: 'fixed', pollInterval: 1 }), items: items(3) });
		const parked = parkedItems(record);
		const seen = parked.filter((item) => item.json.callbackWait.seenFinished);
		const waitingFor = parked.filter((item) => !item.json.callbackWait.seenFinished);
		expect(seen).toHaveLength(2);
		expect(waitingFor).toHaveLength(1);
		for (const item of seen) expect(item.json).toMatchObject({ status: 'succeeded', videoUrl: expect.stringContaining(item.json.taskId) });
		// Seen finished: no timeout to report even if no callback ever came.
		for (const item of seen) expect(item.json.error).toBeNull();
		expect(waitingFor[0].json.error).toMatchObject({ code: 'TIMEOUT' });
		const queriesBeforePause = Object.fromEntries(parked.map((item) => [item.json.taskId, queriesOf(item.json.taskId)]));
		for (const item of seen) expect(queriesBeforePause[item.json.taskId]).toBeGreaterThan(0);

		const { node, status } = await resumed;
		expect(status).toBe('success');
		const out = node('Sora Video').items;
		expect(out.map((item) => item.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
		expect(out.map((item) => item.json.taskId)).toEqual(parked.map((item) => item.json.taskId));
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of out) expect(item.json.callbackWait).toBeUndefined();
		// The resumed node looked up none of the tasks it had seen finished.
		for (const item of seen) expect(queriesOf(item.json.taskId)).toBe(queriesBeforePause[item.json.taskId]);
		expect(sim.stats.tasksCreated).toBe(3);
	});

	test('lookups still waiting for their turn under the query limit when the last create is answered are dropped, not sent', async () => {
		// 11 tasks are looked up 1 s after their creates; kie.ai answers each lookup 4 s late, so
		// 10 are on their way (the limit) and the 11th waits for a turn when the 12th create is
		// answered at 3 s. Sending it would hold the pause back a whole slow lookup more.
		slowCreate();
		sim.addFault({ provider: 'kie', route: 'query', times: 11, action: { type: 'delay', ms: 4000 } });
		const { record } = await pause({ parameters: callbackMode({ pollingMode: 'fixed', pollInterval: 1 }), items: items(12) });
		expect(sim.stats.tasksCreated).toBe(12);
		expect(totalQueries()).toBe(10);
		const parked = parkedItems(record);
		const lookedUp = parked.filter((item) => queriesOf(item.json.taskId) > 0);
		expect(lookedUp).toHaveLength(10);
		for (const item of lookedUp) expect(item.json.callbackWait.seenFinished).toBe(true);
		expect(parked.filter((item) => !item.json.callbackWait.seenFinished)).toHaveLength(2);
	});

	test('every task seen finished by the last create: no pause, the videos are downloaded at once', async () => {
		// The slow create is then refused (continueOnFail): nothing is left to wait for.
		slowCreate({ type: 'code', code: 422, http: true });
		const result = await runSora(sim, {
			parameters: { ...textFor('kie'), ...callbackMode({ pollingMode: 'fixed', pollInterval: 1 }, { downloadVideo: true, binaryPropertyName: 'video' }) },
			items: items(3),
			continueOnFail: true,
			binaryMode: 'filesystem',
			urls: { webhookWaitingBaseUrl: waiting.baseUrl },
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const out = result.items;
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const failed = out.filter((item) => item.json.error);
		const done = out.filter((item) => !item.json.error);
		expect(failed).toHaveLength(1);
		expect(done).toHaveLength(2);
		for (const item of done) {
			expect(item.json).toMatchObject({ status: 'succeeded' });
			expect(item.json.callbackWait).toBeUndefined();
			expect(item.binary.video).toMatchObject({ fileName: `${item.json.taskId}.mp4` });
			expect(sim.stats.perTask[item.json.taskId].fileDownloads).toBe(1);
		}
		expect(sim.stats.tasksCreated).toBe(2);
	});
});

test('no callback before the deadline: n8n resumes on its timer and every task comes out as TIMEOUT with its ID', async () => {
	sim.setNextTask({ stuck: true });
	sim.setNextTask({ stuck: true });
	const { record } = await pause({ parameters: callbackMode({ timeout: 30 }), items: items(2) });
	const ids = parkedItems(record).map((item) => item.json.taskId);
	const { node, status } = await waiting.resumeByTimer(record.executionId);
	expect(status).toBe('success');
	const out = node('Sora Video').items;
	expect(out).toHaveLength(2);
	out.forEach((item, index) => {
		expect(item.json).toMatchObject({ taskId: ids[index], error: { code: 'TIMEOUT' } });
		expect(item.json.error.message).toContain(ids[index]);
		expect(item.pairedItem).toEqual({ item: index });
	});
});

test('Download Video: the resumed node streams the video into binary data', async () => {
	const { record, resumed } = await pause({
		parameters: callbackMode({}, { downloadVideo: true, binaryPropertyName: 'video' }),
		binaryMode: 'filesystem',
	});
	const taskId = parkedItems(record)[0].json.taskId;
	const { node } = await resumed;
	const item = node('Sora Video').items[0];
	expect(item.binary.video).toMatchObject({ fileName: `${taskId}.mp4`, mimeType: 'video/mp4' });
	expect(sim.stats.perTask[taskId].fileDownloads).toBe(1);
});

test('a failed task comes out as an item with error and its task ID', async () => {
	sim.setNextTask({ failAfterGenerating: true, failMsg: 'content policy' });
	const { record, resumed } = await pause({ parameters: callbackMode() });
	const taskId = parkedItems(record)[0].json.taskId;
	const { node, status } = await resumed;
	expect(status).toBe('success');
	expect(node('Sora Video').items[0].json).toMatchObject({ taskId, status: 'failed', error: { message: expect.stringContaining('content policy') } });
});

test('a create that fails under continueOnFail is in the output next to the tasks that were waited for', async () => {
	sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'code', code: 402 } });
	const { record, resumed } = await pause({ parameters: callbackMode(), items: items(2), continueOnFail: true });
	const parked = parkedItems(record);
	const { node } = await resumed;
	const out = node('Sora Video').items;
	expect(out).toHaveLength(2);
	const failed = out.find((item) => item.json.error?.code === '402');
	const ok = out.find((item) => item.json.status === 'succeeded');
	expect(failed).toBeDefined();
	expect(ok.json.taskId).toBe(parked.find((item) => item.json.taskId).json.taskId);
	expect(sim.stats.tasksCreated).toBe(1);
});

test('without continueOnFail a failed create fails the node at once, naming the task the other item started', async () => {
	sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'code', code: 402 } });
	const result = await runSora(sim, { parameters: { ...textFor('kie'), ...callbackMode() }, items: items(2), urls: { webhookWaitingBaseUrl: waiting.baseUrl } });
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(/credits/i);
	const [started] = Object.keys(sim.stats.perTask);
	expect(result.error.description).toContain(started);
});

test('Wait Until Done has no Callback mode: a workflow saved with one polls the task to the end', async () => {
	const created = await runSora(sim, { parameters: TEXT, items: items(1) });
	const { taskId } = created.items[0].json;
	const result = await runSora(sim, {
		parameters: { operation: 'waitUntilDone', taskId, waitMode: 'callback', waitOptions: { timeout: 60 } },
		items: items(1),
	});
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ taskId, status: 'succeeded' });
	expect(queriesOf(taskId)).toBeGreaterThan(0);
});

test('in Callback mode a Callback URL saved earlier is hidden and not sent: the provider gets the resume URL', async () => {
	const { result } = await pause({ parameters: callbackMode({}, { callbackUrl: 'https://example.com/cb' }), items: items(1) });
	expect(result.error).toBeUndefined();
	const [taskId] = Object.keys(sim.stats.perTask);
	expect(sim.getTask(taskId).callBackUrl).toMatch(new RegExp(`^${waiting.baseUrl}`));
	expect(sim.stats.tasksCreated).toBe(1);
});

test('no key or token appears in any output, error or log line', async () => {
	sim.configure({ hmacKey: HMAC_KEY });
	const { result, record, resumed } = await pause({
		parameters: callbackMode(),
		credentialOverrides: { kieAiApi: { webhookHmacSecret: HMAC_KEY } },
	});
	const { run, logs } = await resumed;
	const token = new URL(sim.callbacks[0].url).searchParams.get('soraVideoToken');
	const said = everythingSaid(result) + JSON.stringify(run.data) + logs.join('\n') + waiting.requests.map((entry) => (entry.logs ?? []).join('\n')).join('\n');
	for (const secret of [sim.apiKeys.kie, HMAC_KEY, token]) expect(said).not.toContain(secret);
	expect(record.resumes).toHaveLength(1);
});

describe('Extend with Wait Mode "Callback"', () => {
	/** A finished Veo 3.1 task, made through kie.ai's Veo API as any client would. */
	async function finishedVeo() {
		sim.setNextTask({ noCallback: true });
		const res = await fetch(`${sim.url}/api/v1/veo/generate`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'a paper boat on a pond', model: 'veo3_fast', aspect_ratio: '16:9' }),
		});
		const { data } = await res.json();
		sim.finishTask(data.taskId);
		return data.taskId;
	}
	const extendInCallbackMode = (source, extra = {}) => ({
		operation: 'extend',
		taskId: source,
		extendPrompt: 'the boat drifts under a bridge',
		...callbackMode(),
		...extra,
	});

	test('pauses with the resume URL as the extend callBackUrl; its callback resumes with the extended task, confirmed, paid once', async () => {
		const source = await finishedVeo();
		const { record, resumed } = await pause({ parameters: extendInCallbackMode(source) });
		const taskId = parkedItems(record)[0].json.taskId;
		expect(taskId).not.toBe(source);
		const sent = sim.getTask(taskId);
		expect(sent.body).toMatchObject({ taskId: source, prompt: 'the boat drifts under a bridge' });
		const url = new URL(sent.callBackUrl);
		expect(`${url.origin}${url.pathname}`).toBe(`${waiting.baseUrl}/${record.executionId}`);

		const { node, status } = await resumed;
		expect(status).toBe('success');
		const out = node('Sora Video').items;
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ provider: 'kie', taskId, status: 'succeeded', videoUrl: expect.stringContaining(taskId) });
		expect(out[0].json.error).toBeNull();
		expect(out[0].json.callbackWait).toBeUndefined();
		expect(sim.stats.requests['kie.extend']).toBe(1);
		// The confirmation after the callback, besides the free look at the source before paying.
		expect(queriesOf(taskId)).toBe(1);
		expect(record.resumes).toHaveLength(1);
	});

	test('a Callback URL of its own is refused in Callback mode before anything is sent', async () => {
		const source = await finishedVeo();
		const result = await runSora(sim, {
			urls: { webhookWaitingBaseUrl: waiting.baseUrl },
			parameters: extendInCallbackMode(source, { extendOptions: { callbackUrl: 'https://example.com/hook' } }),
		});
		expect(result.error.message).toMatch(/"Callback URL" cannot be set in Wait Mode "Callback"/);
		expect(sim.stats.requests['kie.extend']).toBeUndefined();
	});
});

describe('Upscale to 4K with Wait Mode "Callback"', () => {
	async function finishedVeo() {
		sim.setNextTask({ noCallback: true });
		const res = await fetch(`${sim.url}/api/v1/veo/generate`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'a paper boat on a pond', model: 'veo3_fast', aspect_ratio: '16:9' }),
		});
		const { data } = await res.json();
		sim.finishTask(data.taskId);
		return data.taskId;
	}
	const upscaleInCallbackMode = (source, extra = {}) => ({
		operation: 'upscale4k',
		taskId: source,
		waitForCompletion: true,
		waitMode: 'callback',
		upscaleTimeout: 60,
		...extra,
	});
	const asks = () => sim.stats.requests['kie.veo4k'] ?? 0;

	test("pauses after the one paid ask; kie.ai's snake_case 4K callback resumes it, confirmed by one more ask, downloaded", async () => {
		sim.configure({ fourKDurationMs: 300 });
		const source = await finishedVeo();
		const { result, record, resumed } = await pause({ parameters: upscaleInCallbackMode(source, { downloadVideo: true }) });
		expect(result.items[0].json).toMatchObject({ taskId: source, status: 'processing', error: { code: 'TIMEOUT' } });
		expect(asks()).toBe(1);

		const { node, status } = await resumed;
		expect(status).toBe('success');
		const [item] = node('Sora Video').items;
		// kie.ai's 4K callback, to the resume URL the node sent with its ask.
		expect(sim.callbacks[0]).toMatchObject({ status: 200, body: { data: { task_id: source, result_urls: [expect.stringMatching(/resolution=4k/)] } } });
		const url = new URL(sim.callbacks[0].url);
		expect(`${url.origin}${url.pathname}`).toBe(`${waiting.baseUrl}/${record.executionId}`);
		expect(item.json).toMatchObject({ provider: 'kie', taskId: source, status: 'succeeded', raw: { upscale: '4K', index: 0 } });
		expect(item.json.videoUrl).toMatch(/resolution=4k/);
		expect(item.json.error).toBeNull();
		expect(item.json.callbackWait).toBeUndefined();
		expect(item.binary.data.mimeType).toBe('video/mp4');
		// The paid ask, then the confirmation (answered 422 with the links): never a second render.
		expect(asks()).toBe(2);
		expect(record.resumes).toHaveLength(1);
	});

	test('with confirmation off the callback alone is used: one ask in all', async () => {
		sim.configure({ fourKDurationMs: 300 });
		const source = await finishedVeo();
		const { resumed } = await pause({ parameters: upscaleInCallbackMode(source, { waitOptions: { confirmCallback: false } }) });
		const { node } = await resumed;
		expect(node('Sora Video').items[0].json).toMatchObject({ taskId: source, status: 'succeeded', videoUrl: expect.stringMatching(/resolution=4k/) });
		expect(asks()).toBe(1);
	});

	test('a 4K copy ready at the first ask needs no pause: output at once, downloaded', async () => {
		sim.configure({ fourKDurationMs: 0 });
		const source = await finishedVeo();
		const result = await runSora(sim, {
			urls: { webhookWaitingBaseUrl: waiting.baseUrl },
			parameters: upscaleInCallbackMode(source, { downloadVideo: true }),
		});
		expect(result.error).toBeUndefined();
		expect(result.status).not.toBe('waiting');
		expect(result.items[0].json).toMatchObject({ taskId: source, status: 'succeeded', videoUrl: expect.stringMatching(/resolution=4k/) });
		expect(result.items[0].binary.data.mimeType).toBe('video/mp4');
		expect(asks()).toBe(1);
	});
});

test('Extend in Callback mode with Retry On Fail: the retry continues the task already extended, under the same callback URL', async () => {
	const veo = async () => {
		sim.setNextTask({ noCallback: true });
		const res = await fetch(`${sim.url}/api/v1/veo/generate`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'a kite', model: 'veo3_fast', aspect_ratio: '16:9' }),
		});
		const { data } = await res.json();
		sim.finishTask(data.taskId);
		return data.taskId;
	};
	const sources = [await veo(), await veo()];
	// One item's first extend is refused (402: certainly not started), which fails the node's first try.
	sim.addFault({ route: 'extend', times: 1, action: { type: 'code', code: 402 } });
	const { record, resumed } = await pause({
		parameters: { operation: 'extend', taskId: '={{ $json.taskId }}', extendPrompt: 'it climbs', ...callbackMode({ pollingMode: 'fixed', pollInterval: 1 }) },
		items: sources.map((taskId) => ({ json: { taskId } })),
		node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
	});
	const parked = parkedItems(record).map((item) => item.json.taskId);
	expect(new Set(parked).size).toBe(2);
	// One extend for the item that went through, the refused one and its retry: none sent twice for a task
	// that exists. n8n-core 1.x also reruns the paused node (its items carry `error`): that rerun sends nothing.
	expect(sim.stats.requests['kie.extend']).toBe(3);
	expect(sim.stats.log.filter((entry) => entry.key === 'kie.extend').map((entry) => entry.code).sort()).toEqual([200, 200, 402]);
	expect(new URL(sim.getTask(parked[0]).callBackUrl).searchParams.get('soraVideoToken')).toBe(
		new URL(sim.getTask(parked[1]).callBackUrl).searchParams.get('soraVideoToken'),
	);
	const { node } = await resumed;
	const out = node('Sora Video').items;
	expect(out.map((item) => item.json.status)).toEqual(['succeeded', 'succeeded']);
	expect(out.map((item) => item.json.taskId)).toEqual(parked);
});
