'use strict';

/**
 * Everything the harness opens is registered here and released by `teardown()`:
 * webhook servers, then the temporary n8n user folder (settings file, binary data).
 *
 * index.js registers `teardown` with jest's `afterAll` automatically when the harness is
 * required at the top level (or in a describe block) of a test file; outside jest it is
 * run on process exit (synchronous part only: removing the temp folder).
 */

const { removeTempRoot } = require('./env');

const cleanups = new Set();

/** Registers an async cleanup; returns a function unregistering it. */
function registerCleanup(fn) {
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}

async function teardown() {
	const pending = [...cleanups];
	cleanups.clear();
	const results = await Promise.allSettled(pending.map(async (fn) => await fn()));
	removeTempRoot();
	const failed = results.find((r) => r.status === 'rejected');
	if (failed) throw failed.reason;
}

function installAutoTeardown() {
	if (typeof afterAll === 'function') {
		try {
			afterAll(teardown);
			return 'jest';
		} catch {
			// Required inside a test body: hooks cannot be added there; fall through.
		}
	}
	process.once('exit', removeTempRoot);
	return 'exit';
}

module.exports = { registerCleanup, teardown, installAutoTeardown };
