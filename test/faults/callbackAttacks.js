'use strict';

// Callback attacks on the Sora Video Trigger (issue 6): the compiled trigger behind
// n8n-core's WebhookContext, attacked over real HTTP by someone who knows the webhook URL but
// not the API keys, the HMAC key or the secret token.
// Rejected means: a 4xx with a short reason and no execution; for duplicates, one execution in
// all; for a forged body about a real, finished task that the trigger confirms with the
// provider, the provider's own record goes out and the forged URL is neither output nor fetched.
const http = require('node:http');

const { createSimulator } = require('../simulator');
const { PROVIDER_IDS } = require('../support/credentials');
const {
	startTrigger,
	createTask,
	finishedTask,
	startRecorder,
	marketSuccessBody,
	marketFailureBody,
	queryBody,
} = require('../support/trigger');
const tally = require('./tally');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);
const MIB = 1024 * 1024;

function defineCallbackAttacks() {
	let sim;
	let evil;
	let open = [];
	const answers = [];

	beforeAll(async () => {
		sim = await createSimulator({ taskDurationMs: 300, apiKeys: tally.KEYS, hmacKey: tally.HMAC });
		evil = await startRecorder();
	});
	afterEach(async () => {
		for (const t of open) {
			tally.scanForSecrets(t.fired, 'a trigger output');
			tally.scanForSecrets(t.logs(), 'a trigger log line');
			tally.scanForSecrets(t.server.requests.map((entry) => entry.response ?? entry.error ?? null), 'a trigger answer');
			await t.close();
		}
		open = [];
		tally.scanForSecrets(answers.splice(0), 'a trigger answer');
		sim.reset();
	});
	afterAll(async () => {
		await evil.close();
		await sim.close();
	});

	/** A trigger with the suite's keys; `hmac` adds the kie.ai Webhook HMAC Key. */
	async function trigger({ provider = 'auto', credentials, hmac = false, options = {}, staticData } = {}) {
		const t = await startTrigger(sim, {
			provider,
			credentials,
			options,
			staticData,
			credentialOverrides: { kieAiApi: { webhookHmacSecret: hmac ? tally.HMAC : '' } },
		});
		open.push(t);
		return t;
	}

	async function send(t, options) {
		const res = await sim.sendCallback(t.url, options);
		answers.push(res);
		let json;
		try {
			json = JSON.parse(res.body);
		} catch {
			json = undefined;
		}
		return { ...res, json };
	}

	/** POSTs raw bytes, optionally chunked (no Content-Length). */
	function post(t, payload, { contentType = 'application/json', chunked = false } = {}) {
		return new Promise((resolve, reject) => {
			const req = http.request(t.url, {
				method: 'POST',
				agent: false,
				headers: {
					connection: 'close',
					'content-type': contentType,
					...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(payload) }),
				},
			});
			req.on('error', (error) => resolve({ status: null, error: error.code ?? error.message }));
			req.on('response', (res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => {
					const body = Buffer.concat(chunks).toString('utf8');
					answers.push(body);
					let json;
					try {
						json = JSON.parse(body);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, body, json });
				});
			});
			if (chunked) {
				const piece = 256 * 1024;
				for (let at = 0; at < payload.length; at += piece) req.write(payload.slice(at, at + piece));
				req.end();
			} else {
				req.end(payload);
			}
		}).then((res) => {
			if (res.status === null) reject(new Error(`the POST failed: ${res.error}`));
			return res;
		});
	}

	async function idle(t) {
		for (let i = 0; i < 300; i++) {
			if (t.server.requests.every((entry) => entry.response !== undefined || entry.error !== undefined)) return;
			await sleep(10);
		}
		throw new Error('the webhook server did not finish its requests');
	}

	/** A 4xx with a short reason, and no execution. */
	async function expectRejected(t, res, status, reason) {
		if (Array.isArray(status)) expect(status).toContain(res.status);
		else expect(res.status).toBe(status);
		if (res.status !== 422) {
			// 422 is n8n's own answer to an unparsable JSON body, before the node runs.
			expect(res.json).toEqual({ received: false, error: expect.any(String) });
			expect(res.json.error.length).toBeLessThan(60);
			if (reason) expect(res.json.error).toMatch(reason);
		}
		await idle(t);
		expect(t.fired).toHaveLength(0);
	}

	/** One jest test per attack, counted in the figures. */
	function attack(name, fn, timeout) {
		test(
			name,
			async () => {
				try {
					await fn();
				} catch (error) {
					tally.recordAttack(false, name, error.message.split('\n')[0]);
					throw error;
				}
				expect(evil.hits).toEqual([]);
				tally.recordAttack(true, name);
			},
			timeout,
		);
	}

	const queries = (provider) => sim.stats.requests[`${provider}.query`] || 0;

	/** A forged success in the provider's own callback shape. */
	function forgedSuccess(provider, taskId, urls) {
		if (provider === 'sora2api') return { code: 200, msg: 'success', data: { taskId, promptJson: '{"prompt":"forged"}', resultUrls: urls } };
		return marketSuccessBody(taskId, urls);
	}

	// --- kie.ai signatures ------------------------------------------------------------------
	describe.each(['kie', 'auto'])('kie.ai signed callbacks (trigger provider: %s)', (provider) => {
		const signed = () => trigger({ provider, credentials: 'kie', hmac: true });
		const cases = [
			['a forged signature', (taskId) => ({ taskId, sign: 'bad' }), /bad signature/],
			['a signature made for another task', (taskId, otherBody) => ({ taskId, body: otherBody, sign: true }), /bad signature/],
			['a missing signature when a key is set', (taskId) => ({ taskId, sign: false }), /missing signature/],
			['a timestamp but no signature', (taskId) => ({ taskId, sign: false, timestamp: nowSeconds() }), /missing signature/],
			['a replayed timestamp, 301 s old (tolerance 300 s)', (taskId) => ({ taskId, sign: true, timestamp: nowSeconds() - 301 }), /replay/],
			['a replayed timestamp, a day old', (taskId) => ({ taskId, sign: true, timestamp: nowSeconds() - 86_400 }), /replay/],
			['a timestamp 10 minutes in the future', (taskId) => ({ taskId, sign: true, timestamp: nowSeconds() + 600 }), /future/],
			['a timestamp that is not a number', (taskId) => ({ taskId, sign: true, timestamp: 'yesterday' }), /timestamp/],
		];
		for (const [name, build, reason] of cases) {
			attack(`${name} → 401, before any provider query`, async () => {
				const t = await signed();
				const taskId = await finishedTask(sim, 'kie');
				const otherBody = await queryBody(sim, 'kie', await finishedTask(sim, 'kie'));
				const before = queries('kie');
				await expectRejected(t, await send(t, build(taskId, otherBody)), 401, reason);
				expect(queries('kie')).toBe(before);
			});
		}
	});

	// --- secret token -------------------------------------------------------------------------
	describe.each(PROVIDER_IDS)('secret token (%s)', (provider) => {
		const tokened = () => trigger({ provider, credentials: provider, options: { secretToken: tally.TOKEN } });
		for (const [name, build] of [
			['a wrong token in ?token=', (taskId) => ({ taskId, token: `${tally.TOKEN}x`, sign: false })],
			['a wrong token in X-Webhook-Token', (taskId) => ({ taskId, headers: { 'x-webhook-token': 'guess' }, sign: false })],
			['no token', (taskId) => ({ taskId, sign: false })],
		]) {
			attack(`${name} → 401, before any provider query`, async () => {
				const t = await tokened();
				const taskId = await finishedTask(sim, provider);
				const before = queries(provider);
				await expectRejected(t, await send(t, build(taskId)), 401, /token/);
				expect(queries(provider)).toBe(before);
			});
		}
	});

	// --- bodies that are no callback ----------------------------------------------------------
	describe('bodies that cannot be a callback (auto, every credential, kie.ai signing)', () => {
		const any = () => trigger({ provider: 'auto', credentials: 'all', hmac: true });
		attack('a non-JSON body (text/plain) → 400', async () => {
			const t = await any();
			await expectRejected(t, await post(t, 'the video is ready, trust me', { contentType: 'text/plain' }), 400, /not JSON/);
		});
		attack('a non-JSON body sent as application/json → 4xx', async () => {
			const t = await any();
			await expectRejected(t, await post(t, '{"code":200,"data":{"taskId":'), [400, 422]);
		});
		attack('a 10 MiB body with its Content-Length → 413', async () => {
			const t = await any();
			const body = JSON.stringify(marketSuccessBody('kie_big', ['https://cdn.example.com/v.mp4'], { padding: 'x'.repeat(10 * MIB) }));
			await expectRejected(t, await post(t, body), 413, /too large/);
		});
		attack('a 10 MiB body, chunked (no Content-Length) → 413', async () => {
			const t = await any();
			const body = JSON.stringify(marketSuccessBody('kie_big', ['https://cdn.example.com/v.mp4'], { padding: 'x'.repeat(10 * MIB) }));
			await expectRejected(t, await post(t, body, { chunked: true }), 413, /too large/);
		});
		attack('a JSON bomb: 100 000 levels of nesting → 400', async () => {
			const t = await any();
			const depth = 100_000;
			await expectRejected(t, await post(t, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`), [400, 422]);
		});
		attack('a JSON bomb: 50 000 nested arrays inside a callback → 400', async () => {
			const t = await any();
			const depth = 50_000;
			await expectRejected(t, await post(t, `{"code":200,"data":${'['.repeat(depth)}${']'.repeat(depth)}}`), [400, 422]);
		});
		attack('a valid callback with 40 extra levels inside → 400', async () => {
			const t = await any();
			const body = marketSuccessBody('kie_deep', ['https://cdn.example.com/v.mp4']);
			let cursor = body.data;
			for (let i = 0; i < 40; i++) cursor = cursor.next = {};
			await expectRejected(t, await post(t, JSON.stringify(body)), 400, /nested too deeply/);
		});
		attack('JSON of an unknown shape → 400', async () => {
			const t = await any();
			await expectRejected(t, await send(t, { body: { hello: 'world' }, sign: false }), 400, /unknown callback shape/);
		});
		attack('a JSON array → 400', async () => {
			const t = await any();
			await expectRejected(t, await send(t, { body: [1, 2, 3], sign: false }), 400);
		});
		attack('a success with no task ID → 400', async () => {
			const t = await any();
			await expectRejected(t, await send(t, { body: { code: 200, data: { state: 'success', resultJson: '{"resultUrls":[]}' } }, sign: false }), 400);
		});
		attack("another provider's shape to a trigger that only has kie.ai → 4xx", async () => {
			const t = await trigger({ provider: 'auto', credentials: 'kie', hmac: true });
			const res = await send(t, { body: forgedSuccess('sora2api', 'sora2_forged', [`${evil.url}/v.mp4`]), provider: 'sora2api', sign: false });
			await expectRejected(t, res, [400, 401]);
		});
	});

	// --- duplicates, late failures, unknown tasks, forged URLs --------------------------------
	describe.each(PROVIDER_IDS)('deliveries (%s, credential attached)', (provider) => {
		const confirming = (options = {}, staticData) => trigger({ provider, credentials: provider, hmac: true, options, staticData });

		attack('a duplicate delivery fires once', async () => {
			const t = await confirming();
			const taskId = await finishedTask(sim, provider);
			expect((await send(t, { taskId })).json).toEqual({ received: true, taskId, status: 'succeeded' });
			expect((await send(t, { taskId })).json).toEqual({ received: true, duplicate: true });
			await idle(t);
			expect(t.fired).toHaveLength(1);
		});
		attack('three copies arriving together fire once', async () => {
			const t = await confirming();
			const taskId = await finishedTask(sim, provider);
			const all = await Promise.all([send(t, { taskId }), send(t, { taskId }), send(t, { taskId })]);
			expect(all.map((res) => res.status)).toEqual([200, 200, 200]);
			expect(all.filter((res) => res.json.duplicate === true)).toHaveLength(2);
			await idle(t);
			expect(t.fired).toHaveLength(1);
		});
		attack('a redelivery after a restart (same static data) does not fire', async () => {
			const staticData = {};
			const first = await confirming({}, staticData);
			const taskId = await finishedTask(sim, provider);
			expect((await send(first, { taskId })).status).toBe(200);
			await first.server.waitForFired(1);
			const restarted = await confirming({}, staticData);
			expect((await send(restarted, { taskId })).json).toEqual({ received: true, duplicate: true });
			await idle(restarted);
			expect(restarted.fired).toHaveLength(0);
		});
		attack('a failure arriving after a success does not fire', async () => {
			const t = await confirming();
			const taskId = await finishedTask(sim, provider);
			expect((await send(t, { taskId })).json.status).toBe('succeeded');
			const failure =
				provider === 'sora2api'
					? { code: 500, msg: 'failed', data: { taskId, promptJson: '{}', resultUrls: [] } }
					: marketFailureBody(taskId);
			const res = await send(t, { body: failure, provider, sign: provider === 'kie' ? true : false });
			expect(res.status).toBe(200);
			expect(res.json).toEqual({ received: true, duplicate: true });
			await idle(t);
			expect(t.fired).toHaveLength(1);
			expect(t.items()[0].json.status).toBe('succeeded');
		});
		attack('a callback naming a task the provider does not know → 404', async () => {
			const t = await confirming();
			const body = forgedSuccess(provider, `${provider}_no_such_task`, [`${sim.url}/files/x.mp4`]);
			await expectRejected(t, await send(t, { body, provider, sign: provider === 'kie' ? true : false }), 404, /unknown task/);
		});

		for (const [what, url] of [
			['127.0.0.1', () => `${evil.url}/latest/meta-data.mp4`],
			['a file: URL', () => 'file:///etc/passwd'],
		]) {
			attack(`a success whose video URL is ${what}, for a task the provider does not know → 404, nothing fetched`, async () => {
				const t = await confirming({ downloadVideo: true });
				const body = forgedSuccess(provider, `${provider}_forged_task`, [url()]);
				await expectRejected(t, await send(t, { body, provider, sign: provider === 'kie' ? true : false }), 404, /unknown task/);
			});
			attack(`a success whose video URL is ${what}, for a task still running → 202, no execution, nothing fetched`, async () => {
				const t = await confirming({ downloadVideo: true });
				const taskId = await createTask(sim, provider, { behaviour: { stuck: true } });
				const res = await send(t, { body: forgedSuccess(provider, taskId, [url()]), provider, sign: provider === 'kie' ? true : false });
				expect(res.status).toBe(202);
				expect(res.json.received).toBe(true);
				await idle(t);
				expect(t.fired).toHaveLength(0);
			});
			attack(`a success whose video URL is ${what}, for a finished task → the provider's record goes out, the forged URL is neither output nor fetched`, async () => {
				const t = await confirming({ downloadVideo: true });
				const taskId = await finishedTask(sim, provider);
				const forged = url();
				const res = await send(t, { body: forgedSuccess(provider, taskId, [forged]), provider, sign: provider === 'kie' ? true : false });
				expect(res.json).toEqual({ received: true, taskId, status: 'succeeded' });
				await t.server.waitForFired(1);
				const [item] = t.items();
				const real = `${sim.url}/files/${taskId}.mp4`;
				expect(item.json).toMatchObject({ provider, taskId, status: 'succeeded', videoUrl: real, confirmed: true });
				expect(JSON.stringify(item.json)).not.toContain(forged);
				expect(item.binary.data.fileName).toBe(`${taskId}.mp4`);
				expect(sim.stats.perTask[taskId].fileDownloads).toBe(1);
			});
		}
		attack('a success pointing at 127.0.0.1 without the secret token → 401, nothing fetched', async () => {
			const t = await trigger({ provider, credentials: null, options: { secretToken: tally.TOKEN, downloadVideo: true } });
			const taskId = await finishedTask(sim, provider);
			const body = forgedSuccess(provider, taskId, [`${evil.url}/internal.mp4`]);
			await expectRejected(t, await send(t, { body, provider, sign: false }), 401, /token/);
		});
	});

	attack('kie.ai: an unsigned success pointing at 127.0.0.1, no credential confirmation but a signing key → 401', async () => {
		const t = await trigger({ provider: 'kie', credentials: 'kie', hmac: true, options: { confirmWithProvider: false, downloadVideo: true } });
		const taskId = await finishedTask(sim, 'kie');
		await expectRejected(t, await send(t, { body: marketSuccessBody(taskId, [`${evil.url}/internal.mp4`]), sign: false }), 401, /missing signature/);
	});

	// Not counted as attacks: with no credential, no token and no signing key the trigger has
	// nothing to tell a forgery by (the README says so). What it must still never do is fetch
	// the forged URL.
	test('unverified trigger (no credential, token or key): a forged URL fires but is never fetched', async () => {
		for (const provider of PROVIDER_IDS) {
			const t = await trigger({ provider, credentials: null, options: { downloadVideo: true } });
			const taskId = await finishedTask(sim, provider);
			for (const url of [`${evil.url}/internal.mp4`, 'file:///etc/passwd']) {
				const res = await send(t, { body: forgedSuccess(provider, `${taskId}`, [url]), provider, sign: false });
				expect(res.status).toBe(200);
			}
			await idle(t);
			expect(t.fired).toHaveLength(1);
			const [item] = t.items();
			expect(item.json.confirmed).toBe(false);
			expect(item.binary).toBeUndefined();
			expect(item.json.downloadError).toMatch(/unverified/);
		}
		expect(evil.hits).toEqual([]);
	});

	// A provider fault seen from the trigger: confirmation slower than its 5 s budget.
	test('trigger faults: a provider slower than the 5 s confirmation timeout, or resetting, is 503 with no execution', async () => {
		const cases = [];
		for (const provider of PROVIDER_IDS) {
			cases.push([`trigger · ${provider} · confirmation slower than 5 s`, provider, { type: 'delay', ms: 6000 }]);
			cases.push([`trigger · ${provider} · confirmation connection reset`, provider, { type: 'reset' }]);
		}
		const results = await Promise.all(
			cases.map(async ([name, provider, action]) => {
				try {
					const t = await trigger({ provider, credentials: provider, hmac: true });
					const taskId = await finishedTask(sim, provider);
					sim.addFault({ provider, route: 'query', taskId, action });
					const started = Date.now();
					const res = await send(t, { taskId });
					expect(Date.now() - started).toBeLessThan(14_000); // Sora2API gives up after 15 s
					await expectRejected(t, res, 503, /could not confirm/);
					expect(t.logs().join('\n')).toContain(taskId);
					tally.recordFault(true, name);
					return undefined;
				} catch (error) {
					tally.recordFault(false, name, error.message.split('\n')[0]);
					return `${name}: ${error.message}`;
				}
			}),
		);
		expect(results.filter(Boolean)).toEqual([]);
	}, 40_000);
}

module.exports = { defineCallbackAttacks };
