'use strict';

// End-to-end on Revid AI Studio, in real n8n against the simulator: text to video with wait and
// download, an image from binary data sent with the create as input_image, and a batch of 6
// items on a plan with 3 job slots (creates refused with 429 wait for a free slot).

const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const IDS = { text: 'e2eStudioText001', image: 'e2eStudioImage01', batch: 'e2eStudioBatch01' };
const PATHS = { text: 'e2e-studio-text', image: 'e2e-studio-image', batch: 'e2e-studio-batch' };
const PICTURE = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(96 * 1024)]);
const sha = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const WAIT = { waitForCompletion: true, waitOptions: { timeout: 600, pollingMode: 'fixed', pollInterval: 1 } };

function createNode(W, extra) {
	return W.node('Create video', W.SORA, 1.1, {
		provider: 'revidStudio',
		operation: 'create',
		studioModel: { __rl: true, mode: 'list', value: 'kling-2.6', cachedResultName: 'Kling 2.6' },
		studioPrompt: '={{ $json.prompt }}',
		...WAIT,
		...extra,
	}, { credentials: W.credentialRef('revidStudio') });
}

function workflows() {
	const W = require('../workflows');
	return [
		W.workflow(IDS.text, 'e2e: Revid AI Studio text to video', [
			...W.webhookStart(PATHS.text),
			createNode(W, { studioDuration: '10s', studioAspectRatio: '9:16', downloadVideo: true, binaryPropertyName: 'data' }),
		]),
		W.workflow(IDS.image, 'e2e: Revid AI Studio image from binary data', [
			...W.webhookStart(PATHS.image),
			W.node('Download image', 'n8n-nodes-base.httpRequest', 4.2, {
				method: 'GET',
				url: '={{ $json.imageUrl }}',
				options: { response: { response: { responseFormat: 'file', outputPropertyName: 'picture' } } },
			}),
			createNode(W, { studioPrompt: 'The picture comes alive', studioImageSource: 'binary', studioImageBinaryProperty: 'picture', downloadVideo: true, binaryPropertyName: 'video' }),
		]),
		W.workflow(IDS.batch, 'e2e: Revid AI Studio batch larger than the plan', [...W.webhookStart(PATHS.batch), createNode(W, {})]),
	];
}

const activeIds = Object.values(IDS);

function assertStudioTask(json, label) {
	assert.equal(json.provider, 'revidStudio', `${label}: provider`);
	assert.match(String(json.taskId), /^job_/, `${label}: taskId`);
	assert.equal(json.status, 'succeeded', `${label}: status (error: ${JSON.stringify(json.error)})`);
	assert.equal(json.error, null, `${label}: error`);
	assert.match(String(json.videoUrl), new RegExp(`/v1/files/${json.taskId}\\.mp4$`), `${label}: videoUrl`);
	assert.equal(typeof json.cost, 'number', `${label}: cost`);
	assert.equal(typeof json.balance, 'number', `${label}: balance`);
}

/** `h`: the suite's helpers (itemsOf, runWebhook, assertBinary). */
function scenarios(h) {
	return [
		{
			name: 'Revid AI Studio: text to video, wait + download, with cost and balance',
			fn: async (ctx) => {
				await ctx.sim.reset();
				const { execution } = await h.runWebhook(ctx, IDS.text, PATHS.text, { items: [{ prompt: 'A lighthouse in a storm' }] });
				assert.equal(execution.status, 'success', `execution status ${execution.status}`);
				const [item] = h.itemsOf(execution, 'Create video');
				assertStudioTask(item.json, 'text');
				assert.equal(item.json.cost, 140, 'the price of kling-2.6, 10 s, 720p');
				await h.assertBinary(ctx, item.binary && item.binary.data, item.json.taskId, 'text');
				const { creates } = await ctx.sim.studio();
				assert.equal(creates.length, 1);
				assert.equal(creates[0].encoding, 'multipart', 'the documented form');
				assert.deepEqual(creates[0].body, { model: 'kling-2.6', prompt: 'A lighthouse in a storm', duration: '10s', aspect_ratio: '9:16' });
			},
		},
		{
			name: 'Revid AI Studio: image from binary data sent as input_image, wait + download',
			fn: async (ctx) => {
				await ctx.sim.reset();
				const hosted = await fetch(`${ctx.sim.url}/api/file-base64-upload`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${ctx.sim.apiKeys.kie}` },
					body: JSON.stringify({ base64Data: PICTURE.toString('base64'), uploadPath: 'e2e-source', fileName: 'still.png' }),
				}).then((res) => res.json());
				const { execution } = await h.runWebhook(ctx, IDS.image, PATHS.image, { items: [{ imageUrl: hosted.data.downloadUrl }] });
				assert.equal(execution.status, 'success', `execution status ${execution.status}`);
				const [item] = h.itemsOf(execution, 'Create video');
				assertStudioTask(item.json, 'image');
				await h.assertBinary(ctx, item.binary && item.binary.video, item.json.taskId, 'image');
				const { creates } = await ctx.sim.studio();
				assert.equal(creates.length, 1);
				assert.equal(creates[0].body.mode, 'i2v');
				assert.equal(creates[0].file.sha256, sha(PICTURE), 'Revid received the bytes n8n held');
				assert.equal(creates[0].file.contentType, 'image/png');
			},
		},
		{
			name: 'Revid AI Studio: 6 items on a plan with 3 job slots all finish, none created twice',
			fn: async (ctx) => {
				await ctx.sim.reset();
				await ctx.sim.configure({ studio: { slots: 3 } });
				const items = Array.from({ length: 6 }, (_, index) => ({ prompt: `clip ${index + 1}` }));
				const { execution } = await h.runWebhook(ctx, IDS.batch, PATHS.batch, { items });
				assert.equal(execution.status, 'success', `execution status ${execution.status}`);
				const out = h.itemsOf(execution, 'Create video');
				assert.equal(out.length, 6);
				out.forEach((item, index) => assertStudioTask(item.json, `item ${index + 1}`));
				const stats = await ctx.sim.stats();
				assert.ok(stats.responses429 > 0, 'the plan was full at some point (429)');
				const { creates } = await ctx.sim.studio();
				assert.deepEqual(creates.map((create) => create.body.prompt).sort(), items.map((item) => item.prompt).sort(), 'one job per item');
			},
		},
	];
}

module.exports = { workflows, activeIds, scenarios };
