'use strict';

// Today's models in real n8n: kie.ai's default model (a node added as a user adds it, with no model
// chosen) gets a video; Veo 3.1, kie.ai's second API, creates, waits and downloads (then Wait Until
// Done fetches its 1080p copy), and its callback fires an active trigger. Kling 3.0 create + wait + download is the kie.ai case of scenarios.js.

const assert = require('node:assert/strict');

const { waitFor } = require('../lib/http');
const W = require('../workflows');

const ids = { defaultModel: 'e2eDefaultKie001', veoWait: 'e2eVeoWait000001', veoCallback: 'e2eVeoCallback01' };
const paths = { defaultModel: 'e2e-default-kie', veoWait: 'e2e-veo-wait', veoCallback: 'e2e-veo-callback' };
const VEO = { provider: 'kie', operation: 'create', model: 'veo3_fast', prompt: '={{ $json.prompt }}' };
const WAIT = { waitForCompletion: true, downloadVideo: true, waitOptions: { pollingMode: 'fixed', pollInterval: 1 } };

function workflows() {
	const sora = (name, version, parameters) => W.node(name, W.SORA, version, parameters, { credentials: W.credentialRef('kie') });
	return [
		// Version 1.1 is what the editor adds today; no model parameter, as n8n saves a default.
		W.workflow(ids.defaultModel, 'e2e: kie.ai with the default model', [
			...W.webhookStart(paths.defaultModel),
			sora('Create video', 1.1, { provider: 'kie', operation: 'create', prompt: '={{ $json.prompt }}', ...WAIT }),
		]),
		W.workflow(ids.veoWait, 'e2e: Veo 3.1 create, wait and download; then its 1080p copy', [
			...W.webhookStart(paths.veoWait),
			sora('Create video', 1.1, { ...VEO, ...WAIT }),
			sora('Wait for 1080p', 1.1, {
				provider: 'kie',
				operation: 'waitUntilDone',
				taskId: '={{ $json.taskId }}',
				downloadVideo: true,
				waitOptions: { ...WAIT.waitOptions, fullResolution: true },
			}),
		]),
		W.workflow(ids.veoCallback, 'e2e: Veo 3.1 with the trigger as callback', [
			...W.webhookStart(paths.veoCallback),
			sora('Start video with callback', 1.1, { ...VEO, callbackUrl: '={{ $json.callbackUrl }}' }),
		]),
	];
}

const activeIds = Object.values(ids);

/** `h`: the helpers of scenarios.js (runWebhook, itemsOf, assertTask, assertBinary, recorded, triggerUrl). */
function addModelChecks(add, h) {
	add('kie.ai with the default model (a new node, no model chosen) creates with Kling 3.0, waits and downloads the video', async (ctx) => {
		await ctx.sim.reset();
		const { execution } = await h.runWebhook(ctx, ids.defaultModel, paths.defaultModel, { items: [{ prompt: 'default model: a red fox in the snow' }] });
		assert.equal(execution.status, 'success', `execution status ${execution.status}`);
		const [item] = h.itemsOf(execution, 'Create video');
		h.assertTask(item.json, 'kie', 'default model');
		assert.equal(item.json.model, 'kling-3.0/video', 'the default model');
		await h.assertBinary(ctx, item.binary && item.binary.data, item.json.taskId, 'default model');
		const task = await ctx.sim.task(item.json.taskId);
		assert.deepEqual(task.body.input, { prompt: 'default model: a red fox in the snow', duration: '5', aspect_ratio: '16:9', mode: 'std', sound: false, multi_shots: false });
	});

	add('Veo 3.1 (kie.ai\'s Veo API): create + wait for completion + download video, 2 items; Wait Until Done fetches the 1080p copy', async (ctx) => {
		await ctx.sim.reset();
		const items = [{ prompt: 'veo 1: a hummingbird' }, { prompt: 'veo 2: a waterfall' }];
		const { execution } = await h.runWebhook(ctx, ids.veoWait, paths.veoWait, { items });
		assert.equal(execution.status, 'success', `execution status ${execution.status}`);
		const out = h.itemsOf(execution, 'Create video');
		assert.equal(out.length, 2);
		for (const [index, item] of out.entries()) {
			h.assertTask(item.json, 'kie', `veo item ${index}`);
			assert.equal(item.json.model, 'veo3_fast');
			assert.deepEqual(item.pairedItem, { item: index });
			await h.assertBinary(ctx, item.binary && item.binary.data, item.json.taskId, `veo item ${index}`);
			const task = await ctx.sim.task(item.json.taskId);
			assert.equal(task.api, 'veo', 'created through the Veo API');
			assert.equal(task.body.prompt, items[index].prompt);
		}
		const hd = h.itemsOf(execution, 'Wait for 1080p');
		assert.equal(hd.length, 2);
		for (const [index, item] of hd.entries()) {
			assert.equal(item.json.taskId, out[index].json.taskId);
			assert.equal(item.json.videoUrl, `${out[index].json.videoUrl}?resolution=1080p`, `1080p item ${index}: videoUrl`);
			assert.equal(item.binary && item.binary.data && item.binary.data.mimeType, 'video/mp4', `1080p item ${index}: downloaded`);
		}
		const stats = await ctx.sim.stats();
		assert.equal(stats.requests['kie.create'], 2, `creates: ${JSON.stringify(stats.requests)}`);
		// Each task: "processing" once, then the link.
		assert.equal(stats.requests['kie.veo1080p'], 4, `1080p asks: ${JSON.stringify(stats.requests)}`);
	});

	add('Veo 3.1: its signed callback fires the active trigger once, confirmed and with the video', async (ctx) => {
		await ctx.sim.reset();
		await ctx.sim.configure({ hmacKey: W.HMAC_KEY });
		const url = h.triggerUrl(ctx);
		const { execution } = await h.runWebhook(ctx, ids.veoCallback, paths.veoCallback, {
			items: [{ prompt: 'veo callback: a paper boat', callbackUrl: url }],
		});
		const [created] = h.itemsOf(execution, 'Start video with callback');
		const { taskId } = created.json;
		const entry = await waitFor('the Veo callback to fire the trigger', async () => (await h.recorded(ctx, 'auto')).find((e) => e.json.taskId === taskId), {
			timeoutMs: 30_000,
			intervalMs: 300,
		});
		h.assertTask(entry.json, 'kie', 'Veo trigger output');
		assert.equal(entry.json.confirmed, true, 'confirmed with the Veo record');
		assert.equal(entry.json.model, 'veo3_fast');
		assert.equal(entry.binary && entry.binary.fileName, `${taskId}.mp4`, 'the trigger downloaded the video');
		const delivery = (await ctx.sim.callbacks()).find((c) => c.taskId === taskId && !c.manual);
		assert.equal(delivery.status, 200, `callback answered ${delivery.status} ${delivery.response || delivery.error}`);
		assert.ok(delivery.headers['x-webhook-signature'], 'the Veo callback was signed');
		assert.ok(delivery.body.data.info, 'the Veo callback shape');
	});
}

module.exports = { workflows, activeIds, addModelChecks };
