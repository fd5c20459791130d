'use strict';

// Child processes of the e2e runner and the demo: each is started in its own process group,
// so stopping it stops everything it started too (n8n's task runners, npm's node-gyp, ...).
// Whatever is still running when this process exits, fails or is interrupted is killed.

const { spawn } = require('node:child_process');

const live = new Set();
/** Every process group started, {pgid, label}: to prove afterwards that none is left. */
const groups = [];

function killGroup(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/**
 * Starts a command in a new process group. `onLine(line, stream)` receives its output line by line.
 * `uid`/`gid` run it as another user (Postgres refuses to run as root).
 * Returns the ChildProcess with `exited`, a promise of {code, signal}.
 */
function start(command, args, { env, cwd, onLine, name = command, uid, gid } = {}) {
	const child = spawn(command, args, { env, cwd, uid, gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	child.label = name;
	live.add(child);
	groups.push({ pgid: child.pid, label: name });
	child.exited = new Promise((resolve) => {
		child.once('error', (error) => {
			live.delete(child);
			resolve({ code: null, signal: null, error });
		});
		child.once('exit', (code, signal) => {
			live.delete(child);
			resolve({ code, signal });
		});
	});
	for (const [streamName, stream] of [
		['stdout', child.stdout],
		['stderr', child.stderr],
	]) {
		let buffered = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk) => {
			buffered += chunk;
			let index;
			while ((index = buffered.indexOf('\n')) >= 0) {
				const line = buffered.slice(0, index);
				buffered = buffered.slice(index + 1);
				if (onLine) onLine(line, streamName);
			}
		});
		stream.on('end', () => {
			if (buffered && onLine) onLine(buffered, streamName);
			buffered = '';
		});
	}
	return child;
}

/** SIGTERM to the group, then SIGKILL after `graceMs`. Resolves when the process has exited. */
async function stop(child, graceMs = 10_000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		// The leader is gone; its group may not be (a runner n8n started, say).
		if (child) killGroup({ pid: child.pid, exitCode: null, signalCode: null, kill() {} }, 'SIGKILL');
		return;
	}
	killGroup(child, 'SIGTERM');
	let timer;
	const timedOut = new Promise((resolve) => {
		timer = setTimeout(() => resolve('timeout'), graceMs);
	});
	const result = await Promise.race([child.exited, timedOut]);
	clearTimeout(timer);
	if (result === 'timeout') {
		killGroup(child, 'SIGKILL');
		await child.exited;
	}
	// Anything left in the group (the leader exited but a grandchild did not).
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		// nothing left
	}
}

async function stopAll(graceMs) {
	await Promise.all([...live].map((child) => stop(child, graceMs)));
}

/** Last resort, synchronous: used from process 'exit'. */
function killAllNow() {
	for (const child of live) killGroup(child, 'SIGKILL');
}

/**
 * Runs a command to completion, collecting its output; rejects on a non-zero exit or after `timeoutMs`.
 */
async function run(command, args, { env, cwd, timeoutMs = 30 * 60_000, onLine, name, uid, gid } = {}) {
	const lines = [];
	const child = start(command, args, {
		env,
		cwd,
		name,
		uid,
		gid,
		onLine: (line, stream) => {
			lines.push(line);
			if (lines.length > 4000) lines.splice(0, lines.length - 4000);
			if (onLine) onLine(line, stream);
		},
	});
	let timer;
	const timedOut = new Promise((resolve) => {
		timer = setTimeout(() => resolve('timeout'), timeoutMs);
	});
	const result = await Promise.race([child.exited, timedOut]);
	clearTimeout(timer);
	const output = lines.join('\n');
	if (result === 'timeout') {
		await stop(child, 2000);
		throw Object.assign(new Error(`${name || command} timed out after ${Math.round(timeoutMs / 1000)} s`), { output });
	}
	if (result.error) throw Object.assign(result.error, { output });
	if (result.code !== 0) {
		throw Object.assign(
			new Error(`${name || command} ${args.join(' ')} exited with ${result.code ?? result.signal}`),
			{ output },
		);
	}
	return output;
}

function groupExists(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** The labels of started process groups whose label matches `pattern` and that still have a process. */
function groupsLeft(pattern) {
	return groups.filter((g) => pattern.test(g.label) && groupExists(g.pgid)).map((g) => `${g.label} (group ${g.pgid})`);
}

let installed = false;
/**
 * Makes sure no child outlives this process: on exit, on SIGINT/SIGTERM/SIGHUP (which then run
 * `onSignal` for an orderly stop, bounded by `graceMs`) and on an uncaught error.
 */
function installCleanup({ onSignal, graceMs = 15_000 } = {}) {
	if (installed) return;
	installed = true;
	process.on('exit', killAllNow);
	let signalled = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (signalled) {
				killAllNow();
				process.exit(130);
			}
			signalled = true;
			process.stderr.write(`\n${signal} received: stopping everything\n`);
			const hard = setTimeout(() => {
				killAllNow();
				process.exit(130);
			}, graceMs);
			hard.unref();
			Promise.resolve(onSignal ? onSignal(signal) : undefined)
				.catch(() => {})
				.then(() => stopAll(5000))
				.finally(() => process.exit(130));
		});
	}
	process.on('uncaughtException', (error) => {
		process.stderr.write(`uncaught: ${error.stack || error}\n`);
		killAllNow();
		process.exit(1);
	});
	process.on('unhandledRejection', (error) => {
		process.stderr.write(`unhandled rejection: ${(error && error.stack) || error}\n`);
		killAllNow();
		process.exit(1);
	});
}

module.exports = { start, stop, stopAll, run, installCleanup, killAllNow, groupsLeft };
