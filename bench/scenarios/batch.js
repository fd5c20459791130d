'use strict';

/**
 * Scenario 5, batch scale: one execution of many items in real n8n 2.40.5 (n8n holds the items),
 * one kie.ai credential against the simulator behind lib/rateLimitProxy.js, which answers 429 above
 * kie.ai's limits (10 queries/s, 20 creates/10 s). Time is not compressed: the limiter's windows are
 * kie.ai's, so the bound below is computed from the very limits the limiter enforces.
 *
 *   a. Create with Wait for Completion (poll), no download. Then every task of the row calls back a
 *      Sora Video Trigger workflow, so the trigger's delivery record (static data) takes one callback
 *      per item. That happens after the row's clock and RSS figures: n8n's cost of 1,000 trigger
 *      executions (scenario 4) is not the Create node's.
 *   b. Create with Wait Mode "Callback": every item is parked in the paused execution, then resumed
 *      by the callbacks.
 *   c. Revid AI Studio, 60 items on a plan with 3 job slots (the simulator answers a create with 429
 *      while all slots are busy; the node waits for a free slot). Straight to the simulator, no
 *      proxy: the plan's slots are the limit. Fixed 1 s polling, as in the e2e check: the adaptive
 *      schedule's first query comes ~45 s after the create, which would measure the schedule, not
 *      the batch. Bound: ⌈items / slots⌉ × the job time. N8N_BENCH_BATCH_ROWS=c runs row c alone.
 *      After rows a and b, n8n is restarted on the same database first, so that row c's RSS figures
 *      start from a settled process (see run()).
 *
 * Per row: wall time / (task + what the create limit forces), items failed, creates per item, the
 * highest queries in any 1 s, peak RSS growth of the n8n process (sampled from /proc) and its slope
 * per 100 items created, the static data of both workflows after the run and again after the
 * trigger's dedupe window (a workflow option, set short here) has passed.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const procs = require('../../test/e2e/lib/procs');
const { ensureN8n, resolveVersion } = require('../../test/e2e/install-n8n');
const { N8n, installPackage } = require('../../test/e2e/lib/n8n');
const { request } = require('../../test/e2e/lib/http');
const W = require('../../test/e2e/workflows');
const { createSimulator } = require('../../test/simulator');
const { marketSuccessBody } = require('../../test/support/callbackBodies');
const { RateLimitProxy, KIE_RULES } = require('../lib/rateLimitProxy');
const { round, sleep } = require('../lib/util');

const SORA = 'n8n-nodes-sora-video.soraVideo';
const TRIGGER = 'n8n-nodes-sora-video.soraVideoCallbackTrigger';
const TRIGGER_WEBHOOK_ID = 'ba7c0000-0000-4000-8000-00000000b001';
const IDS = { poll: 'benchBatchPoll01', callback: 'benchBatchCallb1', trigger: 'benchBatchTrigg1', studio: 'benchBatchStudio' };
const PATHS = { poll: 'bench-batch-poll', callback: 'bench-batch-callback', studio: 'bench-batch-studio' };
const STUDIO_SLOTS = 3;

const CREATE_RULE = KIE_RULES.find((r) => r.key === 'kie.create');
const QUERY_RULE = KIE_RULES.find((r) => r.key === 'kie.query');

function configFor(quick) {
	// Quick mode (CI): fewer items and shorter tasks; the limits and their windows stay kie.ai's.
	// Row c: quick mode runs 12 items (4 rounds of the 3 slots) with jobs of 10 s; full mode 60 items, jobs of 30 s.
	// Row b: tasks that outlast the create phase ((⌈items / 20⌉ − 1) × 10 s: 20 s quick, 490 s full), so every
	// item is parked and resumed by its callback, as the row b describes.
	return quick
		? { items: 60, taskS: 10, callbackTaskS: 30, dedupeWindowS: 15, warmupItems: 3, triggerLimitS: 90, studioItems: 12, studioJobS: 10 }
		: { items: 1000, taskS: 30, callbackTaskS: 540, dedupeWindowS: 60, warmupItems: 5, triggerLimitS: 300, studioItems: 60, studioJobS: 30 };
}

/** Which rows run: N8N_BENCH_BATCH_ROWS=c (or "a,b") picks some; all by default. */
function rowsToRun() {
	const text = process.env.N8N_BENCH_BATCH_ROWS;
	return new Set(text ? text.split(',').map((r) => r.trim().toLowerCase()) : ['a', 'b', 'c']);
}

/** What the plan's job slots alone force on `items` jobs of `jobS` each: the bound of row c. */
function studioBoundS(items, jobS, slots = STUDIO_SLOTS) {
	return Math.ceil(items / slots) * jobS;
}

/** What kie.ai's create limit alone forces on `items` creates, plus one task: the bound of rows a and b. */
function boundS(items, taskS) {
	return (Math.ceil(items / CREATE_RULE.limit) - 1) * (CREATE_RULE.windowMs / 1000) + taskS;
}

function node(name, type, typeVersion, parameters, extra = {}) {
	return { parameters, id: `${name.replace(/\W/g, '')}-${type.length}`, name, type, typeVersion, position: [0, 0], ...extra };
}

function chain(id, name, nodes) {
	const connections = {};
	nodes.forEach((n, i) => {
		n.position = [i * 240, 0];
		if (i < nodes.length - 1) connections[n.name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	});
	// n8n's defaults, written out: every execution is saved, as on a user's n8n.
	return { id, name, nodes, connections, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' }, pinData: {}, active: false };
}

/** Webhook (answers at once) → Split Out body.items → Sora Video Create, with `create` parameters. */
function batchWorkflow(kind, create) {
	return chain(IDS[kind], `bench: batch, ${kind}`, [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: PATHS[kind], responseMode: 'onReceived', options: {} }, {
			webhookId: `ba7c0000-0000-4000-8000-0000000${kind === 'poll' ? '0a001' : '0b002'}`,
		}),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} }),
		node('Create video', SORA, 1, {
			provider: 'kie',
			operation: 'create',
			model: W.MODEL_OF.kie,
			prompt: '={{ $json.prompt }}',
			aspectRatio: '16:9',
			duration: '5',
			...create,
		}, { credentials: { kieAiApi: { id: W.CREDENTIALS.kie.id, name: W.CREDENTIALS.kie.name } }, onError: 'continueRegularOutput' }),
	]);
}

/** Webhook → Split Out → Sora Video Create on Revid AI Studio, waiting with fixed 1 s polling (the e2e check's shape). */
function studioWorkflow() {
	return chain(IDS.studio, 'bench: batch, Revid AI Studio', [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: PATHS.studio, responseMode: 'onReceived', options: {} }, {
			webhookId: 'ba7c0000-0000-4000-8000-00000000c003',
		}),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} }),
		node('Create video', SORA, 1.1, {
			provider: 'revidStudio',
			operation: 'create',
			studioModel: { __rl: true, mode: 'list', value: 'kling-2.6', cachedResultName: 'Kling 2.6' },
			studioPrompt: '={{ $json.prompt }}',
			waitForCompletion: true,
			waitOptions: { timeout: 3600, pollingMode: 'fixed', pollInterval: 1 },
			downloadVideo: false,
		}, { credentials: { revidAiStudioApi: { id: W.CREDENTIALS.revidStudio.id, name: W.CREDENTIALS.revidStudio.name } }, onError: 'continueRegularOutput' }),
	]);
}

function workflows(config) {
	return [
		studioWorkflow(),
		batchWorkflow('poll', { waitForCompletion: true, downloadVideo: false }),
		// An hour, so that N8N_BENCH_BATCH_B_TASK_S can make every task outlast the create phase.
		batchWorkflow('callback', { waitForCompletion: true, waitMode: 'callback', downloadVideo: false, waitOptions: { timeout: 3600 } }),
		// No credential: nothing is confirmed with the provider, so the trigger takes none of the row's query budget.
		chain(IDS.trigger, 'bench: batch, Sora Video Trigger', [
			node('Sora Video Trigger', TRIGGER, 1, {
				provider: 'kie',
				events: ['succeeded', 'failed'],
				options: { downloadVideo: false, confirmWithProvider: false, dedupeWindowSeconds: config.dedupeWindowS },
			}, { webhookId: TRIGGER_WEBHOOK_ID }),
			node('No Operation', 'n8n-nodes-base.noOp', 1, {}),
		]),
	];
}

function rssMiB(pid) {
	try {
		const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
		return Number(line.split(/\s+/)[1]) / 1024;
	} catch {
		return NaN;
	}
}

/** Least-squares slope of y against x. */
function slope(points) {
	const n = points.length;
	if (n < 3) return NaN;
	const mx = points.reduce((a, p) => a + p.x, 0) / n;
	const my = points.reduce((a, p) => a + p.y, 0) / n;
	const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
	const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
	return sxx === 0 ? NaN : sxy / sxx;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Has n8n write a heap snapshot (started with --heapsnapshot-signal=SIGUSR2): V8 collects all
 * garbage first, so the RSS after it is a baseline that no earlier garbage inflates. Returns the
 * snapshot's size in MiB; N8N_BENCH_KEEP_SNAPSHOTS=1 keeps a copy in .cache/bench/snapshots.
 */
async function collectGarbage(n8n, dir, { keep = process.env.N8N_BENCH_KEEP_SNAPSHOTS === '1' } = {}) {
	const before = new Set(fs.readdirSync(dir));
	process.kill(n8n.child.pid, 'SIGUSR2');
	const until = Date.now() + 180_000;
	let file;
	let size = -1;
	while (Date.now() < until) {
		await sleep(1000);
		file ??= fs.readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
		if (!file) continue;
		const now = fs.statSync(path.join(dir, file)).size;
		if (now === size && now > 0) break;
		size = now;
	}
	if (!file) throw new Error('n8n wrote no heap snapshot on SIGUSR2');
	if (keep) {
		const keepDir = path.resolve(__dirname, '..', '..', '.cache', 'bench', 'snapshots');
		fs.mkdirSync(keepDir, { recursive: true });
		fs.copyFileSync(path.join(dir, file), path.join(keepDir, file));
	}
	fs.rmSync(path.join(dir, file), { force: true });
	await sleep(1000);
	return round(size / 2 ** 20, 1);
}

/**
 * For a profile of a peak, not for figures (the snapshot stops n8n for seconds):
 * N8N_BENCH_SNAPSHOT_AT_GROWTH_MIB=N has n8n write a heap snapshot (kept, as with
 * N8N_BENCH_KEEP_SNAPSHOTS=1) the first time its RSS grew N MiB over the row's baseline, and logs
 * the RSS before and after it. The snapshot holds what is live after a full GC: if it is small and
 * the RSS drops, the peak was garbage the collector had not caught up with.
 */
function peakSnapshotProbe(n8n, snapshotDir, baselineMiB, log) {
	const at = Number(process.env.N8N_BENCH_SNAPSHOT_AT_GROWTH_MIB);
	let taken = !(at > 0);
	return (sample) => {
		if (taken || !(sample.rss - baselineMiB >= at)) return;
		taken = true;
		collectGarbage(n8n, snapshotDir, { keep: true })
			.then((snapshotMiB) => {
				const after = rssMiB(n8n.child.pid);
				log(`  peak probe at ${round(sample.t / 1000, 1)} s: RSS +${round(sample.rss - baselineMiB, 1)} MiB; heap snapshot ${snapshotMiB} MiB (kept in .cache/bench/snapshots); RSS after it +${round(after - baselineMiB, 1)} MiB`);
			})
			.catch((error) => log(`  peak probe failed: ${error.message}`));
	};
}

async function staticDataBytes(n8n, id) {
	const wf = await n8n.getWorkflow(id);
	const data = wf.staticData;
	return data ? Buffer.byteLength(typeof data === 'string' ? data : JSON.stringify(data)) : 0;
}

/** The newest execution of a workflow newer than `after`, once it has finished (its summary row). */
async function waitForFinished(n8n, workflowId, after, { timeoutMs, onStatus }) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const [row] = await n8n.executions(workflowId, { limit: 1 }).catch(() => []);
		if (row && Number(row.id) > after) {
			onStatus?.(row.status);
			if (!['new', 'running', 'waiting'].includes(row.status) && row.stoppedAt) return row;
		}
		await sleep(1000);
	}
	throw new Error(`no finished execution of ${workflowId} within ${Math.round(timeoutMs / 1000)} s`);
}

/** The Create node's output items of an execution. */
async function createOutput(n8n, executionId) {
	const execution = await n8n.execution(executionId);
	const runs = execution.data?.resultData?.runData?.['Create video'] ?? [];
	const last = runs[runs.length - 1];
	return (last?.data?.main?.[0] ?? []).map((item) => item.json);
}

async function runRow({ kind, n8n, sim, proxy, config, log, items, snapshotDir }) {
	const studio = kind === 'studio';
	const taskS = kind === 'callback' ? config.callbackTaskS : config.taskS;
	const bound = studio ? studioBoundS(items, config.studioJobS) : boundS(items, taskS);
	const keys = studio ? { create: 'revidStudio.create', query: 'revidStudio.query' } : { create: 'kie.create', query: 'kie.query' };
	// The pacers' windows of the previous row have passed: every row starts from an idle account.
	await sleep(CREATE_RULE.windowMs * 1.2);
	sim.reset();
	proxy.reset();
	// Credits enough for every job: the plan's slots, not its balance, are what row c measures.
	if (studio) sim.configure({ taskDurationMs: config.studioJobS * 1000, studio: { slots: STUDIO_SLOTS, balance: 1_000_000 } });
	else sim.configure({ taskDurationMs: taskS * 1000 });
	const pid = n8n.child.pid;
	const snapshotMiBBefore = await collectGarbage(n8n, snapshotDir);
	const before = [];
	for (let i = 0; i < 20; i++) {
		before.push(rssMiB(pid));
		await sleep(100);
	}
	const baselineMiB = median(before);
	const samples = [];
	const startedAt = Date.now();
	const peakProbe = peakSnapshotProbe(n8n, snapshotDir, baselineMiB, log);
	const sampler = setInterval(() => {
		const sample = { t: Date.now() - startedAt, rss: rssMiB(pid), created: sim.stats.tasksCreated };
		samples.push(sample);
		peakProbe(sample);
	}, 200);
	let parkedAtS;
	try {
		const after = (await n8n.executions(IDS[kind], { limit: 1 }))[0]?.id ?? 0;
		const answer = await n8n.webhook(PATHS[kind], { items: Array.from({ length: items }, (_, i) => ({ prompt: `batch ${kind} item ${i + 1}` })) });
		if (answer.status !== 200) throw new Error(`the ${kind} workflow's webhook answered HTTP ${answer.status}: ${answer.text}`);
		const row = await waitForFinished(n8n, IDS[kind], Number(after), {
			timeoutMs: Math.max(10 * 60_000, bound * 3000),
			onStatus: (status) => {
				if (status === 'waiting' && parkedAtS === undefined) parkedAtS = (Date.now() - startedAt) / 1000;
			},
		});
		const endedAt = Date.parse(row.stoppedAt);
		clearInterval(sampler);
		const snapshotMiBAfter = await collectGarbage(n8n, snapshotDir);
		const retainedMiB = median(Array.from({ length: 10 }, () => rssMiB(pid)));
		const wallS = (endedAt - startedAt) / 1000;
		const out = await createOutput(n8n, row.id);
		const failed = items - out.filter((j) => !j.error && j.status === 'succeeded').length;
		const peakMiB = Math.max(...samples.map((s) => s.rss).filter(Number.isFinite));
		const peakSample = samples.find((s) => s.rss === peakMiB);
		// Where the peak falls: while the creates are sent, or after (row b: the pause and the resume).
		const maxOf = (list) => (list.length ? round(Math.max(...list.map((s) => s.rss).filter(Number.isFinite)) - baselineMiB, 1) : undefined);
		const creating = samples.filter((s) => s.created > 0 && s.created < items).map((s) => ({ x: s.created, y: s.rss }));
		const creates = sim.stats.requests[keys.create] ?? 0;
		const queries = sim.stats.requests[keys.query] ?? 0;
		const callbackStatuses = {};
		for (const c of sim.callbacks) callbackStatuses[c.status ?? 'error'] = (callbackStatuses[c.status ?? 'error'] || 0) + 1;
		const figures = {
			items,
			executionStatus: row.status,
			outputItems: out.length,
			wallS: round(wallS, 1),
			boundS: bound,
			wallOverBound: round(wallS / bound),
			parkedAtS: parkedAtS === undefined ? undefined : round(parkedAtS, 1),
			failed,
			errors: [...new Set(out.filter((j) => j.error).map((j) => j.error.code ?? j.error.message))].slice(0, 5),
			tasksCreated: sim.stats.tasksCreated,
			// Rows a/b: the proxy answers the 429s, so what reaches the simulator was created. Row c: the
			// simulator itself refuses a create with 429 while the slots are full; that one created nothing.
			createsSeen: creates,
			createsSent: studio ? creates : (proxy.arrivals['kie.create'] ?? []).length,
			createsPerItem: round((studio ? sim.stats.tasksCreated : creates) / items, 3),
			queries,
			queriesPerItem: round(queries / items, 2),
			responses429: studio ? sim.stats.responses429 : proxy.refused,
			sentMaxQueriesPerS: studio ? sim.maxInWindow(keys.query, QUERY_RULE.windowMs) : proxy.maxInWindow('kie.query', QUERY_RULE.windowMs),
			simMaxQueriesPerS: sim.maxInWindow(keys.query, QUERY_RULE.windowMs),
			sentMaxCreatesPer10s: studio ? sim.maxInWindow(keys.create, CREATE_RULE.windowMs) : proxy.maxInWindow('kie.create', CREATE_RULE.windowMs),
			callbackStatuses,
			baselineRssMiB: round(baselineMiB, 1),
			peakRssMiB: round(peakMiB, 1),
			rssGrowthMiB: round(peakMiB - baselineMiB, 1),
			peakRssAtS: peakSample ? round(peakSample.t / 1000, 1) : undefined,
			rssGrowthWhileCreatingMiB: maxOf(samples.filter((s) => s.created < items)),
			rssGrowthAfterCreatesMiB: maxOf(samples.filter((s) => s.created >= items)),
			rssSlopeMiBPer100Items: round(slope(creating) * 100, 2),
			rssEndMiB: round(samples[samples.length - 1]?.rss, 1),
			// After the run and a full GC: what the batch left behind.
			rssRetainedMiB: round(retainedMiB - baselineMiB, 1),
			heapSnapshotMiB: { before: snapshotMiBBefore, after: snapshotMiBAfter },
		};
		log(`  ${kind}: ${items} items in ${figures.wallS} s (bound ${bound} s, ×${figures.wallOverBound}), ${failed} failed, ${creates} creates` +
			(studio ? ` sent (${figures.tasksCreated} tasks created, ${figures.responses429} refused with 429)` : '') + ', ' +
			`max ${Math.max(figures.sentMaxQueriesPerS, figures.simMaxQueriesPerS)} queries/s, RSS +${figures.rssGrowthMiB} MiB (${figures.rssSlopeMiBPer100Items} MiB/100 items; ` +
			`peak at ${figures.peakRssAtS} s; +${figures.rssGrowthWhileCreatingMiB} MiB while creating, +${figures.rssGrowthAfterCreatesMiB} MiB after)` +
			(parkedAtS === undefined ? '' : `; parked after ${figures.parkedAtS} s; callbacks ${JSON.stringify(callbackStatuses)}`));
		Object.defineProperty(figures, 'taskIds', { value: out.map((j) => j.taskId).filter(Boolean), enumerable: false });
		return figures;
	} finally {
		clearInterval(sampler);
	}
}

/** Each task's success callback to the trigger workflow, `concurrency` at a time, as kie.ai would send them. */
async function callTrigger(n8n, taskIds, limitS, concurrency = 4) {
	const statuses = {};
	let lastAcceptedSentAt = 0;
	let next = 0;
	// n8n 2.x runs a few trigger executions a second on a busy machine (scenario 4): the phase is time-bounded.
	const until = Date.now() + limitS * 1000;
	const url = `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/callback`;
	async function worker() {
		while (next < taskIds.length && Date.now() < until) {
			const taskId = taskIds[next++];
			const body = marketSuccessBody(taskId, [`http://127.0.0.1:9/files/${taskId}.mp4`], { updateTime: Date.now(), progress: 100, creditsConsumed: 30 });
			const sentAt = Date.now();
			const answer = await request('POST', url, { json: body, timeoutMs: 60_000 }).catch(() => ({ status: 'error' }));
			statuses[answer.status] = (statuses[answer.status] || 0) + 1;
			if (answer.status === 200) lastAcceptedSentAt = Math.max(lastAcceptedSentAt, sentAt);
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { statuses, lastAcceptedSentAt };
}

/** One more callback, once the dedupe window has passed, makes the trigger write its record again. */
async function staticDataAfterWindow(n8n, config, lastCallbackAt, log) {
	const waitMs = lastCallbackAt + config.dedupeWindowS * 1000 + 2000 - Date.now();
	if (waitMs > 0) {
		log(`  waiting ${Math.round(waitMs / 1000)} s for the trigger's dedupe window (${config.dedupeWindowS} s) to pass…`);
		await sleep(waitMs);
	}
	const sentAt = Date.now();
	const taskId = `batch-after-window-${sentAt}`;
	const body = marketSuccessBody(taskId, [`http://127.0.0.1:9/files/${taskId}.mp4`], { updateTime: Date.now(), progress: 100, creditsConsumed: 30 });
	const answer = await request('POST', `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/callback`, { json: body, timeoutMs: 30_000 });
	if (answer.status !== 200) throw new Error(`the trigger answered the after-window callback with HTTP ${answer.status}`);
	await untilWrittenSince(n8n, sentAt, log, 'the after-window write');
}

/**
 * After a burst n8n is still busy with the burst's executions (scenario 4: a few a second), and the static
 * data it saves for a webhook reaches the database seconds late: in a probe of 300 callbacks, the record read
 * 3 s after the burst had been written 9 s before it, and a later read showed a newer one from the burst.
 * The fixed 3 s pause after 1,000 callbacks read a record written during the burst (14.8 KB) instead of the
 * one the after-window callback wrote: wait until the record's write stamp ("<process>.<write time, base 36>")
 * is this callback's.
 */
async function untilWrittenSince(n8n, sentAt, log, what, timeoutMs = 10 * 60_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const data = (await n8n.getWorkflow(IDS.trigger)).staticData;
		const record = (typeof data === 'string' ? JSON.parse(data) : data)?.['node:Sora Video Trigger'];
		const stamp = String(record?.deliveryLogWriter ?? '');
		if (parseInt(stamp.split('.')[1] ?? '', 36) >= sentAt) {
			log(`  ${what} was saved ${round((Date.now() - sentAt) / 1000, 1)} s after its callback`);
			return;
		}
		await sleep(1000);
	}
	throw new Error(`n8n had not saved ${what} ${Math.round(timeoutMs / 1000)} s after its callback`);
}

/** Warm-up, not measured: loads the node's code and n8n's webhook paths of each kind of workflow. */
async function warmUp(n8n, kinds, config) {
	for (const kind of kinds) {
		const after = (await n8n.executions(IDS[kind], { limit: 1 }))[0]?.id ?? 0;
		const body = { items: Array.from({ length: config.warmupItems }, (_, i) => ({ prompt: `warm-up ${i}` })) };
		// n8n 2.x may register a just-activated workflow's webhook a moment after the activation answered.
		let answer = await n8n.webhook(PATHS[kind], body);
		for (let i = 0; i < 30 && answer.status === 404; i++) {
			await sleep(1000);
			answer = await n8n.webhook(PATHS[kind], body);
		}
		if (answer.status !== 200) throw new Error(`the ${kind} workflow's webhook answered HTTP ${answer.status} to the warm-up: ${answer.text}`);
		await waitForFinished(n8n, IDS[kind], Number(after), { timeoutMs: 5 * 60_000 });
	}
}

async function run({ quick = false, log = console.log } = {}) {
	const config = configFor(quick);
	// N8N_BENCH_BATCH_B_TASK_S overrides row b's task length (30: most tasks end while the creates are sent).
	config.callbackTaskS = Number(process.env.N8N_BENCH_BATCH_B_TASK_S) || config.callbackTaskS;
	const n8nVersion = resolveVersion(process.env.N8N_BENCH_BATCH_VERSION || '2.x');
	procs.installCleanup();
	const install = await ensureN8n(n8nVersion, { log: (line) => log(`  ${line}`) });
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-batch-'));
	const userFolder = path.join(workRoot, 'n8n');
	const sim = await createSimulator({ taskDurationMs: config.taskS * 1000, hmacKey: W.HMAC_KEY });
	const proxy = await new RateLimitProxy(sim.url).listen();
	const extra = extraEnv();
	const snapshotDir = path.join(workRoot, 'snapshots');
	fs.mkdirSync(snapshotDir);
	const n8n = await N8n.create(install, {
		userFolder,
		logFile: path.join(workRoot, 'n8n.log'),
		env: { ...extra, NODE_OPTIONS: [`--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshotDir}`, extra.NODE_OPTIONS].filter(Boolean).join(' ') },
	});
	try {
		await installPackage(userFolder);
		const credentials = W.simulatorCredentials({ apiKeys: sim.apiKeys, baseUrls: { ...sim.baseUrls, kie: proxy.url } });
		await n8n.importCredentials(credentials.filter((c) => c.type === 'kieAiApi' || c.type === 'revidAiStudioApi'));
		await n8n.importWorkflows(workflows(config));
		await n8n.start();
		await n8n.setupOwner();
		for (const id of Object.values(IDS)) await n8n.activate(id);
		log(`  n8n ${n8nVersion} on Node ${install.nodeVersion} ready after ${round(n8n.startTimes.readyMs / 1000, 1)} s (pid ${n8n.child.pid})`);

		const want = rowsToRun();
		const abRows = want.has('a') || want.has('b');
		// Row c after rows a or b gets its own n8n process (below), warmed up there.
		await warmUp(n8n, abRows ? ['poll', 'callback'] : ['studio'], config);
		const staticBefore = { poll: await staticDataBytes(n8n, IDS.poll), callback: await staticDataBytes(n8n, IDS.callback), trigger: await staticDataBytes(n8n, IDS.trigger), studio: await staticDataBytes(n8n, IDS.studio) };
		log(`  warmed up; rows ${[...want].join(', ')}; ${config.items} items per row a/b, tasks of ${config.taskS} s (row b: ${config.callbackTaskS} s); row c ${config.studioItems} items on ${STUDIO_SLOTS} slots, jobs of ${config.studioJobS} s`);

		const rows = {};
		let lastTriggerCallback = Date.now();
		if (want.has('a')) {
			rows.a = await runRow({ kind: 'poll', n8n, sim, proxy, config, log, items: config.items, snapshotDir });
			rows.a.staticDataBytes = { workflow: await staticDataBytes(n8n, IDS.poll) };
		}
		if (want.has('b')) {
			rows.b = await runRow({ kind: 'callback', n8n, sim, proxy, config, log, items: config.items, snapshotDir });
			rows.b.staticDataBytes = { workflow: await staticDataBytes(n8n, IDS.callback) };
		}
		if (rows.a) {
			log(`  a: now each of its ${rows.a.taskIds.length} tasks calls back the Sora Video Trigger workflow…`);
			const triggerStarted = Date.now();
			const { statuses, lastAcceptedSentAt } = await callTrigger(n8n, rows.a.taskIds, config.triggerLimitS);
			rows.a.triggerCallbacks = statuses;
			rows.a.triggerCallbacksSent = Object.values(rows.a.triggerCallbacks).reduce((a, b) => a + b, 0);
			rows.a.triggerCallbacksS = round((Date.now() - triggerStarted) / 1000, 1);
			lastTriggerCallback = Date.now();
			// The same late save as after the window: read the record that includes the last callback.
			if (lastAcceptedSentAt > 0) await untilWrittenSince(n8n, lastAcceptedSentAt, log, "the trigger's write after the last callback");
			rows.a.staticDataBytes.trigger = await staticDataBytes(n8n, IDS.trigger);
		}
		if (want.has('c')) {
			if (abRows) {
				// After 1,000-item rows and 1,000 trigger executions, n8n's RSS stays gigabytes above its live
				// heap and is handed back during the next row (full run of 2026-12-07: row c's baseline
				// 4,285 MiB with 212 MiB of live heap; its RSS then ended 1,838 MiB below that baseline), so
				// row c would measure the earlier rows' release. A new n8n process on the same database
				// keeps the workflows and their static data and starts row c from a settled RSS.
				const restartedAt = Date.now();
				await n8n.stop();
				await n8n.start();
				await n8n.login();
				await warmUp(n8n, ['studio'], config);
				log(`  n8n restarted for row c (same database), warmed up in ${round((Date.now() - restartedAt) / 1000, 1)} s (pid ${n8n.child.pid})`);
			}
			rows.c = await runRow({ kind: 'studio', n8n, sim, proxy, config, log, items: config.studioItems, snapshotDir });
			rows.c.slots = STUDIO_SLOTS;
			rows.c.jobS = config.studioJobS;
			rows.c.polling = 'fixed, every 1 s (the adaptive schedule waits ~45 s before its first query)';
			rows.c.staticDataBytes = { workflow: await staticDataBytes(n8n, IDS.studio) };
		}

		await staticDataAfterWindow(n8n, config, lastTriggerCallback, log);
		const afterWindow = { poll: await staticDataBytes(n8n, IDS.poll), callback: await staticDataBytes(n8n, IDS.callback), trigger: await staticDataBytes(n8n, IDS.trigger), studio: await staticDataBytes(n8n, IDS.studio) };
		if (rows.a) rows.a.staticDataAfterWindowBytes = { workflow: afterWindow.poll, trigger: afterWindow.trigger };
		if (rows.b) rows.b.staticDataAfterWindowBytes = { workflow: afterWindow.callback };
		if (rows.c) rows.c.staticDataAfterWindowBytes = { workflow: afterWindow.studio };
		if (rows.a) log(`  trigger: ${rows.a.triggerCallbacksSent} callbacks in ${rows.a.triggerCallbacksS} s (${JSON.stringify(rows.a.triggerCallbacks)})`);
		log(`  static data (bytes) before / after the run / after the windows: trigger ${staticBefore.trigger} / ${rows.a?.staticDataBytes.trigger} / ${afterWindow.trigger}; ` +
			`poll workflow ${staticBefore.poll} / ${rows.a?.staticDataBytes.workflow} / ${afterWindow.poll}; callback workflow ${staticBefore.callback} / ${rows.b?.staticDataBytes.workflow} / ${afterWindow.callback}; ` +
			`studio workflow ${staticBefore.studio} / ${rows.c?.staticDataBytes.workflow} / ${afterWindow.studio}`);
		return {
			config: {
				n8nVersion,
				nodeVersion: install.nodeVersion,
				...config,
				limits: `${QUERY_RULE.limit} queries/${QUERY_RULE.windowMs / 1000} s, ${CREATE_RULE.limit} creates/${CREATE_RULE.windowMs / 1000} s, enforced with 429; not compressed (time scale 1)`,
				timeScale: 1,
			},
			staticBefore,
			...rows,
		};
	} finally {
		await n8n.stop();
		await proxy.close();
		await sim.close();
		if (process.env.N8N_BENCH_KEEP_WORK === '1') log(`  kept ${workRoot} (n8n.log)`);
		else fs.rmSync(workRoot, { recursive: true, force: true });
	}
}

/** N8N_BENCH_BATCH_N8N_ENV="NAME=value,..." starts this scenario's n8n with extra settings (e.g. NODE_OPTIONS=--cpu-prof). */
function extraEnv() {
	const text = process.env.N8N_BENCH_BATCH_N8N_ENV || '';
	return Object.fromEntries(text.split(',').map((p) => p.trim()).filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

module.exports = { run, boundS, studioBoundS };
