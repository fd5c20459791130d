'use strict';

// Cost safety in real n8n: with the node setting Retry On Fail on, a failure after the create (the
// first download of the video) makes n8n run the node again, and the retry continues each item's
// task instead of creating (and paying for) another.

const assert = require('node:assert/strict');

const W = require('../workflows');

const ids = { retry: 'e2eRetryOnFail01' };
const paths = { retry: 'e2e-retry-on-fail' };

function workflows() {
	return [
		W.workflow(ids.retry, 'e2e: Retry On Fail continues the created tasks', [
			...W.webhookStart(paths.retry),
			W.node('Create video', W.SORA, 1.1, {
				provider: 'kie',
				operation: 'create',
				model: 'kling-3.0/video',
				prompt: '={{ $json.prompt }}',
				waitForCompletion: true,
				downloadVideo: true,
				waitOptions: { pollingMode: 'fixed', pollInterval: 1 },
			}, { credentials: W.credentialRef('kie'), retryOnFail: true, maxTries: 3, waitBetweenTries: 100 }),
		]),
	];
}

const activeIds = Object.values(ids);

/** `h`: the helpers of scenarios.js. */
function addCostSafetyChecks(add, h) {
	add('Retry On Fail: a download that fails after the create is retried without a second create per item', async (ctx) => {
		await ctx.sim.reset();
		await ctx.sim.addFault({ route: 'file', times: 1, action: { type: 'code', code: 500, http: true } });
		const items = [{ prompt: 'retry 1: a heron takes off' }, { prompt: 'retry 2: rain on a window' }];
		const { execution } = await h.runWebhook(ctx, ids.retry, paths.retry, { items });
		assert.equal(execution.status, 'success', `execution status ${execution.status}`);
		const out = h.itemsOf(execution, 'Create video');
		assert.equal(out.length, 2);
		for (const [index, item] of out.entries()) {
			h.assertTask(item.json, 'kie', `retry item ${index}`);
			await h.assertBinary(ctx, item.binary && item.binary.data, item.json.taskId, `retry item ${index}`);
		}
		const stats = await ctx.sim.stats();
		assert.equal(stats.requests['kie.create'], 2, `one create per item: ${JSON.stringify(stats.requests)}`);
		assert.equal(stats.tasksCreated, 2);
		const faulted = stats.log.filter((entry) => entry.key === 'file' && entry.fault);
		assert.equal(faulted.length, 1, 'the first attempt failed on its download, so n8n retried');
	});
}

module.exports = { workflows, activeIds, addCostSafetyChecks };
