#!/usr/bin/env node
'use strict';

// Runs the provider simulator in the foreground for manual and end-to-end tests.
//   SIM_PORT (default 8790), SIM_HOST (default 127.0.0.1),
//   SIM_TASK_DURATION_MS, SIM_QUEUE_MS, SIM_HMAC_KEY, SIM_LOG=0 to silence request lines.

const { createSimulator } = require('./index');

function numberFromEnv(name) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
	return value;
}

async function main() {
	const options = {
		port: numberFromEnv('SIM_PORT') ?? 8790,
		host: process.env.SIM_HOST || '127.0.0.1',
		log: process.env.SIM_LOG !== '0',
	};
	const duration = numberFromEnv('SIM_TASK_DURATION_MS');
	if (duration !== undefined) options.taskDurationMs = duration;
	const queue = numberFromEnv('SIM_QUEUE_MS');
	if (queue !== undefined) options.queueMs = queue;
	if (process.env.SIM_HMAC_KEY) options.hmacKey = process.env.SIM_HMAC_KEY;

	const sim = await createSimulator(options);
	const keys = sim.apiKeys;
	console.log(`Sora provider simulator listening on ${sim.url}`);
	console.log(`  Revid API  base URL: ${sim.baseUrls.revid}   header x-api-key: ${keys.revid}`);
	console.log(`  Sora2API   base URL: ${sim.baseUrls.sora2api}   (also ${sim.url}/api/v1/sora2api)   Bearer ${keys.sora2api}`);
	console.log(`  kie.ai     base URL: ${sim.baseUrls.kie}   Bearer ${keys.kie}`);
	console.log(`  kie.ai callback signing: ${options.hmacKey ? 'on (key from SIM_HMAC_KEY)' : 'off'}`);
	console.log(`  control API: ${sim.url}/__sim/...   task duration: ${sim.options.taskDurationMs} ms`);

	let stopping = false;
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal} received, stopping simulator`);
		sim.close().then(
			() => {
				console.log('simulator stopped');
				// Everything is closed, so the process exits by itself; the timer is a safety net only.
				setTimeout(() => process.exit(0), 2000).unref();
			},
			(err) => {
				console.error(err);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	console.error(`simulator failed to start: ${err.message}`);
	process.exit(1);
});
