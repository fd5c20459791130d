#!/usr/bin/env node
'use strict';

/**
 * `npm run bench [-- --quick] [-- --only 1,3] [-- --out file.json]`
 *
 * Drives the real Sora Video node (dist/, through n8n-core's execution engine via the test
 * harness) against the provider simulator and compares it with the alternatives inside one
 * run. Prints a table and writes the same figures as JSON (the path is printed at the end).
 * Exits 1 when a scenario failed to run or a figure is missing; a missed target is reported,
 * not fatal (pass --strict to make it fatal).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { table, fmt, round } = require('./lib/util');

const ROOT = path.resolve(__dirname, '..');

function parseArgs(argv) {
	const args = { quick: false, strict: false, only: null, out: null, n8n: null };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--quick') args.quick = true;
		else if (a === '--strict') args.strict = true;
		else if (a === '--only') args.only = argv[++i].split(',').map(Number);
		else if (a.startsWith('--only=')) args.only = a.slice(7).split(',').map(Number);
		else if (a === '--out') args.out = argv[++i];
		else if (a === '--n8n') args.n8n = argv[++i];
		else if (a.startsWith('--n8n=')) args.n8n = a.slice(6);
		else if (a.startsWith('--out=')) args.out = a.slice(6);
		else if (a === '--help' || a === '-h') {
			console.log('usage: node bench/run.js [--quick] [--only 1,2,3,4,5] [--out file.json] [--strict] [--n8n 1.123.81|2.40.5|1.x|2.x]');
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	return args;
}

const SCENARIOS = [
	{ n: 1, key: 'delay', title: 'Delay against cost', module: './scenarios/delay' },
	{ n: 2, key: 'manyItems', title: 'Many items', module: './scenarios/manyItems' },
	{ n: 3, key: 'memory', title: 'Memory on download', module: './scenarios/memory' },
	{ n: 4, key: 'trigger', title: 'Trigger throughput', module: './scenarios/trigger' },
	{ n: 5, key: 'batch', title: 'Batch scale (real n8n 2.40.5)', module: './scenarios/batch' },
];

const BATCH_ROWS = { a: 'a. Create + Wait for Completion (poll)', b: 'b. Wait Mode "Callback"', c: 'c. Revid AI Studio, 3 job slots' };

/** Each target: where its figure is, the limit, and how to read it. */
function targets(results) {
	const list = [];
	const d = results.delay;
	if (d && !d.error) {
		list.push({
			scenario: 1,
			name: 'adaptive mean delay / fixed-30 s mean delay',
			value: d.ratios.adaptiveMeanDelayOverFixed30,
			limit: 0.25,
			met: d.ratios.adaptiveMeanDelayOverFixed30 <= 0.25,
		});
		list.push({
			scenario: 1,
			name: 'adaptive queries per task / fixed-3 s queries per task',
			value: d.ratios.adaptiveQueriesOverFixed3,
			limit: round(1 / 3),
			met: d.ratios.adaptiveQueriesOverFixed3 <= 1 / 3,
		});
	}
	const m = results.manyItems;
	if (m && !m.error) {
		const c = m.concurrent;
		list.push({
			scenario: 2,
			name: `wall time / (task ${c.taskS} s + ${c.forcedByCreateLimitS} s forced by the create limit)`,
			value: c.wallOverIdeal,
			limit: 1.15,
			met: c.wallOverIdeal <= 1.15,
		});
		list.push({ scenario: 2, name: 'items failed (50 items and serial)', value: c.failed + m.serial.failed, limit: 0, met: c.failed + m.serial.failed === 0 });
		const qps = Math.max(c.simMaxQueriesPerS, c.sentMaxQueriesPerS);
		list.push({ scenario: 2, name: 'highest queries in any 1 s (sent and seen)', value: qps, limit: 10, met: qps <= 10 });
		const cps = Math.max(c.simMaxCreatesPer10s, c.sentMaxCreatesPer10s);
		list.push({ scenario: 2, name: 'highest creates in any 10 s (sent and seen)', value: cps, limit: 20, met: cps <= 20 });
		const q = m.queue;
		if (q && !q.error && !q.skipped) {
			list.push({ scenario: 2, name: `queue mode, ${q.workers} workers: items failed`, value: q.failed, limit: 0, met: q.failed === 0 });
			list.push({ scenario: 2, name: 'queue mode: creates the provider saw per item', value: q.createsPerItem, limit: 1, met: q.createsPerItem === 1 && q.tasksCreated === q.items });
			list.push({ scenario: 2, name: 'queue mode: wall time / what the limits force', value: q.wallOverIdeal, limit: 1.3, met: q.wallOverIdeal <= 1.3 });
		}
	}
	const mem = results.memory;
	if (mem && !mem.error) {
		list.push({
			scenario: 3,
			name: `streamed download: peak RSS growth, MiB (${mem.config.fileMiB} MiB file)`,
			value: mem.streamed.growthMiB,
			limit: 64,
			met: mem.streamed.growthMiB <= 64,
		});
		list.push({
			scenario: 3,
			name: `binary video uploaded as a model input: peak RSS growth, MiB (${mem.upload.fileMiB} MiB file)`,
			value: mem.upload.streamed.growthMiB,
			limit: 64,
			met: mem.upload.streamed.growthMiB <= 64,
		});
	}
	const t = results.trigger;
	if (t && !t.error) {
		list.push({
			scenario: 4,
			// The median over pairs of adjacent rounds: each pair saw the same machine load (all rounds pooled: t.ratio).
			name: `Sora Video Trigger / Webhook node callbacks/s, median of adjacent-round pairs (n8n ${t.config.n8nVersion})`,
			value: t.medianPairRatio,
			limit: 0.9,
			met: t.medianPairRatio >= 0.9,
		});
	}
	const b = results.batch;
	if (b && !b.error) {
		for (const key of Object.keys(BATCH_ROWS)) {
			const r = b[key];
			if (!r) continue;
			const boundText = key === 'c' ? `⌈${r.items} / ${r.slots}⌉ × job ${r.jobS} s` : 'task + create limit';
			list.push({ scenario: 5, name: `${key}: wall time / bound (${r.boundS} s: ${boundText}, ${r.items} items)`, value: r.wallOverBound, limit: 1.1, met: r.wallOverBound <= 1.1 });
			list.push({ scenario: 5, name: `${key}: items failed`, value: r.failed, limit: 0, met: r.failed === 0 });
			list.push({ scenario: 5, name: `${key}: creates per item`, value: r.createsPerItem, limit: 1, met: r.createsPerItem === 1 && r.tasksCreated === r.items });
			list.push({ scenario: 5, name: `${key}: highest queries in any 1 s (sent and seen)`, value: Math.max(r.sentMaxQueriesPerS, r.simMaxQueriesPerS), limit: 10, met: Math.max(r.sentMaxQueriesPerS, r.simMaxQueriesPerS) <= 10 });
			const rssLimit = round(64 * r.items / 1000, 1);
			list.push({ scenario: 5, name: `${key}: peak RSS growth of n8n, MiB (${r.items} items; 64 MiB per 1,000)`, value: r.rssGrowthMiB, limit: rssLimit, met: r.rssGrowthMiB <= rssLimit });
		}
		const after = b.a?.staticDataAfterWindowBytes?.trigger;
		if (typeof after === 'number') list.push({ scenario: 5, name: 'trigger static data after the dedupe window, bytes', value: after, limit: 1024, met: after <= 1024 });
	}
	return list;
}

/** Every figure CI expects to be a finite number. */
function missingFigures(results, only) {
	const want = {
		delay: ['ratios.adaptiveMeanDelayOverFixed30', 'ratios.adaptiveQueriesOverFixed3',
			'ratios.callbackMeanDelayOverFixed30', 'ratios.callbackQueriesOverFixed3',
			...['adaptive', 'fixed30', 'fixed10', 'fixed3', 'callback'].flatMap((m) => [`byMode.${m}.all.meanDelayS`, `byMode.${m}.all.maxDelayS`, `byMode.${m}.all.meanQueries`])],
		manyItems: ['concurrent.wallS', 'concurrent.simMaxQueriesPerS', 'concurrent.simMaxCreatesPer10s', 'concurrent.responses429',
			'concurrent.failed', 'serial.wallS', 'perItemRatio',
			...(process.env.N8N_BENCH_SKIP_QUEUE === '1' || results.manyItems?.queue?.skipped ? [] : ['queue.wallS', 'queue.responses429', 'queue.share429', 'queue.failed', 'queue.createsPerItem'])],
		memory: ['streamed.growthMiB', 'buffered.growthMiB', 'streamed.peakRssMiB', 'buffered.peakRssMiB',
			'upload.streamed.growthMiB', 'upload.buffered.growthMiB'],
		// N8N_BENCH_BATCH_ROWS=c (or a,b) runs some of the batch rows; the others are not expected.
		batch: ['a', 'b', 'c'].filter((k) => !process.env.N8N_BENCH_BATCH_ROWS || process.env.N8N_BENCH_BATCH_ROWS.toLowerCase().includes(k)).flatMap((k) => [`${k}.wallOverBound`, `${k}.failed`, `${k}.createsPerItem`, `${k}.sentMaxQueriesPerS`, `${k}.rssGrowthMiB`, `${k}.rssSlopeMiBPer100Items`, `${k}.staticDataAfterWindowBytes.workflow`]),
		trigger: ['callbacksPerSecondTrigger', 'callbacksPerSecondWebhook', 'ratio', 'medianPairRatio', 'completedRatio', 'cpuRatio'],
	};
	const missing = [];
	for (const s of SCENARIOS) {
		if (only && !only.includes(s.n)) continue;
		const r = results[s.key];
		if (!r) { missing.push(`${s.key}: not run`); continue; }
		if (r.error) { missing.push(`${s.key}: ${r.error}`); continue; }
		for (const p of want[s.key] ?? []) {
			const v = p.split('.').reduce((o, k) => (o == null ? o : o[k]), r);
			if (typeof v !== 'number' || !Number.isFinite(v)) missing.push(`${s.key}.${p}`);
		}
	}
	return missing;
}

/** Scenario 3's rows: the node against its baseline, for a download or an upload. */
function memoryTable(what, rows) {
	return table(rows, [
		{ key: 'how', title: what, align: 'left' },
		{ key: 'baselineRssMiB', title: 'baseline RSS MiB', digits: 1 },
		{ key: 'peakRssMiB', title: 'peak RSS MiB', digits: 1 },
		{ key: 'growthMiB', title: 'growth MiB', digits: 1 },
		{ key: 'seconds', title: 'seconds', digits: 1 },
		{ key: 'throughputMiBs', title: 'MiB/s', digits: 0 },
	]);
}

/** Scenario 2's queue-mode row, in the single-process rows' columns. */
function queueRows(q) {
	if (!q || q.error || q.skipped) return [];
	return [{
		run: `queue mode: ${q.workers} workers, ${q.executions} × ${q.items / q.executions} items at once (key shared by ${q.processesSharingKey})`,
		wall: q.wallS,
		perItem: q.wallS / q.items,
		qps: `${q.sentMaxQueriesPerS} / ${q.simMaxQueriesPerS}`,
		cps: `${q.sentMaxCreatesPer10s} / ${q.simMaxCreatesPer10s}`,
		r429: q.responses429,
		failed: q.failed,
	}];
}

function report(results, quick) {
	const out = [];
	const batchLimit = (t) => (t.scenario === 5 && / failed| per item/.test(t.name) ? '=' : '≤');
	const d = results.delay;
	if (d && !d.error) {
		out.push(`\n1. Delay against cost (kie.ai; ${d.config.tasksPerClassPerMode} tasks per class per mode, classes ${d.config.taskClassesS.map((s) => `${round(s, 1)} s`).join(' / ')})`);
		const rows = [];
		for (const m of Object.values(d.byMode)) {
			const row = { mode: m.label, meanDelay: m.all.meanDelayS, maxDelay: m.all.maxDelayS, queries: m.all.meanQueries, failed: m.all.failed };
			for (const [cls, s] of Object.entries(m.byClass)) row[cls] = `${fmt(s.meanDelayS, 1)} s / ${fmt(s.meanQueries, 1)} q`;
			rows.push(row);
		}
		const classCols = Object.keys(Object.values(d.byMode)[0].byClass).map((cls, i) => ({ key: cls, title: `~${round(d.config.taskClassesS[i], 1)} s tasks: delay / queries` }));
		out.push(table(rows, [
			{ key: 'mode', title: 'polling', align: 'left' },
			{ key: 'meanDelay', title: 'mean delay s' },
			{ key: 'maxDelay', title: 'max delay s' },
			{ key: 'queries', title: 'queries/task', digits: 1 },
			...classCols,
			{ key: 'failed', title: 'failed', digits: 0 },
		]));
		out.push(`   adaptive/fixed-30 mean delay ${fmt(d.ratios.adaptiveMeanDelayOverFixed30, 3)}; adaptive/fixed-3 queries ${fmt(d.ratios.adaptiveQueriesOverFixed3, 3)}; adaptive/fixed-10: delay ${fmt(d.ratios.adaptiveMeanDelayOverFixed10, 3)}, queries ${fmt(d.ratios.adaptiveQueriesOverFixed10, 3)}`);
		out.push(`   callback/fixed-30 mean delay ${fmt(d.ratios.callbackMeanDelayOverFixed30, 3)}; callback/fixed-3 queries ${fmt(d.ratios.callbackQueriesOverFixed3, 3)} (callback mode: the one query per task is the confirmation after the callback)`);
	}
	const m = results.manyItems;
	if (m && !m.error) {
		const c = m.concurrent;
		out.push(`\n2. Many items (kie.ai, one credential, tasks of ${c.taskS} s, limits enforced by a 429-answering limiter)`);
		out.push(table([
			{ run: `${c.items} items, one execution`, wall: c.wallS, perItem: m.perItemConcurrentS, qps: `${c.sentMaxQueriesPerS} / ${c.simMaxQueriesPerS}`, cps: `${c.sentMaxCreatesPer10s} / ${c.simMaxCreatesPer10s}`, r429: c.responses429, failed: c.failed },
			{ run: `${m.serial.items} items, one execution each, serial`, wall: m.serial.wallS, perItem: m.perItemSerialS, qps: '-', cps: '-', r429: m.serial.responses429, failed: m.serial.failed },
			...queueRows(m.queue),
		], [
			{ key: 'run', title: 'run', align: 'left' },
			{ key: 'wall', title: 'wall s' },
			{ key: 'perItem', title: 'wall s per item', digits: 3 },
			{ key: 'qps', title: 'max queries/1 s sent/seen' },
			{ key: 'cps', title: 'max creates/10 s sent/seen' },
			{ key: 'r429', title: '429s', digits: 0 },
			{ key: 'failed', title: 'failed', digits: 0 },
		]));
		out.push(`   per-item ratio (concurrent / serial) ${fmt(m.perItemRatio, 4)}; ideal wall ${c.idealWallS} s (task + create limit), measured/ideal ${fmt(c.wallOverIdeal, 3)}`);
		const q = m.queue;
		if (q?.skipped) out.push(`   ${q.skipped}`);
		else if (q && !q.error) {
			out.push(`   queue mode: ${q.items} items in ${q.executions} executions (per worker ${q.executionsPerWorker.join('/')}); ideal wall ${q.idealWallS} s, measured/ideal ${fmt(q.wallOverIdeal, 3)}; ${q.responses429} of ${q.requestsSent} requests answered 429 (${fmt(q.share429 * 100, 2)} %); ${q.tasksCreated} tasks, ${q.createsSeen} creates seen`);
		} else if (q) out.push(`   queue mode: FAILED TO RUN: ${q.error}`);
	}
	const mem = results.memory;
	if (mem && !mem.error) {
		out.push(`\n3. Memory on download (${mem.config.fileMiB} MiB into filesystem binary data, one child process each)`);
		out.push(memoryTable('download', [
			{ how: 'Sora Video node (streamed)', ...mem.streamed },
			{ how: 'buffering download (baseline)', ...mem.buffered },
		]));
		out.push(`   streamed growth / buffered growth ${fmt(mem.streamedOverBufferedGrowth, 4)}`);
		out.push(`   Upload: a ${mem.upload.fileMiB} MiB binary video (filesystem binary data) sent as a model input`);
		out.push(memoryTable('upload', [
			{ how: 'Sora Video node (streamed to kie.ai upload)', ...mem.upload.streamed },
			{ how: 'whole-buffer upload (baseline)', ...mem.upload.buffered },
		]));
		out.push(`   streamed upload growth / buffered upload growth ${fmt(mem.upload.streamedOverBufferedGrowth, 4)}`);
	}
	const t = results.trigger;
	if (t && !t.error) {
		out.push(`\n4. Trigger throughput (real n8n ${t.config.n8nVersion}; ${t.config.pairs} rounds of ${t.config.requestsPerRound} kie.ai callbacks per workflow, alternating, ${t.config.concurrency} connections, undici on loopback)`);
		out.push(table([
			{ wf: 'Sora Video Trigger → No Operation', ...t.trigger, rounds: t.trigger.roundRates.join(' / ') },
			{ wf: 'Webhook (Respond Immediately) → No Operation', ...t.webhook, rounds: t.webhook.roundRates.join(' / ') },
		], [
			{ key: 'wf', title: 'workflow', align: 'left' },
			{ key: 'accepted', title: 'accepted', digits: 0 },
			{ key: 'rejected', title: 'not accepted', digits: 0 },
			{ key: 'callbacksPerSecond', title: 'accepted/s', digits: 1 },
			{ key: 'rounds', title: 'per round /s', align: 'left' },
			{ key: 'latencyMsP50', title: 'p50 ms', digits: 1 },
			{ key: 'latencyMsP95', title: 'p95 ms', digits: 1 },
			{ key: 'completedPerSecond', title: 'until saved /s', digits: 1 },
			{ key: 'cpuMsPerCallback', title: 'n8n CPU ms/callback', digits: 2 },
		]));
		out.push(`   trigger/webhook ${fmt(t.ratio, 3)} (all rounds); per pair of adjacent rounds ${t.pairRatios.join(', ')}, median ${fmt(t.medianPairRatio, 3)}; counting until every execution was saved ${fmt(t.completedRatio, 3)}; callbacks per n8n CPU-second ${fmt(t.cpuRatio, 3)}`);
	}
	const b = results.batch;
	if (b && !b.error) {
		out.push(`\n5. Batch scale (real n8n ${b.config.n8nVersion}; one kie.ai credential; ${b.config.limits}; tasks of ${b.config.taskS} s, row b ${b.config.callbackTaskS} s: every item parked)`);
		const rows = Object.entries(BATCH_ROWS).filter(([k]) => b[k]).map(([k, label]) => {
			const r = b[k];
			return {
				row: label, items: r.items, wall: r.wallS, bound: r.boundS, ratio: r.wallOverBound, failed: r.failed, cpi: r.createsPerItem,
				qps: `${r.sentMaxQueriesPerS} / ${r.simMaxQueriesPerS}`, r429: r.responses429,
				rss: `+${fmt(r.rssGrowthMiB, 1)} (${fmt(r.rssSlopeMiBPer100Items, 2)}/100)`,
				sd: `${r.staticDataBytes.workflow}${r.staticDataBytes.trigger === undefined ? '' : ` / trigger ${r.staticDataBytes.trigger}`}`,
				sdAfter: `${r.staticDataAfterWindowBytes?.workflow}${r.staticDataAfterWindowBytes?.trigger === undefined ? '' : ` / trigger ${r.staticDataAfterWindowBytes.trigger}`}`,
			};
		});
		out.push(table(rows, [
			{ key: 'row', title: 'row', align: 'left' },
			{ key: 'items', title: 'items', digits: 0 },
			{ key: 'wall', title: 'wall s', digits: 1 },
			{ key: 'bound', title: 'bound s', digits: 0 },
			{ key: 'ratio', title: 'wall/bound', digits: 3 },
			{ key: 'failed', title: 'failed', digits: 0 },
			{ key: 'cpi', title: 'creates/item', digits: 3 },
			{ key: 'qps', title: 'max queries/1 s sent/seen' },
			{ key: 'r429', title: '429s', digits: 0 },
			{ key: 'rss', title: 'RSS growth MiB (slope)' },
			{ key: 'sd', title: 'static data B after run' },
			{ key: 'sdAfter', title: 'after windows' },
		]));
		if (b.c) out.push(`   c: ${b.c.createsSent} creates sent, ${b.c.tasksCreated} tasks created, ${b.c.responses429} refused with 429 (slots full); polling ${b.c.polling}; ${b.c.queriesPerItem} queries per item`);
		if (b.b?.callbackStatuses) out.push(`   b: parked after ${b.b.parkedAtS} s; the simulator's callbacks were answered ${JSON.stringify(b.b.callbackStatuses)}; ${b.b.queriesPerItem} queries per item`);
	}
	for (const s of SCENARIOS) if (results[s.key]?.error) out.push(`\n${s.n}. ${s.title}: FAILED TO RUN: ${results[s.key].error}`);
	out.push('\nTargets' + (quick ? ' (quick mode: scaled down, informational only)' : ''));
	out.push(table(targets(results).map((t) => ({
		s: String(t.scenario), name: t.name, value: t.value === null ? 'not run' : t.value, limit: `${t.scenario === 5 ? batchLimit(t) : t.scenario === 2 && /failed/.test(t.name) ? '=' : t.scenario === 4 ? '≥' : '≤'} ${t.limit}`,
		met: t.met === null ? 'not run' : t.met ? 'met' : 'MISSED',
	})), [
		{ key: 's', title: '#' },
		{ key: 'name', title: 'target', align: 'left' },
		{ key: 'value', title: 'measured', digits: 3 },
		{ key: 'limit', title: 'limit', align: 'left' },
		{ key: 'met', title: 'result', align: 'left' },
	]));
	return out.join('\n');
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const dist = path.join(ROOT, 'dist', 'nodes', 'SoraVideo', 'SoraVideo.node.js');
	if (!fs.existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
	const command = `npm run bench${args.quick ? ' -- --quick' : ''}`;
	const log = (line) => console.log(line);
	log(`Sora Video benchmark, ${args.quick ? 'QUICK mode' : 'full mode'}: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
	if (args.quick) {
		log('Quick mode scales everything down: task durations and fixed poll intervals × 1/3 (scenarios 1–2),');
		log('3 tasks per class (1), 3 serial items (2), a 256 MiB file (3). The adaptive schedule is the real');
		log("code with its real constants, so quick-mode ratios are not comparable with full-mode ones.");
		log('Batch (5): 60 items per row instead of 1,000 and tasks of 10 s instead of 30 s (row b: 30 s instead of 540 s, still');
		log('  outlasting its creates); kie.ai\'s limits and windows unchanged;');
		log('  row c: 12 items instead of 60 on the 3 job slots, jobs of 10 s instead of 30 s.');
	}
	const started = Date.now();
	const results = {};
	for (const s of SCENARIOS) {
		if (args.only && !args.only.includes(s.n)) continue;
		log(`\n[${s.n}] ${s.title}…`);
		const t0 = Date.now();
		try {
			results[s.key] = await require(s.module).run({ quick: args.quick, log, version: args.n8n ?? undefined });
			log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		} catch (error) {
			results[s.key] = { error: error.message };
			log(`  FAILED: ${error.stack}`);
		}
	}
	const summary = report(results, args.quick);
	console.log(summary);

	const targetList = targets(results);
	const missing = missingFigures(results, args.only);
	const file = path.resolve(
		args.out ?? path.join(ROOT, '.cache', 'bench', `bench-${args.quick ? 'quick' : 'full'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
	);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const json = {
		command,
		mode: args.quick ? 'quick' : 'full',
		startedAt: new Date(started).toISOString(),
		wallS: round((Date.now() - started) / 1000, 1),
		machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemGiB: round(os.totalmem() / 2 ** 30, 1) },
		targets: targetList,
		missingFigures: missing,
		results,
	};
	fs.writeFileSync(file, `${JSON.stringify(json, null, '\t')}\n`);
	console.log(`\nFigures written to ${path.relative(process.cwd(), file) || file}  (${json.wallS} s in all; command: ${command})`);

	const skipped = [results.manyItems?.queue?.skipped].filter(Boolean);
	if (skipped.length) console.log(`ROWS NOT RUN: ${skipped.join('; ')}`);
	let code = 0;
	if (missing.length) {
		console.log(`MISSING FIGURES: ${missing.join('; ')}`);
		code = 1;
	}
	if (args.strict && targetList.some((t) => t.met === false)) code = 1;
	process.exit(code);
}

main().catch((error) => {
	console.error(error.stack || error);
	process.exit(1);
});
