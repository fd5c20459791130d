#!/usr/bin/env node
'use strict';

// End-to-end suite: this package inside real n8n (1.x on Node 20, 2.x on Node 24), against the
// provider simulator. See test/e2e/README.md.
//
//   node test/e2e/run.js [--n8n 2.40.5,1.123.81] [--only TEXT] [--keep] [--cache DIR] [--timeout MIN]
//
// Builds nothing: run `npm run build` first (npm run test:e2e does). Prints the time of every phase
// and ends with the line "N passed, N failed"; exits 1 on any failure.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const procs = require('./lib/procs');
const { Report, s } = require('./lib/report');
const { ensureN8n, resolveVersion, DEFAULT_VERSIONS, DEFAULT_CACHE, REPO } = require('./install-n8n');
const { N8n, installPackage } = require('./lib/n8n');
const { startSimulator } = require('./lib/simulator');
const W = require('./workflows');
const { scenarios } = require('./scenarios');

function parseArgs(argv) {
	const out = {
		versions: (process.env.N8N_E2E_VERSIONS || DEFAULT_VERSIONS.join(',')).split(','),
		cacheRoot: process.env.N8N_E2E_CACHE || DEFAULT_CACHE,
		keep: false,
		only: undefined,
		timeoutMin: Number(process.env.N8N_E2E_TIMEOUT_MIN || 45),
		checkTimeoutS: 180,
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
		else if (arg === '--help' || arg === '-h') {
			console.log('node test/e2e/run.js [--n8n 2.40.5,1.123.81|1.x,2.x] [--only TEXT] [--keep] [--cache DIR] [--timeout MIN]');
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}`);
	}
	out.versions = out.versions.map((v) => resolveVersion(v.trim()));
	return out;
}

const report = new Report();
const { phases, results } = report;
const phase = (name, fn) => report.phase(name, fn);
const check = (label, timeoutS, fn) => report.check(label, timeoutS, fn);

async function runVersion(version, args, sim, workRoot) {
	const tag = `[n8n ${version}]`;
	let install;
	try {
		install = await phase(`${tag} install (cache: ${args.cacheRoot})`, () =>
			ensureN8n(version, { cacheRoot: args.cacheRoot, log: (line) => console.log(`  ${line}`) }),
		);
	} catch (error) {
		results.push({ label: `${tag} install`, ok: false, error });
		console.log(`  FAIL  ${tag} install: ${error.message}`);
		if (error.output) console.log(String(error.output).split('\n').slice(-40).map((l) => `        | ${l.slice(0, 300)}`).join('\n'));
		return;
	}
	for (const [step, ms] of Object.entries(install.took)) phases.push({ name: `${tag}   of which ${step}`, took: ms });

	const userFolder = path.join(workRoot, `n8n-${version}`);
	const logFile = path.join(workRoot, `n8n-${version}.log`);
	const n8n = await N8n.create(install, { userFolder, logFile });
	console.log(`  user folder ${userFolder}, log ${logFile}`);
	try {
		await phase(`${tag} install the package, import credentials and workflows (n8n CLI)`, async () => {
			await installPackage(userFolder, { log: (line) => console.log(`  ${line}`) });
			await n8n.importCredentials(W.simulatorCredentials(sim));
			await n8n.importWorkflows([...W.allWorkflows(sim.url), ...W.exampleWorkflows().map((e) => e.workflow)]);
		});
		await phase(`${tag} start n8n on ${n8n.url} (Node ${install.nodeVersion})`, async () => {
			await n8n.start();
			console.log(`  /healthz after ${s(n8n.startTimes.healthzMs)}, REST API after ${s(n8n.startTimes.readyMs)}`);
		});
		await phase(`${tag} owner account, login, activate ${W.activeWorkflowIds().length} workflows (REST)`, async () => {
			await n8n.setupOwner();
			for (const id of W.activeWorkflowIds()) await n8n.activate(id);
		});
		await phase(`${tag} scenarios`, async () => {
			const ctx = { n8n, sim, version };
			for (const { name, fn, timeoutS } of scenarios()) {
				if (args.only && !name.toLowerCase().includes(args.only.toLowerCase())) continue;
				if (n8n.child && n8n.child.exitCode !== null) {
					results.push({ label: `${tag} ${name}`, ok: false, error: new Error('n8n is not running') });
					console.log(`  FAIL  ${tag} ${name}: n8n is not running`);
					continue;
				}
				await check(`${tag} ${name}`, timeoutS || args.checkTimeoutS, () => fn(ctx));
			}
		});
	} catch (error) {
		results.push({ label: `${tag} set-up`, ok: false, error });
		console.log(`  FAIL  ${tag} set-up: ${error.message}`);
		console.log(n8n.tail(30).split('\n').map((l) => `        | ${l}`).join('\n'));
	} finally {
		await phase(`${tag} stop n8n`, () => n8n.stop());
		const errors = n8n.output.filter((l) => /\b(ERROR|Error:|UnhandledPromiseRejection|uncaught)\b/.test(l) && !/api\.n8n\.io|ENOTFOUND/.test(l));
		if (errors.length) console.log(`  n8n logged ${errors.length} error line(s); see ${logFile}`);
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-e2e-'));
	let sim;
	const cleanup = async () => {
		if (sim) await sim.stop().catch(() => {});
		await procs.stopAll(10_000);
		if (!args.keep) fs.rmSync(workRoot, { recursive: true, force: true });
	};
	procs.installCleanup({ onSignal: cleanup });
	const deadline = setTimeout(() => {
		console.log(`\nFAIL: the e2e run exceeded ${args.timeoutMin} min; stopping everything`);
		procs.killAllNow();
		console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
		process.exit(1);
	}, args.timeoutMin * 60_000);
	deadline.unref();

	const started = Date.now();
	console.log(`e2e: n8n ${args.versions.join(', ')}; work folder ${workRoot}${args.keep ? ' (kept)' : ''}`);
	if (!fs.existsSync(path.join(REPO, 'dist', 'nodes', 'SoraVideo', 'SoraVideo.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	try {
		sim = await phase('start the provider simulator', async () => {
			const started = await startSimulator({ taskDurationMs: 1500 });
			console.log(`  simulator on ${started.url}`);
			return started;
		});
		for (const version of args.versions) await runVersion(version, args, sim, workRoot);
	} catch (error) {
		results.push({ label: 'run', ok: false, error });
		console.log(`  FAIL  ${error.stack || error}`);
	} finally {
		await cleanup();
	}

	if (args.keep) console.log(`\nkept ${workRoot}`);
	process.exitCode = report.finish(started);
}

main().catch((error) => {
	console.error(error.stack || error);
	procs.killAllNow();
	console.log(`0 passed, 1 failed`);
	process.exit(1);
});
