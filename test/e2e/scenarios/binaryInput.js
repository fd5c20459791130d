'use strict';

// End-to-end: an image read into n8n's binary data (HTTP Request, "Response Format: File"), then
// Sora Video Create image-to-video on kie.ai with Wait for Completion and Download Video, the
// image uploaded through kie.ai's File Upload API (the simulator's) on the way.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const MODEL = 'kling-2.6/image-to-video';
const ID = 'e2eBinaryImage01';
const PATH = 'e2e-binary-image';
// Real headers (the upload's file name must follow the bytes), then noise. A small PNG and a JPEG
// over 1 MiB: n8n 1.x holds binary data in memory (small files go as base64, larger ones as one
// multipart body), n8n 2.x in its filesystem (streamed), so each version runs two upload paths.
const PICTURES = [
	{ bytes: Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(64 * 1024)]), name: 'cat.png', ext: 'png', mime: 'image/png' },
	{ bytes: Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), crypto.randomBytes(1536 * 1024)]), name: 'dog.jpg', ext: 'jpg', mime: 'image/jpeg' },
];
const sha = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');

function workflows() {
	const W = require('../workflows');
	const [webhook, items] = W.webhookStart(PATH);
	return [
		W.workflow(ID, 'e2e: image from binary data → image to video', [
			webhook,
			items,
			W.node('Download image', 'n8n-nodes-base.httpRequest', 4.2, {
				method: 'GET',
				url: '={{ $json.imageUrl }}',
				options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } },
			}),
			W.node('Create video', W.SORA, 1.1, {
				provider: 'kie',
				operation: 'create',
				model: MODEL,
				prompt: 'The cat in the picture wakes up and stretches',
				imageUrlSource: 'binaryProperty',
				imageUrlBinaryProperty: 'data',
				waitForCompletion: true,
				downloadVideo: true,
				binaryPropertyName: 'video',
				waitOptions: { timeout: 600, pollingMode: 'fixed', pollInterval: 1 },
			}, { credentials: W.credentialRef('kie') }),
		]),
	];
}

const activeIds = [ID];

/** `h`: the suite's helpers (itemsOf, runWebhook, assertTask, assertBinary). */
function scenarios(h) {
	return [
		{
			name: 'image from binary data (HTTP Request) → Create image to video on kie.ai, uploaded first, wait + download',
			fn: async (ctx) => {
				await ctx.sim.reset();
				// The pictures the workflow downloads: put on the simulator's file host as any other file.
				const hosted = [];
				for (const picture of PICTURES) {
					const answer = await fetch(`${ctx.sim.url}/api/file-base64-upload`, {
						method: 'POST',
						headers: { Authorization: `Bearer ${ctx.sim.apiKeys.kie}` },
						body: JSON.stringify({ base64Data: picture.bytes.toString('base64'), uploadPath: 'e2e-source', fileName: picture.name }),
					}).then((res) => res.json());
					hosted.push({ imageUrl: answer.data.downloadUrl });
				}
				const { execution } = await h.runWebhook(ctx, ID, PATH, { items: hosted });
				assert.equal(execution.status, 'success', `execution status ${execution.status}`);
				const out = h.itemsOf(execution, 'Create video');
				assert.equal(out.length, PICTURES.length, 'output items');
				const { files, counts } = await ctx.sim.control('GET', '/uploads');
				for (const [index, item] of out.entries()) {
					const label = `item ${index + 1}`;
					h.assertTask(item.json, 'kie', label);
					await h.assertBinary(ctx, item.binary && item.binary.video, item.json.taskId, label);
					assert.deepEqual(item.pairedItem, { item: index });
					const fileName = `item-${index + 1}-image_urls.${PICTURES[index].ext}`;
					const uploaded = files.find((file) => file.fileName === fileName && file.uploadPath !== 'e2e-source');
					assert.ok(uploaded, `${label}: nothing uploaded as ${fileName}: ${JSON.stringify(files.map((f) => f.key))}`);
					assert.equal(uploaded.sha256, sha(PICTURES[index].bytes), `${label}: the bytes kie.ai received equal the binary n8n held`);
					assert.equal(counts[uploaded.key], 1, `${label}: uploads`);
					const task = await ctx.sim.task(item.json.taskId);
					assert.equal(task.model, MODEL);
					assert.deepEqual(task.input.image_urls, [`${ctx.sim.url}/uploads/${uploaded.key}`], `${label}: the model got the uploaded link`);
					assert.deepEqual(item.json.inputs, [
						{ field: 'Image URL', binaryProperty: 'data', fileName, mimeType: PICTURES[index].mime, bytes: PICTURES[index].bytes.length, downloadUrl: task.input.image_urls[0] },
					]);
				}
			},
		},
	];
}

module.exports = { workflows, activeIds, scenarios };
