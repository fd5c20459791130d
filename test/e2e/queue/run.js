#!/usr/bin/env node
'use strict';

// The package in n8n's queue mode: Postgres and Redis (real servers), one main, two workers and one
// webhook process, against the provider simulator. See test/e2e/README.md, "Queue mode".
//
//   node test/e2e/queue/run.js [--n8n 2.40.5] [--only TEXT] [--keep] [--timeout MIN] [--large-mib N]
//
// Builds nothing: run `npm run build` first. Prints the time of every phase and ends with the line
// "N passed, N failed"; exits 1 on any failure. Everything it starts is stopped on exit.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const procs = require('../lib/procs');
const { Report } = require('../lib/report');
const { ensureN8n, resolveVersion, DEFAULT_CACHE, REPO } = require('../install-n8n');
const { startSimulator } = require('../lib/simulator');
const W = require('../workflows');
const { QueueCluster } = require('./cluster');
const { queueScenarios, queueWorkflows, QUEUE_ACTIVE_IDS, UNUSED_IDS } = require('./scenarios');

function parseArgs(argv) {
	const out = {
		version: resolveVersion(process.env.N8N_QUEUE_VERSION || '2.x'),
		cacheRoot: process.env.N8N_E2E_CACHE || DEFAULT_CACHE,
		keep: false,
		only: undefined,
		timeoutMin: Number(process.env.N8N_QUEUE_TIMEOUT_MIN || 20),
		largeMiB: Number(process.env.N8N_QUEUE_LARGE_MIB || 200),
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
			return argv[++i];
		};
		if (arg === '--n8n') out.version = resolveVersion(value());
		else if (arg === '--cache') out.cacheRoot = path.resolve(value());
		else if (arg === '--keep') out.keep = true;
		else if (arg === '--only') out.only = value();
		else if (arg === '--timeout') out.timeoutMin = Number(value());
		else if (arg === '--large-mib') out.largeMiB = Number(value());
		else if (arg === '--help' || arg === '-h') {
			console.log('node test/e2e/queue/run.js [--n8n 2.40.5|2.x] [--only TEXT] [--keep] [--timeout MIN] [--large-mib N]');
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}`);
	}
	return out;
}

/**
 * Settings that make a killed worker's job fail and its execution get marked within a minute or
 * two, not n8n's defaults (job lock 60 s, stalled-job check 30 s, queue recovery every 180 minutes).
 */
const FAST_RECOVERY = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
};

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const report = new Report();
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-queue-'));
	let sim;
	let cluster;
	const cleanup = async () => {
		if (cluster) await cluster.stop().catch(() => {});
		if (sim) await sim.stop().catch(() => {});
		await procs.stopAll(10_000);
		if (!args.keep) fs.rmSync(workRoot, { recursive: true, force: true });
	};
	procs.installCleanup({ onSignal: cleanup });
	const deadline = setTimeout(() => {
		console.log(`\nFAIL: the queue-mode run exceeded ${args.timeoutMin} min; stopping everything`);
		procs.killAllNow();
		console.log(`${report.results.filter((r) => r.ok).length} passed, ${report.failed.length + 1} failed`);
		process.exit(1);
	}, args.timeoutMin * 60_000);
	deadline.unref();

	const started = Date.now();
	const tag = `[n8n ${args.version} queue mode]`;
	console.log(`e2e queue mode: n8n ${args.version}; work folder ${workRoot}${args.keep ? ' (kept)' : ''}`);
	try {
		if (!fs.existsSync(path.join(REPO, 'dist', 'nodes', 'SoraVideo', 'SoraVideo.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` first');
		}
		const install = await report.phase(`${tag} install (cache: ${args.cacheRoot})`, () =>
			ensureN8n(args.version, { cacheRoot: args.cacheRoot, log: (line) => console.log(`  ${line}`) }),
		);
		sim = await report.phase('start the provider simulator', () => startSimulator({ taskDurationMs: 1500 }));
		cluster = await report.phase(`${tag} Postgres, Redis, main, webhook process, 2 workers`, () =>
			QueueCluster.start(install, {
				workRoot,
				workers: 2,
				env: FAST_RECOVERY,
				log: (line) => console.log(`  ${line}`),
				credentials: W.simulatorCredentials(sim),
				workflows: [...W.allWorkflows(sim.url), ...queueWorkflows(sim.url)],
				activate: [...W.activeWorkflowIds().filter((id) => !UNUSED_IDS.has(id)), ...QUEUE_ACTIVE_IDS],
			}),
		);
		console.log(`  main ${cluster.main.url}, webhook ${cluster.webhook.url}, workers ${cluster.workers.map((w) => w.url).join(', ')}; Postgres :${cluster.postgres.port}, Redis :${cluster.redis.port}`);
		await report.phase(`${tag} scenarios`, async () => {
			const ctx = { n8n: cluster.facade(), cluster, sim, version: args.version, largeMiB: args.largeMiB };
			for (const { name, fn, timeoutS } of queueScenarios()) {
				if (args.only && !name.toLowerCase().includes(args.only.toLowerCase())) continue;
				await report.check(`${tag} ${name}`, timeoutS || 180, () => fn(ctx));
			}
		});
	} catch (error) {
		report.fail(`${tag} set-up`, error);
		if (cluster) console.log(cluster.facade().tail(15).split('\n').map((l) => `        | ${l}`).join('\n'));
	} finally {
		await report.phase(`${tag} stop everything`, cleanup);
	}
	if (args.keep) console.log(`\nkept ${workRoot}`);
	process.exitCode = report.finish(started);
}

main().catch((error) => {
	console.error(error.stack || error);
	procs.killAllNow();
	console.log('0 passed, 1 failed');
	process.exit(1);
});
