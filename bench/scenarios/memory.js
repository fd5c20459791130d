'use strict';

/**
 * Scenario 3, memory on download (and, one row more, on upload). A large result (1 GiB; quick: 256 MiB) is downloaded into
 * n8n's filesystem binary data, once by the Sora Video node (streamed) and once by a node that
 * buffers the whole file (the baseline), each in a fresh child process so neither pollutes the
 * other's figures. Peak RSS over the child's own baseline is reported.
 * The upload row: a 200 MiB video in filesystem binary data sent as a model input (kie.ai's File
 * Upload API, then the create), by the Sora Video node (streamed) and by a node that buffers it.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { spawn } = require('node:child_process');

const { createSimulator } = require('../../test/simulator');
const { largeFileStream } = require('../../test/simulator/media');
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

const UPLOAD_BYTES = 200 * MiB;
/** A model with a video input and no documented size limit for it (Seedance 2's reference videos). */
const UPLOAD_PARAMETERS = {
	operation: 'create',
	model: 'bytedance/seedance-2',
	prompt: 'The dancer in the reference video, on a beach at sunset',
	referenceVideoUrlsSource: 'binaryProperty',
	referenceVideoUrlsBinaryProperty: 'data',
};

async function writeVideo(file, bytes) {
	await pipeline(largeFileStream(bytes), fs.createWriteStream(file));
}

/** Uploading a binary video as a model input: the node's stream against a whole-buffer upload. */
async function measureUploads(sim, log) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-upload-'));
	try {
		const filePath = path.join(dir, 'input.mp4');
		const warmupFilePath = path.join(dir, 'warmup.mp4');
		await writeVideo(filePath, UPLOAD_BYTES);
		await writeVideo(warmupFilePath, 4 * MiB);
		const rows = {};
		for (const variant of ['upload-stream', 'upload-buffer']) {
			sim.reset();
			log(`  ${variant}: uploading a ${UPLOAD_BYTES / MiB} MiB binary video in a child process…`);
			const m = await measure({
				variant,
				size: UPLOAD_BYTES,
				apiKey: sim.apiKeys.kie,
				baseUrl: sim.baseUrls.kie,
				uploadBaseUrl: sim.url,
				filePath,
				warmupFilePath,
				soraParameters: UPLOAD_PARAMETERS,
			});
			const received = sim.uploads.toJSON().files.filter((file) => file.size === UPLOAD_BYTES);
			if (received.length !== 1) throw new Error(`${variant}: the simulator holds ${received.length} uploads of ${UPLOAD_BYTES} bytes`);
			if (variant === 'upload-stream' && sim.stats.tasksCreated !== 2) {
				throw new Error(`${variant}: ${sim.stats.tasksCreated} tasks created (expected the warm-up's and the measured one)`);
			}
			rows[variant] = summary(m);
		}
		return rows;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
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
		const uploads = await measureUploads(sim, log);
		return {
			config: { fileMiB: size / MiB, binaryMode: 'filesystem', sampling: 'RSS every 20 ms in a worker thread, plus the kernel maxRSS' },
			streamed: measurements.stream,
			buffered: measurements.buffer,
			streamedOverBufferedGrowth: round(measurements.stream.growthMiB / measurements.buffer.growthMiB, 4),
			upload: {
				fileMiB: UPLOAD_BYTES / MiB,
				streamed: uploads['upload-stream'],
				buffered: uploads['upload-buffer'],
				streamedOverBufferedGrowth: round(uploads['upload-stream'].growthMiB / uploads['upload-buffer'].growthMiB, 4),
			},
		};
	} finally {
		await sim.close();
	}
}

module.exports = { run };
