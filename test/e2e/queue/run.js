#!/usr/bin/env node
'use strict';

// The package in n8n's queue mode: Postgres and Redis (real servers), one main, two workers and one
// webhook process, against the provider simulator, on each n8n version in turn (2.40.5, then
// 1.123.81). Postgres and Redis serve every version (a database of each per version); one version's
// processes are all gone before the next starts. See test/e2e/README.md, "Queue mode".
//
//   node test/e2e/queue/run.js [--n8n 2.40.5,1.123.81] [--only TEXT] [--keep] [--timeout MIN] [--large-mib N]
//
// Builds nothing: run `npm run build` first. Prints the time of every phase and ends with the line
// "N passed, N failed"; exits 1 on any failure. Everything it starts is stopped on exit.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const procs = require('../lib/procs');
const { Report } = require('../lib/report');
const { ensureN8n, resolveVersion, DEFAULT_VERSIONS, DEFAULT_CACHE, REPO } = require('../install-n8n');
const { startSimulator } = require('../lib/simulator');
const W = require('../workflows');
const { QueueCluster } = require('./cluster');
const { installServerPackages, startPostgres, startRedis, dataRoot } = require('./services');
const { queueScenarios, queueWorkflows, QUEUE_ACTIVE_IDS, UNUSED_IDS } = require('./scenarios');

function parseArgs(argv) {
	const out = {
		versions: (process.env.N8N_QUEUE_VERSIONS || DEFAULT_VERSIONS.join(',')).split(','),
		cacheRoot: process.env.N8N_E2E_CACHE || DEFAULT_CACHE,
		keep: false,
		only: undefined,
		timeoutMin: Number(process.env.N8N_QUEUE_TIMEOUT_MIN || 30),
		largeMiB: process.env.N8N_QUEUE_LARGE_MIB ? Number(process.env.N8N_QUEUE_LARGE_MIB) : undefined,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
			return argv[++i];
		};
		if (arg === '--n8n') out.versions = value().split(',');
		else if (arg === '--cache') out.cacheRoot = path.resolve(value());
		else if (arg === '--keep') out.keep = true;
		else if (arg === '--only') out.only = value();
		else if (arg === '--timeout') out.timeoutMin = Number(value());
		else if (arg === '--large-mib') out.largeMiB = Number(value());
		else if (arg === '--help' || arg === '-h') {
			console.log('node test/e2e/queue/run.js [--n8n 2.40.5,1.123.81|2.x,1.x] [--only TEXT] [--keep] [--timeout MIN] [--large-mib N]');
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}`);
	}
	out.versions = out.versions.map((v) => resolveVersion(v.trim()));
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

/**
 * What each n8n line runs. 1.x keeps the checks the issue asks for and what differs on 1.x, and leaves
 * out what only measures the single-process suite's logic again (it runs on 1.x there): binary input
 * and provider errors. Its default binary mode keeps files in memory, so its large file is smaller.
 */
const LINES = {
	1: { largeMiB: 20, skip: /^(image from binary data|provider error)/ },
	2: { largeMiB: 200, skip: null },
};

async function runVersion(version, index, { args, report, workRoot, services, sim, state }) {
	const tag = `[n8n ${version} queue mode]`;
	const line = LINES[Number(version.split('.')[0])];
	const largeMiB = args.largeMiB ?? line.largeMiB;
	const install = await report.phase(`${tag} install (cache: ${args.cacheRoot})`, () =>
		ensureN8n(version, { cacheRoot: args.cacheRoot, log: (l) => console.log(`  ${l}`) }),
	);
	const major = version.split('.')[0];
	const databases = await report.phase(`${tag} Postgres database n8n_${major}, Redis database ${index + 1}`, async () => ({
		postgres: await services.postgres.createDatabase(`n8n_${major}`),
		redis: services.redis.database(index + 1),
	}));
	const versionRoot = path.join(workRoot, version);
	fs.mkdirSync(versionRoot, { recursive: true });
	try {
		state.cluster = await report.phase(`${tag} main, webhook process, 2 workers`, () =>
			QueueCluster.start(install, {
				workRoot: versionRoot,
				workers: 2,
				env: FAST_RECOVERY,
				services: databases,
				log: (l) => console.log(`  ${l}`),
				credentials: W.simulatorCredentials(sim),
				workflows: [...W.allWorkflows(sim.url), ...queueWorkflows(sim.url)],
				activate: [...W.activeWorkflowIds().filter((id) => !UNUSED_IDS.has(id)), ...QUEUE_ACTIVE_IDS],
			}),
		);
		const { cluster } = state;
		console.log(`  main ${cluster.main.url}, webhook ${cluster.webhook.url}, workers ${cluster.workers.map((w) => w.url).join(', ')}; Postgres :${cluster.postgres.port}, Redis :${cluster.redis.port}`);
		await report.phase(`${tag} scenarios`, async () => {
			const ctx = { n8n: cluster.facade(), cluster, sim, version, largeMiB };
			for (const { name, fn, timeoutS } of queueScenarios()) {
				if (args.only && !name.toLowerCase().includes(args.only.toLowerCase())) continue;
				if (line.skip && line.skip.test(name)) continue;
				await report.check(`${tag} ${name}`, timeoutS || 180, () => fn(ctx));
			}
		});
	} catch (error) {
		report.fail(`${tag} set-up`, error);
		if (state.cluster) console.log(state.cluster.facade().tail(15).split('\n').map((l) => `        | ${l}`).join('\n'));
	} finally {
		await report.phase(`${tag} stop main, webhook process and workers`, async () => {
			if (state.cluster) await state.cluster.stop().catch(() => {});
			state.cluster = undefined;
		});
		// The next version must not meet a process of this one (on its ports, in Redis or Postgres).
		await report.check(`${tag} no n8n process left running`, 30, async () => {
			const left = procs.groupsLeft(/^n8n /);
			if (left.length) throw new Error(`still running: ${left.join(', ')}`);
		});
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const report = new Report();
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-queue-'));
	const state = {};
	let sim;
	let services;
	const cleanup = async () => {
		if (state.cluster) await state.cluster.stop().catch(() => {});
		if (sim) await sim.stop().catch(() => {});
		if (services) for (const service of Object.values(services)) await service.stop().catch(() => {});
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
	console.log(`e2e queue mode: n8n ${args.versions.join(', ')}; work folder ${workRoot}${args.keep ? ' (kept)' : ''}`);
	try {
		if (!fs.existsSync(path.join(REPO, 'dist', 'nodes', 'SoraVideo', 'SoraVideo.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` first');
		}
		sim = await report.phase('start the provider simulator', () => startSimulator({ taskDurationMs: 1500 }));
		services = await report.phase('Postgres and Redis (shared by every version)', async () => {
			installServerPackages({ log: (line) => console.log(`  ${line}`) });
			const root = dataRoot(REPO);
			const [postgres, redis] = await Promise.all([startPostgres(root), startRedis(root)]);
			console.log(`  Postgres :${postgres.port}, Redis :${redis.port}`);
			return { postgres, redis };
		});
		for (const [index, version] of args.versions.entries()) {
			await runVersion(version, index, { args, report, workRoot, services, sim, state });
		}
	} catch (error) {
		report.fail('set-up', error);
	} finally {
		await report.phase('stop everything', cleanup);
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
