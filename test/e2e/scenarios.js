'use strict';

// The end-to-end checks, run against one started n8n (see run.js). Each check is independent of the
// others' results but not of their order: the trigger checks count deliveries from the first one on.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { sleep, waitFor } = require('./lib/http');
const W = require('./workflows');
const { browserScenarios } = require('./browser/scenarios');
const { agentScenarios } = require('./scenarios/agent');

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '..', 'simulator', 'fixtures', 'sample.mp4'));
const SAMPLE_SIZE = SAMPLE.length; // 13735 bytes
const SAMPLE_PRETTY = '13.7 kB'; // n8n's fileSize is pretty-bytes of the stored size
const NAMES = { kie: 'kie.ai', revid: 'Revid', sora2api: 'Sora2API' };
// How long "nothing fired" is watched for after a rejected or duplicate delivery.
const QUIET_MS = 2000;

function runDataOf(execution) {
	return execution.data.resultData.runData;
}

/** The output items of a node's first run in an execution. */
function itemsOf(execution, nodeName) {
	const runs = runDataOf(execution)[nodeName];
	assert.ok(runs && runs.length, `node "${nodeName}" did not run (ran: ${Object.keys(runDataOf(execution)).join(', ')})`);
	const main = runs[0].data && runs[0].data.main;
	assert.ok(main && main[0], `node "${nodeName}" has no output`);
	return main[0];
}

function assertTask(json, provider, label) {
	assert.equal(json.provider, provider, `${label}: provider`);
	assert.match(String(json.taskId), /\S/, `${label}: taskId`);
	assert.equal(json.status, 'succeeded', `${label}: status (error: ${JSON.stringify(json.error)})`);
	assert.equal(json.progress, 100, `${label}: progress`);
	assert.equal(json.error, null, `${label}: error`);
	assert.match(String(json.videoUrl), new RegExp(`/files/${json.taskId}\\.mp4$`), `${label}: videoUrl`);
	assert.ok(Array.isArray(json.videoUrls) && json.videoUrls.includes(json.videoUrl), `${label}: videoUrls`);
	assert.ok(json.completedAt && !Number.isNaN(Date.parse(json.completedAt)), `${label}: completedAt`);
	assert.ok(json.raw && typeof json.raw === 'object', `${label}: raw`);
}

async function assertBinary(ctx, binary, taskId, label) {
	assert.ok(binary, `${label}: no binary`);
	assert.equal(binary.mimeType, 'video/mp4', `${label}: mimeType`);
	assert.equal(binary.fileName, `${taskId}.mp4`, `${label}: fileName`);
	assert.equal(binary.fileSize, SAMPLE_PRETTY, `${label}: fileSize`);
	const bytes = await ctx.n8n.binaryBytes(binary);
	assert.equal(bytes.length, SAMPLE_SIZE, `${label}: stored bytes`);
	assert.ok(bytes.equals(SAMPLE), `${label}: stored bytes differ from the simulator's sample MP4`);
}

/** Calls a webhook-started workflow and returns its (finished, parsed) execution. */
async function runWebhook(ctx, workflowId, webhookPath, body, { expectStatus = 200 } = {}) {
	const before = await ctx.n8n.lastExecutionId(workflowId);
	const res = await ctx.n8n.webhook(webhookPath, body);
	assert.equal(res.status, expectStatus, `webhook /webhook/${webhookPath} answered HTTP ${res.status}: ${String(res.text).slice(0, 300)}`);
	const [execution] = await ctx.n8n.waitForExecutions(workflowId, 1, { newerThan: before });
	return { res, execution };
}

function prompts(n, tag) {
	return Array.from({ length: n }, (_, i) => ({ prompt: `${tag} ${i + 1}: a red fox runs through fresh snow at dawn` }));
}

function triggerUrl(ctx, key = 'trigger') {
	return `${ctx.n8n.url}/webhook/${W.TRIGGER_WEBHOOK_IDS[key]}/callback`;
}

async function recorded(ctx, tag) {
	return (await ctx.sim.recorded()).filter((entry) => entry && entry.tag === tag);
}

/** Waits QUIET_MS, then asserts that the recorder and the trigger's executions did not grow. */
async function assertNothingFired(ctx, tag, workflowId, before, label) {
	await sleep(QUIET_MS);
	const now = await recorded(ctx, tag);
	assert.equal(now.length, before.recorded, `${label}: the workflow ran (recorder has ${now.length - before.recorded} new entries)`);
	const last = await ctx.n8n.lastExecutionId(workflowId);
	assert.equal(last, before.lastExecution, `${label}: a new execution ${last} of the trigger workflow`);
}

async function snapshot(ctx, tag, workflowId) {
	return { recorded: (await recorded(ctx, tag)).length, lastExecution: await ctx.n8n.lastExecutionId(workflowId) };
}

function scenarios() {
	const list = [];
	const add = (name, fn) => list.push({ name, fn });

	add('the package is loaded: Sora Video and Sora Video Trigger (and its first type name) are node types', async (ctx) => {
		const res = await ctx.n8n.rest('POST', '/node-types', {
			json: {
				nodeInfos: [
					{ name: 'n8n-nodes-sora-video.soraVideo', version: 1 },
					{ name: 'n8n-nodes-sora-video.soraVideoCallbackTrigger', version: 1 },
					{ name: 'n8n-nodes-sora-video.soraVideoTrigger', version: 1 },
				],
			},
		});
		assert.equal(res.status, 200, `POST /rest/node-types: HTTP ${res.status}`);
		const names = res.json.data.map((d) => d.displayName).sort();
		assert.deepEqual(names, ['Sora Video', 'Sora Video Callback Trigger', 'Sora Video Trigger']);
		// Names come back with or without the package prefix, depending on the n8n version.
		const hidden = Object.fromEntries(res.json.data.map((d) => [d.name.replace(/^.*\./, ''), d.hidden === true]));
		assert.deepEqual(hidden, { soraVideo: false, soraVideoCallbackTrigger: false, soraVideoTrigger: true });
		const creds = await ctx.n8n.restOk('GET', '/credentials');
		for (const p of W.PROVIDERS) {
			assert.ok(creds.some((c) => c.id === W.CREDENTIALS[p].id && c.type === W.CREDENTIALS[p].type), `credential ${W.CREDENTIALS[p].id}`);
		}
	});

	add('examples/*.json import into n8n, with every node type known and the simulator credentials attached', async (ctx) => {
		const examples = W.exampleWorkflows();
		assert.ok(examples.length >= 5, `${examples.length} examples`);
		const types = new Map();
		for (const { file, workflow } of examples) {
			const stored = await ctx.n8n.getWorkflow(workflow.id);
			assert.equal(stored.name, workflow.name, `${file}: imported`);
			for (const n of stored.nodes) {
				types.set(`${n.type}@${n.typeVersion}`, { name: n.type, version: n.typeVersion });
				for (const [type, ref] of Object.entries(n.credentials || {})) {
					const known = Object.values(W.CREDENTIALS).find((c) => c.id === ref.id);
					assert.ok(known && known.type === type, `${file}: node "${n.name}" uses credential ${ref.id} (${type}), which is not imported`);
				}
			}
		}
		const res = await ctx.n8n.rest('POST', '/node-types', { json: { nodeInfos: [...types.values()] } });
		assert.equal(res.status, 200);
		const found = new Set(res.json.data.map((d) => d.name));
		const missing = [...types.values()].filter((t) => !found.has(t.name) && !found.has(t.name.split('.').pop()));
		assert.deepEqual(missing, [], 'node types n8n does not know');
	});

	for (const provider of W.PROVIDERS) {
		add(`create + wait for completion + download video (${NAMES[provider]}), 2 items`, async (ctx) => {
			await ctx.sim.reset();
			const items = prompts(2, `create-${provider}`);
			const { res, execution } = await runWebhook(ctx, W.ids.create[provider], W.webhookPaths.create(provider), { items });
			assert.equal(execution.status, 'success', `execution status ${execution.status}`);
			assert.ok(Array.isArray(res.json) && res.json.length === 2, `webhook response: ${String(res.text).slice(0, 200)}`);
			const out = itemsOf(execution, 'Create video');
			assert.equal(out.length, 2, 'output items');
			const stats = await ctx.sim.stats();
			for (const [index, item] of out.entries()) {
				const label = `item ${index}`;
				assertTask(item.json, provider, label);
				assert.equal(item.json.model, W.MODEL_OF[provider], `${label}: model`);
				assert.deepEqual(item.pairedItem, { item: index }, `${label}: pairedItem`);
				await assertBinary(ctx, item.binary && item.binary.data, item.json.taskId, label);
				const task = await ctx.sim.task(item.json.taskId);
				const sentPrompt = provider === 'sora2api' ? task.body.prompt : task.input.prompt;
				assert.equal(sentPrompt, items[index].prompt, `${label}: the prompt expression reached the provider`);
				assert.equal(stats.perTask[item.json.taskId].fileDownloads, 1, `${label}: downloads`);
			}
			assert.equal(stats.requests[`${provider}.create`], 2, `creates at the provider: ${JSON.stringify(stats.requests)}`);
			assert.equal(stats.tasksCreated, 2, 'tasks created');
		});
	}

	for (const provider of W.PROVIDERS) {
		add(`create → Query → Wait Until Done with {{ $json.taskId }} (${NAMES[provider]})`, async (ctx) => {
			await ctx.sim.reset();
			const items = prompts(2, `chain-${provider}`);
			const { execution } = await runWebhook(ctx, W.ids.chain[provider], W.webhookPaths.chain(provider), { items });
			assert.equal(execution.status, 'success', `execution status ${execution.status}`);
			const started = itemsOf(execution, 'Start video');
			const queried = itemsOf(execution, 'Query task');
			const done = itemsOf(execution, 'Wait until done');
			assert.equal(started.length, 2);
			assert.equal(queried.length, 2);
			assert.equal(done.length, 2);
			for (let i = 0; i < 2; i++) {
				const taskId = started[i].json.taskId;
				assert.equal(started[i].json.provider, provider);
				assert.ok(['queued', 'processing'].includes(started[i].json.status), `create status ${started[i].json.status}`);
				assert.equal(queried[i].json.taskId, taskId, `item ${i}: Query got the task ID by expression`);
				assert.ok(['queued', 'processing', 'succeeded'].includes(queried[i].json.status), `query status ${queried[i].json.status}`);
				assert.deepEqual(queried[i].pairedItem, { item: i });
				assert.equal(done[i].json.taskId, taskId, `item ${i}: Wait Until Done got the task ID by expression`);
				assertTask(done[i].json, provider, `item ${i}`);
				assert.deepEqual(done[i].pairedItem, { item: i });
				await assertBinary(ctx, done[i].binary && done[i].binary.video, taskId, `item ${i} (field "video")`);
			}
			const stats = await ctx.sim.stats();
			assert.equal(stats.requests[`${provider}.create`], 2, `creates: ${JSON.stringify(stats.requests)}`);
			assert.ok(stats.requests[`${provider}.query`] >= 4, `queries: ${JSON.stringify(stats.requests)}`);
		});
	}

	const fired = {};
	add('trigger (active workflow): real callbacks from kie.ai, Revid and Sora2API fire it, with the video', async (ctx) => {
		await ctx.sim.reset();
		await ctx.sim.configure({ hmacKey: W.HMAC_KEY });
		const url = triggerUrl(ctx);
		const before = await ctx.n8n.lastExecutionId(W.ids.trigger);
		const created = {};
		for (const provider of W.PROVIDERS) {
			const { execution } = await runWebhook(ctx, W.ids.callback[provider], W.webhookPaths.callback(provider), {
				items: [{ prompt: `callback-${provider}: a paper boat on a rainy street`, callbackUrl: url }],
			});
			const [item] = itemsOf(execution, 'Start video with callback');
			created[provider] = item.json.taskId;
			const task = await ctx.sim.task(item.json.taskId);
			assert.equal(task.callBackUrl, url, `${provider}: the create sent the trigger's production URL`);
		}
		fired.auto = created;
		const entries = await waitFor('three recorded trigger runs', async () => {
			const list = await recorded(ctx, 'auto');
			return list.length >= 3 ? list : undefined;
		}, { timeoutMs: 45_000, intervalMs: 300 });
		assert.equal(entries.length, 3, `recorded ${entries.length}`);
		for (const provider of W.PROVIDERS) {
			const entry = entries.find((e) => e.json.taskId === created[provider]);
			assert.ok(entry, `${provider}: no recorded run for task ${created[provider]}`);
			assertTask(entry.json, provider, `${provider} trigger output`);
			assert.equal(entry.json.confirmed, true, `${provider}: confirmed with the provider`);
			assert.deepEqual(
				entry.binary,
				{ fileName: `${created[provider]}.mp4`, mimeType: 'video/mp4', fileSize: SAMPLE_PRETTY, fileExtension: 'mp4' },
				`${provider}: binary seen by the next node`,
			);
		}
		const callbacks = await ctx.sim.callbacks();
		for (const provider of W.PROVIDERS) {
			const delivery = callbacks.find((c) => c.taskId === created[provider] && !c.manual);
			assert.ok(delivery, `${provider}: the simulator sent no callback`);
			assert.equal(delivery.status, 200, `${provider}: callback answered ${delivery.status} ${delivery.response || delivery.error}`);
			assert.equal(delivery.url, url);
			if (provider === 'kie') assert.ok(delivery.headers['x-webhook-signature'], 'kie callback was signed');
		}
		const executions = await ctx.n8n.waitForExecutions(W.ids.trigger, 3, { newerThan: before });
		assert.equal(executions.length, 3, 'trigger executions');
		for (const execution of executions) {
			assert.equal(execution.status, 'success', `trigger execution ${execution.id}: ${execution.status}`);
			assert.equal(execution.mode, 'webhook', `trigger execution mode ${execution.mode}`);
			const [item] = itemsOf(execution, 'Sora Video Trigger');
			await assertBinary(ctx, item.binary && item.binary.data, item.json.taskId, `trigger execution ${execution.id}`);
		}
	});

	add('trigger: a bad kie.ai signature or a replayed one fires nothing; the valid one fires once', async (ctx) => {
		const url = triggerUrl(ctx);
		const taskId = await ctx.sim.createTask('kie', 'signature check');
		await ctx.sim.finishTask(taskId);
		const before = await snapshot(ctx, 'auto', W.ids.trigger);
		const bad = await ctx.sim.sendCallback(url, { taskId, sign: 'bad' });
		assert.equal(bad.status, 401, `bad signature answered ${bad.status} ${bad.body || bad.error}`);
		const unsigned = await ctx.sim.sendCallback(url, { taskId, provider: 'kie', sign: false, body: undefined });
		// Unsigned and kie-shaped, with a Revid credential attached: read as Revid's, and Revid does not know the task.
		assert.ok([401, 404].includes(unsigned.status), `unsigned kie callback answered ${unsigned.status} ${unsigned.body}`);
		const replay = await ctx.sim.sendCallback(url, { taskId, sign: true, timestamp: Math.floor(Date.now() / 1000) - 3600 });
		assert.equal(replay.status, 401, `replayed callback answered ${replay.status} ${replay.body}`);
		await assertNothingFired(ctx, 'auto', W.ids.trigger, before, 'rejected callbacks');
		const good = await ctx.sim.sendCallback(url, { taskId, sign: true });
		assert.equal(good.status, 200, `valid callback answered ${good.status} ${good.body}`);
		const entry = await waitFor('the valid callback to fire', async () => (await recorded(ctx, 'auto')).find((e) => e.json.taskId === taskId), {
			timeoutMs: 20_000,
		});
		assertTask(entry.json, 'kie', 'signed kie callback');
		fired.signed = taskId;
	});

	add('trigger: a duplicate delivery fires nothing', async (ctx) => {
		assert.ok(fired.auto && fired.signed, 'needs the two checks before it');
		const url = triggerUrl(ctx);
		const before = await snapshot(ctx, 'auto', W.ids.trigger);
		for (const [provider, taskId] of Object.entries(fired.auto)) {
			const again = await ctx.sim.sendCallback(url, { taskId });
			assert.equal(again.status, 200, `${provider} duplicate answered ${again.status} ${again.body}`);
			assert.equal(JSON.parse(again.body).duplicate, true, `${provider} duplicate: ${again.body}`);
		}
		const again = await ctx.sim.sendCallback(url, { taskId: fired.signed, sign: true });
		assert.equal(JSON.parse(again.body).duplicate, true, `signed duplicate: ${again.body}`);
		await assertNothingFired(ctx, 'auto', W.ids.trigger, before, 'duplicate deliveries');
	});

	add('trigger with a secret token (saved with the trigger\'s first type name): a wrong or missing token fires nothing; the right one fires', async (ctx) => {
		const url = triggerUrl(ctx, 'triggerToken');
		const taskId = await ctx.sim.createTask('revid', 'token check');
		await ctx.sim.finishTask(taskId);
		const before = await snapshot(ctx, 'token', W.ids.triggerToken);
		const wrong = await ctx.sim.sendCallback(url, { taskId, token: 'not-the-token' });
		assert.equal(wrong.status, 401, `wrong token answered ${wrong.status} ${wrong.body}`);
		const missing = await ctx.sim.sendCallback(url, { taskId });
		assert.equal(missing.status, 401, `missing token answered ${missing.status} ${missing.body}`);
		await assertNothingFired(ctx, 'token', W.ids.triggerToken, before, 'wrong token');
		const right = await ctx.sim.sendCallback(url, { taskId, token: W.TRIGGER_TOKEN });
		assert.equal(right.status, 200, `right token answered ${right.status} ${right.body}`);
		const entry = await waitFor('the token trigger to fire', async () => (await recorded(ctx, 'token')).find((e) => e.json.taskId === taskId), {
			timeoutMs: 20_000,
		});
		assertTask(entry.json, 'revid', 'token trigger output');
		assert.equal(entry.binary && entry.binary.fileName, `${taskId}.mp4`, 'token trigger downloaded the video');
		const dup = await ctx.sim.sendCallback(url, { taskId, token: W.TRIGGER_TOKEN });
		assert.equal(JSON.parse(dup.body).duplicate, true, `duplicate with token: ${dup.body}`);
	});

	add('trigger: callbacks sent back to back on one keep-alive connection are all answered and all fire', async (ctx) => {
		// Providers deliver over keep-alive connections; the simulator's sender does too.
		const url = triggerUrl(ctx);
		const taskIds = [];
		for (let i = 0; i < 3; i++) {
			const taskId = await ctx.sim.createTask('kie', `burst ${i + 1}`);
			await ctx.sim.finishTask(taskId);
			taskIds.push(taskId);
		}
		const answers = [];
		for (const taskId of taskIds) answers.push(await ctx.sim.sendCallback(url, { taskId, sign: true }));
		answers.forEach((answer, i) => {
			assert.equal(answer.status, 200, `callback ${i + 1} of 3 (${taskIds[i]}): ${answer.status ?? answer.error} ${answer.body || ''}`);
		});
		await waitFor('all three to fire', async () => {
			const list = await recorded(ctx, 'auto');
			return taskIds.every((id) => list.some((e) => e.json.taskId === id));
		}, { timeoutMs: 20_000 });
	});

	add('n8n logged no errors while it handled the callbacks', async (ctx) => {
		const bad = ctx.n8n.output.filter((line) =>
			/Error in handling webhook request|Failed to restore binary data|There was a problem executing the workflow/.test(line),
		);
		const unique = [...new Set(bad.map((line) => line.replace(/\x1b\[[0-9;]*m/g, '').replace(/^[\d:.]+\s+\w+\s+/, '').slice(0, 160)))];
		assert.equal(bad.length, 0, `n8n logged ${bad.length} error line(s) while handling webhooks, e.g.:\n${unique.slice(0, 3).join('\n')}`);
	});

	add('provider error 402: a node error with a readable message', async (ctx) => {
		await ctx.sim.reset();
		await ctx.sim.addFault({ provider: 'kie', route: 'create', action: { type: 'code', code: 402 } });
		const { res, execution } = await runWebhook(ctx, W.ids.error, W.webhookPaths.error, { items: prompts(1, 'error') }, {
			expectStatus: 500,
		});
		assert.ok(res.status >= 400, `webhook answered ${res.status}`);
		assert.equal(execution.status, 'error', `execution status ${execution.status}`);
		const { resultData } = execution.data;
		assert.equal(resultData.lastNodeExecuted, 'Create video');
		const nodeError = resultData.runData['Create video'][0].error;
		assert.ok(nodeError, 'the node run has an error');
		assert.match(nodeError.message, /^Not enough credits in your kie\.ai account \(402\)/, `node error: ${nodeError.message}`);
		assert.match(resultData.error.message, /Not enough credits .*\(402\)/, `execution error: ${resultData.error.message}`);
		assert.equal(resultData.error.node && resultData.error.node.name, 'Create video', 'the error names the node');
		const stats = await ctx.sim.stats();
		assert.equal(stats.requests['kie.create'], 1, 'one create, not retried');
		assert.equal(stats.tasksCreated, 0);
	});

	add('provider error 402 under continueOnFail: an item with `error` set, per input item', async (ctx) => {
		await ctx.sim.reset();
		await ctx.sim.addFault({ provider: 'kie', route: 'create', action: { type: 'code', code: 402 } });
		const { res, execution } = await runWebhook(ctx, W.ids.errorContinue, W.webhookPaths.errorContinue, { items: prompts(2, 'continue') });
		assert.equal(execution.status, 'success', `execution status ${execution.status}`);
		const out = itemsOf(execution, 'Create video');
		assert.equal(out.length, 2);
		for (const [index, item] of out.entries()) {
			assert.ok(item.json.error, `item ${index}: error is set`);
			assert.equal(item.json.error.code, '402', `item ${index}: error.code`);
			assert.match(item.json.error.message, /Not enough credits in your kie\.ai account \(402\)/, `item ${index}: ${item.json.error.message}`);
			assert.equal(item.json.taskId, null, `item ${index}: no task`);
			assert.deepEqual(item.pairedItem, { item: index });
		}
		assert.equal(res.json.length, 2, 'the webhook answered with both items');
		const stats = await ctx.sim.stats();
		assert.equal(stats.requests['kie.create'], 2, 'one create per item');
	});

	/** The one new execution of the callback workflow once it reaches `status`. */
	async function callbackExecution(ctx, before, status, label) {
		return await waitFor(`${label}: an execution of the callback workflow to be ${status}`, async () => {
			const rows = (await ctx.n8n.executions(W.ids.callbackWait)).filter((row) => Number(row.id) > before);
			return rows.length === 1 && rows[0].status === status ? rows[0] : undefined;
		}, { timeoutMs: 60_000, intervalMs: 300 });
	}

	/** n8n 2.x registers a published workflow's webhooks shortly after activation returns. */
	async function callWhenRegistered(ctx, body) {
		let res;
		await waitFor('the callback workflow\'s webhook to be registered', async () => {
			res = await ctx.n8n.webhook(W.webhookPaths.callbackWait, body);
			return res.status !== 404;
		}, { timeoutMs: 30_000, intervalMs: 500 });
		return res;
	}

	async function tasksOf(ctx, prompt) {
		const stats = await ctx.sim.stats();
		const found = [];
		for (const [taskId, row] of Object.entries(stats.perTask)) {
			const task = await ctx.sim.task(taskId);
			if (task.input && String(task.input.prompt).startsWith(prompt)) found.push({ taskId, queries: row.queries, task });
		}
		return found;
	}

	add('callback wait: the execution waits with 0 status queries, forged callbacks and a restart of n8n do not disturb it, the callback resumes it', async (ctx) => {
		const { n8n, sim } = ctx;
		await sim.reset();
		await sim.configure({ hmacKey: W.HMAC_KEY });
		const before = await n8n.lastExecutionId(W.ids.callbackWait);
		await sim.nextTask({ stuck: true });
		const prompt = 'callback wait one';
		const res = await callWhenRegistered(ctx, { items: [{ prompt: `${prompt}: a heron lands`, confirm: false, download: true }] });
		assert.equal(res.status, 200, `webhook answered ${res.status}: ${String(res.text).slice(0, 300)}`);
		const row = await callbackExecution(ctx, before, 'waiting', 'paused');
		const [{ taskId, task }] = await tasksOf(ctx, prompt);
		const resumeUrl = new URL(task.callBackUrl);
		assert.match(resumeUrl.pathname, new RegExp(`/webhook-waiting/${row.id}$`), `callBackUrl ${resumeUrl.pathname}`);

		// Forged: no token, a wrong token; each is refused and the execution stays paused.
		const noToken = new URL(resumeUrl);
		noToken.searchParams.delete('soraVideoToken');
		const wrongToken = new URL(resumeUrl);
		wrongToken.searchParams.set('soraVideoToken', 'f'.repeat(64));
		for (const [label, url] of [['no token', noToken], ['wrong token', wrongToken]]) {
			const answer = await sim.sendCallback(url.toString(), { taskId, body: {
				code: 200, msg: 'success',
				data: { taskId, state: 'success', resultJson: JSON.stringify({ resultUrls: ['http://127.0.0.1:9/forged.mp4'] }) },
			} });
			assert.ok(answer.status >= 400 && answer.status < 500, `${label}: answered ${answer.status}`);
		}
		await sleep(QUIET_MS);
		assert.equal((await callbackExecution(ctx, before, 'waiting', 'after forged callbacks')).id, row.id);

		// n8n stopped and started again while the execution waits.
		await n8n.stop();
		await n8n.start();
		await n8n.login();
		assert.equal((await callbackExecution(ctx, before, 'waiting', 'after the restart')).id, row.id);
		assert.equal((await sim.stats()).perTask[taskId].queries, 0, 'status queries while waiting');

		await sim.finishTask(taskId);
		await callbackExecution(ctx, before, 'success', 'resumed').catch(async (error) => {
			const rows = (await n8n.executions(W.ids.callbackWait)).filter((r) => Number(r.id) > before);
			const callbacks = (await sim.callbacks()).filter((c) => c.taskId === taskId);
			throw new Error(`${error.message}; executions ${JSON.stringify(rows.map((r) => [r.id, r.status]))}; callbacks ${JSON.stringify(callbacks.map((c) => [c.status, c.error, c.response]))}\n${n8n.tail(30)}`);
		});
		const execution = await n8n.execution(row.id);
		const [item] = itemsOf(execution, 'Create video');
		assertTask(item.json, 'kie', 'resumed output');
		assert.equal(item.json.taskId, taskId);
		await assertBinary(ctx, item.binary && item.binary.data, taskId, 'resumed download');
		const [entry] = await recorded(ctx, 'callbackWait');
		assert.equal(entry && entry.json.taskId, taskId, 'the node after Create ran with the task');
		const stats = await sim.stats();
		assert.equal(stats.perTask[taskId].queries, 0, 'status queries in all (confirmation off)');
		assert.equal(stats.tasksCreated, 1, 'tasks created');
		const delivered = (await sim.callbacks()).filter((c) => c.taskId === taskId && c.status === 200);
		assert.equal(delivered.length, 1, 'the real callback was answered 200 once');
	});

	add('callback wait, two items: the first callback resumes once, the other task is polled until its own callback; confirmed once each', async (ctx) => {
		const { n8n, sim } = ctx;
		await sim.reset();
		await sim.configure({ hmacKey: W.HMAC_KEY });
		const before = await n8n.lastExecutionId(W.ids.callbackWait);
		await sim.nextTask({ stuck: true });
		await sim.nextTask({ stuck: true });
		const prompt = 'callback wait two';
		const res = await callWhenRegistered(ctx, {
			items: [{ prompt: `${prompt} a`, confirm: true, download: false }, { prompt: `${prompt} b`, confirm: true, download: false }],
		});
		assert.equal(res.status, 200);
		const row = await callbackExecution(ctx, before, 'waiting', 'paused');
		const tasks = await tasksOf(ctx, prompt);
		assert.equal(tasks.length, 2, 'two tasks');
		const [first, second] = tasks.sort((a, b) => a.task.input.prompt.localeCompare(b.task.input.prompt));
		assert.equal(first.queries + second.queries, 0, 'no status query while paused');

		await sim.finishTask(first.taskId);
		// Resumed by the first callback; the second task is now being polled.
		await waitFor('the second task to be polled', async () => (await sim.stats()).perTask[second.taskId].queries >= 2, { timeoutMs: 30_000, intervalMs: 300 });
		await sim.finishTask(second.taskId);
		await callbackExecution(ctx, before, 'success', 'resumed');
		const items = itemsOf(await n8n.execution(row.id), 'Create video');
		assert.deepEqual(items.map((item) => item.json.taskId), [first.taskId, second.taskId], 'one output per input item, in order');
		items.forEach((item, index) => assertTask(item.json, 'kie', `item ${index + 1}`));
		const stats = await sim.stats();
		assert.equal(stats.perTask[first.taskId].queries, 1, 'the first task: one confirmation');
		assert.equal(stats.tasksCreated, 2, 'tasks created');
		assert.equal((await n8n.executions(W.ids.callbackWait)).filter((r) => Number(r.id) > before).length, 1, 'one execution');
	});

	// Last: it kills n8n. The observations are printed and kept in `reliabilitySeen` for the README.
	require('./scenarios/models').addModelChecks(add, { runWebhook, itemsOf, assertTask, assertBinary, recorded, triggerUrl });
	for (const { name, fn } of require('./scenarios/binaryInput').scenarios({ itemsOf, runWebhook, assertTask, assertBinary })) add(name, fn);
	require('./scenarios/costSafety').addCostSafetyChecks(add, { runWebhook, itemsOf, assertTask, assertBinary });
	require('./scenarios/afterClip').addAfterClipChecks(add, { runWebhook, itemsOf, assertTask, assertBinary });

	add('reliability: SIGKILL during Wait Until Done, restart; the execution is marked ended and the task ID is findable', async (ctx) => {
		const { n8n, sim } = ctx;
		await sim.reset();
		const cases = [
			{ key: 'default', id: W.ids.reliability, path: W.webhookPaths.reliability, prompt: 'reliability default settings: a lighthouse in a storm' },
			{ key: 'saveProgress', id: W.ids.reliabilityProgress, path: W.webhookPaths.reliabilityProgress, prompt: 'reliability save progress: a lighthouse in a storm' },
		];
		for (const c of cases) {
			c.before = await n8n.lastExecutionId(c.id);
			await sim.nextTask({ stuck: true });
			const res = await n8n.webhook(c.path, { prompt: c.prompt });
			assert.equal(res.status, 200, `${c.key}: webhook answered ${res.status} ${String(res.text).slice(0, 200)}`);
		}
		// Both executions running, each task created and queried at least twice by Wait Until Done.
		await waitFor('both executions to be running and their tasks queried', async () => {
			const stats = await sim.stats();
			for (const c of cases) {
				const rows = (await n8n.executions(c.id)).filter((row) => Number(row.id) > c.before);
				if (rows.length !== 1 || rows[0].status !== 'running') return false;
				c.executionId = rows[0].id;
			}
			for (const [taskId, row] of Object.entries(stats.perTask)) {
				const task = await sim.task(taskId);
				const c = cases.find((x) => x.prompt === task.input.prompt);
				if (c) Object.assign(c, { taskId, queries: row.queries });
			}
			return cases.every((c) => c.taskId && c.queries >= 2);
		}, { timeoutMs: 60_000, intervalMs: 500 });

		// SIGKILL to n8n's whole process group (the main process and its task runners), as an OOM kill or a power cut would.
		const child = n8n.child;
		process.kill(-child.pid, 'SIGKILL');
		const exit = await child.exited;
		assert.equal(exit.signal, 'SIGKILL', `n8n exit: ${JSON.stringify(exit)}`);
		const killedAt = Date.now();
		await n8n.start();
		await n8n.login();
		const seen = { version: ctx.version, restartS: (Date.now() - killedAt) / 1000 };
		for (const c of cases) {
			// n8n may amend a crashed execution shortly after start-up: wait for it to stop being "running".
			let row;
			try {
				row = await waitFor(`execution ${c.executionId} to leave "running"`, async () => {
					const rows = await n8n.executions(c.id);
					const r = rows.find((x) => String(x.id) === String(c.executionId));
					return r && !['running', 'new'].includes(r.status) ? r : undefined;
				}, { timeoutMs: 30_000, intervalMs: 500 });
			} catch {
				row = (await n8n.executions(c.id)).find((x) => String(x.id) === String(c.executionId));
			}
			const execution = await n8n.execution(c.executionId);
			const text = JSON.stringify(execution);
			const resultData = (execution.data && execution.data.resultData) || {};
			const runData = resultData.runData || {};
			const where = [];
			for (const [nodeName, runs] of Object.entries(runData)) {
				if (JSON.stringify(runs).includes(c.taskId)) where.push(`run data of "${nodeName}"`);
			}
			if (resultData.error && JSON.stringify(resultData.error).includes(c.taskId)) where.push('the execution error');
			seen[c.key] = {
				executionId: c.executionId,
				taskId: c.taskId,
				queriesBeforeKill: c.queries,
				listStatus: row && row.status,
				status: execution.status,
				finished: execution.finished,
				stoppedAt: execution.stoppedAt,
				error: resultData.error ? `${resultData.error.name || ''}: ${resultData.error.message}` : null,
				nodesInRunData: Object.fromEntries(Object.entries(runData).map(([name, runs]) => [
					name,
					runs.map((r) => `${r.executionStatus || '?'}${r.error ? ` (error: ${r.error.message})` : ''}, items ${r.data && r.data.main && r.data.main[0] ? r.data.main[0].length : 0}`).join('; '),
				])),
				taskIdFoundIn: where,
				taskIdAnywhereInExecution: text.includes(c.taskId),
				// What the node logged when it created the task (n8n's log at its default level, info).
				taskIdInN8nLog: n8n.output.some((line) => line.includes(`task ${c.taskId} created`)),
			};
		}
		console.log(`        seen: ${JSON.stringify(seen, null, 2).split('\n').join('\n        ')}`);
		reliabilitySeen.push(seen);
		for (const c of cases) {
			const s = seen[c.key];
			assert.ok(['crashed', 'error', 'failed', 'unknown'].includes(s.status), `${c.key}: execution ${c.executionId} is "${s.status}" after the restart`);
			assert.ok(s.stoppedAt, `${c.key}: execution ${c.executionId} has no stoppedAt`);
		}
		for (const c of cases) assert.ok(seen[c.key].taskIdInN8nLog, `${c.key}: task ${c.taskId} is not in n8n's log`);
		// With "Save execution progress" the create node's output was saved before the kill, so the task ID
		// survives. With n8n's default settings it may not (n8n rebuilds the run data from its event log,
		// without the node outputs): that is reported above, not asserted, and written down in the README.
		assert.ok(seen.saveProgress.taskIdFoundIn.includes('run data of "Start video"'),
			`save progress: task ${seen.saveProgress.taskId} is not in the saved run data (${JSON.stringify(seen.saveProgress.taskIdFoundIn)})`);
	});

	add('reliability: SIGKILL while a callback wait is paused; after the restart it still waits, with the task ID, and the callback resumes it', async (ctx) => {
		const { n8n, sim } = ctx;
		await sim.reset();
		await sim.configure({ hmacKey: W.HMAC_KEY });
		const before = await n8n.lastExecutionId(W.ids.callbackWait);
		await sim.nextTask({ stuck: true });
		const prompt = 'callback wait killed';
		const res = await callWhenRegistered(ctx, { items: [{ prompt: `${prompt}: a lighthouse in a storm`, confirm: true, download: false }] });
		assert.equal(res.status, 200);
		const row = await callbackExecution(ctx, before, 'waiting', 'paused');
		const [{ taskId }] = await tasksOf(ctx, prompt);

		process.kill(-n8n.child.pid, 'SIGKILL');
		const exit = await n8n.child.exited;
		assert.equal(exit.signal, 'SIGKILL', `n8n exit: ${JSON.stringify(exit)}`);
		await n8n.start();
		await n8n.login();
		assert.equal((await callbackExecution(ctx, before, 'waiting', 'after SIGKILL and restart')).id, row.id);
		assert.ok(JSON.stringify(await n8n.execution(row.id)).includes(taskId), `task ${taskId} is in the paused execution's data`);

		await sim.finishTask(taskId);
		await callbackExecution(ctx, before, 'success', 'resumed after the crash');
		const [item] = itemsOf(await n8n.execution(row.id), 'Create video');
		assertTask(item.json, 'kie', 'resumed after the crash');
		assert.equal(item.json.taskId, taskId);
		assert.equal((await sim.stats()).tasksCreated, 1, 'tasks created');
	});

	return [...list, ...agentScenarios(), ...browserScenarios()];
}

const reliabilitySeen = [];

module.exports = { scenarios, SAMPLE_SIZE, reliabilitySeen };
