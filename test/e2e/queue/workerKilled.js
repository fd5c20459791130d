'use strict';

// A worker killed (SIGKILL) while Wait Until Done polls a task (workflow: Webhook → Create → Wait
// Until Done). The two n8n lines treat the dead worker's job differently, and the check asserts each
// line's own behaviour:
// - 2.x starts Bull with maxStalledCount 0: the stalled job fails, nothing runs it again, and the
//   execution is marked "error" once the job's lock has expired.
// - 1.x keeps Bull's default (QUEUE_WORKER_MAX_STALLED_COUNT=1): the other worker takes the job again
//   and continues the execution from what Postgres holds. With "Save execution progress" that is
//   the Create node's output, so the rerun polls the same task. Without it, Postgres holds only the
//   webhook's data: the rerun starts at the Create node, which creates a second task. The node
//   cannot tell that rerun from a first run (nothing of the first run reached the database), so
//   the README tells 1.x users what to set; this check keeps that statement true.
// Cases run one after the other, each killing the worker that runs it while the other stays up
// (1.x reruns only on a live worker; a killed worker that restarts first marks its unfinished
// executions "crashed" from its own event log, and the rerun then does nothing).

const assert = require('node:assert/strict');

const { sleep, waitFor } = require('../lib/http');
const W = require('../workflows');

const CASES = {
	default: { id: W.ids.reliability, path: W.webhookPaths.reliability, prompt: 'queue worker killed, default settings: a lighthouse at dawn' },
	saveProgress: { id: W.ids.reliabilityProgress, path: W.webhookPaths.reliabilityProgress, prompt: 'queue worker killed, save progress: a lighthouse in a storm' },
};
/** 2.x does the same with or without saved progress (the job fails); 1.x differs, so both run. */
const CASES_OF = { 1: ['default', 'saveProgress'], 2: ['saveProgress'] };
const ENDED = ['success', 'error', 'crashed', 'canceled'];

const startedBy = (workers, executionId) => {
	const pattern = new RegExp(`Worker started execution ${executionId}\\b`);
	return workers.flatMap((w) => w.output.filter((line) => pattern.test(line)).map(() => w.role));
};

/** The tasks the simulator holds for a prompt. */
async function tasksFor(sim, prompt) {
	const ids = [];
	for (const taskId of Object.keys((await sim.stats()).perTask)) {
		const task = await sim.task(taskId);
		if (task.input && task.input.prompt === prompt) ids.push(taskId);
	}
	return ids;
}

async function rowOf(n8n, c) {
	return (await n8n.executions(c.id)).find((x) => String(x.id) === String(c.executionId));
}

async function waitForEnd(n8n, c, timeoutMs) {
	try {
		return await waitFor(`execution ${c.executionId} to end`, async () => {
			const r = await rowOf(n8n, c);
			return r && ENDED.includes(r.status) ? r : undefined;
		}, { timeoutMs, intervalMs: 1000 });
	} catch {
		return await rowOf(n8n, c);
	}
}

/** Starts the execution and waits until its (stuck) task has been polled twice. */
async function startPolling(ctx, c) {
	const { sim, n8n } = ctx;
	const before = await n8n.lastExecutionId(c.id);
	await sim.nextTask({ stuck: true });
	const res = await n8n.webhook(c.path, { prompt: c.prompt });
	assert.equal(res.status, 200, `${c.key}: webhook answered ${res.status}`);
	await waitFor(`${c.key}: the execution to run and its task to be queried twice`, async () => {
		const rows = (await n8n.executions(c.id)).filter((row) => Number(row.id) > before);
		if (rows.length !== 1 || rows[0].status !== 'running') return false;
		c.executionId = rows[0].id;
		[c.taskId] = await tasksFor(sim, c.prompt);
		return Boolean(c.taskId) && (await sim.stats()).perTask[c.taskId].queries >= 2;
	}, { timeoutMs: 60_000, intervalMs: 500 });
}

async function killItsWorker(cluster, c) {
	const worker = cluster.workerWith(new RegExp(`Worker started execution ${c.executionId}\\b`));
	assert.ok(worker, `no worker logged execution ${c.executionId}`);
	process.kill(-worker.child.pid, 'SIGKILL');
	const exit = await worker.child.exited;
	assert.equal(exit.signal, 'SIGKILL');
	return worker;
}

/** What the user is left with. */
async function observe(ctx, c, worker, killedAt, row) {
	const execution = await ctx.n8n.execution(c.executionId);
	const resultData = (execution.data && execution.data.resultData) || {};
	return {
		executionId: c.executionId,
		taskId: c.taskId,
		creates: (await tasksFor(ctx.sim, c.prompt)).length,
		status: row && row.status,
		endedAfterS: row && ENDED.includes(row.status) ? Math.round((Date.now() - killedAt) / 1000) : null,
		error: resultData.error ? resultData.error.message : null,
		taskIdInExecution: JSON.stringify(execution.data || {}).includes(c.taskId),
		taskIdInKilledWorkerLog: worker.output.some((line) => line.includes(`task ${c.taskId} created`)),
		startedBy: startedBy(ctx.cluster.workers, c.executionId),
	};
}

/** 2.x: the job fails, nothing runs the execution again, it is marked "error"; the task ID is in the log. */
async function expect2x(ctx, c, worker, killedAt) {
	const row = await waitForEnd(ctx.n8n, c, 150_000);
	await sleep(3000);
	const s = await observe(ctx, c, worker, killedAt, row);
	assert.equal(s.creates, 1, `${c.key}: creates at the provider`);
	assert.equal(s.status, 'error', `${c.key}: execution ${c.executionId} is "${s.status}"`);
	assert.ok(s.taskIdInKilledWorkerLog, `${c.key}: task ${c.taskId} is not in the killed worker's log`);
	assert.deepEqual(s.startedBy, [worker.role], `${c.key}: the execution was started again`);
	// Whether the task ID survives in the execution is recorded, not asserted: 2.40.5 replaces the run
	// data of an execution whose job stalled, "Save execution progress" or not.
	return s;
}

/** 1.x: the other worker runs the job again; what it does depends on "Save execution progress". */
async function expect1x(ctx, c, worker, killedAt) {
	const { sim, n8n, cluster } = ctx;
	const other = cluster.workers.find((w) => w !== worker);
	await waitFor(`${c.key}: the other worker to start execution ${c.executionId} again`, async () =>
		startedBy([other], c.executionId).length > 0, { timeoutMs: 120_000, intervalMs: 500 });
	const rerunAfterS = Math.round((Date.now() - killedAt) / 1000);
	if (c.key === 'saveProgress') {
		const queries = (await sim.stats()).perTask[c.taskId].queries;
		await waitFor('the rerun to poll the saved task', async () => (await sim.stats()).perTask[c.taskId].queries > queries, { timeoutMs: 60_000, intervalMs: 500 });
		await sim.finishTask(c.taskId);
	}
	// Without saved progress the rerun's Create makes a task of its own, which ends in 1.5 s.
	const row = await waitForEnd(n8n, c, 60_000);
	const s = { ...(await observe(ctx, c, worker, killedAt, row)), rerunAfterS };
	assert.ok(s.taskIdInKilledWorkerLog, `${c.key}: task ${c.taskId} is not in the killed worker's log`);
	assert.equal(s.status, 'success', `${c.key}: the rerun ended "${s.status}" (${s.error})`);
	if (c.key === 'saveProgress') {
		assert.equal(s.creates, 1, 'save progress: creates at the provider (the rerun polls the saved task)');
		assert.ok(s.taskIdInExecution, `save progress: task ${c.taskId} is not in the execution`);
	} else {
		// The README's warning for 1.x: the rerun starts at the Create node and the provider sees a second create.
		assert.equal(s.creates, 2, 'default settings: creates at the provider (the README says the rerun creates again)');
		assert.ok(!s.taskIdInExecution, 'default settings: the first task is in the execution');
	}
	return s;
}

async function workerKilledCheck(ctx) {
	const { cluster, n8n } = ctx;
	const keys = CASES_OF[n8n.major >= 2 ? 2 : 1];
	const seen = {};
	for (const [index, key] of keys.entries()) {
		const c = { key, ...CASES[key] };
		await ctx.sim.reset();
		await startPolling(ctx, c);
		const worker = await killItsWorker(cluster, c);
		const killedAt = Date.now();
		seen[key] = await (n8n.major >= 2 ? expect2x : expect1x)(ctx, c, worker, killedAt);
		seen[key].killed = worker.role;
		console.log(`        seen: ${key} ${JSON.stringify(seen[key])}`);
		// The next case needs two live workers again.
		if (index < keys.length - 1) await worker.start();
	}
	return seen;
}

module.exports = { workerKilledCheck };
