#!/usr/bin/env node
'use strict';

// `npm run demo`: a real n8n with these nodes loaded, talking to the built-in provider simulator.
//
//   1. npm install (if node_modules is missing) and npm run build;
//   2. starts the provider simulator on 127.0.0.1:8790 (SIM_PORT);
//   3. installs n8n into .cache/n8n/<version> the first time (a few minutes), then reuses it;
//   4. starts n8n on 127.0.0.1:5678 (DEMO_N8N_PORT) with its own user folder in .cache/demo/<version>,
//      this package installed in it as a community package;
//   5. creates the owner account, credentials for the three providers pointing at the simulator, and
//      imports examples/*.json (the trigger example is activated);
//   6. prints the editor URL and the login, and runs until Ctrl-C, which stops everything.
//
// Options (or environment variables):
//   --n8n 1.x | 2.x | <version>   DEMO_N8N_VERSION   default 1.x (1.123.81 on this Node; 2.x installs Node 24 too)
//   --port N                      DEMO_N8N_PORT      default 5678
//   --webhook-url URL             DEMO_WEBHOOK_URL   public base URL of this n8n, for real providers' callbacks
//   --reset                                          start from an empty n8n user folder
//   --no-build                                       skip npm run build
//   SIM_PORT (8790), SIM_TASK_DURATION_MS (20000): the simulator.
//
// With a real provider: keep this running, open the editor, add a credential with your own API key
// (e.g. "Kie.ai API", base URL https://api.kie.ai) and pick it in a Sora Video node. See README.md.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const procs = require('../test/e2e/lib/procs');
const { demoBanner } = require('./demoBanner');

const DEMO_OWNER = Object.freeze({
	email: 'demo@example.com',
	firstName: 'Sora',
	lastName: 'Demo',
	password: 'SoraVideo-demo-1',
});
const DEMO_HMAC_KEY = 'sora-video-demo-hmac-key';
const EXAMPLE_TRIGGER_ID = 'soraExampleTrigg';
const EXAMPLE_CALLBACK_PLACEHOLDER = 'https://your-n8n.example.com/';

function parseArgs(argv) {
	const out = {
		version: process.env.DEMO_N8N_VERSION || '1.x',
		port: Number(process.env.DEMO_N8N_PORT || 5678),
		webhookUrl: process.env.DEMO_WEBHOOK_URL || undefined,
		reset: false,
		build: true,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
			return argv[++i];
		};
		if (arg === '--n8n') out.version = value();
		else if (arg === '--port') out.port = Number(value());
		else if (arg === '--webhook-url') out.webhookUrl = value();
		else if (arg === '--reset') out.reset = true;
		else if (arg === '--no-build') out.build = false;
		else if (arg === '--help' || arg === '-h') {
			console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(3, 24).join('\n').replace(/^\/\/ ?/gm, ''));
			process.exit(0);
		} else throw new Error(`unknown argument ${arg} (try --help)`);
	}
	if (out.webhookUrl && !out.webhookUrl.endsWith('/')) out.webhookUrl += '/';
	return out;
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (line) => say(`\n> ${line}`);

async function ensureBuilt(build) {
	if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'))) {
		step('npm install (node_modules is missing)');
		await procs.run('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, timeoutMs: 20 * 60_000, onLine: (l) => say(`  ${l}`) });
	}
	if (build) {
		step('npm run build');
		await procs.run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 5 * 60_000 });
	}
}

function readExamples(n8nWebhookBase) {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const text = fs.readFileSync(path.join(dir, f), 'utf8').split(EXAMPLE_CALLBACK_PLACEHOLDER).join(n8nWebhookBase);
			return JSON.parse(text);
		});
}

async function portIsFree(port) {
	const net = require('node:net');
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	let sim;
	let n8n;
	let stopping = false;
	const stopAll = async () => {
		stopping = true;
		if (n8n) await n8n.stop().catch(() => {});
		if (sim) await sim.close().catch(() => {});
	};
	procs.installCleanup({ onSignal: stopAll, graceMs: 20_000 });

	await ensureBuilt(args.build);

	// Required only now: the e2e helpers need nothing built, but the simulator and the package do.
	const { ensureN8n, resolveVersion, REPO } = require('../test/e2e/install-n8n');
	const { N8n, installPackage } = require('../test/e2e/lib/n8n');
	const { freePort } = require('../test/e2e/lib/http');
	const { createSimulator } = require('../test/simulator');
	const W = require('../test/e2e/workflows');

	const version = resolveVersion(args.version);
	const started = Date.now();

	step('provider simulator');
	const simPort = Number(process.env.SIM_PORT || 8790);
	if (!(await portIsFree(simPort))) throw new Error(`port ${simPort} is in use: set SIM_PORT to another port`);
	sim = await createSimulator({
		port: simPort,
		taskDurationMs: Number(process.env.SIM_TASK_DURATION_MS || 20_000),
		hmacKey: DEMO_HMAC_KEY,
		log: true,
	});
	say(`  listening on ${sim.url}`);

	step(`n8n ${version}`);
	const install = await ensureN8n(version, { log: (line) => say(`  ${line}`) });

	let port = args.port;
	if (!(await portIsFree(port))) {
		const other = await freePort();
		say(`  port ${port} is in use; using ${other} (set DEMO_N8N_PORT to choose)`);
		port = other;
	}
	const demoDir = path.join(REPO, '.cache', 'demo');
	const userFolder = path.join(demoDir, `n8n-${version}`);
	if (args.reset) fs.rmSync(userFolder, { recursive: true, force: true });
	const firstRun = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	fs.mkdirSync(userFolder, { recursive: true });
	const logFile = path.join(demoDir, `n8n-${version}.log`);
	fs.writeFileSync(logFile, '');
	n8n = await N8n.create(install, {
		userFolder,
		port,
		logFile,
		webhookUrl: args.webhookUrl,
		log: (line) => {
			if (/\berror\b/i.test(line) && !/api\.n8n\.io|ENOTFOUND/.test(line)) say(`  [n8n] ${line}`);
		},
	});

	step('this package, credentials and example workflows');
	await installPackage(userFolder, { log: (line) => say(`  ${line}`) });
	// The simulator's credentials are re-imported every time (the simulator's port may have changed);
	// credentials you add yourself are not touched.
	await n8n.importCredentials(W.simulatorCredentials(sim, { hmacKey: DEMO_HMAC_KEY }));
	say(`  credentials: ${Object.values(W.CREDENTIALS).map((c) => c.name).join(', ')}`);
	if (firstRun) {
		const examples = readExamples(n8n.webhookUrl);
		await n8n.importWorkflows(examples);
		say(`  workflows: ${examples.map((w) => w.name).join('; ')}`);
	} else {
		say(`  workflows: kept from the last run (${path.relative(ROOT, userFolder)}; --reset starts over)`);
	}

	step(`start n8n (log: ${path.relative(ROOT, logFile)})`);
	await n8n.start();
	let loginNote;
	try {
		await n8n.setupOwner(DEMO_OWNER);
		const trigger = await n8n.getWorkflow(EXAMPLE_TRIGGER_ID).catch(() => undefined);
		if (trigger && !(trigger.active || trigger.activeVersionId)) await n8n.activate(EXAMPLE_TRIGGER_ID);
	} catch (error) {
		loginNote = `(could not log in as the demo owner: ${error.message.split('\n')[0]}; if you changed the password, use yours)`;
	}
	n8n.child.exited.then(({ code, signal }) => {
		if (stopping) return;
		say(`\nn8n stopped unexpectedly (${code ?? signal}); see ${logFile}`);
		stopAll().finally(() => process.exit(1));
	});

	const hook = `${n8n.webhookUrl}webhook/5f0c2c1e-8a57-4c1b-9a7e-0d1f2e3a4b5c/callback`;
	say(
		demoBanner({
			version,
			nodeVersion: install.nodeVersion,
			editorUrl: n8n.url,
			owner: DEMO_OWNER,
			loginNote,
			simUrl: sim.url,
			taskSeconds: Math.round(sim.options.taskDurationMs / 1000),
			hook,
			readySeconds: Math.round((Date.now() - started) / 1000),
		}),
	);
}

main().catch(async (error) => {
	process.stderr.write(`\ndemo failed: ${error.message}\n`);
	if (error.output) process.stderr.write(`${String(error.output).split('\n').slice(-30).join('\n')}\n`);
	await procs.stopAll(5000).catch(() => {});
	process.exit(1);
});
