'use strict';

// Provider faults (issue 6): every fault the simulator can inject, for all three providers
// × Create, Query and Wait Until Done, each run twice through n8n-core's real engine:
//   - "plain": one item, On Error = stop: the node's error must be one a user can act on;
//   - "continueOnFail": the item under fault comes second, after a healthy one, and must be
//     output with `error` set and pairedItem pointing at it.
// Every run gets its own simulator (clean counts) and its own credential ID (its own pacer),
// so cases run side by side without seeing each other.
const { createSimulator } = require('../simulator');
// kie.ai serves current models; Revid and Sora2API document only Sora 2.
const MODEL_OF = { kie: 'kling-3.0/video', revid: 'sora-2-text-to-video', sora2api: 'sora-2-text-to-video' };
const { runSora, everythingSaid } = require('../support/soraNode');
const { createTask } = require('../support/trigger');
const { CREDENTIAL_OF, PROVIDER_IDS } = require('../support/credentials');
const tally = require('./tally');

const PROMPT = 'A paper boat drifts down a rain-soaked street';
const PAGE_GONE = 'The page does not exist or is not published';
const POLICY = 'The prompt was flagged by the content policy';
const TASK_DURATION_MS = 300;
const NAMES = { revid: 'Revid API', sora2api: 'Sora2API', kie: 'kie.ai' };
const ID_PREFIX = { revid: 'revid_', sora2api: 'sora2_', kie: 'kie_' };
/** Answers from which the node cannot learn the task ID, even when the provider made one. */
const ANSWER_BREAKING = new Set(['reset', 'resetMidBody', 'malformed', 'html', 'empty', 'delay']);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let runCounter = 0;

// ---------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------

const code = (value, http, extra = {}) => ({ type: 'code', code: value, http, ...extra });
const styles = [
	['HTTP status', true],
	['HTTP 200 + envelope code', false],
];

/** Codes that are a definite answer: the item fails at once, naming the task when there is one. */
const DEFINITE = [
	[402, 'no credits', /Not enough credits in your .+ account \(402\)/, {}],
	[401, 'key rejected', /rejected the API key \(401\)/, {}],
	[505, 'feature disabled', /has disabled this feature \(505\)/, {}],
	[422, 'unknown model', /\(422\)/, { msg: PAGE_GONE }],
];
/** Codes a wait or a query retries: the node must get through them. */
const TRANSIENT = [
	[500, 'server error', /had a server error \(500\)/],
	[455, 'maintenance', /is under maintenance \(455\)/],
];
/** Broken answers, seen by the node as transport trouble. */
const TRANSPORT = [
	['connection reset before the response', { type: 'reset' }],
	['connection reset in the middle of the body', { type: 'resetMidBody' }],
	['slow answer (2 s, within the request timeout)', { type: 'delay', ms: 2000 }],
	['truncated JSON', { type: 'malformed' }],
	['Cloudflare HTML error page (502)', { type: 'html' }],
	['empty body', { type: 'empty' }],
];

function casesFor(provider) {
	const cases = [];
	const add = (op, name, spec) => cases.push({ provider, op, name: `${op} · ${provider} · ${name}`, ...spec });
	const said = (what) => new RegExp(`${NAMES[provider].replace('.', '\\.')} ${what}`);
	// Sora2API has no "waiting" state (successFlag 0 is "processing"), and its record has one
	// result URL (response.imageUrl): several URLs only exist in its 'simple' callback.
	const waitingStatus = provider === 'sora2api' ? 'processing' : 'queued';
	const urlCount = provider === 'sora2api' ? 1 : 3;

	// --- Create: faults on the create route ---------------------------------------------------
	add('create', '429 with Retry-After, a burst of 3', {
		faults: [{ times: 3, action: { type: 'rateLimit', retryAfter: 1 } }],
		expect: 'result',
	});
	add('create', '429 without Retry-After, a burst of 2', {
		faults: [{ times: 2, action: { type: 'rateLimit' } }],
		expect: 'result',
	});
	add('create', '429 in the envelope at HTTP 200, a burst of 2', {
		faults: [{ times: 2, action: code(429, false) }],
		expect: 'result',
	});
	add('create', '429 with Retry-After on 3 items at once (burst of 4)', {
		validItems: 3,
		faults: [{ times: 4, action: { type: 'rateLimit', retryAfter: 1 } }],
		expect: 'result',
	});
	add('create', 'Cloudflare 429 page, a burst of 2', {
		faults: [{ times: 2, action: { type: 'html', status: 429 } }],
		expect: 'result',
	});
	for (const [value, label, message, extra] of [...DEFINITE, ...TRANSIENT.map((entry) => [...entry, {}])]) {
		for (const [style, http] of styles) {
			add('create', `${value} ${label} (${style})`, {
				faults: [{ action: code(value, http, extra) }],
				expect: 'error',
				errorCode: String(value),
				message: value === 422 ? new RegExp(`no longer offers the model "${MODEL_OF[provider]}" \\(422\\)`) : message,
			});
		}
	}
	add('create', '401 whose message echoes the API key back (HTTP 200 + envelope code)', {
		faults: [{ action: code(401, false, { msg: `Invalid API key ${tally.KEYS[provider]}` }) }],
		expect: 'error',
		errorCode: '401',
		message: /rejected the API key \(401\)/,
		descriptionMatch: /\[redacted\]/,
	});
	add('create', '402 for one of 3 items at once: the error names the tasks of the other two', {
		validItems: 3,
		faults: [{ times: 1, action: code(402, false) }],
		expect: 'mixed',
		errors: 1,
		errorCode: '402',
		message: /Not enough credits/,
		descriptionMatch: /Tasks of the other items: item \d: \S+, item \d: \S+\.$/,
	});
	add('createWait', '401 on the status query after a good create: the error names the new task', {
		faults: [{ route: 'query', action: code(401, true) }],
		expect: 'error',
		errorCode: '401',
		message: /rejected the API key \(401\) while looking up task /,
	});
	const unconfirmed = { expect: 'error', errorCode: 'CREATE_UNCONFIRMED', message: said('did not confirm the new task') };
	add('create', 'connection reset before the response (no task made)', { faults: [{ action: { type: 'reset' } }], ...unconfirmed });
	add('create', 'connection reset before the response (task made)', { faults: [{ action: { type: 'reset', created: true } }], ...unconfirmed });
	add('create', 'connection reset in the middle of the body', { faults: [{ action: { type: 'resetMidBody' } }], ...unconfirmed });
	add('create', 'slow answer (2 s, within the request timeout)', { faults: [{ action: { type: 'delay', ms: 2000 } }], expect: 'result' });
	add('create', 'truncated JSON (task made)', { faults: [{ action: { type: 'malformed' } }], ...unconfirmed });
	add('create', 'truncated JSON (no task made)', { faults: [{ action: { type: 'malformed', created: false } }], ...unconfirmed });
	add('create', 'Cloudflare HTML error page (no task made)', { faults: [{ action: { type: 'html' } }], ...unconfirmed });
	add('create', 'Cloudflare HTML error page (task made)', { faults: [{ action: { type: 'html', created: true } }], ...unconfirmed });
	add('create', 'empty body (no task made)', { faults: [{ action: { type: 'empty' } }], ...unconfirmed });
	add('create', 'empty body (task made)', { faults: [{ action: { type: 'empty', created: true } }], ...unconfirmed });

	// --- Query and Wait Until Done: faults on the status query of the task --------------------
	for (const op of ['query', 'wait']) {
		// A query gets 4 tries, a wait 6 in a row: bursts below those get through.
		const burst = op === 'query' ? 2 : 3;
		add(op, `429 with Retry-After, a burst of ${burst}`, {
			faults: [{ times: burst, action: { type: 'rateLimit', retryAfter: 1 } }],
			expect: 'result',
		});
		add(op, `429 without Retry-After, a burst of ${burst}`, {
			faults: [{ times: burst, action: { type: 'rateLimit' } }],
			expect: 'result',
		});
		add(op, `429 in the envelope at HTTP 200, a burst of ${burst}`, {
			faults: [{ times: burst, action: code(429, false) }],
			expect: 'result',
		});
		for (const [value, label, message, extra] of DEFINITE) {
			for (const [style, http] of styles) {
				add(op, `${value} ${label} (${style})`, {
					faults: [{ action: code(value, http, extra) }],
					expect: 'error',
					errorCode: String(value),
					// A status query names no model: the address itself is what the provider does not serve.
					message: value === 422 ? /answered that the page does not exist \(422\)/ : message,
				});
			}
		}
		for (const [value, label] of TRANSIENT) {
			for (const [style, http] of styles) {
				add(op, `${value} ${label} (${style}), ${burst - 1} in a row`, {
					faults: [{ times: burst - 1, action: code(value, http) }],
					expect: 'result',
				});
			}
		}
		for (const [style, http] of styles) {
			add(op, `404 task not found (${style})`, {
				faults: [{ action: code(404, http, { msg: 'Task not found' }) }],
				expect: 'error',
				errorCode: 'NOT_FOUND',
				message: /^Task not found: .+ does not know the task ID/,
			});
		}
		add(op, '401 whose message echoes the API key back (HTTP status)', {
			faults: [{ action: code(401, true, { msg: `Invalid API key ${tally.KEYS[provider]}` }) }],
			expect: 'error',
			errorCode: '401',
			message: /rejected the API key \(401\)/,
			descriptionMatch: /\[redacted\]/,
		});
		add(op, 'a task ID the provider does not know (its own answer)', {
			unknownTask: true,
			expect: 'error',
			errorCode: 'NOT_FOUND',
			message: /^Task not found: .+ does not know the task ID/,
		});
		for (const [label, action] of TRANSPORT) {
			const times = action.type === 'delay' ? 1 : burst - 1;
			add(op, `${label}${times > 1 ? `, ${times} in a row` : ''}`, { faults: [{ times, action }], expect: 'result' });
		}
	}
	add('wait', '402 for one of 3 tasks: the others are still output or named', {
		validItems: 3,
		faults: [{ firstOnly: true, action: code(402, true) }],
		expect: 'mixed',
		errors: 1,
		errorCode: '402',
		message: /Not enough credits/,
		descriptionMatch: /Tasks of the other items: item \d: \S+, item \d: \S+\.$/,
	});
	add('wait', '429 on every status query, timeout 3 s: a timeout naming the task, never a 429 error', {
		faults: [{ action: { type: 'rateLimit', retryAfter: 1 } }],
		timeout: 3,
		expect: 'error',
		errorCode: 'TIMEOUT',
		message: /^Task .+ was not finished after 3 s \(last status: unknown\)$/,
	});
	add('wait', '429 with Retry-After on 3 tasks at once (burst of 6)', {
		validItems: 3,
		faults: [{ times: 6, untargeted: true, action: { type: 'rateLimit', retryAfter: 1 } }],
		expect: 'result',
	});

	// --- Task behaviours: Create + Wait, Wait Until Done, Query -------------------------------
	const fileTask = { download: true };
	for (const op of ['createWait', 'wait']) {
		add(op, 'a task that stays waiting (timeout 2 s)', {
			behaviour: { stuck: true },
			timeout: 2,
			expect: 'error',
			errorCode: 'TIMEOUT',
			message: new RegExp(`^Task .+ was not finished after 2 s \\(last status: ${waitingStatus}\\)$`),
			errorStatus: waitingStatus,
		});
		add(op, 'a task that flips from generating to fail', {
			behaviour: { failAfterGenerating: true, failCode: '500', failMsg: POLICY, durationMs: 1500 },
			expect: 'error',
			errorCode: '500',
			message: new RegExp(`^Task .+ failed at ${NAMES[provider].replace('.', '\\.')}: ${POLICY}$`),
			errorStatus: 'failed',
		});
		add(op, 'a task that flips from generating to fail, "output the failed task"', {
			behaviour: { failAfterGenerating: true, failCode: '500', failMsg: POLICY, durationMs: 1500 },
			onTaskFailure: 'output',
			expect: 'result',
			status: 'failed',
			check: (json) => expect(json.error).toEqual({ code: '500', message: POLICY }),
		});
		add(op, 'success with an empty resultJson, Download Video on', {
			behaviour: { resultUrls: [] },
			...fileTask,
			expect: 'error',
			errorCode: 'NO_VIDEO_URL',
			message: /^Task .+ has no video to download \(status: succeeded\)$/,
			errorStatus: 'succeeded',
		});
		add(op, 'success with several URLs, Download Video on', {
			behaviour: { extraResultUrls: 2 },
			...fileTask,
			expect: 'result',
			check: (json, item) => {
				expect(json.videoUrls).toHaveLength(urlCount);
				expect(json.videoUrl).toBe(json.videoUrls[0]);
				expect(item.binary.data).toMatchObject({ fileName: `${json.taskId}.mp4`, mimeType: 'video/mp4' });
			},
		});
		for (const [label, action, why] of [
			['the video download is cut off half-way', { type: 'resetMidBody' }, /could not be downloaded: the transfer broke off/],
			['the video download connection is reset', { type: 'reset' }, /could not be downloaded: the connection failed/],
		]) {
			add(op, `${label}, Download Video on`, {
				...fileTask,
				faults: [{ route: 'file', action }],
				expect: 'error',
				errorCode: 'DOWNLOAD_FAILED',
				message: why,
				errorStatus: 'succeeded',
			});
		}
		for (const status of [404, 403]) {
			// kie.ai hands out fresh links for the files it made: an expired one is renewed once.
			const renewed = {
				expect: 'result',
				check: (json, item) => {
					expect(json.freshLink).toMatchObject({ expiredStatus: status });
					expect(item.binary.data).toMatchObject({ mimeType: 'video/mp4' });
				},
			};
			const refused = {
				expect: 'error',
				errorCode: 'DOWNLOAD_FAILED',
				message: new RegExp(`could not be downloaded: the server answered HTTP ${status}; result links expire`),
				errorStatus: 'succeeded',
			};
			add(op, `a result URL that answers ${status}, Download Video on`, {
				behaviour: { fileStatus: status },
				...fileTask,
				...(provider === 'kie' ? renewed : refused),
			});
		}
	}
	add('query', 'a task that stays waiting', { behaviour: { stuck: true }, expect: 'result', status: waitingStatus });
	add('query', 'a task that flipped from generating to fail', {
		behaviour: { failAfterGenerating: true, failMsg: POLICY },
		finish: { fail: true },
		expect: 'result',
		status: 'failed',
	});
	add('query', 'success with an empty resultJson', {
		behaviour: { resultUrls: [] },
		expect: 'result',
		check: (json) => expect(json).toMatchObject({ videoUrl: null, videoUrls: [] }),
	});
	add('query', 'success with several URLs', {
		behaviour: { extraResultUrls: 2 },
		expect: 'result',
		check: (json) => expect(json.videoUrls).toHaveLength(urlCount),
	});
	return cases;
}

/** Slow cases (30–60 s each): one representative per provider, all run at the same time. */
function slowCases() {
	const cases = [];
	const persistentWait = { revid: { type: 'reset' }, sora2api: code(500, true), kie: { type: 'html' } };
	const persistentQuery = { revid: code(455, false), sora2api: { type: 'empty' }, kie: { type: 'resetMidBody' } };
	for (const provider of PROVIDER_IDS) {
		cases.push({
			provider,
			op: 'wait',
			name: `wait · ${provider} · ${persistentWait[provider].type}${persistentWait[provider].code ?? ''} on every query: 6 in a row fail the item`,
			faults: [{ action: persistentWait[provider] }],
			timeout: 120,
			expect: 'error',
			message: /, 6 times in a row, while waiting for task /,
			harnessTimeoutMs: 90_000,
		});
		cases.push({
			provider,
			op: 'query',
			name: `query · ${provider} · ${persistentQuery[provider].type}${persistentQuery[provider].code ?? ''} on every try: the query gives up after 4`,
			faults: [{ action: persistentQuery[provider] }],
			expect: 'error',
			message: / while looking up task /,
		});
	}
	cases.push({
		provider: 'kie',
		op: 'createWait',
		name: 'createWait · kie · a good create, then an HTML page on every status query: the error names the new task',
		faults: [{ route: 'query', action: { type: 'html', status: 503 } }],
		timeout: 120,
		expect: 'error',
		message: /^kie\.ai sent an HTML page \(HTTP 503\), 6 times in a row, while waiting for task kie_\w+$/,
		harnessTimeoutMs: 90_000,
	});
	cases.push({
		provider: 'kie',
		op: 'wait',
		name: 'wait · kie · a status answer slower than the 30 s request timeout',
		faults: [{ times: 1, action: { type: 'delay', ms: 31_000 } }],
		timeout: 120,
		expect: 'result',
		harnessTimeoutMs: 90_000,
	});
	cases.push({
		provider: 'revid',
		op: 'create',
		name: 'create · revid · an answer slower than the 60 s request timeout (the task is made)',
		faults: [{ action: { type: 'delay', ms: 61_500 } }],
		expect: 'error',
		errorCode: 'CREATE_UNCONFIRMED',
		message: /did not confirm the new task/,
		answerLost: true,
		variants: [false],
		harnessTimeoutMs: 100_000,
		settleMs: 3000,
	});
	cases.push({
		provider: 'sora2api',
		op: 'create',
		name: 'create · sora2api · a connection that never opens (refused)',
		refusedPort: true,
		expect: 'error',
		errorCode: 'CONNECTION_FAILED',
		message: /^Could not connect to Sora2API \(ECONNREFUSED\)$/,
		descriptionMatch: /No task was started/,
		harnessTimeoutMs: 60_000,
	});
	return cases;
}

const quickCases = PROVIDER_IDS.flatMap(casesFor);
const allSlowCases = slowCases();

// ---------------------------------------------------------------------------------------------
// Running one case
// ---------------------------------------------------------------------------------------------

/**
 * A port nothing listens on. Not one freed by closing a server: with suites side by side (and
 * many simulators here at a time), the next listen(0) of any process can take that one, and the
 * "refused" connection opens and is reset. Port 9 (discard) lies below the ephemeral range that
 * listen(0) picks from.
 */
const REFUSED_PORT = 9;

function waitParameters(c) {
	return {
		waitOptions: { timeout: c.timeout ?? 20, pollingMode: 'fixed', pollInterval: 1, onTaskFailure: c.onTaskFailure ?? 'error' },
		downloadVideo: Boolean(c.download),
	};
}

/** Runs one variant of a case on a simulator of its own; returns what the checks need. */
async function runVariant(c, continueOnFail) {
	const sim = await createSimulator({ taskDurationMs: TASK_DURATION_MS, apiKeys: tally.KEYS, hmacKey: tally.HMAC });
	try {
		const { provider } = c;
		const isCreate = c.op === 'create' || c.op === 'createWait';
		const preCreated = [];
		let items;
		let parameters;
		let knownTaskId;

		if (isCreate) {
			const valid = Array.from({ length: c.validItems ?? 1 }, (_, i) => ({ json: { prompt: `${PROMPT} (${i + 1})` } }));
			// continueOnFail: an item that fails its own checks comes first, so the item under fault is not item 0.
			items = continueOnFail ? [{ json: { prompt: '' } }, ...valid] : valid;
			parameters = { operation: 'create', model: MODEL_OF[provider], prompt: '={{ $json.prompt }}' };
			if (c.op === 'createWait') Object.assign(parameters, { waitForCompletion: true, ...waitParameters(c) });
			if (c.behaviour) sim.setNextTask(c.behaviour);
		} else {
			const healthy = [];
			if (continueOnFail) {
				const id = await createTask(sim, provider);
				if (c.op === 'query') sim.finishTask(id);
				healthy.push(id);
			}
			const faulted = [];
			for (let i = 0; i < (c.validItems ?? 1); i++) {
				if (c.unknownTask) {
					faulted.push(`${ID_PREFIX[provider]}${'f'.repeat(24)}`);
					continue;
				}
				const id = await createTask(sim, provider, { behaviour: c.behaviour });
				if (c.op === 'query' && !(c.behaviour && c.behaviour.stuck)) sim.finishTask(id, c.finish ?? {});
				faulted.push(id);
			}
			preCreated.push(...healthy, ...faulted.filter(() => !c.unknownTask));
			const oneFaulted = faulted.length === 1 || (c.faults ?? []).some((fault) => fault.firstOnly);
			knownTaskId = oneFaulted ? faulted[0] : undefined;
			items = [...healthy, ...faulted].map((taskId) => ({ json: { taskId } }));
			parameters = { operation: c.op === 'wait' ? 'waitUntilDone' : 'query', taskId: '={{ $json.taskId }}' };
			if (c.op === 'wait') Object.assign(parameters, waitParameters(c));
			// Faults hit only the task under test, not the healthy one.
			for (const fault of c.faults ?? []) {
				if (fault.untargeted) continue;
				for (const taskId of fault.firstOnly ? faulted.slice(0, 1) : faulted) {
					sim.addFault({ provider, route: fault.route ?? 'query', taskId, times: fault.times, action: fault.action });
				}
			}
		}
		for (const fault of c.faults ?? []) {
			if (isCreate) sim.addFault({ provider, route: fault.route ?? 'create', times: fault.times, action: fault.action });
			else if (fault.untargeted) sim.addFault({ provider, route: fault.route ?? 'query', times: fault.times, action: fault.action });
		}

		const credentialType = CREDENTIAL_OF[provider];
		const credentialOverrides = {
			[credentialType]: {
				apiKey: tally.KEYS[provider],
				...(provider === 'kie' ? { webhookHmacSecret: tally.HMAC } : {}),
				...(c.refusedPort ? { baseUrl: `http://127.0.0.1:${REFUSED_PORT}${provider === 'sora2api' ? '/api/v1/sora2' : ''}` } : {}),
			},
		};
		const logStart = sim.stats.log.length;
		const result = await runSora(sim, {
			provider,
			parameters,
			items,
			continueOnFail,
			credentialOverrides,
			// A credential of its own: its own pacer, as two credentials have in n8n.
			node: { credentials: { [credentialType]: { id: `fault-suite-${++runCounter}`, name: 'Test' } } },
			timeoutMs: c.harnessTimeoutMs ?? 60_000,
		});
		if (c.settleMs) await sleep(c.settleMs);

		const log = sim.stats.log.slice(logStart);
		const creates = log.filter((entry) => entry.key === `${provider}.create`);
		return { sim: { creates, tasksCreated: sim.stats.tasksCreated }, result, items, preCreated, knownTaskId, isCreate };
	} finally {
		await sim.close();
	}
}

const isErrorItem = (json) => Boolean(json && json.error && typeof json.error === 'object' && 'description' in json.error);

/** All checks of one variant, with jest's expect; tallies the figures as it goes. */
function checkVariant(c, continueOnFail, run) {
	const { result, items, preCreated, isCreate } = run;
	const said = everythingSaid(result);
	const leaked = tally.scanForSecrets(said, c.name);
	expect(leaked).toBe(0);
	expect(said.length).toBeGreaterThan(100);

	// No duplicate create: every create that made a task belongs to an item, and the node sent
	// a create again only after a 429 (a never-opened connection never reaches the simulator).
	const validItems = isCreate ? (c.validItems ?? 1) : 0;
	const made = run.sim.creates.filter((entry) => entry.taskId);
	const definite = run.sim.creates.filter((entry) => !(entry.status === 429 || entry.code === 429));
	const duplicates = Math.max(0, made.length - validItems, definite.length - validItems);
	tally.counts.duplicateCreates += duplicates;
	expect(duplicates).toBe(0);
	if (!isCreate) expect(run.sim.creates).toHaveLength(0);

	// Lost tasks: every task made during the run (and every task handed in) is named somewhere,
	// except a task whose ID the provider's broken answer never carried: then the error must say
	// that a task may have been started.
	const delivered = (entry) => !ANSWER_BREAKING.has(entry.fault) || (entry.fault === 'delay' && !c.answerLost);
	let lost = 0;
	for (const taskId of [...preCreated, ...made.map((entry) => entry.taskId)]) {
		if (said.includes(taskId)) continue;
		const entry = made.find((e) => e.taskId === taskId);
		const unreadable = entry && !delivered(entry);
		if (unreadable && said.includes('CREATE_UNCONFIRMED') && said.includes('A task may have been started')) {
			tally.counts.tasksUnconfirmed++;
		} else {
			lost++;
		}
	}
	tally.counts.tasksLost += lost;
	expect(lost).toBe(0);

	// The task ID the error must carry: the one handed in, or the one the provider confirmed.
	const confirmedCreate = made.find(delivered);
	const taskId = run.knownTaskId ?? (isCreate && confirmedCreate && (c.validItems ?? 1) === 1 ? confirmedCreate.taskId : undefined);
	const faultedCount = c.validItems ?? 1;
	const expectedLength = (continueOnFail ? 1 : 0) + faultedCount;

	if (!continueOnFail && (c.expect === 'error' || c.expect === 'mixed')) {
		const { error } = result;
		expect(error).toBeDefined();
		expect(['NodeApiError', 'NodeOperationError']).toContain(error.name);
		const why = tally.unreadableBecause(error.message, error.description);
		expect(why).toBeUndefined();
		if (c.message) expect(error.message).toMatch(c.message);
		if (c.descriptionMatch) expect(error.description).toMatch(c.descriptionMatch);
		if (c.errorCode) expect(error.context.errorCode).toBe(c.errorCode);
		if (taskId) {
			expect(`${error.message} ${error.description}`).toContain(taskId);
			expect(error.context.taskId).toBe(taskId);
		}
		return;
	}

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(expectedLength);
	result.items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	if (continueOnFail) {
		const [first] = result.items;
		if (isCreate) {
			expect(first.json.error).toMatchObject({ code: 'INVALID_INPUT', message: 'Item 1: "Prompt" is required' });
			expect(tally.unreadableBecause(first.json.error.message, first.json.error.description)).toBeUndefined();
		} else {
			expect(isErrorItem(first.json)).toBe(false);
			expect(first.json).toMatchObject({ provider: c.provider, taskId: preCreated[0], status: c.op === 'query' ? 'succeeded' : 'succeeded' });
		}
	}
	const offset = continueOnFail ? 1 : 0;
	const faulted = result.items.slice(offset);
	if (c.expect === 'mixed') expect(faulted.filter((item) => isErrorItem(item.json))).toHaveLength(c.errors);
	for (const [position, item] of faulted.entries()) {
		// A wait or query item is about the task handed in; a create item about the task it made.
		const itemTaskId = isCreate ? (faultedCount === 1 ? taskId : undefined) : items[offset + position].json.taskId;
		if (c.expect === 'error' || (c.expect === 'mixed' && isErrorItem(item.json))) {
			expect(isErrorItem(item.json)).toBe(true);
			expect(tally.unreadableBecause(item.json.error.message, item.json.error.description)).toBeUndefined();
			if (c.message) expect(item.json.error.message).toMatch(c.message);
			if (c.errorCode) expect(item.json.error.code).toBe(c.errorCode);
			expect(item.json.taskId).toBe(itemTaskId ?? null);
			if (itemTaskId) expect(`${item.json.error.message} ${item.json.error.description}`).toContain(itemTaskId);
			if (c.errorStatus) expect(item.json.status).toBe(c.errorStatus);
		} else {
			expect(isErrorItem(item.json)).toBe(false);
			const status = c.status ?? (c.op === 'create' ? 'queued' : 'succeeded');
			expect(item.json).toMatchObject({ provider: c.provider, status, taskId: expect.any(String) });
			if (itemTaskId) expect(item.json.taskId).toBe(itemTaskId);
			if (c.check) c.check(item.json, item);
		}
	}
	if (isCreate && c.expect !== 'error') {
		const ids = faulted.filter((item) => !isErrorItem(item.json)).map((item) => item.json.taskId);
		expect(new Set(ids).size).toBe(faultedCount - (c.errors ?? 0));
		expect(made.map((entry) => entry.taskId).sort()).toEqual([...ids].sort());
	}
}

/** FAULTS_DUMP=<file>: appends what the user saw in each run, to read the messages. */
function dump(c, label, run) {
	const { error, items } = run.result;
	const seen = error
		? { error: { name: error.name, code: error.context?.errorCode, message: error.message, description: error.description } }
		: { items: (items ?? []).map((item) => (isErrorItem(item.json) ? { taskId: item.json.taskId, status: item.json.status, error: item.json.error } : { taskId: item.json.taskId, status: item.json.status })) };
	require('node:fs').appendFileSync(process.env.FAULTS_DUMP, `${JSON.stringify({ case: c.name, variant: label, ...seen })}\n`);
}

/** Runs a case (both variants side by side) and records it; never throws. */
async function runCase(c) {
	const variants = c.variants ?? [false, true];
	const outcome = { name: c.name, errors: [] };
	await Promise.all(
		variants.map(async (continueOnFail) => {
			const label = continueOnFail ? 'continueOnFail' : 'plain';
			try {
				const run = await runVariant(c, continueOnFail);
				if (process.env.FAULTS_DUMP) dump(c, label, run);
				try {
					checkVariant(c, continueOnFail, run);
				} catch (error) {
					const shown = run.result.error
						? `node error: ${run.result.error.name}: ${run.result.error.message} / ${run.result.error.description}`
						: `items: ${JSON.stringify(run.result.items?.map((item) => item.json)).slice(0, 1500)}`;
					outcome.errors.push(`[${label}] ${error.message}\n${shown}`);
				}
			} catch (error) {
				outcome.errors.push(`[${label}] the run itself failed: ${error.stack}`);
			}
		}),
	);
	tally.recordFault(outcome.errors.length === 0, c.name, outcome.errors[0]?.split('\n')[0]);
	return outcome;
}

/** Runs `cases` with at most `limit` at a time. */
async function runAll(cases, limit, outcomes) {
	let next = 0;
	const worker = async () => {
		while (next < cases.length) {
			const c = cases[next++];
			outcomes.set(c.name, await runCase(c));
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, cases.length) }, worker));
}

const only = process.env.FAULTS_ONLY ? new RegExp(process.env.FAULTS_ONLY) : undefined;
const pick = (cases) => (only ? cases.filter((c) => only.test(c.name)) : cases);
const quick = pick(quickCases);
const slow = pick(allSlowCases);
const outcomes = new Map();

/**
 * Starts every case: the slow ones all at once (they mostly wait), the others `concurrency`
 * at a time. Resolves when all are done; never rejects (each case records its own failure).
 */
async function startProviderFaults({ concurrency = 8 } = {}) {
	await Promise.all([runAll(slow, slow.length, outcomes), runAll(quick, concurrency, outcomes)]);
}

/** Defines one jest test per case; `done()` is the promise of startProviderFaults. */
function defineProviderFaults(done) {
	beforeAll(async () => {
		await done();
	}, 280_000);

	const assertCase = (name) => {
		const outcome = outcomes.get(name);
		if (!outcome) throw new Error('the case did not run');
		if (outcome.errors.length) throw new Error(outcome.errors.join('\n\n'));
	};
	if (slow.length) describe('slow (one representative per provider)', () => test.each(slow.map((c) => c.name))('%s', assertCase));
	for (const provider of PROVIDER_IDS) {
		const mine = quick.filter((c) => c.provider === provider);
		if (mine.length) describe(provider, () => test.each(mine.map((c) => c.name))('%s', assertCase));
	}
}

module.exports = { startProviderFaults, defineProviderFaults, quickCases, slowCases: allSlowCases };
