'use strict';

// Every operation on every provider, through n8n-core's real execution, over real HTTP.
const { createSimulator } = require('./simulator');
const { runSora, TEXT, textFor } = require('./support/soraNode');
const { PROVIDER_IDS } = require('./support/credentials');

jest.setTimeout(30_000);

let sim;
beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 600 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

const SHAPE = ['balance', 'completedAt', 'cost', 'costTimeMs', 'createdAt', 'error', 'model', 'progress', 'provider', 'raw', 'status', 'taskId', 'videoUrl', 'videoUrls'];
const FAST = { waitOptions: { pollingMode: 'fixed', pollInterval: 1 } };

describe.each(PROVIDER_IDS)('%s', (provider) => {
	test('create starts one task per item and outputs it as queued', async () => {
		const result = await runSora(sim, { provider, parameters: textFor(provider), items: [{ json: {} }, { json: {} }] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		result.items.forEach((item, index) => {
			expect(Object.keys(item.json).sort()).toEqual(SHAPE.sort());
			expect(item.json).toMatchObject({ provider, status: 'queued', model: textFor(provider).model });
			expect(sim.getTask(item.json.taskId)).toBeDefined();
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(sim.stats.requests[`${provider}.create`]).toBe(2);
		expect(sim.stats.tasksCreated).toBe(2);
	});

	test('create with Wait for Completion outputs the finished task and the video as binary', async () => {
		const result = await runSora(sim, {
			provider,
			parameters: { ...textFor(provider), waitForCompletion: true, downloadVideo: true, ...FAST },
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ provider, status: 'succeeded', progress: 100, error: null });
		expect(item.json.videoUrl).toBe(`${sim.url}/files/${item.json.taskId}.mp4`);
		expect(item.binary.data).toMatchObject({ fileName: `${item.json.taskId}.mp4`, mimeType: 'video/mp4' });
		const bytes = await result.binary(item, 'data');
		expect(bytes.length).toBe(13735);
		expect(bytes.subarray(4, 8).toString()).toBe('ftyp');
		expect(sim.stats.requests[`${provider}.create`]).toBe(1);
		// No query right after the create, whose answer could only be "waiting": one query after 1 s finds it done.
		expect(sim.stats.perTask[item.json.taskId].queries).toBe(1);
		expect(sim.stats.perTask[item.json.taskId].fileDownloads).toBe(1);
	});

	test("create writes each new task's ID to n8n's log, where it survives a crash", async () => {
		const result = await runSora(sim, { provider, parameters: textFor(provider), items: [{ json: {} }, { json: {} }] });
		expect(result.error).toBeUndefined();
		result.items.forEach((item, index) => {
			const line = result.logs.find((entry) => entry.startsWith('info: ') && entry.includes(`task ${item.json.taskId} created`));
			expect(line).toContain(`for item ${index + 1} of node "Sora Video"`);
			expect(line).toMatch(/ in execution \S+/);
		});
	});

	test('query with an expression returns the normalised task', async () => {
		const created = await runSora(sim, { provider, parameters: textFor(provider) });
		const taskId = created.items[0].json.taskId;
		sim.finishTask(taskId);
		const result = await runSora(sim, {
			provider,
			parameters: { operation: 'query', taskId: '={{ $json.id }}' },
			items: [{ json: { id: taskId } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provider, taskId, status: 'succeeded' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('query of an unknown task is a clear "task not found" error', async () => {
		const result = await runSora(sim, { provider, parameters: { operation: 'query', taskId: 'nope-123' } });
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toMatch(/Task not found/);
		expect(result.error.message).toContain('nope-123');
	});

	test('waitUntilDone waits for each task, with a custom binary field', async () => {
		const created = await runSora(sim, { provider, parameters: textFor(provider), items: [{ json: {} }, { json: {} }] });
		const items = created.items.map((item) => ({ json: { taskId: item.json.taskId } }));
		const result = await runSora(sim, {
			provider,
			items,
			parameters: {
				operation: 'waitUntilDone',
				taskId: '={{ $json.taskId }}',
				downloadVideo: true,
				binaryPropertyName: 'video',
				...FAST,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.taskId)).toEqual(items.map((item) => item.json.taskId));
		for (const item of result.items) {
			expect(item.json.status).toBe('succeeded');
			expect(item.binary.video.mimeType).toBe('video/mp4');
		}
	});

	test('a failed task stops with an error naming the task, or is output when asked', async () => {
		sim.setNextTask({ fail: true, failMsg: 'content policy violation' });
		const failing = await runSora(sim, { provider, parameters: { ...textFor(provider), waitForCompletion: true, ...FAST } });
		expect(failing.error.message).toMatch(/failed at/);
		expect(failing.error.message).toMatch(/content policy violation/);
		const taskId = Object.keys(sim.stats.perTask)[0];
		expect(failing.error.message).toContain(taskId);

		sim.setNextTask({ fail: true, failMsg: 'content policy violation' });
		const output = await runSora(sim, {
			provider,
			parameters: { ...textFor(provider), waitForCompletion: true, waitOptions: { ...FAST.waitOptions, onTaskFailure: 'output' } },
		});
		expect(output.error).toBeUndefined();
		expect(output.items[0].json).toMatchObject({ status: 'failed', error: { message: 'content policy violation' } });
	});
});

describe('create inputs reach the provider as documented', () => {
	test('kie.ai (serving Sora again): image to video, Pro size, character IDs and Additional Input', async () => {
		sim.configure({ serveRetiredSora: true });
		const result = await runSora(sim, {
			provider: 'kie',
			parameters: {
				operation: 'create',
				model: 'sora-2-pro-image-to-video',
				prompt: 'Animate this',
				imageUrl: 'https://example.com/a.png',
				aspectRatio: 'portrait',
				duration: '15',
				size: 'high',
				removeWatermark: false,
				characterIds: 'c1, c2',
				callbackUrl: 'https://example.com/cb',
				additionalInput: '{"upload_method":"s3"}',
			},
		});
		expect(result.error).toBeUndefined();
		const task = sim.getTask(result.items[0].json.taskId);
		expect(task.body).toEqual({
			model: 'sora-2-pro-image-to-video',
			input: {
				prompt: 'Animate this',
				image_urls: ['https://example.com/a.png'],
				aspect_ratio: 'portrait',
				n_frames: '15',
				size: 'high',
				remove_watermark: false,
				character_id_list: ['c1', 'c2'],
				upload_method: 's3',
			},
			callBackUrl: 'https://example.com/cb',
		});
	});

	test('Revid: storyboard shots with the capitalised Scene key', async () => {
		const result = await runSora(sim, {
			provider: 'revid',
			parameters: {
				operation: 'create',
				model: 'sora-2-pro-storyboard',
				duration: '25',
				shots: { shot: [{ scene: 'A door opens', duration: 10 }, { scene: 'A cat walks in', duration: 15 }] },
			},
		});
		expect(result.error).toBeUndefined();
		const { input } = sim.getTask(result.items[0].json.taskId).body;
		expect(input).toMatchObject({ n_frames: '25', shots: [{ Scene: 'A door opens', duration: 10 }, { Scene: 'A cat walks in', duration: 15 }] });
	});

	test('Sora2API: the flat body with quality, imageUrls and watermark', async () => {
		const result = await runSora(sim, {
			provider: 'sora2api',
			parameters: {
				operation: 'create',
				model: 'sora-2-image-to-video',
				prompt: 'Animate',
				imageUrl: 'https://example.com/a.png',
				quality: 'hd',
				watermarkText: 'mine',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sim.getTask(result.items[0].json.taskId).body).toEqual({
			prompt: 'Animate',
			aspectRatio: 'landscape',
			imageUrls: ['https://example.com/a.png'],
			quality: 'hd',
			watermark: 'mine',
		});
	});

	test('a custom model ID is sent as is, and an unknown one is a readable 422', async () => {
		sim.configure({ extraModels: ['bytedance/seedance-1.5-pro'] });
		const ok = await runSora(sim, {
			parameters: { operation: 'create', model: 'custom', customModelId: 'bytedance/seedance-1.5-pro', prompt: 'hi', additionalInput: '{"aspect_ratio":"16:9"}' },
		});
		expect(ok.error).toBeUndefined();
		expect(sim.getTask(ok.items[0].json.taskId).body).toEqual({ model: 'bytedance/seedance-1.5-pro', input: { prompt: 'hi', aspect_ratio: '16:9' } });

		const gone = await runSora(sim, { parameters: { operation: 'create', model: 'custom', customModelId: 'sora-3-retired', prompt: 'hi' } });
		expect(gone.error.name).toBe('NodeApiError');
		expect(gone.error.message).toMatch(/no longer offers the model "sora-3-retired"/);
	});

	test('watermark remover sends the video URL (kie.ai serving Sora again)', async () => {
		sim.configure({ serveRetiredSora: true });
		const result = await runSora(sim, {
			parameters: { operation: 'create', model: 'sora-watermark-remover', videoUrl: 'https://sora.chatgpt.com/p/s_abc' },
		});
		expect(result.error).toBeUndefined();
		expect(sim.getTask(result.items[0].json.taskId).body.input).toEqual({ video_url: 'https://sora.chatgpt.com/p/s_abc' });
	});
});
