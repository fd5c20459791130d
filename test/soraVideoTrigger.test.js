'use strict';

// The Sora Video Trigger (compiled, as n8n loads it) behind n8n-core's WebhookContext, fed with
// REAL HTTP callbacks by the provider simulator: every documented shape, signatures, tokens,
// replays, duplicates, event filters, "Confirm with Provider" and the download.
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
const path = require('node:path');

const { allLogs } = require('./harness');
const { createSimulator } = require('./simulator');
const { SoraVideoCallbackTrigger } = require('./support/dist');
const { runSora, SORA_TEXT, textFor } = require('./support/soraNode');
const { PROVIDER_IDS } = require('./support/credentials');
const {
	startTrigger,
	createTask,
	finishedTask,
	startRecorder,
	marketSuccessBody,
	marketFailureBody,
	queryBody,
	httpRequest,
} = require('./support/trigger');

jest.setTimeout(20_000);

const HMAC = 'kie-hmac-key-7Qx2vL9pWm';
const WITH_HMAC = { kieAiApi: { webhookHmacSecret: HMAC } };
const TOKEN = 'trigger-token-Hn4s';
const STATIC_KEY = 'node:Sora Video Trigger';
const SHAPE = ['completedAt', 'costTimeMs', 'createdAt', 'error', 'model', 'progress', 'provider', 'raw', 'status', 'taskId', 'videoUrl', 'videoUrls'];
const SAMPLE = fs.readFileSync(path.join(__dirname, 'simulator', 'fixtures', 'sample.mp4'));
const POLICY = 'content policy violation';

let sim;
let open = [];
/** Everything the suite saw, scanned for secrets by the last test. */
const seen = { responses: [], outputs: [], logs: [] };

beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 300, hmacKey: HMAC });
});
afterEach(async () => {
	for (const thing of open) {
		// The node answers every callback itself; n8n must never be left to answer again.
		if (thing.server) expect(thing.server.doubleAnswers).toHaveLength(0);
		if (thing.fired) {
			seen.outputs.push(...thing.fired);
			seen.logs.push(...thing.logs());
		}
		await thing.close();
	}
	open = [];
	seen.responses.push(...sim.callbacks.map((delivery) => delivery.response));
	sim.reset();
});
afterAll(async () => {
	await sim.close();
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);
const queries = (provider) => sim.stats.requests[`${provider}.query`] || 0;

async function trigger(options) {
	const started = await startTrigger(sim, options);
	open.push(started);
	return started;
}

async function recorder() {
	const started = await startRecorder();
	open.push(started);
	return started;
}

/** Sends a callback through the simulator; resolves to { status, body (text), json }. */
async function send(t, options) {
	const res = await sim.sendCallback(t.url, options);
	seen.responses.push(res.body);
	let json;
	try {
		json = JSON.parse(res.body);
	} catch {
		json = undefined;
	}
	return { ...res, json };
}

/** Waits until the webhook server finished handling every request it got (webhook() returned). */
async function idle(t) {
	for (let i = 0; i < 200; i++) {
		if (t.server.requests.every((entry) => entry.response !== undefined || entry.error !== undefined)) return;
		await sleep(10);
	}
	throw new Error('the webhook server did not finish its requests');
}

/** Waits until the simulator recorded `count` callback deliveries (with their answers). */
async function deliveries(count) {
	for (let i = 0; i < 200 && sim.callbacks.length < count; i++) await sleep(10);
	expect(sim.callbacks.length).toBeGreaterThanOrEqual(count);
}

/** A 4xx with a short reason, and no execution. */
async function expectRejected(t, res, status, reason) {
	expect(res.status).toBe(status);
	expect(res.json).toEqual({ received: false, error: expect.any(String) });
	expect(res.json.error.length).toBeLessThan(60);
	if (reason) expect(res.json.error).toMatch(reason);
	await idle(t);
	expect(t.fired).toHaveLength(0);
}

/** What the Sora Video node's `query` operation outputs for the task. */
async function queried(provider, taskId) {
	const result = await runSora(sim, { provider, parameters: { operation: 'query', taskId } });
	expect(result.error).toBeUndefined();
	return result.items[0].json;
}

function withoutConfirmed(json) {
	const { confirmed, downloadError, ...task } = json;
	return task;
}

/** A forged "success" body in the provider's own callback shape, with the given result URLs. */
function forgedSuccess(provider, taskId, urls) {
	if (provider === 'sora2api') {
		return { code: 200, msg: 'success', data: { taskId, promptJson: '{"prompt":"forged"}', resultUrls: urls } };
	}
	return marketSuccessBody(taskId, urls);
}

const bytesOf = (binary) => Buffer.from(binary.data, 'base64');

describe('description', () => {
	test('a POST webhook trigger with no inputs, not a tool, with the documented parameters', () => {
		const node = new (SoraVideoCallbackTrigger())();
		const { description } = node;
		expect(description.name).toBe('soraVideoCallbackTrigger');
		// Listed as "Sora Video Callback" in the node panel, not as a second "Sora Video" (editorDescription.test.js).
		expect(description.displayName).toBe('Sora Video Callback Trigger');
		expect(description.defaults.name).toBe('Sora Video Trigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toEqual([expect.objectContaining({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived' })]);
		expect(Object.keys(node.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);

		const byName = Object.fromEntries(description.properties.map((property) => [property.name, property]));
		expect(byName.notice.type).toBe('notice');
		expect(byName.notice.displayName).toMatch(/Callback URL/);
		expect(byName.provider.options.map((option) => option.value).sort()).toEqual(['auto', 'kie', 'revid', 'sora2api']);
		expect(byName.events.options.map((option) => option.value)).toEqual(['succeeded', 'failed']);
		expect(byName.events.default).toEqual(['succeeded', 'failed']);
		const options = Object.fromEntries(byName.options.options.map((option) => [option.name, option]));
		expect(options.downloadVideo.default).toBe(false);
		expect(options.binaryPropertyName.default).toBe('data');
		expect(options.secretToken.typeOptions).toEqual({ password: true });
		expect(options.confirmWithProvider.default).toBe(true);
		expect(options.signatureToleranceSeconds.default).toBe(300);
	});

	test('parses callbacks with the shared provider code, not a copy of it', () => {
		const compiled = fs.readFileSync(path.join(__dirname, '..', 'dist', 'nodes', 'SoraVideoTrigger', 'handleCallback.js'), 'utf8');
		expect(compiled).toContain('require("../shared/providers/registry")');
		expect(compiled).toContain('require("../shared/providers/detect")');
		expect(compiled).toContain('require("../shared/download")');
	});
});

describe('lifecycle methods through HookContext', () => {
	test('checkExists is false before create, true after, false after delete', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie' });
		expect(await t.runner.checkExists()).toBe(false);
		expect(await t.runner.create()).toBe(true);
		expect(t.staticData[STATIC_KEY].webhookUrl).toBe(t.url);
		expect(await t.runner.checkExists()).toBe(true);
		expect(await t.runner.delete()).toBe(true);
		expect(t.staticData[STATIC_KEY].webhookUrl).toBeUndefined();
		expect(await t.runner.checkExists()).toBe(false);

		// What n8n does on activation, twice.
		expect(await t.runner.activate()).toEqual({ existed: false, created: true });
		expect(await t.runner.activate()).toEqual({ existed: true, created: false });

		// An active trigger still takes callbacks.
		const taskId = await finishedTask(sim, 'kie');
		expect((await send(t, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
		expect(t.staticData[STATIC_KEY].webhookUrl).toBe(t.url);
	});
});

describe.each(PROVIDER_IDS)('%s callbacks', (provider) => {
	test('end to end: a Sora Video create with the trigger URL as Callback URL fires once, with the task the Sora Video node outputs', async () => {
		const t = await trigger({ provider: 'auto', credentials: provider, credentialOverrides: WITH_HMAC });
		const created = await runSora(sim, { provider, parameters: { ...textFor(provider), callbackUrl: t.url } });
		expect(created.error).toBeUndefined();
		const { taskId } = created.items[0].json;

		await t.server.waitForFired(1);
		await deliveries(1);
		await idle(t);
		expect(t.fired).toHaveLength(1);
		expect(sim.callbacks).toHaveLength(1);
		const [delivery] = sim.callbacks;
		expect(delivery.status).toBe(200);
		expect(JSON.parse(delivery.response)).toEqual({ received: true, taskId, status: 'succeeded' });
		if (provider === 'kie') expect(delivery.headers['x-webhook-signature']).toEqual(expect.any(String));

		const [item] = t.items();
		expect(Object.keys(item.json).sort()).toEqual([...SHAPE, 'confirmed'].sort());
		expect(item.json).toMatchObject({
			provider,
			taskId,
			status: 'succeeded',
			progress: 100,
			error: null,
			videoUrl: `${sim.url}/files/${taskId}.mp4`,
			videoUrls: [`${sim.url}/files/${taskId}.mp4`],
			confirmed: true,
		});
		expect(withoutConfirmed(item.json)).toEqual(await queried(provider, taskId));
	});

	test('its documented shape, set explicitly and read without a credential, gives the same task as the Sora Video node', async () => {
		const t = await trigger({ provider, credentials: null });
		const taskId = await finishedTask(sim, provider);
		const res = await send(t, { taskId, shape: 'record' });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ received: true, taskId, status: 'succeeded' });
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json.confirmed).toBe(false);
		expect(Object.keys(item.json).sort()).toEqual([...SHAPE, 'confirmed'].sort());
		expect(withoutConfirmed(item.json)).toEqual(await queried(provider, taskId));
	});

	test('auto tells the provider from the shape and the attached credential, and confirms with it', async () => {
		const t = await trigger({ provider: 'auto', credentials: provider, credentialOverrides: WITH_HMAC });
		const taskId = await finishedTask(sim, provider);
		const res = await send(t, { taskId }); // kie.ai callbacks are signed, as kie.ai does when a key is set
		expect(res.status).toBe(200);
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json).toMatchObject({ provider, taskId, status: 'succeeded', confirmed: true });
		expect(withoutConfirmed(item.json)).toEqual(await queried(provider, taskId));
	});

	test('a failed task fires with the provider\'s error', async () => {
		const t = await trigger({ provider, credentials: provider });
		const taskId = await createTask(sim, provider, { behaviour: { fail: true, failMsg: POLICY } });
		sim.finishTask(taskId, { fail: true });
		const res = await send(t, { taskId });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ received: true, taskId, status: 'failed' });
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json).toMatchObject({ provider, taskId, status: 'failed', videoUrl: null, videoUrls: [], confirmed: true });
		expect(item.json.error.message).toBe(POLICY);
		expect(withoutConfirmed(item.json)).toEqual(await queried(provider, taskId));
	});
});

describe('auto-detection without a credential, and the Sora2API simple shape', () => {
	test('auto reads kie.ai/Revid and both Sora2API shapes without a credential', async () => {
		const t = await trigger({ provider: 'auto', credentials: null });
		const kieTask = await finishedTask(sim, 'kie');
		const recordTask = await finishedTask(sim, 'sora2api');
		const simpleTask = await finishedTask(sim, 'sora2api');
		expect((await send(t, { taskId: kieTask, sign: false })).status).toBe(200);
		expect((await send(t, { taskId: recordTask, shape: 'record' })).status).toBe(200);
		expect((await send(t, { taskId: simpleTask, shape: 'simple' })).status).toBe(200);
		await t.server.waitForFired(3);
		const byTask = Object.fromEntries(t.items().map((item) => [item.json.taskId, item.json]));
		expect(byTask[kieTask]).toMatchObject({ provider: 'kie', status: 'succeeded', confirmed: false });
		expect(byTask[recordTask]).toMatchObject({ provider: 'sora2api', status: 'succeeded', confirmed: false });
		expect(byTask[simpleTask]).toMatchObject({ provider: 'sora2api', status: 'succeeded', confirmed: false });
	});

	test("Sora2API 'simple' shape, explicit provider, no credential: the normalised task from the body", async () => {
		const t = await trigger({ provider: 'sora2api', credentials: null });
		const taskId = await finishedTask(sim, 'sora2api');
		const failedId = await createTask(sim, 'sora2api', { behaviour: { fail: true, failMsg: POLICY } });
		sim.finishTask(failedId, { fail: true });

		expect((await send(t, { taskId, shape: 'simple' })).json).toEqual({ received: true, taskId, status: 'succeeded' });
		expect((await send(t, { taskId: failedId, shape: 'simple' })).json).toEqual({ received: true, taskId: failedId, status: 'failed' });
		await t.server.waitForFired(2);
		const [ok, failed] = t.items().map((item) => item.json);
		const url = `${sim.url}/files/${taskId}.mp4`;
		expect(Object.keys(ok).sort()).toEqual([...SHAPE, 'confirmed'].sort());
		expect(ok).toEqual({
			provider: 'sora2api',
			taskId,
			model: 'sora-2-text-to-video',
			status: 'succeeded',
			progress: 100,
			videoUrl: url,
			videoUrls: [url],
			error: null,
			createdAt: null,
			completedAt: null,
			costTimeMs: null,
			raw: { taskId, promptJson: { prompt: 'A lighthouse in a storm' }, resultUrls: [url] },
			confirmed: false,
		});
		expect(failed).toMatchObject({
			provider: 'sora2api',
			taskId: failedId,
			status: 'failed',
			videoUrl: null,
			videoUrls: [],
			error: { code: '500', message: POLICY },
		});
	});

	test("Sora2API 'simple' shape with the credential: the provider's record goes out", async () => {
		sim.configure({ sora2apiCallbackShape: 'simple' });
		const t = await trigger({ provider: 'auto', credentials: 'sora2api' });
		const created = await runSora(sim, { provider: 'sora2api', parameters: { ...SORA_TEXT, callbackUrl: t.url } });
		const { taskId } = created.items[0].json;
		await t.server.waitForFired(1);
		await deliveries(1);
		expect(sim.callbacks[0].body.data).toEqual({ taskId, promptJson: expect.any(String), resultUrls: [`${sim.url}/files/${taskId}.mp4`] });
		const [item] = t.items();
		expect(item.json.confirmed).toBe(true);
		expect(withoutConfirmed(item.json)).toEqual(await queried('sora2api', taskId));
		expect(item.json.createdAt).toEqual(expect.any(String));
	});

	test('auto with kie.ai and Revid credentials: a Revid callback is confirmed with Revid', async () => {
		const t = await trigger({ provider: 'auto', credentials: 'all' });
		const taskId = await finishedTask(sim, 'revid');
		expect((await send(t, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
		expect(t.items()[0].json).toMatchObject({ provider: 'revid', taskId, confirmed: true });
		// kie.ai is asked first, in its Market and its Veo API: a callback body does not prove which holds the task.
		expect(sim.stats.requests['kie.query']).toBe(2);
	});

	test('auto with both credentials and a kie.ai signing key: an unsigned body can only be Revid', async () => {
		const t = await trigger({ provider: 'auto', credentials: 'all', credentialOverrides: { kieAiApi: { webhookHmacSecret: 'hmac-for-test-123' } } });
		const taskId = await finishedTask(sim, 'revid');
		expect((await send(t, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
		expect(t.items()[0].json).toMatchObject({ provider: 'revid', taskId, confirmed: true });
		expect(sim.stats.requests['kie.query'] ?? 0).toBe(0);
	});

	test('auto with only a Revid credential reads the kie.ai-style body as Revid', async () => {
		const t = await trigger({ provider: 'auto', credentials: 'revid' });
		const taskId = await finishedTask(sim, 'revid');
		expect((await send(t, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
		expect(t.items()[0].json).toMatchObject({ provider: 'revid', taskId, confirmed: true });
	});
});

describe('answers at once', () => {
	test('200 with small JSON, before the download, even when the file server is slow', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie', options: { downloadVideo: true } });
		const taskId = await finishedTask(sim, 'kie');
		const body = await queryBody(sim, 'kie', taskId); // a finished kie.ai task's answer is its callback body
		sim.addFault({ route: 'file', taskId, action: { type: 'delay', ms: 2000 } });

		const started = Date.now();
		const res = await httpRequest('POST', t.url, { body });
		const answeredAfterMs = Date.now() - started;
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/^application\/json/);
		expect(res.text.length).toBeLessThan(200);
		expect(res.json).toEqual({ received: true, taskId, status: 'succeeded' });
		expect(answeredAfterMs).toBeLessThan(1500);
		expect(t.fired).toHaveLength(0); // the download is still under way

		await t.server.waitForFired(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		const [item] = t.items();
		expect(bytesOf(item.binary.data).equals(SAMPLE)).toBe(true);
		expect(sim.stats.perTask[taskId].fileDownloads).toBe(1);
	});
});

describe('kie.ai signed callbacks', () => {
	const signedTrigger = (options = {}, provider = 'kie') =>
		trigger({ provider, credentials: 'kie', credentialOverrides: WITH_HMAC, options });

	test('a good signature fires', async () => {
		const t = await signedTrigger();
		const taskId = await finishedTask(sim, 'kie');
		const res = await send(t, { taskId, sign: true });
		expect(res.status).toBe(200);
		await t.server.waitForFired(1);
		expect(t.items()[0].json).toMatchObject({ provider: 'kie', taskId, status: 'succeeded' });
	});

	test('a bad signature, a missing one, or one made for another task is 401, before any provider query', async () => {
		const t = await signedTrigger();
		const taskId = await finishedTask(sim, 'kie');
		const otherId = await finishedTask(sim, 'kie');
		const otherBody = await queryBody(sim, 'kie', otherId);
		const before = queries('kie');

		await expectRejected(t, await send(t, { taskId, sign: 'bad' }), 401, /bad signature/);
		await expectRejected(t, await send(t, { taskId, sign: false }), 401, /missing signature/);
		// A signature only for the timestamp, without one for the task, is missing too.
		await expectRejected(t, await send(t, { taskId, sign: false, timestamp: nowSeconds() }), 401, /missing signature/);
		// A valid signature for task A does not vouch for a body about task B.
		await expectRejected(t, await send(t, { taskId, body: otherBody, sign: true }), 401, /bad signature/);
		expect(queries('kie')).toBe(before);
	});

	test('auto mode with a signing key: unsigned callbacks in any shape are rejected', async () => {
		const t = await signedTrigger({}, 'auto');
		const taskId = await finishedTask(sim, 'kie');
		await expectRejected(t, await send(t, { taskId, sign: false }), 401, /missing signature/);
		// A body in another provider's shape must not dodge the signature check.
		const forged = forgedSuccess('sora2api', 'forged-123', ['http://169.254.169.254/latest/meta-data']);
		const res = await send(t, { body: forged, provider: 'sora2api', sign: false });
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.status).toBeLessThan(500);
		await expectRejected(t, res, res.status);
	});

	test('a timestamp older than the default 300 s tolerance is a replay: 401', async () => {
		const t = await signedTrigger();
		const taskId = await finishedTask(sim, 'kie');
		await expectRejected(t, await send(t, { taskId, sign: true, timestamp: nowSeconds() - 310 }), 401, /replay/);
		await expectRejected(t, await send(t, { taskId, sign: true, timestamp: nowSeconds() - 3600 }), 401, /replay/);
		// Within the tolerance it is accepted.
		expect((await send(t, { taskId, sign: true, timestamp: nowSeconds() - 200 })).status).toBe(200);
		await t.server.waitForFired(1);
	});

	test('a custom tolerance is honoured both ways', async () => {
		const strict = await signedTrigger({ signatureToleranceSeconds: 60 });
		const taskId = await finishedTask(sim, 'kie');
		await expectRejected(strict, await send(strict, { taskId, sign: true, timestamp: nowSeconds() - 120 }), 401, /replay/);
		expect((await send(strict, { taskId, sign: true, timestamp: nowSeconds() - 30 })).status).toBe(200);
		await strict.server.waitForFired(1);

		const lenient = await signedTrigger({ signatureToleranceSeconds: 900 });
		const res = await send(lenient, { taskId, sign: true, timestamp: nowSeconds() - 600 });
		expect(res.status).toBe(200);
		await lenient.server.waitForFired(1);
	});

	test('a timestamp in the future is 401', async () => {
		const t = await signedTrigger();
		const taskId = await finishedTask(sim, 'kie');
		await expectRejected(t, await send(t, { taskId, sign: true, timestamp: nowSeconds() + 400 }), 401, /future/);
		await expectRejected(t, await send(t, { taskId, sign: true, timestamp: 'yesterday' }), 401, /timestamp/);
	});

	test('the taskId is read from data.task_id when data.taskId is absent', async () => {
		const t = await signedTrigger();
		const taskId = await finishedTask(sim, 'kie');
		const body = await queryBody(sim, 'kie', taskId);
		const { taskId: dropped, ...data } = body.data;
		expect(dropped).toBe(taskId);
		const res = await send(t, { body: { ...body, data: { ...data, task_id: taskId } }, sign: true });
		expect(sim.callbacks.at(-1).headers['x-webhook-signature']).toEqual(expect.any(String));
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ received: true, taskId, status: 'succeeded' });
		await t.server.waitForFired(1);
		expect(t.items()[0].json).toMatchObject({ provider: 'kie', taskId, status: 'succeeded' });
	});
});

describe('shared secret token', () => {
	test('accepted from ?token= and from X-Webhook-Token', async () => {
		const t = await trigger({ provider: 'revid', credentials: null, options: { secretToken: TOKEN } });
		const viaQuery = await finishedTask(sim, 'revid');
		const viaHeader = await finishedTask(sim, 'revid');
		expect((await send(t, { taskId: viaQuery, token: TOKEN })).status).toBe(200);
		expect((await send(t, { taskId: viaHeader, headers: { 'X-Webhook-Token': TOKEN } })).status).toBe(200);
		await t.server.waitForFired(2);
		expect(t.items().map((item) => item.json.taskId)).toEqual([viaQuery, viaHeader]);
	});

	test('a wrong or missing token is 401 with no execution and no provider query', async () => {
		const t = await trigger({ provider: 'auto', credentials: 'revid', options: { secretToken: TOKEN } });
		const taskId = await finishedTask(sim, 'revid');
		const before = queries('revid');
		await expectRejected(t, await send(t, { taskId }), 401, /token/);
		await expectRejected(t, await send(t, { taskId, token: `${TOKEN}x` }), 401, /token/);
		await expectRejected(t, await send(t, { taskId, token: '' }), 401, /token/);
		await expectRejected(t, await send(t, { taskId, headers: { 'x-webhook-token': 'guess' } }), 401, /token/);
		await expectRejected(t, await send(t, { taskId, token: 'guess', headers: { 'x-webhook-token': TOKEN } }), 401, /token/);
		expect(queries('revid')).toBe(before);
	});
});

describe('bodies that cannot be a callback', () => {
	let t;
	let before;
	beforeEach(async () => {
		t = await trigger({ provider: 'auto', credentials: 'kie' });
		before = queries('kie');
	});
	afterEach(() => {
		expect(queries('kie')).toBe(before);
	});

	test('a non-JSON body is 400', async () => {
		const res = await send(t, { body: 'task finished, hooray', headers: { 'content-type': 'text/plain' } });
		await expectRejected(t, res, 400, /not JSON/);
		const binary = await send(t, { body: 'GIF89a\u0000\u0001', headers: { 'content-type': 'application/octet-stream' } });
		await expectRejected(t, binary, 400, /not JSON/);
		await expectRejected(t, await send(t, { body: '' }), 400, /not a JSON object/);
	});

	test('malformed JSON is 4xx: 422 from n8n as application/json, 400 from the node otherwise', async () => {
		const cut = JSON.stringify(marketSuccessBody('kie_cut', [`${sim.url}/files/x.mp4`])).slice(0, 60);
		const asJson = await send(t, { body: cut });
		expect(asJson.status).toBe(422);
		await idle(t);
		expect(t.fired).toHaveLength(0);
		await expectRejected(t, await send(t, { body: cut, headers: { 'content-type': 'text/plain' } }), 400, /not JSON/);
	});

	test('JSON of an unknown shape is 400', async () => {
		await expectRejected(t, await send(t, { body: { hello: 'world' } }), 400, /unknown callback shape/);
		await expectRejected(t, await send(t, { body: [1, 2, 3] }), 400, /not a JSON object/);
		await expectRejected(t, await send(t, { body: { code: 200, data: { state: 'success' } } }), 400, /unknown callback shape/);
		await expectRejected(t, await send(t, { body: { code: 200, data: 'kie_123' } }), 400, /unknown callback shape/);
	});

	test('a body over 1 MiB is 413', async () => {
		const big = marketSuccessBody('kie_big', [`${sim.url}/files/kie_big.mp4`], { padding: 'x'.repeat(1024 * 1024) });
		await expectRejected(t, await send(t, { body: big }), 413, /too large/);
	});

	test('a deeply nested body is 400', async () => {
		const nested = marketSuccessBody('kie_deep', [`${sim.url}/files/kie_deep.mp4`]);
		let cursor = nested.data;
		for (let depth = 0; depth < 40; depth++) cursor = cursor.next = {};
		await expectRejected(t, await send(t, { body: nested }), 400, /nested too deeply/);

		const depth = 100_000;
		const abyss = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
		await expectRejected(t, await send(t, { body: abyss }), 400, /nested too deeply/);
		const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
		await expectRejected(t, await send(t, { body: `{"code":200,"data":${arrays}}` }), 400, /nested too deeply/);
	});
});

describe('duplicates', () => {
	/** Entries of the stored delivery record: 12 characters of hash, then the claim time in base 36. */
	const storedEntries = (t) => {
		const log = t.staticData[STATIC_KEY].deliveryLog;
		expect(log).toMatch(/^([A-Za-z0-9_-]{12}[0-9a-z]+)(,[A-Za-z0-9_-]{12}[0-9a-z]+)*$/);
		return log.split(',');
	};

	test('the same completion delivered twice fires once; the record is kept in static data', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie' });
		const taskId = await finishedTask(sim, 'kie');
		expect((await send(t, { taskId })).json).toEqual({ received: true, taskId, status: 'succeeded' });
		expect((await send(t, { taskId })).json).toEqual({ received: true, duplicate: true });
		await idle(t);
		expect(t.fired).toHaveLength(1);
		expect(storedEntries(t)).toHaveLength(1);

		// Another task is news.
		const otherId = await finishedTask(sim, 'kie');
		expect((await send(t, { taskId: otherId })).json).toEqual({ received: true, taskId: otherId, status: 'succeeded' });
		await t.server.waitForFired(2);
	});

	test('two copies arriving together fire once', async () => {
		const t = await trigger({ provider: 'sora2api', credentials: 'sora2api' });
		const taskId = await finishedTask(sim, 'sora2api');
		const answers = await Promise.all([send(t, { taskId }), send(t, { taskId }), send(t, { taskId, shape: 'simple' })]);
		expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
		expect(answers.filter((res) => res.json.duplicate === true)).toHaveLength(2);
		await idle(t);
		expect(t.fired).toHaveLength(1);
	});

	test('the static data record alone stops a redelivery (another process, same workflow)', async () => {
		const staticData = {};
		const first = await trigger({ provider: 'revid', credentials: 'revid', staticData });
		const taskId = await finishedTask(sim, 'revid');
		expect((await send(first, { taskId })).status).toBe(200);
		await first.server.waitForFired(1);

		// A new node instance (fresh in-memory state) with the persisted static data.
		const restarted = await trigger({ provider: 'revid', credentials: 'revid', staticData });
		expect((await send(restarted, { taskId })).json).toEqual({ received: true, duplicate: true });
		await idle(restarted);
		expect(restarted.fired).toHaveLength(0);

		// Without the record it would have fired.
		const fresh = await trigger({ provider: 'revid', credentials: 'revid', staticData: {} });
		expect((await send(fresh, { taskId })).json).toEqual({ received: true, taskId, status: 'succeeded' });
		await fresh.server.waitForFired(1);
	});

	test('callbacks arriving together are all recorded, and share static-data writes', async () => {
		const staticData = {};
		const t = await trigger({ provider: 'kie', credentials: null, staticData });
		const taskIds = [];
		for (let i = 0; i < 24; i++) taskIds.push(await finishedTask(sim, 'kie'));
		const answers = await Promise.all(taskIds.map((taskId) => send(t, { taskId, sign: false })));
		expect(answers.map((res) => res.json.status)).toEqual(taskIds.map(() => 'succeeded'));
		await t.server.waitForFired(24);
		await idle(t);
		// Each request wrote back the copy of static data it loaded: one per callback would have
		// overwritten each other's entries.
		expect(new Set(storedEntries(t).map((entry) => entry.slice(0, 12))).size).toBe(taskIds.length);
		expect(t.runner.staticDataWrites).toBeGreaterThan(0);
		expect(t.runner.staticDataWrites).toBeLessThan(taskIds.length / 2);

		// A restarted n8n (new process memory) knows every one of them from static data alone.
		const restarted = await trigger({ provider: 'kie', credentials: null, staticData });
		const again = await Promise.all(taskIds.map((taskId) => send(restarted, { taskId, sign: false })));
		expect(again.map((res) => res.json)).toEqual(taskIds.map(() => ({ received: true, duplicate: true })));
		await idle(restarted);
		expect(restarted.fired).toHaveLength(0);
	});

	test('a lone callback writes its own record', async () => {
		const t = await trigger({ provider: 'kie', credentials: null });
		const taskId = await finishedTask(sim, 'kie');
		await send(t, { taskId, sign: false });
		await t.server.waitForFired(1);
		expect(t.runner.staticDataWrites).toBe(1);
		expect(storedEntries(t)).toHaveLength(1);
	});

	test('a record in the earlier format (task key → time) still stops a redelivery, and is rewritten compactly', async () => {
		const taskId = await finishedTask(sim, 'kie');
		const staticData = { [STATIC_KEY]: { deliveries: { [`kie:${taskId}`]: Date.now() - 1000 } } };
		const t = await trigger({ provider: 'kie', credentials: null, staticData });
		expect((await send(t, { taskId, sign: false })).json).toEqual({ received: true, duplicate: true });
		const otherId = await finishedTask(sim, 'kie');
		expect((await send(t, { taskId: otherId, sign: false })).json.status).toBe('succeeded');
		await t.server.waitForFired(1);
		expect(t.staticData[STATIC_KEY].deliveries).toBeUndefined();
		expect(storedEntries(t)).toHaveLength(2);
		const restarted = await trigger({ provider: 'kie', credentials: null, staticData });
		expect((await send(restarted, { taskId, sign: false })).json).toEqual({ received: true, duplicate: true });
		await idle(restarted);
		expect(restarted.fired).toHaveLength(0);
	});

	test('a callback caught while testing in the editor does not stop the production one', async () => {
		// The same trigger node in both modes; n8n saves no static data for a test run.
		const node = { id: randomUUID() };
		const testRun = await trigger({ provider: 'kie', credentials: null, mode: 'manual', node });
		const production = await trigger({ provider: 'kie', credentials: null, mode: 'webhook', node });
		const taskId = await finishedTask(sim, 'kie');
		expect((await send(testRun, { taskId, sign: false })).json.status).toBe('succeeded');
		expect((await send(production, { taskId, sign: false })).json.status).toBe('succeeded');
		expect((await send(production, { taskId, sign: false })).json.duplicate).toBe(true);
		await testRun.server.waitForFired(1);
		await production.server.waitForFired(1);
		await idle(production);
		expect(production.fired).toHaveLength(1);
	});

	test('a "failed" delivered after a "succeeded" for the same task does not fire', async () => {
		const t = await trigger({ provider: 'kie', credentials: null });
		const taskId = await finishedTask(sim, 'kie');
		expect((await send(t, { taskId, sign: false })).json).toEqual({ received: true, taskId, status: 'succeeded' });
		const res = await send(t, { body: marketFailureBody(taskId), sign: false });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ received: true, duplicate: true });
		await idle(t);
		expect(t.fired).toHaveLength(1);
		expect(t.items()[0].json.status).toBe('succeeded');
	});

	test('after the deduplication window the same completion fires again', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie', options: { dedupeWindowSeconds: 1 } });
		const taskId = await finishedTask(sim, 'kie');
		expect((await send(t, { taskId })).json.status).toBe('succeeded');
		expect((await send(t, { taskId })).json.duplicate).toBe(true);
		await sleep(1100);
		expect((await send(t, { taskId })).json.status).toBe('succeeded');
		await t.server.waitForFired(2);
	});
});

describe('event filter', () => {
	test.each([
		[['succeeded'], ['succeeded']],
		[['failed'], ['failed']],
		[['succeeded', 'failed'], ['succeeded', 'failed']],
	])('events %j fire for %j only', async (events, firing) => {
		const t = await trigger({ provider: 'kie', credentials: 'kie', events });
		const okId = await finishedTask(sim, 'kie');
		const failedId = await createTask(sim, 'kie', { behaviour: { fail: true, failMsg: POLICY } });
		sim.finishTask(failedId, { fail: true });

		const answers = { succeeded: await send(t, { taskId: okId }), failed: await send(t, { taskId: failedId }) };
		await idle(t);
		for (const [status, res] of Object.entries(answers)) {
			expect(res.status).toBe(200);
			const taskId = status === 'succeeded' ? okId : failedId;
			if (firing.includes(status)) expect(res.json).toEqual({ received: true, taskId, status });
			else expect(res.json).toEqual({ received: true, ignored: `event ${status} not selected` });
		}
		expect(t.items().map((item) => item.json.status)).toEqual(firing);
	});
});

describe.each(PROVIDER_IDS)('Confirm with Provider (%s)', (provider) => {
	test('a forged "success" for a task that failed outputs the provider\'s failure', async () => {
		const evil = await recorder();
		const t = await trigger({ provider, credentials: provider, options: { downloadVideo: true } });
		const taskId = await createTask(sim, provider, { behaviour: { fail: true, failMsg: POLICY } });
		sim.finishTask(taskId, { fail: true });

		const res = await send(t, { body: forgedSuccess(provider, taskId, [`${evil.url}/video.mp4`]), provider, sign: false });
		expect(res.json).toEqual({ received: true, taskId, status: 'failed' });
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json).toMatchObject({ provider, taskId, status: 'failed', videoUrl: null, videoUrls: [], confirmed: true });
		expect(item.json.error.message).toBe(POLICY);
		expect(item.binary).toBeUndefined();
		expect(evil.hits).toEqual([]);
	});

	test("a forged video URL is replaced by the provider's, and only the provider's file is downloaded", async () => {
		const evil = await recorder();
		const t = await trigger({ provider, credentials: provider, options: { downloadVideo: true } });
		const taskId = await finishedTask(sim, provider);
		const forged = forgedSuccess(provider, taskId, [`${evil.url}/latest/meta-data.mp4`, 'http://169.254.169.254/latest/meta-data']);

		expect((await send(t, { body: forged, provider, sign: false })).status).toBe(200);
		await t.server.waitForFired(1);
		const [item] = t.items();
		const real = `${sim.url}/files/${taskId}.mp4`;
		expect(item.json).toMatchObject({ provider, taskId, status: 'succeeded', videoUrl: real, videoUrls: [real], confirmed: true });
		expect(JSON.stringify(item.json)).not.toContain(evil.url);
		expect(bytesOf(item.binary.data).equals(SAMPLE)).toBe(true);
		expect(sim.stats.perTask[taskId].fileDownloads).toBe(1);
		expect(evil.hits).toEqual([]);
	});

	test('a callback for a task the provider does not know is 404, with no execution', async () => {
		const t = await trigger({ provider, credentials: provider });
		const body = forgedSuccess(provider, `${provider}_does_not_exist`, [`${sim.url}/files/x.mp4`]);
		await expectRejected(t, await send(t, { body, provider, sign: false }), 404, /unknown task/);
	});
});

describe('Confirm with Provider: edge cases', () => {
	test('a forged "success" for a task still generating is not news: 202, no execution', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie' });
		const taskId = await createTask(sim, 'kie', { behaviour: { stuck: true } });
		const res = await send(t, { body: marketSuccessBody(taskId, [`${sim.url}/files/${taskId}.mp4`]), sign: false });
		expect(res.status).toBe(202);
		expect(res.json).toEqual({ received: true, ignored: 'task is queued' });
		await idle(t);
		expect(t.fired).toHaveLength(0);

		// The real completion still fires afterwards.
		sim.finishTask(taskId);
		expect((await send(t, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
	});

	test('a provider that cannot answer is 503, with no execution and a log line', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie' });
		const taskId = await finishedTask(sim, 'kie');
		sim.addFault({ provider: 'kie', route: 'query', action: { type: 'code', code: 500, http: true } });
		await expectRejected(t, await send(t, { taskId }), 503, /confirm/);
		expect(t.logs()).toEqual([expect.stringMatching(/^warn: .*could not confirm task/)]);
	});

	test('with no credential and no signature or token, the video is not downloaded: an unverified URL is never fetched', async () => {
		const evil = await recorder();
		const t = await trigger({ provider: 'kie', credentials: null, options: { downloadVideo: true } });
		const taskId = await finishedTask(sim, 'kie');
		const res = await send(t, { body: marketSuccessBody(taskId, [`${evil.url}/internal.mp4`]), sign: false });
		expect(res.status).toBe(200);
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json).toMatchObject({ taskId, status: 'succeeded', videoUrl: `${evil.url}/internal.mp4`, confirmed: false });
		expect(item.json.downloadError).toMatch(/unverified/);
		expect(item.binary).toBeUndefined();
		expect(evil.hits).toEqual([]);
		expect(sim.stats.perTask[taskId]?.fileDownloads ?? 0).toBe(0);
	});

	test('Confirm with Provider off, credential attached: no provider query, no download of the unverified URL', async () => {
		const evil = await recorder();
		const t = await trigger({ provider: 'kie', credentials: 'kie', options: { confirmWithProvider: false, downloadVideo: true } });
		const taskId = await finishedTask(sim, 'kie');
		const before = queries('kie');
		expect((await send(t, { body: marketSuccessBody(taskId, [`${evil.url}/internal.mp4`]), sign: false })).status).toBe(200);
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.json.confirmed).toBe(false);
		expect(item.json.downloadError).toMatch(/unverified/);
		expect(item.binary).toBeUndefined();
		expect(queries('kie')).toBe(before);
		expect(evil.hits).toEqual([]);
	});

	test('without confirmation, a callback whose token or signature was checked is downloaded', async () => {
		const withToken = await trigger({ provider: 'revid', credentials: null, options: { secretToken: TOKEN, downloadVideo: true } });
		const revidTask = await finishedTask(sim, 'revid');
		expect((await send(withToken, { taskId: revidTask, token: TOKEN })).status).toBe(200);

		const signed = await trigger({
			provider: 'kie',
			credentials: 'kie',
			credentialOverrides: WITH_HMAC,
			options: { confirmWithProvider: false, downloadVideo: true },
		});
		const kieTask = await finishedTask(sim, 'kie');
		const before = queries('kie');
		expect((await send(signed, { taskId: kieTask, sign: true })).status).toBe(200);

		await withToken.server.waitForFired(1);
		await signed.server.waitForFired(1);
		expect(queries('kie')).toBe(before);
		for (const [t, taskId] of [[withToken, revidTask], [signed, kieTask]]) {
			const [item] = t.items();
			expect(item.json).toMatchObject({ taskId, confirmed: false });
			expect(item.json.downloadError).toBeUndefined();
			expect(bytesOf(item.binary.data).equals(SAMPLE)).toBe(true);
			expect(sim.stats.perTask[taskId].fileDownloads).toBe(1);
		}
	});
});

describe('download', () => {
	test.each([
		['the default binary property', {}, 'data'],
		['a custom binary property', { binaryPropertyName: 'video' }, 'video'],
	])('puts the MP4 in %s', async (_, extra, property) => {
		const t = await trigger({ provider: 'sora2api', credentials: 'sora2api', options: { downloadVideo: true, ...extra } });
		const taskId = await finishedTask(sim, 'sora2api');
		expect((await send(t, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(Object.keys(item.binary)).toEqual([property]);
		const binary = item.binary[property];
		expect(binary).toMatchObject({ fileName: `${taskId}.mp4`, mimeType: 'video/mp4', fileExtension: 'mp4' });
		const bytes = bytesOf(binary);
		expect(bytes.length).toBe(13_735);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		expect(bytes.equals(SAMPLE)).toBe(true);
		expect(item.json.downloadError).toBeUndefined();
		expect(sim.stats.perTask[taskId].fileDownloads).toBe(1);
	});

	test('a failed task has nothing to download; a broken download is reported in the output', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie', options: { downloadVideo: true } });
		const failedId = await createTask(sim, 'kie', { behaviour: { fail: true, failMsg: POLICY } });
		sim.finishTask(failedId, { fail: true });
		const goneId = await createTask(sim, 'kie');
		sim.finishTask(goneId);
		sim.addFault({ route: 'file', taskId: goneId, action: { type: 'code', code: 500, http: true } });

		expect((await send(t, { taskId: failedId })).status).toBe(200);
		expect((await send(t, { taskId: goneId })).json).toEqual({ received: true, taskId: goneId, status: 'succeeded' });
		await t.server.waitForFired(2);
		const [failed, gone] = t.items();
		expect(failed.binary).toBeUndefined();
		expect(failed.json.downloadError).toBeUndefined();
		expect(gone.binary).toBeUndefined();
		expect(gone.json).toMatchObject({ taskId: goneId, status: 'succeeded' });
		expect(gone.json.downloadError).toMatch(/HTTP 500/);
	});

	test('an expired kie.ai link (404) is renewed once through kie.ai, and the output says so', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie', options: { downloadVideo: true } });
		const taskId = await createTask(sim, 'kie', { behaviour: { fileStatus: 404 } });
		sim.finishTask(taskId);
		expect((await send(t, { taskId })).status).toBe(200);
		await t.server.waitForFired(1);
		const [item] = t.items();
		expect(item.binary.data.mimeType).toBe('video/mp4');
		expect(item.json.freshLink).toMatchObject({ expiredStatus: 404 });
		expect(item.json.downloadError).toBeUndefined();
		expect(sim.stats.requests['kie.downloadUrl']).toBe(1);
	});
});

describe('secrets', () => {
	const SECRETS = () => [...Object.values(sim.apiKeys), HMAC];

	function expectNoSecret(text) {
		for (const secret of SECRETS()) expect(text).not.toContain(secret);
	}

	test('no API key or HMAC key in outputs, HTTP answers or log lines', async () => {
		const t = await trigger({
			provider: 'auto',
			credentials: 'all',
			credentialOverrides: WITH_HMAC,
			options: { downloadVideo: true },
		});
		const kieTask = await finishedTask(sim, 'kie');
		const soraTask = await finishedTask(sim, 'sora2api');
		const answers = [
			await send(t, { taskId: kieTask }),
			await send(t, { taskId: kieTask, sign: 'bad' }),
			await send(t, { taskId: soraTask }),
			await send(t, { body: forgedSuccess('sora2api', 'sora2api_missing', []), provider: 'sora2api' }),
			await send(t, { body: { hello: HMAC.length } }),
		];
		sim.addFault({ provider: 'kie', route: 'query', action: { type: 'code', code: 500, http: true } });
		const another = await finishedTask(sim, 'kie');
		answers.push(await send(t, { taskId: another }));
		await t.server.waitForFired(2);
		await idle(t);

		expect(answers.map((res) => res.status)).toEqual([200, 401, 200, 404, 400, 503]);
		expect(t.logs().length).toBeGreaterThan(0);
		expectNoSecret(JSON.stringify(t.fired));
		expectNoSecret(JSON.stringify(answers));
		expectNoSecret(JSON.stringify(t.logs()));
		expectNoSecret(JSON.stringify(t.server.requests.map((entry) => entry.response)));
	});

	test('nothing captured during this whole suite contains a secret', () => {
		expect(seen.outputs.length).toBeGreaterThan(20);
		expect(seen.responses.length).toBeGreaterThan(50);
		expectNoSecret(JSON.stringify(seen.outputs));
		expectNoSecret(JSON.stringify(seen.responses));
		expectNoSecret(JSON.stringify(seen.logs));
		expectNoSecret(JSON.stringify(allLogs));
	});
});
