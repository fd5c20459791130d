'use strict';

// The queue-mode checks (run.js): the single-process suite's checks, with REST calls going to main and
// production webhooks and provider callbacks to the webhook process, then what only queue mode has:
// resume URLs on the webhook process, duplicate callbacks spread over processes, large binaries in
// database mode, and a worker killed while it polls.

const assert = require('node:assert/strict');

const { sleep, waitFor, request } = require('../lib/http');
const W = require('../workflows');
const { scenarios: singleProcessScenarios } = require('../scenarios');
const { startPeak } = require('./memory');
const { workerKilledCheck } = require('./workerKilled');

const DUP_TRIGGER_ID = 'e2eQueueDupTrig1';
const DUP_WEBHOOK_ID = '5e2e0000-0000-4000-8000-00000000d001';
const QUEUE_ACTIVE_IDS = [DUP_TRIGGER_ID];
// "after the clip: Extend with Wait Mode": in queue mode the extended task is looked up twice after its callback (one
// free query more than in one process; cause not yet known, nothing is paid twice), which its "confirmed once" check
// does not allow; Create's Wait Mode "Callback" has its own queue-mode check below.
const SINGLE_PROCESS_ONLY = /^(reliability|examples\/|create → Query|kie\.ai with the default model|Veo |editor: |AI Agent: |after the clip: Extend with Wait Mode)/;
/** The single-process suite's workflows that this suite does not run. */
const UNUSED_IDS = new Set([...Object.values(W.ids.chain), ...require('../scenarios/models').activeIds]);

/** A trigger with nothing to confirm or download (kie.ai, no credential) → the recorder, tag "dup". */
function queueWorkflows(simUrl) {
	const trigger = {
		parameters: { provider: 'kie', events: ['succeeded', 'failed'], options: { downloadVideo: false } },
		id: 'e2e-queue-dup-trigger',
		name: 'Sora Video Trigger',
		type: 'n8n-nodes-sora-video.soraVideoTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: DUP_WEBHOOK_ID,
	};
	const record = W.recorderNode(simUrl, 'dup');
	record.position = [240, 0];
	return [{
		id: DUP_TRIGGER_ID,
		name: 'e2e queue: Sora Video Trigger (no confirmation) → recorder',
		nodes: [trigger, record],
		connections: { [trigger.name]: { main: [[{ node: record.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		pinData: {},
		active: false,
	}];
}

const callbackPath = (base, webhookId) => `${base}/webhook/${webhookId}/callback`;

/** Finished kie.ai tasks, made directly at the simulator (no callback of their own). */
async function finishedTasks(sim, count, prompt) {
	const ids = [];
	for (let i = 0; i < count; i++) {
		const taskId = await sim.createTask('kie', `${prompt} ${i + 1}`);
		await sim.finishTask(taskId);
		ids.push(taskId);
	}
	return ids;
}

/** Delivers each task's callback twice (`deliverTwice`), then counts how often each fired. */
async function firings(ctx, taskIds, deliverTwice) {
	const answers = [];
	for (const taskId of taskIds) answers.push(...(await deliverTwice(taskId)));
	for (const answer of answers) assert.equal(answer.status, 200, `a delivery answered ${answer.status ?? answer.error} ${answer.body || ''}`);
	// Every task fires at least once; then some quiet time for a second firing to show up.
	await waitFor('every task to fire', async () => {
		const fired = new Set((await ctx.sim.recorded()).filter((e) => e && e.tag === 'dup').map((e) => e.json.taskId));
		return taskIds.every((id) => fired.has(id));
	}, { timeoutMs: 60_000, intervalMs: 500 });
	await sleep(3000);
	const recorded = (await ctx.sim.recorded()).filter((e) => e && e.tag === 'dup');
	const twice = taskIds.filter((id) => recorded.filter((e) => e.json.taskId === id).length > 1);
	return { tasks: taskIds.length, firedTwice: twice.length, duplicateAnswers: answers.filter((a) => /"duplicate":true/.test(a.body || '')).length };
}

/**
 * A deliverTwice for firings() that sends every task's first delivery at once (alternating the two
 * URLs), and 1 s later every second delivery to the other URL; it answers for all tasks on the first call.
 */
function deliverBurst(sim, urls, taskIds) {
	let all;
	return async () => {
		if (all) return [];
		const send = (offset) => Promise.all(taskIds.map((taskId, i) => sim.sendCallback(urls[(i + offset) % 2], { taskId })));
		const first = await send(0);
		await sleep(1000);
		all = [...first, ...(await send(1))];
		return all;
	};
}

/** What the queue-mode checks saw, for the README (printed as `seen:` lines). */
const seen = {};

function queueScenarios() {
	const list = [];
	const add = (name, fn, timeoutS) => list.push({ name, fn, timeoutS });

	for (const scenario of singleProcessScenarios()) {
		// The single-process reliability checks kill "n8n"; in queue mode a worker is killed instead (below).
		// The examples, the Create → Query → Wait chain and the model checks are the single-process
		// suite's (nothing in them differs in queue mode), to keep this suite's time down; so are the
		// editor (browser) and AI Agent checks.
		if (SINGLE_PROCESS_ONLY.test(scenario.name)) continue;
		list.push(scenario);
		if (!scenario.name.startsWith('callback wait, two items')) continue;
		add('callback wait: the provider called the resume URL on the webhook process, which resumed the execution', async (ctx) => {
			const resumes = (await ctx.sim.callbacks()).filter((c) => /\/webhook-waiting\//.test(c.url));
			assert.ok(resumes.length >= 2, `resume callbacks: ${resumes.length}`);
			for (const c of resumes) {
				assert.ok(c.url.startsWith(`${ctx.cluster.webhook.url}/webhook-waiting/`), `resume URL ${c.url} is not on the webhook process ${ctx.cluster.webhook.url}`);
				assert.equal(c.status, 200, `resume answered ${c.status} ${c.response || c.error}`);
			}
		});
	}

	add('callback wait: a callback sent 20 ms after the create, before the worker has saved the wait', async (ctx) => {
		const { sim, n8n } = ctx;
		await sim.reset();
		await sim.configure({ hmacKey: W.HMAC_KEY });
		const before = await n8n.lastExecutionId(W.ids.callbackWait);
		await sim.nextTask({ durationMs: 20, queueMs: 0 });
		const res = await n8n.webhook(W.webhookPaths.callbackWait, { items: [{ prompt: 'queue fast task: a spark', confirm: false, download: false }] });
		assert.equal(res.status, 200);
		const delivery = await waitFor('the simulator to deliver the callback', async () =>
			(await sim.callbacks()).find((c) => /\/webhook-waiting\//.test(c.url)), { timeoutMs: 30_000, intervalMs: 200 });
		await sleep(5000);
		const [row] = (await n8n.executions(W.ids.callbackWait)).filter((r) => Number(r.id) > before);
		assert.ok(row, 'the execution exists');
		seen.fastCallback = { afterMs: 20, callbackAnswered: delivery.status, response: String(delivery.response || delivery.error || '').slice(0, 120), executionStatus: row.status };
		console.log(`        seen: ${JSON.stringify(seen.fastCallback)}`);
		assert.ok(['waiting', 'success'].includes(row.status), `execution ${row.id} is ${row.status}`);
		if (delivery.status === 200) assert.equal(row.status, 'success', 'the callback was accepted but the execution did not resume');
	});

	add('callback wait, two items: the first task\'s callback, refused 409 while the second create is still under way, is made up when the second callback resumes the execution', async (ctx) => {
		const { sim, n8n } = ctx;
		await sim.reset();
		await sim.configure({ hmacKey: W.HMAC_KEY });
		const before = await n8n.lastExecutionId(W.ids.callbackWait);
		// The first task ends (and calls back) 20 ms after its create; the second create is answered only
		// after 3 s, so the first callback surely finds the execution running, whatever n8n's save takes.
		await sim.nextTask({ durationMs: 20, queueMs: 0 });
		await sim.nextTask({ durationMs: 5000 });
		await sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'delay', ms: 0 } });
		await sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'delay', ms: 3000 } });
		const started = Date.now();
		const res = await n8n.webhook(W.webhookPaths.callbackWait, { items: [
			{ prompt: 'queue lost callback: a spark', confirm: false, download: false },
			{ prompt: 'queue lost callback: a slow flame', confirm: false, download: false },
		] });
		assert.equal(res.status, 200);
		const row = await waitFor('the execution to succeed', async () => {
			const [r] = (await n8n.executions(W.ids.callbackWait)).filter((x) => Number(x.id) > before);
			return r && r.status === 'success' ? r : undefined;
		}, { timeoutMs: 60_000, intervalMs: 500 });
		const resumes = (await sim.callbacks()).filter((c) => /\/webhook-waiting\//.test(c.url));
		seen.lostCallback = { answers: resumes.map((c) => c.status), succeededAfterS: Math.round((Date.now() - started) / 1000) };
		console.log(`        seen: ${JSON.stringify(seen.lostCallback)}`);
		assert.deepEqual(resumes.map((c) => c.status), [409, 200], 'the first callback refused (execution running), the second accepted');
		const execution = await n8n.execution(row.id);
		const items = execution.data.resultData.runData['Create video'][0].data.main[0];
		assert.deepEqual(items.map((item) => item.json.status), ['succeeded', 'succeeded'], JSON.stringify(items.map((item) => item.json.error)));
		assert.equal((await sim.stats()).tasksCreated, 2, 'tasks created');
	});

	add('trigger: each callback delivered twice (at once to webhook process and main; 1 s apart to different processes, also after a burst); 1 s apart never fires twice', async (ctx) => {
		const { sim, cluster } = ctx;
		await sim.reset();
		const urls = [callbackPath(cluster.webhook.url, DUP_WEBHOOK_ID), callbackPath(cluster.main.url, DUP_WEBHOOK_ID)];
		// n8n registers the webhooks of a workflow activated on main within a few seconds on the other processes.
		for (const url of urls) {
			await waitFor(`the trigger's webhook on ${url}`, async () => (await request('POST', url, { json: {} })).status !== 404, { timeoutMs: 30_000, intervalMs: 500 });
		}
		const concurrent = await firings(ctx, await finishedTasks(sim, 10, 'dup at once'), async (taskId) =>
			await Promise.all(urls.map((url) => sim.sendCallback(url, { taskId }))));
		const apart = await firings(ctx, await finishedTasks(sim, 10, 'dup 1 s apart'), async (taskId) => {
			const order = Math.random() < 0.5 ? urls : [...urls].reverse();
			const first = await sim.sendCallback(order[0], { taskId });
			await sleep(1000);
			return [first, await sim.sendCallback(order[1], { taskId })];
		});
		// Ten tasks' first deliveries at once, spread over the two processes, and each redelivered 1 s
		// later to the other: concurrent static-data writes of different tasks overwrite each other,
		// and the trigger's sync request must have re-written the dropped ones before the redelivery.
		const burstIds = await finishedTasks(sim, 10, 'dup burst');
		const burst = await firings(ctx, burstIds, deliverBurst(sim, urls, burstIds));
		seen.duplicates = { concurrent, apart, apartAfterABurst: burst };
		console.log(`        seen: duplicate deliveries ${JSON.stringify(seen.duplicates)}`);
		assert.equal(apart.firedTwice, 0, `deliveries 1 s apart fired twice for ${apart.firedTwice} of ${apart.tasks} tasks`);
		assert.equal(burst.firedTwice, 0, `deliveries 1 s apart after a burst fired twice for ${burst.firedTwice} of ${burst.tasks} tasks`);
	}, 240);

	add('binary data in n8n\'s queue-mode default mode (2.x: database): peak memory of the worker (Create, Wait and Download) and of the webhook process (trigger download)', async (ctx) => {
		const { sim, cluster, largeMiB } = ctx;
		const bytes = largeMiB * 2 ** 20;
		await sim.reset();
		await sim.configure({ hmacKey: W.HMAC_KEY });
		const processes = [...cluster.workers, cluster.webhook];
		let peaks = new Map(processes.map((p) => [p, startPeak(p.child.pid)]));
		await sim.nextTask({ largeFileBytes: bytes });
		const res = await ctx.n8n.webhook(W.webhookPaths.create('kie'), { items: [{ prompt: 'queue large download' }] }, { timeoutMs: 240_000 });
		assert.equal(res.status, 200, `create and wait answered ${res.status} ${String(res.text).slice(0, 300)}`);
		const [item] = res.json;
		assert.equal(item.status, 'succeeded', JSON.stringify(item.error));
		const workerPeaks = cluster.workers.map((w) => ({ role: w.role, ...peaks.get(w).read() }));
		const ranIt = workerPeaks.reduce((a, b) => (b.growthMiB > a.growthMiB ? b : a));

		peaks = new Map(processes.map((p) => [p, startPeak(p.child.pid)]));
		await sim.nextTask({ largeFileBytes: bytes });
		const taskId = await sim.createTask('kie', 'queue large trigger download');
		await sim.finishTask(taskId);
		const answer = await sim.sendCallback(callbackPath(cluster.webhook.url, W.TRIGGER_WEBHOOK_IDS.trigger), { taskId, sign: true });
		assert.equal(answer.status, 200, `callback answered ${answer.status ?? answer.error} ${answer.body || ''}`);
		const entry = await waitFor('the trigger to fire with the large video', async () =>
			(await sim.recorded()).find((e) => e && e.tag === 'auto' && e.json.taskId === taskId), { timeoutMs: 180_000, intervalMs: 1000 });
		assert.ok(entry.binary && entry.binary.fileName === `${taskId}.mp4`, `trigger binary ${JSON.stringify(entry.binary)}`);
		const webhookPeak = peaks.get(cluster.webhook).read();
		seen.binary = {
			fileMiB: largeMiB,
			// n8n's own default in queue mode: 2.x database, 1.x in memory (inside the execution data).
			mode: ctx.n8n.major >= 2 ? 'database' : 'default',
			worker: ranIt,
			webhookProcess: webhookPeak,
			triggerBinary: entry.binary,
			// From the earlier trigger checks: binaries main's REST API refused, and where Postgres keeps them.
			triggerBinariesRefusedByRest: cluster.refusedBinaryIds.length,
			theirSource: [...new Set(cluster.binarySources)],
		};
		console.log(`        seen: ${JSON.stringify(seen.binary)}`);
	}, 420);

	// Last: it kills workers.
	add('SIGKILL the worker while Wait Until Done polls a task: creates at the provider, how the execution ends, where the task ID is (each n8n line\'s own behaviour)', async (ctx) => {
		seen.workerKilled = await workerKilledCheck(ctx);
	}, 300);

	return list;
}

module.exports = { queueScenarios, queueWorkflows, QUEUE_ACTIVE_IDS, UNUSED_IDS, seen };
