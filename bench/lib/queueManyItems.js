'use strict';

/**
 * Scenario 2's queue-mode row: n8n 2.40.5 in queue mode (Postgres, Redis, main, webhook process and
 * three workers, test/e2e/queue/cluster.js), one kie.ai credential behind the same 429-answering
 * limiter as the single-process row. Several executions of 30 items each (Webhook → Split Out →
 * Create with Wait for Completion, On Error: Continue) are started at once through the webhook
 * process, so the workers share one account's limits while each paces itself. The credential
 * says that three processes use the key (N8N_BENCH_QUEUE_PROCESSES=1 measures without it).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, resolveVersion } = require('../../test/e2e/install-n8n');
const { request } = require('../../test/e2e/lib/http');
const { QueueCluster } = require('../../test/e2e/queue/cluster');
const { installServerPackages, missingServers } = require('../../test/e2e/queue/services');
const W = require('../../test/e2e/workflows');
const { round } = require('./util');

const WORKERS = 3;
const ITEMS_PER_EXECUTION = 30;

function manyItemsWorkflow() {
	const workflow = W.createAndWaitWorkflow('kie');
	const create = workflow.nodes.find((n) => n.name === 'Create video');
	create.parameters.downloadVideo = false;
	create.onError = 'continueRegularOutput';
	return workflow;
}

/** How many executions each worker has started, from the workers' own log lines. */
function executionsPerWorker(cluster) {
	return cluster.workers.map((w) => w.output.filter((line) => /Worker started execution \d+/.test(line)).length);
}

/**
 * Sets up the servers queue mode needs the way the queue e2e suite does (Debian's postgresql and
 * redis-server, installed when missing and the benchmark runs as root). Returns why the row cannot
 * run on this machine, or null when it can.
 */
function queueServersMissing(log) {
	try {
		installServerPackages({ log: (line) => log(`  queue mode: ${line}`) });
	} catch (error) {
		return `installing postgresql and redis-server failed (${error.message})`;
	}
	const missing = missingServers();
	if (missing.length === 0) return null;
	const how = process.getuid?.() === 0 ? '' : '; run the benchmark as root to have it installed';
	return `missing ${missing.join(' and ')}${how}`;
}

/**
 * Runs `executions` × 30 items at once. `sim` and `proxy` are the scenario's (the limiter is reset here).
 * Returns the row's figures, or {error} when the cluster could not be started.
 */
async function runQueueRow({ sim, proxy, executions, taskS, createsPerWindow, createWindowS, log, processesSharingKey = WORKERS }) {
	const install = await ensureN8n(resolveVersion(process.env.N8N_BENCH_QUEUE_VERSION || '2.x'), { log: (line) => log(`  ${line}`) });
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-queue-'));
	const viaProxy = { apiKeys: sim.apiKeys, baseUrls: { ...sim.baseUrls, kie: proxy.url } };
	const credentials = W.simulatorCredentials(viaProxy);
	// The credential's "n8n Processes Using This Key", as the README advises for three workers.
	credentials.find((c) => c.type === 'kieAiApi').data.processesSharingKey = processesSharingKey;
	const workflow = manyItemsWorkflow();
	let cluster;
	try {
		const clusterStarted = Date.now();
		cluster = await QueueCluster.start(install, {
			workRoot,
			workers: WORKERS,
			log: (line) => log(`  queue mode: ${line}`),
			credentials,
			workflows: [workflow],
			activate: [workflow.id],
		});
		log(`  queue mode: ${WORKERS} workers ready in ${round((Date.now() - clusterStarted) / 1000, 1)} s`);
		const url = `${cluster.webhook.url}/webhook/${W.webhookPaths.create('kie')}`;
		// The webhook process learns of the activation through the database; wait until it answers.
		for (let attempt = 0; attempt < 60; attempt++) {
			const probe = await request('POST', url, { json: { items: [] }, timeoutMs: 10_000 });
			if (probe.status !== 404) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		sim.reset();
		proxy.reset();
		const startedBefore = executionsPerWorker(cluster);
		const items = executions * ITEMS_PER_EXECUTION;
		const started = Date.now();
		const answers = await Promise.all(Array.from({ length: executions }, (_, e) =>
			request('POST', url, {
				json: { items: Array.from({ length: ITEMS_PER_EXECUTION }, (_, i) => ({ prompt: `queue bench execution ${e + 1} item ${i + 1}` })) },
				timeoutMs: 30 * 60_000,
			})));
		const wallS = (Date.now() - started) / 1000;
		const out = answers.flatMap((a) => (Array.isArray(a.json) ? a.json : []));
		const failed = items - out.filter((j) => !j.error && j.status === 'succeeded').length;
		const arrivals = (proxy.arrivals['kie.create'] ?? []).length + (proxy.arrivals['kie.query'] ?? []).length;
		const forcedByCreateLimitS = (Math.ceil(items / createsPerWindow) - 1) * createWindowS;
		return {
			workers: WORKERS,
			processesSharingKey,
			executions,
			items,
			wallS: round(wallS, 2),
			failed,
			httpStatuses: answers.map((a) => a.status),
			executionsPerWorker: executionsPerWorker(cluster).map((n, i) => n - startedBefore[i]),
			tasksCreated: sim.stats.tasksCreated,
			createsSeen: sim.stats.requests['kie.create'] ?? 0,
			createsPerItem: round((sim.stats.requests['kie.create'] ?? 0) / items, 3),
			responses429: proxy.refused,
			requestsSent: arrivals,
			share429: round(proxy.refused / Math.max(1, arrivals), 4),
			sentMaxQueriesPerS: proxy.maxInWindow('kie.query', 1000),
			sentMaxCreatesPer10s: proxy.maxInWindow('kie.create', 10_000),
			simMaxQueriesPerS: sim.maxInWindow('kie.query', 1000),
			simMaxCreatesPer10s: sim.maxInWindow('kie.create', 10_000),
			queries: sim.stats.requests['kie.query'] ?? 0,
			idealWallS: round(taskS + forcedByCreateLimitS, 2),
			wallOverIdeal: round(wallS / (taskS + forcedByCreateLimitS)),
		};
	} finally {
		if (cluster) await cluster.stop();
		fs.rmSync(workRoot, { recursive: true, force: true });
	}
}

module.exports = { runQueueRow, queueServersMissing, WORKERS, ITEMS_PER_EXECUTION };
