'use strict';

// Revid AI Studio through n8n-core's real execution, over real HTTP to the simulator: create,
// query and wait with download; image links and binary images (multipart input_image); the
// Seedance route; checks against the live model list before anything is paid; cost and balance;
// 402, 429 for busy job slots, and the other status codes as plain errors.
const crypto = require('node:crypto');
const path = require('node:path');

const { useSimulator } = require('./support/useSimulator');
const { storeBinaries } = require('./support/storedBinary');
const { runSora, everythingSaid } = require('./support/soraNode');

jest.setTimeout(60_000);

const sim = useSimulator({ taskDurationMs: 300 });
const adapter = () => require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'providers', 'registry.js')).PROVIDERS.revidStudio;

const PROMPT = 'A paper boat drifts down a rainy street';
const model = (value, mode = 'list') => ({ __rl: true, mode, value });
const create = (extra = {}) => ({ operation: 'create', studioModel: model('kling-2.6'), studioPrompt: PROMPT, ...extra });
const FAST = { waitForCompletion: true, waitOptions: { pollingMode: 'fixed', pollInterval: 1 } };
const studio = (parameters, rest = {}) => runSora(sim, { provider: 'revidStudio', parameters, ...rest });
const sha = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const png = () => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(30_000)]);

describe('create', () => {
	test('sends the documented multipart form with only the fields set, and outputs the job with its cost and the balance left', async () => {
		const result = await studio(create({ studioDuration: '10s', studioAspectRatio: '9:16' }), { items: [{ json: {} }, { json: {} }] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(sim.studio.creates).toHaveLength(2);
		for (const request of sim.studio.creates) {
			expect(request).toMatchObject({ route: '/video/generate', encoding: 'multipart', file: null });
			expect(request.body).toEqual({ model: 'kling-2.6', prompt: PROMPT, duration: '10s', aspect_ratio: '9:16' });
		}
		result.items.forEach((item, index) => {
			expect(item.json).toMatchObject({ provider: 'revidStudio', status: 'queued', model: 'kling-2.6', cost: 140 });
			expect(item.json.taskId).toMatch(/^job_/);
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(result.items.map((item) => item.json.balance).sort((a, b) => b - a)).toEqual([5000 - 140, 5000 - 280]);
	});

	test('with Wait for Completion: the finished video, downloaded as binary, with its cost', async () => {
		const result = await studio(create({ ...FAST, downloadVideo: true }));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ provider: 'revidStudio', status: 'succeeded', progress: 100, error: null, cost: 70, balance: 4930 });
		expect(item.json.videoUrl).toBe(`${sim.url}/v1/files/${item.json.taskId}.mp4`);
		const bytes = await result.binary(item, 'data');
		expect(bytes.subarray(4, 8).toString()).toBe('ftyp');
		expect(sim.stats.perTask[item.json.taskId].queries).toBe(1);
	});

	test('an image link goes as img_url with mode i2v', async () => {
		const result = await studio(create({ studioImageSource: 'url', studioImageUrl: 'https://example.com/frame.png' }));
		expect(result.error).toBeUndefined();
		expect(sim.studio.creates[0].body).toMatchObject({ img_url: 'https://example.com/frame.png', mode: 'i2v' });
	});

	test.each(['default', 'filesystem'])('an image from binary data is sent with the create as the file input_image (%s binary data)', async (binaryMode) => {
		const image = png();
		let items = [{ json: {}, binary: { photo: { data: image.toString('base64'), mimeType: 'image/png', fileName: 'photo.png' } } }];
		if (binaryMode === 'filesystem') items = await storeBinaries(items);
		const result = await studio(create({ studioImageSource: 'binary', studioImageBinaryProperty: 'photo', ...FAST }), { items, binaryMode });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('succeeded');
		const [request] = sim.studio.creates;
		expect(request.encoding).toBe('multipart');
		expect(request.body).toMatchObject({ mode: 'i2v', model: 'kling-2.6' });
		expect(request.file).toMatchObject({ fileName: 'photo.png', contentType: 'image/png', bytes: image.length, sha256: sha(image) });
	});

	test('Seedance models go to POST /seedance/generate as JSON', async () => {
		const result = await studio(create({ studioModel: model('seedance-1.5-pro', 'id'), studioResolution: '720p', studioDuration: '10s' }));
		expect(result.error).toBeUndefined();
		expect(sim.studio.creates[0]).toMatchObject({ route: '/seedance/generate', encoding: 'json' });
		expect(sim.studio.creates[0].body).toEqual({ model: 'seedance-1.5-pro', prompt: PROMPT, resolution: '720p', duration: '10s' });
		expect(result.items[0].json.cost).toBe(80);
	});

	test('a file for a Seedance model is refused before anything is sent', async () => {
		const items = [{ json: {}, binary: { data: { data: png().toString('base64'), mimeType: 'image/png', fileName: 'a.png' } } }];
		const result = await studio(create({ studioModel: model('seedance-1.5-pro', 'id'), studioImageSource: 'binary' }), { items });
		expect(result.error.message).toMatch(/Item 1: "Image" takes a link/);
		expect(sim.studio.creates).toHaveLength(0);
	});
});

describe('checks against the live model list, before anything is paid', () => {
	test.each([
		['a duration the model does not offer', { studioDuration: '15s' }, /Item 1: "Duration" cannot be "15s" for Kling 2.6: Revid AI Studio offers "5s", "10s"/],
		['a resolution it does not offer', { studioResolution: '4k' }, /Item 1: "Resolution" cannot be "4k"/],
		['an aspect ratio it does not offer', { studioAspectRatio: '21:9' }, /Item 1: "Aspect Ratio" cannot be "21:9"/],
		['an image for a text-only model', { studioModel: model('veo3.1-low'), studioImageSource: 'url', studioImageUrl: 'https://example.com/a.png' }, /Item 1: "Image" cannot be used: Veo 3.1 Fast makes videos from text only/],
		['audio for a silent model', { studioModel: model('seedance-1.5-pro'), studioAudio: 'true' }, /Item 1: "Audio" cannot be on/],
		['a model Revid does not list', { studioModel: model('kling-9.9', 'id') }, /Item 1: "Model" "kling-9.9" is not among Revid AI Studio's video models today \("kling-2.6", "kling-3.0-video", "veo3.1-low", "seedance-1.5-pro"\)/],
		['an image model', { studioModel: model('nano-banana-pro', 'id') }, /Item 1: "Model" "nano-banana-pro" is not among/],
	])('%s', async (_, wrong, message) => {
		const result = await studio(create(wrong));
		expect(result.error.message).toMatch(message);
		expect(result.error.description).toMatch(/Nothing was sent/);
		expect(sim.studio.creates).toHaveLength(0);
		expect(sim.stats.requests['revidStudio.create']).toBeUndefined();
	});

	test('the list is fetched once and cached across runs', async () => {
		await studio(create());
		await studio(create());
		expect(sim.stats.requests['revidStudio.models'] ?? 0).toBeLessThanOrEqual(1);
		expect(sim.studio.creates).toHaveLength(2);
	});
});

describe('waiting and slots', () => {
	test('Wait Mode "Callback" is refused with a plain reason before anything is sent', async () => {
		const result = await studio(create({ waitForCompletion: true, waitMode: 'callback' }));
		expect(result.error.message).toBe('"Wait Mode" cannot be "Callback" with Revid AI Studio');
		expect(result.error.description).toMatch(/does not call back.*Poll/);
		expect(sim.studio.creates).toHaveLength(0);
	});

	test('adaptive polling first asks after the 45 s Revid suggests', () => {
		expect(adapter().firstPollDelayMs).toBe(45_000);
	});
});

describe('query and errors', () => {
	test('Query reads a job; a failed job is "failed" with its reason', async () => {
		sim.studio.failNext('The prompt was flagged by the upstream model');
		const created = await studio(create());
		const taskId = created.items[0].json.taskId;
		await new Promise((resolve) => setTimeout(resolve, 350));
		const result = await studio({ operation: 'query', taskId });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ taskId, status: 'failed', error: { code: 'FAILED', message: 'The prompt was flagged by the upstream model' } });
	});

	test('Query of an unknown job names the ID', async () => {
		const result = await studio({ operation: 'query', taskId: 'job_nope' });
		expect(result.error.message).toMatch(/Task not found: Revid AI Studio does not know the task ID "job_nope"/);
	});

	test('402 names the balance and the cost', async () => {
		sim.configure({ studio: { balance: 50 } });
		const result = await studio(create());
		expect(result.error.message).toBe('Not enough credits in your Revid AI Studio account (402)');
		expect(result.error.description).toMatch(/Insufficient balance \(balance 50 credits, cost 70 credits\)/);
	});

	test('401 is a plain error and never shows the key', async () => {
		const result = await studio(create(), { credentialOverrides: { revidAiStudioApi: { apiKey: 'sk_live_wrong_key_123' } } });
		expect(result.error.message).toMatch(/Revid AI Studio rejected the API key \(401\)/);
		expect(everythingSaid(result)).not.toContain('sk_live_wrong_key_123');
	});

	test.each([
		[400, /Revid AI Studio rejected the request as invalid \(400\)/],
		[403, /Revid AI Studio refused access \(403\)/],
		[404, /Revid AI Studio could not find what was asked for \(404\)/],
		[500, /Revid AI Studio had a server error \(500\)/],
		[503, /Revid AI Studio had a server error \(503\)/],
	])('create answered %s', async (code, message) => {
		sim.addFault({ provider: 'revidStudio', route: 'create', action: { type: 'code', code, http: true, msg: `sim ${code}` } });
		const result = await studio(create());
		expect(result.error.message).toMatch(message);
		expect(result.error.description).toContain(`sim ${code}`);
	});

	test('a job that fails while waiting is an error naming the job', async () => {
		sim.studio.failNext('Upstream timeout');
		const result = await studio(create(FAST));
		expect(result.error.message).toMatch(/^Task job_\w+ failed at Revid AI Studio: Upstream timeout$/);
	});
});

describe('balance', () => {
	test('GET /balance with the key, read as credits', async () => {
		const call = adapter().balance.call();
		expect(call).toMatchObject({ method: 'GET', path: '/balance' });
		const answer = await fetch(`${sim.baseUrls.revidStudio}${call.path}`, { headers: { Authorization: `Bearer ${sim.apiKeys.revidStudio}` } });
		expect(adapter().balance.readCredits(await answer.json())).toBe(5000);
	});
});
