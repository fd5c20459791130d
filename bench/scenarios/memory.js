'use strict';

/**
 * Scenario 3, memory on download. A large result (1 GiB; quick: 256 MiB) is downloaded into
 * n8n's filesystem binary data, once by the Sora Video node (streamed) and once by a node that
 * buffers the whole file (the baseline), each in a fresh child process so neither pollutes the
 * other's figures. Peak RSS over the child's own baseline is reported.
 */

const path = require('node:path');
const { spawn } = require('node:child_process');

const { createSimulator } = require('../../test/simulator');
const { runSoraNode, TEXT } = require('../lib/sora');
const { round, sleep, MiB } = require('../lib/util');

const CHILD = path.join(__dirname, 'memoryChild.js');

function measure(options) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', CHILD, JSON.stringify(options)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
			if (!line) return reject(new Error(`memory child (${options.variant}) exited ${code} without a result\n${stderr}`));
			const result = JSON.parse(line.slice('BENCH_RESULT '.length));
			if (result.error) return reject(new Error(`memory child (${options.variant}): ${result.error}`));
			resolve(result);
		});
	});
}

async function createFinishedTask(sim, behaviour) {
	sim.setNextTask({ durationMs: 50, ...behaviour });
	const created = await runSoraNode(sim, { parameters: TEXT });
	if (created.error) throw new Error(`create failed: ${created.error.message}`);
	return created.items[0].json.taskId;
}

function summary(m) {
	return {
		bytes: m.bytes,
		baselineRssMiB: round(m.baselineRss / MiB, 1),
		peakRssMiB: round(m.peakRss / MiB, 1),
		growthMiB: round(m.growth / MiB, 1),
		seconds: round(m.seconds, 2),
		throughputMiBs: round(m.bytes / MiB / m.seconds, 1),
		sampledPeakRssMiB: round(m.sampledPeakRss / MiB, 1),
		maxRssAfterMiB: round(m.maxRssAfter / MiB, 1),
	};
}

async function run({ quick, log }) {
	const size = quick ? 256 * MiB : 1024 * MiB;
	const warmSize = 4 * MiB;
	const sim = await createSimulator({ taskDurationMs: 50 });
	try {
		const fileUrl = (taskId) => `${sim.url}/files/${taskId}.mp4`;
		const measurements = {};
		for (const variant of ['stream', 'buffer']) {
			const warmupTaskId = await createFinishedTask(sim, { largeFileBytes: warmSize });
			const taskId = await createFinishedTask(sim, { largeFileBytes: size });
			await sleep(100);
			log(`  ${variant}: downloading ${Math.round(size / MiB)} MiB in a child process…`);
			const m = await measure({
				variant,
				size,
				apiKey: sim.apiKeys.kie,
				baseUrl: sim.baseUrls.kie,
				taskId,
				warmupTaskId,
				fileUrl: fileUrl(taskId),
				warmupFileUrl: fileUrl(warmupTaskId),
			});
			if (m.bytes !== size) throw new Error(`${variant}: stored ${m.bytes} bytes, expected ${size}`);
			measurements[variant] = summary(m);
		}
		return {
			config: { fileMiB: size / MiB, binaryMode: 'filesystem', sampling: 'RSS every 20 ms in a worker thread, plus the kernel maxRSS' },
			streamed: measurements.stream,
			buffered: measurements.buffer,
			streamedOverBufferedGrowth: round(measurements.stream.growthMiB / measurements.buffer.growthMiB, 4),
		};
	} finally {
		await sim.close();
	}
}

module.exports = { run };
