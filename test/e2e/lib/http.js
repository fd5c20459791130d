'use strict';

const net = require('node:net');

/** One HTTP request with a deadline. Resolves {status, headers, text, json, buffer}; rejects on network errors. */
async function request(method, url, { json, body, headers = {}, timeoutMs = 30_000, raw = false } = {}) {
	const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' };
	if (json !== undefined) {
		init.body = JSON.stringify(json);
		init.headers['content-type'] = 'application/json';
	} else if (body !== undefined) {
		init.body = body;
	}
	let res;
	try {
		res = await fetch(url, init);
	} catch (error) {
		const reason = error.cause ? `${error.message}: ${error.cause.code || error.cause.message}` : error.message;
		throw new Error(`${method} ${url} failed: ${reason}`);
	}
	const buffer = Buffer.from(await res.arrayBuffer());
	const out = { status: res.status, headers: res.headers, buffer };
	if (!raw) {
		out.text = buffer.toString('utf8');
		try {
			out.json = out.text ? JSON.parse(out.text) : undefined;
		} catch {
			out.json = undefined;
		}
	}
	return out;
}

/** A free TCP port on 127.0.0.1 (avoiding `exclude`). */
async function freePort(exclude = []) {
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port: p } = server.address();
				server.close(() => resolve(p));
			});
		});
		if (!exclude.includes(port)) return port;
	}
	throw new Error('no free port found');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `probe` until it returns a truthy value or `timeoutMs` passes; returns that value or throws. */
async function waitFor(what, probe, { timeoutMs = 30_000, intervalMs = 250, stopOn } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value) return value;
		} catch (error) {
			if (stopOn && stopOn(error)) throw error;
			lastError = error;
		}
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

module.exports = { request, freePort, sleep, waitFor };
