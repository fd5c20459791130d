'use strict';

// After the first clip, in real n8n (node version 1.2): a Veo video extended, then upscaled to 4K
// and downloaded; a task whose result link expired downloaded again through a fresh link; Get Credits.

const assert = require('node:assert/strict');

const W = require('../workflows');

const ids = { extend4k: 'e2eExtendThen4K1', expired: 'e2eExpiredLink01', credits: 'e2eGetCredits001' };
const paths = { extend4k: 'e2e-extend-4k', expired: 'e2e-expired-link', credits: 'e2e-get-credits' };
const WAIT = { waitForCompletion: true, waitOptions: { pollingMode: 'fixed', pollInterval: 1 } };

function workflows() {
	const sora = (name, parameters) => W.node(name, W.SORA, 1.2, { provider: 'kie', ...parameters }, { credentials: W.credentialRef('kie') });
	return [
		W.workflow(ids.extend4k, 'e2e: Veo clip, extended, then upscaled to 4K and downloaded', [
			...W.webhookStart(paths.extend4k),
			sora('Create clip', { resource: 'video', operation: 'create', model: 'veo3_fast', prompt: '={{ $json.prompt }}', ...WAIT }),
			sora('Extend clip', { resource: 'video', operation: 'extend', taskId: '={{ $json.taskId }}', extendPrompt: 'the camera pulls back', ...WAIT }),
			sora('Start 4K', { resource: 'video', operation: 'upscale4k', taskId: '={{ $json.taskId }}' }),
			sora('Get 4K', { resource: 'video', operation: 'upscale4k', taskId: '={{ $json.taskId }}', waitForCompletion: true, downloadVideo: true }),
		]),
		W.workflow(ids.expired, 'e2e: a task whose link expired, downloaded through a fresh link', [
			...W.webhookStart(paths.expired),
			sora('Query with download', { resource: 'video', operation: 'query', taskId: '={{ $json.taskId }}', downloadVideo: true }),
		]),
		W.workflow(ids.credits, 'e2e: Get Credits', [
			...W.webhookStart(paths.credits),
			sora('Credits', { resource: 'account', operation: 'getCredits' }),
		]),
	];
}

const activeIds = Object.values(ids);

/** `h`: the helpers of scenarios.js. */
function addAfterClipChecks(add, h) {
	add('Veo: create, Extend, Upscale to 4K and download the 4K video (node version 1.2)', async (ctx) => {
		await ctx.sim.reset();
		await ctx.sim.configure({ fourKDurationMs: 1 });
		const { execution } = await h.runWebhook(ctx, ids.extend4k, paths.extend4k, { items: [{ prompt: 'afterclip: a lighthouse at dusk' }] });
		assert.equal(execution.status, 'success', `execution status ${execution.status}`);
		const [clip] = h.itemsOf(execution, 'Create clip');
		const [extended] = h.itemsOf(execution, 'Extend clip');
		assert.equal(extended.json.status, 'succeeded', 'the extension finished');
		assert.notEqual(extended.json.taskId, clip.json.taskId, 'the extension is a task of its own');
		const [started] = h.itemsOf(execution, 'Start 4K');
		assert.equal(started.json.status, 'processing');
		const [fourK] = h.itemsOf(execution, 'Get 4K');
		assert.equal(fourK.json.status, 'succeeded');
		assert.match(String(fourK.json.videoUrl), /resolution=4k$/);
		assert.equal(fourK.binary && fourK.binary.data && fourK.binary.data.mimeType, 'video/mp4', 'the 4K video was downloaded');
		const stats = await ctx.sim.stats();
		assert.equal(stats.requests['kie.extend'], 1, `extends: ${JSON.stringify(stats.requests)}`);
		assert.equal(stats.requests['kie.veo4k'], 2, `4K asks: ${JSON.stringify(stats.requests)}`);
		const extendTask = await ctx.sim.task(extended.json.taskId);
		assert.deepEqual(extendTask.body, { taskId: clip.json.taskId, prompt: 'the camera pulls back' });
	});

	add('an expired result link (410): Query with Download Video downloads through one fresh kie.ai link', async (ctx) => {
		await ctx.sim.reset();
		await ctx.sim.nextTask({ fileStatus: 410 });
		const taskId = await ctx.sim.createTask('kie', 'expired link');
		await ctx.sim.finishTask(taskId);
		const { execution } = await h.runWebhook(ctx, ids.expired, paths.expired, { items: [{ taskId }] });
		assert.equal(execution.status, 'success', `execution status ${execution.status}`);
		const [item] = h.itemsOf(execution, 'Query with download');
		assert.equal(item.json.freshLink && item.json.freshLink.expiredStatus, 410, 'the output says the link had expired');
		await h.assertBinary(ctx, item.binary && item.binary.data, taskId, 'fresh link');
		const stats = await ctx.sim.stats();
		assert.equal(stats.requests['kie.downloadUrl'], 1);
	});

	add('Get Credits outputs the kie.ai balance', async (ctx) => {
		await ctx.sim.reset();
		const { execution } = await h.runWebhook(ctx, ids.credits, paths.credits, { items: [{ n: 1 }] });
		assert.equal(execution.status, 'success', `execution status ${execution.status}`);
		const [item] = h.itemsOf(execution, 'Credits');
		assert.equal(item.json.credits, 1234.5);
	});
}

module.exports = { workflows, activeIds, addAfterClipChecks };
