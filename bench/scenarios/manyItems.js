'use strict';

/**
 * Scenario 2, many items. 50 items on one kie.ai credential, each task about 30 s, through
 * Create with Wait for Completion (default adaptive polling), against the simulator behind a
 * limiter that enforces kie.ai's limits (10 queries/s, 20 creates/10 s) with 429s.
 * Then the same work serially (one execution per item, one after another) on 5 items.
 * Then the queue-mode row (bench/lib/queueManyItems.js): real n8n with three workers, several
 * executions of 30 items at once, behind the same limiter (N8N_BENCH_SKIP_QUEUE=1 skips it).
 */

const { createSimulator } = require('../../test/simulator');
const { RateLimitProxy } = require('../lib/rateLimitProxy');
const { runSoraNode, TEXT } = require('../lib/sora');
const { runQueueRow, queueServersMissing } = require('../lib/queueManyItems');
const procs = require('../../test/e2e/lib/procs');
const { round } = require('../lib/util');

const CREATES_PER_WINDOW = 20;
const CREATE_WINDOW_S = 10;
const QUEUE_EXECUTIONS = 3;

function failedItems(result) {
	if (!result.items) return null;
	return result.items.filter((item) => item.json.error || item.json.status !== 'succeeded').length;
}

async function run({ quick, log }) {
	const scale = quick ? 1 / 3 : 1;
	const taskS = 30 * scale;
	const items = 50;
	const serialItems = quick ? 3 : 5;
	const sim = await createSimulator({ taskDurationMs: Math.round(taskS * 1000) });
	const proxy = await new RateLimitProxy(sim.url).listen();
	const credentialOverrides = { kieAiApi: { baseUrl: proxy.url } };
	const parameters = { ...TEXT, waitForCompletion: true };
	try {
		const many = await runSoraNode(sim, {
			credentialId: 'bench-many',
			credentialOverrides,
			parameters,
			continueOnFail: true,
			items: Array.from({ length: items }, (_, i) => ({ json: { i } })),
		});
		const wallS = (many.resolvedAt - many.startedAt) / 1000;
		const forcedByCreateLimitS = (Math.ceil(items / CREATES_PER_WINDOW) - 1) * CREATE_WINDOW_S;
		const concurrent = {
			items,
			wallS: round(wallS, 2),
			failed: failedItems(many) ?? items,
			executionError: many.error && !many.items ? many.error.message : undefined,
			tasksCreated: sim.stats.tasksCreated,
			simMaxQueriesPerS: sim.maxInWindow('kie.query', 1000),
			simMaxCreatesPer10s: sim.maxInWindow('kie.create', 10_000),
			sentMaxQueriesPerS: proxy.maxInWindow('kie.query', 1000),
			sentMaxCreatesPer10s: proxy.maxInWindow('kie.create', 10_000),
			responses429: proxy.refused + sim.stats.responses429,
			queries: sim.stats.requests['kie.query'] ?? 0,
			taskS: round(taskS, 2),
			forcedByCreateLimitS: round(forcedByCreateLimitS, 2),
			idealWallS: round(taskS + forcedByCreateLimitS, 2),
			wallOverIdeal: round(wallS / (taskS + forcedByCreateLimitS)),
		};
		log(`  ${items} items: ${concurrent.wallS} s; now ${serialItems} items one after another…`);

		sim.reset();
		proxy.reset();
		const serialStarted = Date.now();
		let serialFailed = 0;
		for (let i = 0; i < serialItems; i++) {
			const one = await runSoraNode(sim, {
				credentialId: 'bench-serial',
				credentialOverrides,
				parameters,
				continueOnFail: true,
				items: [{ json: { i } }],
			});
			serialFailed += failedItems(one) ?? 1;
		}
		const serialWallS = (Date.now() - serialStarted) / 1000;
		const serial = {
			items: serialItems,
			wallS: round(serialWallS, 2),
			failed: serialFailed,
			responses429: proxy.refused + sim.stats.responses429,
		};
		let queue;
		const cannot = process.env.N8N_BENCH_SKIP_QUEUE === '1' ? null : queueServersMissing(log);
		if (cannot) {
			queue = { skipped: `queue-mode row SKIPPED: ${cannot}` };
			log(`  ${queue.skipped}`);
		} else if (process.env.N8N_BENCH_SKIP_QUEUE !== '1') {
			log(`  now queue mode: ${QUEUE_EXECUTIONS} executions of 30 items on three workers…`);
			procs.installCleanup();
			try {
				queue = await runQueueRow({
					sim, proxy, executions: QUEUE_EXECUTIONS, taskS, createsPerWindow: CREATES_PER_WINDOW, createWindowS: CREATE_WINDOW_S, log,
					processesSharingKey: Number(process.env.N8N_BENCH_QUEUE_PROCESSES || 3),
				});
			} catch (error) {
				queue = { error: error.message };
				log(`  queue mode FAILED: ${error.stack}`);
			}
		}
		const perItemConcurrentS = wallS / items;
		const perItemSerialS = serialWallS / serialItems;
		return {
			config: { provider: 'kie', taskS: round(taskS, 2), timeScale: round(scale), limits: '10 queries/s, 20 creates/10 s, enforced with 429' },
			concurrent,
			serial,
			queue,
			perItemConcurrentS: round(perItemConcurrentS),
			perItemSerialS: round(perItemSerialS),
			perItemRatio: round(perItemConcurrentS / perItemSerialS, 4),
		};
	} finally {
		await proxy.close();
		await sim.close();
	}
}

module.exports = { run };
