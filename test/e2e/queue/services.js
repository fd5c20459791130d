'use strict';

// The two servers n8n's queue mode shares between its processes: Postgres (the database) and Redis
// (the job queue), both real, from Debian's packages (installed when missing), on free ports of 127.0.0.1, with their data in
// a folder under .cache/ that is removed on stop. Each runs in the foreground as a child of this
// process (procs), so nothing outlives the run, whatever way it ends.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const procs = require('../lib/procs');
const { freePort, waitFor } = require('../lib/http');

/** Debian's Postgres binaries (the newest installed version), or PG_BIN. */
function pgBin() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
	return path.join(root, versions[0] || '15', 'bin');
}
const DATABASE = 'n8n';

function postgresUser() {
	// Postgres refuses to run as root; Debian's package creates this user.
	const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error("no 'postgres' user: install Postgres (apt-get install -y postgresql)");
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function requireBinary(file, hint) {
	if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

const REDIS_SERVER = '/usr/bin/redis-server';

/** What queue mode needs and this machine lacks, each with how to install it ([] when nothing). */
function missingServers() {
	const missing = [];
	if (!fs.existsSync(path.join(pgBin(), 'postgres'))) missing.push(`${path.join(pgBin(), 'postgres')} (apt-get install -y postgresql, or set PG_BIN)`);
	if (!fs.existsSync(REDIS_SERVER)) missing.push(`${REDIS_SERVER} (apt-get install -y redis-server)`);
	return missing;
}

/** Installs Debian's postgresql and redis-server when either is missing (as root, as CI runs). */
function installServerPackages({ log = () => {} } = {}) {
	if (missingServers().length === 0) return;
	if (process.getuid() !== 0) return; // startPostgres / startRedis then say what to install
	log('installing postgresql and redis-server (apt-get)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'postgresql', 'redis-server']]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
	}
}

/** Postgres with trust authentication for `postgres` on 127.0.0.1:port; data under `root`. */
async function startPostgres(root, { log = () => {} } = {}) {
	const PG_BIN = pgBin();
	requireBinary(path.join(PG_BIN, 'postgres'), 'apt-get install -y postgresql (or set PG_BIN)');
	const { uid, gid } = postgresUser();
	const dir = fs.mkdtempSync(path.join(root, 'postgres-'));
	fs.chownSync(dir, uid, gid);
	const data = path.join(dir, 'data');
	const as = { uid, gid, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' }, cwd: dir };
	await procs.run(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], {
		...as,
		name: 'initdb',
		timeoutMs: 120_000,
	});
	const port = await freePort();
	const output = [];
	const child = procs.start(
		path.join(PG_BIN, 'postgres'),
		// fsync off: the data is thrown away after the run, and the disk is shared with three other suites.
		['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
		{ ...as, name: 'postgres', onLine: (line) => { output.push(line); log(line); } },
	);
	const ready = path.join(PG_BIN, 'pg_isready');
	await waitFor('Postgres to accept connections', async () => {
		if (child.exitCode !== null) throw Object.assign(new Error(`postgres exited: ${output.slice(-5).join(' | ')}`), { fatal: true });
		await procs.run(ready, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { ...as, timeoutMs: 5000, name: 'pg_isready' });
		return true;
	}, { timeoutMs: 30_000, intervalMs: 200, stopOn: (error) => error.fatal });
	const database = (name) => ({
		port,
		name,
		/** What every n8n process needs to use this database. */
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: name,
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
		},
		/** One SQL statement through psql; its rows, one per line, columns separated by "|". */
		async query(sql) {
			const out = await procs.run(path.join(PG_BIN, 'psql'), ['-At', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', name, '-c', sql], {
				...as,
				name: 'psql',
				timeoutMs: 60_000,
			});
			return out.split('\n').filter(Boolean);
		},
	});
	const createDatabase = async (name) => {
		await procs.run(path.join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name], {
			...as,
			name: 'createdb',
			timeoutMs: 30_000,
		});
		return database(name);
	};
	return {
		...(await createDatabase(DATABASE)),
		output,
		/** A further, empty database on the same server: one per n8n version, whose migrations differ. */
		createDatabase,
		async stop() {
			// SIGINT is Postgres's "fast" shutdown; procs.stop sends SIGTERM ("smart"), which waits for clients.
			if (child.exitCode === null) process.kill(child.pid, 'SIGINT');
			await procs.stop(child, 10_000);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Redis on 127.0.0.1:port, nothing saved to disk. */
async function startRedis(root, { log = () => {} } = {}) {
	requireBinary(REDIS_SERVER, 'apt-get install -y redis-server');
	const dir = fs.mkdtempSync(path.join(root, 'redis-'));
	const port = await freePort();
	const output = [];
	const child = procs.start(REDIS_SERVER, [
		'--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no',
	], { name: 'redis', cwd: dir, onLine: (line) => { output.push(line); log(line); } });
	await waitFor('Redis to accept connections', async () => {
		if (child.exitCode !== null) throw Object.assign(new Error(`redis exited: ${output.slice(-5).join(' | ')}`), { fatal: true });
		return output.some((line) => /Ready to accept connections/.test(line));
	}, { timeoutMs: 15_000, intervalMs: 100, stopOn: (error) => error.fatal });
	const env = { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) };
	return {
		port,
		output,
		env,
		/** The same server through Redis database `index` (1–15): one per n8n version, so no job of one reaches the other. */
		database: (index) => ({ port, env: { ...env, QUEUE_BULL_REDIS_DB: String(index) } }),
		async stop() {
			await procs.stop(child, 5000);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Whether every folder above `dir` lets other users (the `postgres` user) pass through. */
function reachableByOthers(dir) {
	for (let at = path.dirname(dir); ; at = path.dirname(at)) {
		if ((fs.statSync(at).mode & 0o001) === 0) return false;
		if (at === path.dirname(at)) return true;
	}
}

/**
 * A folder under the repo's .cache/ for the servers' data. Postgres runs as its own user, which must
 * reach it: when the checkout lies below a private folder (/root, say), the system's temp folder is used.
 */
function dataRoot(repo) {
	let root = path.join(repo, '.cache', 'queue');
	fs.mkdirSync(root, { recursive: true });
	if (!reachableByOthers(root)) {
		root = path.join(os.tmpdir(), 'sora-queue-data');
		fs.mkdirSync(root, { recursive: true });
	}
	fs.chmodSync(root, 0o755);
	return root;
}

module.exports = { missingServers, installServerPackages, startPostgres, startRedis, dataRoot };
