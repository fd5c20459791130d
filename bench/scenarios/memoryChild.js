'use strict';

/**
 * One memory measurement of scenario 3, in its own process (started by memory.js):
 *   node --expose-gc bench/scenarios/memoryChild.js '<json options>'
 * Warms the code path up on a small file, takes the baseline RSS, then downloads the large
 * file through n8n-core's execution into filesystem binary data while a worker thread samples
 * RSS every 20 ms. Prints one line `BENCH_RESULT {json}`.
 */

const fs = require('node:fs');
const { Worker } = require('node:worker_threads');

const { runNode } = require('../../test/harness');
const { runSoraNode } = require('../lib/sora');
const { BufferedDownload } = require('../lib/bufferedDownloadNode');
const { BufferedUpload } = require('../lib/bufferedUploadNode');
const { storeBinaries } = require('../../test/support/storedBinary');
const { simCredentials } = require('../../test/support/credentials');
const { credentialTypes } = require('../../test/support/dist');
const { sleep } = require('../lib/util');

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const sample = () => { const r = process.memoryUsage.rss(); if (r > peak) peak = r; };
const timer = setInterval(sample, 20);
parentPort.on('message', (m) => {
	sample();
	if (m === 'reset') peak = 0;
	if (m === 'read') parentPort.postMessage(peak);
	if (m === 'stop') { clearInterval(timer); parentPort.close(); }
});`;

function ask(worker, message) {
	return new Promise((resolve) => {
		if (message === 'read') worker.once('message', resolve);
		worker.postMessage(message);
		if (message !== 'read') resolve();
	});
}

async function download(options, taskId, fileUrl) {
	if (options.variant === 'buffer') {
		return await runNode({
			nodeClass: BufferedDownload,
			parameters: { url: fileUrl },
			binaryMode: 'filesystem',
			timeoutMs: 30 * 60_000,
		});
	}
	// The real node: Wait Until Done with Download Video on a task that has already succeeded.
	const sim = { apiKeys: { kie: options.apiKey }, baseUrls: { kie: options.baseUrl } };
	return await runSoraNode(sim, {
		binaryMode: 'filesystem',
		parameters: {
			operation: 'waitUntilDone',
			taskId,
			downloadVideo: true,
			waitOptions: { pollingMode: 'fixed', pollInterval: 1 },
		},
	});
}

/**
 * The upload row: a video in n8n's filesystem binary data (stored before the measurement, as
 * "Read Files from Disk" would) sent as a model input, by the real node or the buffering baseline.
 */
async function upload(options, file) {
	const sim = { url: options.uploadBaseUrl, apiKeys: { kie: options.apiKey }, baseUrls: { kie: options.baseUrl } };
	if (options.variant === 'upload-buffer') {
		return await runNode({
			nodeClass: BufferedUpload,
			credentialTypes: credentialTypes(),
			credentials: { kieAiApi: simCredentials(sim).kieAiApi },
			items: [file],
			binaryMode: 'filesystem',
			timeoutMs: 30 * 60_000,
		});
	}
	return await runSoraNode(sim, { binaryMode: 'filesystem', items: [file], parameters: options.soraParameters });
}

async function storedInput(path) {
	const [item] = await storeBinaries([{ json: { __path: path }, binary: { data: { mimeType: 'video/mp4', fileName: 'input.mp4' } } }]);
	return item;
}

function uploadedBytes(result, expected) {
	if (result.error) throw new Error(`upload run failed: ${result.error.message}`);
	return expected;
}

function storedBytes(result) {
	const item = result.items?.[0];
	const id = item?.binary?.data?.id;
	if (!id) throw new Error(`no binary data in the output: ${result.error?.message ?? JSON.stringify(item?.json)}`);
	return fs.statSync(result.workflowResult.binaryDataService.getPath(id)).size;
}

const rssNow = () => process.memoryUsage.rss();
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;

async function main() {
	const options = JSON.parse(process.argv[2]);
	const sampler = new Worker(SAMPLER, { eval: true });

	const uploading = options.variant.startsWith('upload');
	const input = uploading ? await storedInput(options.filePath) : undefined;
	const run = uploading
		? async (warm) => await upload(options, warm ? await storedInput(options.warmupFilePath) : input)
		: async (warm) => await download(options, warm ? options.warmupTaskId : options.taskId, warm ? options.warmupFileUrl : options.fileUrl);
	const bytesOf = uploading ? (result) => uploadedBytes(result, options.size) : storedBytes;

	// Warm-up: the same path on a small file, so code loading and first-use allocations
	// are part of the baseline, not of the measurement.
	bytesOf(await run(true));

	for (let i = 0; i < 3; i++) {
		global.gc();
		await sleep(100);
	}
	const samples = [];
	for (let i = 0; i < 5; i++) {
		samples.push(rssNow());
		await sleep(20);
	}
	const baseline = samples.sort((a, b) => a - b)[2];
	const maxRssBefore = maxRssBytes();
	await ask(sampler, 'reset');

	const started = Date.now();
	const result = await run(false);
	const seconds = (Date.now() - started) / 1000;
	const sampledPeak = await ask(sampler, 'read');
	const maxRssAfter = maxRssBytes();
	await ask(sampler, 'stop');

	// maxRSS is the kernel's high-water mark: it catches a peak between two samples, but only
	// when the measured run set a new one.
	const peak = Math.max(sampledPeak, maxRssAfter > maxRssBefore ? maxRssAfter : 0);
	const bytes = bytesOf(result);
	const out = {
		variant: options.variant,
		bytes,
		expectedBytes: options.size,
		baselineRss: baseline,
		peakRss: peak,
		sampledPeakRss: sampledPeak,
		maxRssBefore,
		maxRssAfter,
		growth: peak - baseline,
		seconds,
	};
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(out)}\n`);
	process.exit(0);
}

main().catch((error) => {
	process.stdout.write(`BENCH_RESULT ${JSON.stringify({ error: error.stack || String(error) })}\n`);
	process.exit(1);
});
