'use strict';

/**
 * Scenario 4, trigger throughput: callbacks per second a real n8n accepts into an active
 * Sora Video Trigger workflow, against a plain n8n Webhook node workflow on the same n8n.
 *
 * One real n8n (the e2e harness's install and start, test/e2e/lib), default 1.123.81 (`--n8n` or
 * N8N_BENCH_VERSION picks another pinned version), with two active workflows:
 *   - Sora Video Trigger (kie.ai, no credential so nothing is confirmed with a provider, Download
 *     Video off) → No Operation;
 *   - n8n's Webhook node (POST, Respond: Immediately, i.e. responseMode onReceived) → No Operation.
 * Both get the same kie.ai success callback bodies, each with a distinct task ID (so the trigger's
 * dedupe never drops one), from undici with a fixed number of connections on loopback. Rounds
 * alternate between the two (A B, B A, ...) so machine noise hits both; after every round the
 * runner waits until n8n has finished every execution that round started, so no backlog spills
 * into the next round. Accepted = HTTP 200 (and, for the trigger, not answered as a duplicate).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Agent, request } = require('undici');

const procs = require('../../test/e2e/lib/procs');
const { ensureN8n, resolveVersion } = require('../../test/e2e/install-n8n');
const { N8n, installPackage } = require('../../test/e2e/lib/n8n');
const { waitFor } = require('../../test/e2e/lib/http');
const { round, mean, min, max } = require('../lib/util');
const { marketSuccessBody } = require('../../test/support/callbackBodies');

const TRIGGER_WEBHOOK_ID = 'be4c0000-0000-4000-8000-00000000b001';
const PLAIN_WEBHOOK_ID = 'be4c0000-0000-4000-8000-00000000b002';
const PLAIN_PATH = 'bench-plain-webhook';
const IDS = { trigger: 'benchTrigger0001', webhook: 'benchWebhook0001' };

function workflow(id, name, first) {
	const noop = {
		parameters: {},
		id: `${id}-noop`,
		name: 'No Operation',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [240, 0],
	};
	return {
		id,
		name,
		nodes: [{ ...first, position: [0, 0] }, noop],
		connections: { [first.name]: { main: [[{ node: noop.name, type: 'main', index: 0 }]] } },
		// n8n's defaults, written out: every execution is saved, as on a user's n8n.
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		pinData: {},
		active: false,
	};
}

function triggerNode(id, webhookId, extraOptions = {}) {
	return {
		parameters: {
			provider: 'kie',
			events: ['succeeded', 'failed'],
			options: { downloadVideo: false, confirmWithProvider: false, ...extraOptions },
		},
		id: `${id}-trigger`,
		name: 'Sora Video Trigger',
		type: 'n8n-nodes-sora-video.soraVideoTrigger',
		typeVersion: 1,
		webhookId,
	};
}

function benchWorkflows() {
	return [
		workflow(IDS.trigger, 'bench: Sora Video Trigger → No Operation', triggerNode(IDS.trigger, TRIGGER_WEBHOOK_ID)),
		workflow(IDS.webhook, 'bench: Webhook → No Operation', {
			parameters: { httpMethod: 'POST', path: PLAIN_PATH, responseMode: 'onReceived', options: {} },
			id: `${IDS.webhook}-webhook`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: PLAIN_WEBHOOK_ID,
		}),
	];
}

/** A kie.ai success callback for one task, as the provider would send it. */
function kieCallback(taskId) {
	return JSON.stringify(
		marketSuccessBody(taskId, [`http://127.0.0.1:9/files/${taskId}.mp4`], { updateTime: Date.now(), progress: 100, creditsConsumed: 30 }),
	);
}

/**
 * CPU time (ms) used so far by every live process in a process group (n8n and its task runners), from
 * /proc. On a machine that is busy with other work, CPU per callback is steadier than callbacks per second.
 */
function groupCpuMs(pgid) {
	let ticks = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue;
		ticks += Number(fields[11]) + Number(fields[12]);
	}
	return ticks * 10; // USER_HZ is 100 on Linux
}

/** Sends `count` callbacks with `concurrency` requests in flight; returns the round's figures. */
async function fire({ dispatcher, url, count, concurrency, idPrefix, kind, deadline }) {
	let next = 0;
	const latencies = [];
	const counts = { accepted: 0, duplicate: 0, rejected: 0, failed: 0 };
	const statuses = {};
	const started = process.hrtime.bigint();
	async function worker() {
		while (next < count) {
			const i = next++;
			if (Date.now() > deadline) throw new Error('the scenario ran past its time limit');
			const body = kieCallback(`${idPrefix}-${i}`);
			const t0 = process.hrtime.bigint();
			try {
				const res = await request(url, {
					dispatcher,
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body,
					headersTimeout: 30_000,
					bodyTimeout: 30_000,
				});
				const text = await res.body.text();
				latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
				statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
				if (res.statusCode !== 200) counts.rejected += 1;
				else if (kind === 'trigger' && /"duplicate":true/.test(text)) counts.duplicate += 1;
				else counts.accepted += 1;
			} catch {
				counts.failed += 1;
			}
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	latencies.sort((a, b) => a - b);
	return {
		...counts,
		statuses,
		seconds,
		acceptedPerS: counts.accepted / seconds,
		latencyMsP50: latencies[Math.floor(latencies.length * 0.5)],
		latencyMsP95: latencies[Math.floor(latencies.length * 0.95)],
	};
}

/** The number of executions of a workflow n8n has saved, and how many of them are still running. */
async function executionCount(n8n, workflowId) {
	const data = await n8n.restOk('GET', '/executions', {
		query: { filter: JSON.stringify({ workflowId }), limit: '1' },
	});
	return Number(data.count);
}

/**
 * Extra environment for n8n from N8N_BENCH_N8N_ENV ("NAME=value,NAME=value"), to test an
 * explanation: e.g. N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false on n8n 2.x.
 */
function n8nEnvFrom(text = '') {
	return Object.fromEntries(
		text.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
	);
}

async function run({ quick = false, log = console.log, version, n8nEnv = n8nEnvFrom(process.env.N8N_BENCH_N8N_ENV) } = {}) {
	const n8nVersion = resolveVersion(version || process.env.N8N_BENCH_VERSION || '1.123.81');
	const config = {
		n8nVersion,
		concurrency: 8,
		// Short rounds, many pairs: the machine's load drifts, and a pair of adjacent rounds sees the same load.
		requestsPerRound: quick ? 80 : 150,
		pairs: quick ? 3 : 8,
		// Warm-up: one round's worth per workflow, not counted (the first counted round was slow without it).
		warmupRequests: quick ? 80 : 150,
		n8nEnv,
	};
	const kinds = ['trigger', 'webhook'];
	const limitMs = (quick ? 6 : 12) * 60_000;
	const deadline = Date.now() + limitMs;
	procs.installCleanup();

	const install = await ensureN8n(n8nVersion, { log: (line) => log(`  ${line}`) });
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-trigger-'));
	const userFolder = path.join(workRoot, 'n8n');
	const n8n = await N8n.create(install, {
		userFolder,
		logFile: path.join(workRoot, 'n8n.log'),
		// Per-request log lines would cost both workflows alike; warn keeps the log to problems.
		env: { N8N_LOG_LEVEL: 'warn', ...n8nEnv },
	});
	const dispatcher = new Agent({ connections: config.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
	let hardStop;
	try {
		// One timer bounds the whole scenario, whatever hangs.
		const bounded = new Promise((_, reject) => {
			hardStop = setTimeout(() => reject(new Error(`trigger throughput exceeded ${limitMs / 60_000} min`)), limitMs);
		});
		const measuring = measure();
		measuring.catch(() => {}); // when the time limit wins, its later failure is expected
		return await Promise.race([bounded, measuring]);
	} finally {
		clearTimeout(hardStop);
		await dispatcher.destroy().catch(() => {});
		await n8n.stop();
		fs.rmSync(workRoot, { recursive: true, force: true });
	}

	async function measure() {
		await installPackage(userFolder);
		await n8n.importWorkflows(benchWorkflows());
		await n8n.start();
		await n8n.setupOwner();
		for (const kind of kinds) await n8n.activate(IDS[kind]);
		log(`  n8n ${n8nVersion} on Node ${install.nodeVersion} ready after ${round(n8n.startTimes.readyMs / 1000, 1)} s; ${config.pairs * kinds.length} rounds of ${config.requestsPerRound} callbacks (${config.pairs} per workflow), ${config.concurrency} connections`);

		const urls = {
			trigger: `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/callback`,
			webhook: `${n8n.url}/webhook/${PLAIN_PATH}`,
		};
		const expected = { trigger: 0, webhook: 0 };
		const runId = Date.now().toString(36);
		const rounds = [];

		async function oneRound(kind, index, count, warmup = false) {
			const cpuBefore = groupCpuMs(n8n.child.pid);
			const figures = await fire({
				dispatcher,
				url: urls[kind],
				count,
				concurrency: config.concurrency,
				idPrefix: `bench-${runId}-${kind}-${warmup ? 'w' : index}`,
				kind: kind.startsWith('trigger') ? 'trigger' : 'webhook',
				deadline,
			});
			expected[kind] += figures.accepted;
			// Every accepted callback starts one execution: wait until n8n has saved them all.
			const drainStart = Date.now();
			await waitFor(`${expected[kind]} executions of the ${kind} workflow`, async () => (await executionCount(n8n, IDS[kind])) >= expected[kind], {
				timeoutMs: Math.max(5000, deadline - Date.now()),
				intervalMs: 100,
			});
			figures.drainS = (Date.now() - drainStart) / 1000;
			figures.cpuMsPerCallback = (groupCpuMs(n8n.child.pid) - cpuBefore) / Math.max(1, figures.accepted);
			figures.completedPerS = figures.accepted / (figures.seconds + figures.drainS);
			if (!warmup) {
				rounds.push({ kind, round: index, ...figures });
				log(`  round ${index} ${kind.padEnd(7)}: ${figures.accepted}/${count} accepted in ${figures.seconds.toFixed(2)} s = ${figures.acceptedPerS.toFixed(1)}/s` +
					` (p50 ${figures.latencyMsP50.toFixed(1)} ms, p95 ${figures.latencyMsP95.toFixed(1)} ms; all executions saved ${figures.drainS.toFixed(2)} s later; n8n CPU ${figures.cpuMsPerCallback.toFixed(1)} ms per callback)` +
					(figures.rejected || figures.failed || figures.duplicate ? `; rejected ${figures.rejected}, failed ${figures.failed}, duplicate ${figures.duplicate}: ${JSON.stringify(figures.statuses)}` : ''));
			}
			return figures;
		}

		// Warm-up (not counted): first requests load the node code, the DB pages and undici's connections.
		for (const kind of [...kinds].reverse()) await oneRound(kind, 0, config.warmupRequests, true);

		let n = 0;
		for (let pair = 0; pair < config.pairs; pair++) {
			// A B, B A, ...
			const order = pair % 2 === 0 ? kinds : [...kinds].reverse();
			for (const kind of order) await oneRound(kind, ++n, config.requestsPerRound);
		}

		const summary = (kind) => {
			const list = rounds.filter((r) => r.kind === kind);
			const accepted = list.reduce((a, r) => a + r.accepted, 0);
			const seconds = list.reduce((a, r) => a + r.seconds, 0);
			const drain = list.reduce((a, r) => a + r.drainS, 0);
			return {
				requests: list.length * config.requestsPerRound,
				accepted,
				rejected: list.reduce((a, r) => a + r.rejected + r.failed + r.duplicate, 0),
				callbacksPerSecond: round(accepted / seconds, 1),
				completedPerSecond: round(accepted / (seconds + drain), 1),
				roundRates: list.map((r) => round(r.acceptedPerS, 1)),
				minRoundRate: round(min(list.map((r) => r.acceptedPerS)), 1),
				maxRoundRate: round(max(list.map((r) => r.acceptedPerS)), 1),
				latencyMsP50: round(mean(list.map((r) => r.latencyMsP50)), 1),
				latencyMsP95: round(mean(list.map((r) => r.latencyMsP95)), 1),
				cpuMsPerCallback: round(list.reduce((a, r) => a + r.cpuMsPerCallback * r.accepted, 0) / Math.max(1, accepted), 2),
			};
		};
		const trigger = summary('trigger');
		const webhook = summary('webhook');
		// Pairwise ratios (each trigger round against the webhook round next to it) show the spread.
		const pairRatios = [];
		for (let i = 0; i + kinds.length - 1 < rounds.length; i += kinds.length) {
			const group = rounds.slice(i, i + kinds.length);
			const t = group.find((r) => r.kind === 'trigger');
			const w = group.find((r) => r.kind === 'webhook');
			pairRatios.push(round(t.acceptedPerS / w.acceptedPerS, 3));
		}
		const ratio = round(trigger.callbacksPerSecond / webhook.callbacksPerSecond, 3);
		const sorted = [...pairRatios].sort((a, b) => a - b);
		const medianPairRatio = round(sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2, 3);
		const completedRatio = round(trigger.completedPerSecond / webhook.completedPerSecond, 3);
		// Callbacks per CPU-second of n8n, trigger against webhook: the throughput ratio when n8n is CPU-bound.
		const cpuRatio = round(webhook.cpuMsPerCallback / trigger.cpuMsPerCallback, 3);
		const status = medianPairRatio >= 0.9 ? 'met' : 'MISSED';
		return {
			status,
			reason: `n8n ${n8nVersion} (Node ${install.nodeVersion}${Object.keys(n8nEnv).length ? `; ${Object.entries(n8nEnv).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}): Sora Video Trigger ${trigger.callbacksPerSecond}/s, Webhook node ${webhook.callbacksPerSecond}/s, ratio ${ratio}` +
				` (per pair of adjacent rounds ${pairRatios.join(', ')}, median ${medianPairRatio}); counting until every execution was saved: ${trigger.completedPerSecond}/s against ${webhook.completedPerSecond}/s, ratio ${completedRatio}; n8n CPU per callback ${trigger.cpuMsPerCallback} ms against ${webhook.cpuMsPerCallback} ms (ratio ${cpuRatio})`,
			config,
			callbacksPerSecondTrigger: trigger.callbacksPerSecond,
			callbacksPerSecondWebhook: webhook.callbacksPerSecond,
			ratio,
			completedRatio,
			pairRatios,
			medianPairRatio,
			cpuRatio,
			trigger,
			webhook,
			rounds: rounds.map((r) => ({
				kind: r.kind,
				round: r.round,
				accepted: r.accepted,
				seconds: round(r.seconds),
				acceptedPerS: round(r.acceptedPerS, 1),
				drainS: round(r.drainS),
				latencyMsP50: round(r.latencyMsP50, 1),
				latencyMsP95: round(r.latencyMsP95, 1),
				cpuMsPerCallback: round(r.cpuMsPerCallback, 2),
			})),
		};
	}
}

module.exports = { run, benchWorkflows, kieCallback };
