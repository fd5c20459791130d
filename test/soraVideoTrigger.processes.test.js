'use strict';

// The Sora Video Trigger in n8n's queue mode, where one active workflow's callbacks reach several
// n8n processes (main, webhook processes). Each "process" here is its own copy of the compiled
// trigger (own module state, as in another Node process) behind n8n-core's WebhookContext and a
// real HTTP server; they share one static-data object that each request loads at its start and
// writes back whole when webhook() returns, over the others' writes, as n8n does with Postgres.
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const { createWebhookRunner, startWebhookServer } = require('./harness');
const { createSimulator } = require('./simulator');
const { credentialTypes } = require('./support/dist');
const { finishedTask, httpRequest } = require('./support/trigger');

jest.setTimeout(30_000);

const TRIGGER = path.join(__dirname, '..', 'dist', 'nodes', 'SoraVideoTrigger', 'SoraVideoTrigger.node.js');
const STATIC_KEY = 'node:Sora Video Trigger';
const SYNC_FIELD = 'soraVideoTriggerSync';

let sim;
let open = [];

beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 300 });
});
afterEach(async () => {
	for (const server of open) await server.close();
	open = [];
	sim.reset();
});
afterAll(async () => {
	await sim.close();
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh copy of the compiled trigger with its own module state: what another n8n process runs. */
function processCopy() {
	let SoraVideoTrigger;
	jest.isolateModules(() => {
		({ SoraVideoTrigger } = require(TRIGGER));
	});
	return SoraVideoTrigger;
}

/**
 * `count` processes serving one active trigger (kie.ai, no credential, nothing to confirm) of one
 * workflow. Like WEBHOOK_URL in queue mode, every process's own production URL (where its sync
 * requests go) leads to the first one, "the webhook process".
 */
async function processes(count, { staticData = {}, options = {} } = {}) {
	const node = { id: randomUUID() };
	const webhookId = randomUUID();
	const list = [];
	for (let i = 0; i < count; i++) {
		const runner = createWebhookRunner({
			nodeClass: processCopy(),
			credentialTypes: credentialTypes(),
			parameters: { provider: 'kie', options },
			staticData,
			node,
			webhookId,
			workflowId: 'queue-mode-workflow',
		});
		const server = await startWebhookServer(runner);
		open.push(server);
		list.push({ runner, server, url: server.webhookUrl() });
	}
	for (const { runner } of list.slice(1)) {
		runner.setUrls({ webhookBaseUrl: list[0].server.webhookBaseUrl, webhookTestBaseUrl: `${list[0].server.url}/webhook-test` });
	}
	return { staticData, list };
}

const send = async (proc, taskId) => JSON.parse((await sim.sendCallback(proc.url, { taskId, sign: false })).body);

/** Waits until no request is being handled by any of the processes (webhook() returned everywhere). */
async function idle(list) {
	for (let i = 0; i < 300; i++) {
		const busy = list.some(({ server }) => server.requests.some((entry) => entry.response === undefined && entry.error === undefined));
		if (!busy) return;
		await sleep(10);
	}
	throw new Error('the processes did not finish their requests');
}

const firedTaskIds = (list) => list.flatMap(({ server }) => server.fired.map((workflowData) => workflowData[0][0].json.taskId));
const syncRequests = (list) => list.flatMap(({ server }) => server.requests.filter((entry) => entry.body && entry.body[SYNC_FIELD]));
const storedLog = (staticData) => staticData[STATIC_KEY].deliveryLog;

test('a burst spread over two processes, then each task redelivered 1 s later to the other process: every task fires once', async () => {
	const { list } = await processes(2);
	const [webhookProcess, main] = list;
	// As in a running cluster, each process has seen the other one's writes.
	for (const proc of [webhookProcess, main, webhookProcess]) {
		expect((await send(proc, await finishedTask(sim, 'kie'))).status).toBe('succeeded');
		await idle(list);
	}

	// Ten tasks' first deliveries at once, alternating between the processes: both load the record
	// before either has written it, and the later write drops the other process's tasks.
	const taskIds = [];
	for (let i = 0; i < 10; i++) taskIds.push(await finishedTask(sim, 'kie'));
	const first = await Promise.all(taskIds.map((taskId, i) => send(list[i % 2], taskId)));
	expect(first.map((answer) => answer.status)).toEqual(taskIds.map(() => 'succeeded'));
	await sleep(1000);
	const again = await Promise.all(taskIds.map((taskId, i) => send(list[(i + 1) % 2], taskId)));
	await idle(list);
	await sleep(500);
	await idle(list);

	expect(again).toEqual(taskIds.map(() => ({ received: true, duplicate: true })));
	const fired = firedTaskIds(list);
	expect(fired).toHaveLength(13);
	for (const taskId of taskIds) expect(fired.filter((id) => id === taskId)).toHaveLength(1);
	// The repair went through the webhook process, answered there, and started nothing.
	const syncs = syncRequests(list);
	expect(syncs.length).toBeGreaterThan(0);
	for (const sync of syncs) {
		expect(webhookProcess.server.requests).toContain(sync);
		expect(sync.response.statusCode).toBe(200);
		expect(sync.result.workflowData).toBeUndefined();
	}
});

test('one process alone sends no sync request, in a burst or one callback at a time', async () => {
	const { list, staticData } = await processes(1);
	const taskIds = [];
	for (let i = 0; i < 12; i++) taskIds.push(await finishedTask(sim, 'kie'));
	await Promise.all(taskIds.map((taskId) => send(list[0], taskId)));
	for (let i = 0; i < 3; i++) await send(list[0], await finishedTask(sim, 'kie'));
	await idle(list);
	await sleep(600);
	await idle(list);
	expect(firedTaskIds(list)).toHaveLength(15);
	expect(storedLog(staticData).split(',')).toHaveLength(15);
	expect(syncRequests(list)).toHaveLength(0);
	expect(list[0].server.requests).toHaveLength(15);
});

test('a restarted n8n does not take the writes of its previous run for another process\'s: no sync request', async () => {
	const staticData = {};
	const before = await processes(1, { staticData });
	await send(before.list[0], await finishedTask(sim, 'kie'));
	await idle(before.list);
	await before.list[0].server.close();
	await sleep(5);

	const { list } = await processes(1, { staticData });
	await Promise.all([0, 1, 2].map(async () => send(list[0], await finishedTask(sim, 'kie'))));
	await idle(list);
	await sleep(600);
	expect(firedTaskIds(list)).toHaveLength(3);
	expect(syncRequests(list)).toHaveLength(0);
});

test('a process whose write another process overwrote writes it again with its next request of any kind', async () => {
	const { list, staticData } = await processes(2);
	const [one, other] = list;
	const before = JSON.parse(JSON.stringify(staticData));
	const taskId = await finishedTask(sim, 'kie');
	expect((await send(one, taskId)).status).toBe('succeeded');
	await idle(list);
	// Another process's write, built from what it loaded before this one wrote, lands last.
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, JSON.parse(JSON.stringify(before)));
	await sleep(1100);

	// Any request: here a body that is no callback at all (400).
	expect((await httpRequest('POST', one.url, { body: { hello: 'world' } })).status).toBe(400);
	await idle(list);
	expect(await send(other, taskId)).toEqual({ received: true, duplicate: true });
	await idle(list);
	expect(firedTaskIds(list)).toEqual([taskId]);
});

test('a record another process wrote stays known here after a later write dropped it', async () => {
	const { list, staticData } = await processes(2);
	const [one, other] = list;
	await send(one, await finishedTask(sim, 'kie'));
	await idle(list);
	const snapshot = JSON.parse(JSON.stringify(staticData));
	const taskId = await finishedTask(sim, 'kie');
	await send(one, taskId);
	await idle(list);
	// `other` loads the record with the task in it (for any request), then a stale write drops it.
	expect((await httpRequest('POST', other.url, { body: { hello: 'world' } })).status).toBe(400);
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, snapshot);

	expect(await send(other, taskId)).toEqual({ received: true, duplicate: true });
	await idle(list);
	expect(firedTaskIds(list).filter((id) => id === taskId)).toHaveLength(1);
});

test('a sync request that is forged, malformed or stale is refused, changes nothing and starts nothing', async () => {
	const { list, staticData } = await processes(1);
	const [proc] = list;
	await send(proc, await finishedTask(sim, 'kie'));
	await idle(list);
	const record = JSON.stringify(staticData);
	const entries = 'AAAAAAAAAAAA' + Date.now().toString(36);
	const attempts = [
		[{ at: Date.now(), entries, signature: 'x'.repeat(43) }, 401],
		[{ at: Date.now() - 120_000, entries, signature: 'x'.repeat(43) }, 401],
		[{ at: 'now', entries }, 400],
		['yes', 400],
	];
	for (const [sync, status] of attempts) {
		const res = await httpRequest('POST', proc.url, { body: { [SYNC_FIELD]: sync } });
		expect(res.status).toBe(status);
		expect(res.json).toEqual({ received: false, error: expect.any(String) });
	}
	await idle(list);
	expect(JSON.stringify(staticData)).toBe(record);
	expect(proc.server.fired).toHaveLength(1);
});
