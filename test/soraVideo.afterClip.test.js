'use strict';

// Version 1.2's Resource and the operations after the first clip (Extend, Upscale to 4K, Get
// Download Link, Get Credits), the expired-link refresh and Minimum Balance, through n8n-core's
// real execution against the simulator over real HTTP.
const { useSimulator } = require('./support/useSimulator');
const { runSora } = require('./support/soraNode');

jest.setTimeout(30_000);

const sim = useSimulator({ taskDurationMs: 200, fourKDurationMs: 0 });
const FAST = { waitOptions: { pollingMode: 'fixed', pollInterval: 1 } };

/** A finished Veo 3.1 task, made through kie.ai's Veo API as any client would. */
async function finishedVeo({ aspectRatio = '16:9', behaviour } = {}) {
	if (behaviour) sim.setNextTask(behaviour);
	const res = await fetch(`${sim.url}/api/v1/veo/generate`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'content-type': 'application/json' },
		body: JSON.stringify({ prompt: 'a paper boat on a pond', model: 'veo3_fast', aspect_ratio: aspectRatio }),
	});
	const { data } = await res.json();
	sim.finishTask(data.taskId);
	return data.taskId;
}

describe('the editor offers a Resource from version 1.2; saved versions keep their operations', () => {
	test('version 1.1 runs Query as before (no resource parameter)', async () => {
		const taskId = await finishedVeo();
		const result = await runSora(sim, { typeVersion: 1.1, parameters: { operation: 'query', taskId } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ taskId, status: 'succeeded' });
	});

	test('version 1 creates, waits and downloads as before, without reading the balance', async () => {
		const result = await runSora(sim, {
			typeVersion: 1,
			parameters: { operation: 'create', model: 'kling-3.0/video', prompt: 'a fox', waitForCompletion: true, downloadVideo: true, ...FAST },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('succeeded');
		expect(result.items[0].binary.data.mimeType).toBe('video/mp4');
		expect(sim.stats.requests['kie.credit']).toBeUndefined();
	});

	test('Revid API and Sora2API refuse the kie.ai-only operations before sending anything', async () => {
		for (const provider of ['revid', 'sora2api']) {
			const result = await runSora(sim, { provider, parameters: { resource: 'account', operation: 'getCredits' } });
			expect(result.error.message).toMatch(/does not offer "Get Credits"/);
		}
		expect(sim.stats.log).toHaveLength(0);
	});

	test('Revid AI Studio reads its balance for Get Credits, and refuses Extend before sending anything', async () => {
		sim.configure({ studio: { balance: 777 } });
		const credits = await runSora(sim, { provider: 'revidStudio', parameters: { resource: 'account', operation: 'getCredits' } });
		expect(credits.error).toBeUndefined();
		expect(credits.items[0].json).toMatchObject({ provider: 'revidStudio', credits: 777 });
		const before = sim.stats.log.length;
		const extend = await runSora(sim, { provider: 'revidStudio', parameters: { operation: 'extend', taskId: 'job-1', extendPrompt: 'more' } });
		expect(extend.error.message).toMatch(/does not offer "Extend"/);
		expect(sim.stats.log).toHaveLength(before);
	});
});

describe('Extend', () => {
	test('extends a finished Veo video into a new task, from {{ $json.taskId }}, waiting until it is done', async () => {
		const source = await finishedVeo();
		const result = await runSora(sim, {
			parameters: { operation: 'extend', taskId: '={{ $json.taskId }}', extendPrompt: 'the boat drifts under a bridge', extendOptions: { seeds: 12345 }, waitForCompletion: true, ...FAST },
			items: [{ json: { taskId: source } }],
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ provider: 'kie', status: 'succeeded' });
		expect(item.json.taskId).not.toBe(source);
		expect(sim.getTask(item.json.taskId).body).toEqual({ taskId: source, prompt: 'the boat drifts under a bridge', seeds: 12345 });
		expect(sim.stats.requests['kie.extend']).toBe(1);
	});

	test("with the trigger's URL as Callback URL, the extended task's callback fires the trigger, confirmed", async () => {
		const { startTrigger } = require('./support/trigger');
		const t = await startTrigger(sim, { provider: 'kie', credentials: 'kie' });
		try {
			const source = await finishedVeo();
			const result = await runSora(sim, { parameters: { operation: 'extend', taskId: source, extendPrompt: 'and then it rains', extendOptions: { callbackUrl: t.url } } });
			expect(result.error).toBeUndefined();
			const { taskId } = result.items[0].json;
			await t.server.waitForFired(1);
			expect(t.items()[0].json).toMatchObject({ taskId, status: 'succeeded', confirmed: true });
		} finally {
			await t.close();
		}
	});

	test('refuses, without the paid request, a video whose 1080p copy was made', async () => {
		const source = await finishedVeo();
		const hd = await runSora(sim, { parameters: { operation: 'waitUntilDone', taskId: source, waitOptions: { fullResolution: true } } });
		expect(hd.error).toBeUndefined();
		const result = await runSora(sim, { parameters: { operation: 'extend', taskId: source, extendPrompt: 'more' } });
		expect(result.error.message).toMatch(/cannot extend: the 1080p copy of task .* was made/);
		expect(sim.stats.requests['kie.extend']).toBeUndefined();
	});

	test('checks the input before any request: an empty prompt, a seed out of range', async () => {
		const empty = await runSora(sim, { parameters: { operation: 'extend', taskId: 'veo_1', extendPrompt: ' ' } });
		expect(empty.error.message).toBe('Item 1: "Prompt" is required');
		const seed = await runSora(sim, { parameters: { operation: 'extend', taskId: 'veo_1', extendPrompt: 'x', extendOptions: { seeds: 5 } } });
		expect(seed.error.message).toMatch(/"Seed" must be a whole number from 10000 to 99999/);
		expect(sim.stats.log).toHaveLength(0);
	});
});

describe('Upscale to 4K', () => {
	test('the first ask starts it (processing); asking again outputs the 4K video, downloaded', async () => {
		sim.configure({ fourKDurationMs: 1 });
		const source = await finishedVeo();
		const started = await runSora(sim, { parameters: { operation: 'upscale4k', taskId: source } });
		expect(started.error).toBeUndefined();
		expect(started.items[0].json).toMatchObject({ taskId: source, status: 'processing', videoUrl: null, raw: { upscale: '4K', index: 0 } });
		// The 4K is ready 1 ms after the first ask here: the next ask gets its links.
		const done = await runSora(sim, { parameters: { operation: 'upscale4k', taskId: source, waitForCompletion: true, downloadVideo: true } });
		expect(done.error).toBeUndefined();
		expect(done.items[0].json).toMatchObject({ taskId: source, status: 'succeeded' });
		expect(done.items[0].json.videoUrl).toMatch(/resolution=4k$/);
		expect(done.items[0].binary.data.mimeType).toBe('video/mp4');
		expect(sim.stats.requests['kie.veo4k']).toBe(2);
	});

	test('Wait for Completion with a 4K ready at once: one ask, the video downloaded', async () => {
		const source = await finishedVeo();
		const result = await runSora(sim, { parameters: { operation: 'upscale4k', taskId: source, waitForCompletion: true, downloadVideo: true } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('succeeded');
		expect(result.items[0].binary.data.mimeType).toBe('video/mp4');
		expect(sim.stats.requests['kie.veo4k']).toBe(1);
	});

	test('refuses a video that is not 16:9 or 9:16 before the paid request', async () => {
		const source = await finishedVeo({ aspectRatio: 'Auto' });
		const result = await runSora(sim, { parameters: { operation: 'upscale4k', taskId: source } });
		expect(result.error.message).toMatch(/is Auto, and kie.ai makes 4K copies of 16:9 and 9:16 videos only/);
		expect(sim.stats.requests['kie.veo4k']).toBeUndefined();
	});

	test('its callback is a task the trigger side can read', async () => {
		const { kieAdapter } = require('../dist/nodes/shared/providers/kie.js');
		const body = { code: 200, msg: '4K Video generated successfully.', data: { task_id: 'veo_1', result_urls: ['https://x.test/4k.mp4'], media_ids: ['m'] } };
		expect(kieAdapter.matchesCallback(body)).toBe(true);
		expect(kieAdapter.parseCallback(body)).toMatchObject({ taskId: 'veo_1', status: 'succeeded', videoUrl: 'https://x.test/4k.mp4' });
	});
});

describe('links that expired', () => {
	test.each([403, 404, 410])('Wait Until Done downloads through one fresh link when the result link answers %i, and says so', async (status) => {
		const source = await finishedVeo({ behaviour: { fileStatus: status } });
		const result = await runSora(sim, { parameters: { operation: 'waitUntilDone', taskId: source, downloadVideo: true } });
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary.data.mimeType).toBe('video/mp4');
		expect(item.json.freshLink).toMatchObject({ expiredStatus: status, expiredUrl: item.json.videoUrl });
		expect(item.json.freshLink.note).toMatch(/had expired/);
		expect(sim.stats.requests['kie.downloadUrl']).toBe(1);
	});

	test('Get Download Link returns a fresh link for a task, and for a URL', async () => {
		const source = await finishedVeo({ behaviour: { fileStatus: 410 } });
		const byTask = await runSora(sim, { parameters: { operation: 'getDownloadLink', taskId: source, downloadLinked: true } });
		expect(byTask.error).toBeUndefined();
		expect(byTask.items[0].json.downloadLink.url).toMatch(/\?fresh=/);
		expect(byTask.items[0].binary.data.mimeType).toBe('video/mp4');
		const byUrl = await runSora(sim, { parameters: { operation: 'getDownloadLink', linkSource: 'url', fileUrl: byTask.items[0].json.videoUrl } });
		expect(byUrl.items[0].json.downloadLink).toMatchObject({ originalUrl: byTask.items[0].json.videoUrl });
		const foreign = await runSora(sim, { parameters: { operation: 'getDownloadLink', linkSource: 'url', fileUrl: 'https://example.com/v.mp4' } });
		expect(foreign.error.message).toMatch(/kie\.ai rejected the input \(422\)/);
	});
});

describe('Get Credits and Minimum Balance', () => {
	test('Get Credits outputs the balance', async () => {
		const result = await runSora(sim, { parameters: { resource: 'account', operation: 'getCredits' } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ provider: 'kie', credits: 1234.5 });
	});

	test('an empty account (402) and a sub-key at its limit (433) are plain errors', async () => {
		sim.configure({ credits: 0 });
		const empty = await runSora(sim, { parameters: { resource: 'account', operation: 'getCredits' } });
		expect(empty.error.message).toBe('Not enough credits in your kie.ai account (402)');
		sim.addFault({ provider: 'kie', route: 'credit', times: 1, action: { type: 'code', code: 433 } });
		const limited = await runSora(sim, { parameters: { resource: 'account', operation: 'getCredits' } });
		expect(limited.error.message).toBe('This kie.ai API key has reached its usage limit (433)');
	});

	test('Create refuses before any paid request when the balance is below the minimum, reading it once', async () => {
		sim.configure({ credits: 40 });
		const result = await runSora(sim, {
			parameters: { operation: 'create', model: 'kling-3.0/video', prompt: 'a fox', minimumBalance: 100 },
			items: [{ json: {} }, { json: {} }],
		});
		expect(result.error.message).toBe('Your kie.ai balance is 40 credits, below the "Minimum Balance" of 100');
		expect(sim.stats.requests['kie.credit']).toBe(1);
		expect(sim.stats.requests['kie.create']).toBeUndefined();
		const enough = await runSora(sim, { parameters: { operation: 'create', model: 'kling-3.0/video', prompt: 'a fox', minimumBalance: 10 } });
		expect(enough.error).toBeUndefined();
		expect(sim.stats.requests['kie.create']).toBe(1);
	});
});

describe('Query with Download Video (version 1.2)', () => {
	test('renews an expired link once and says so', async () => {
		const source = await finishedVeo({ behaviour: { fileStatus: 403 } });
		const result = await runSora(sim, { parameters: { operation: 'query', taskId: source, downloadVideo: true } });
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary.data.mimeType).toBe('video/mp4');
		expect(result.items[0].json.freshLink).toMatchObject({ expiredStatus: 403 });
	});

	test('a link that works is downloaded directly, without asking for a fresh one', async () => {
		const source = await finishedVeo();
		const result = await runSora(sim, { parameters: { operation: 'query', taskId: source, downloadVideo: true } });
		expect(result.items[0].json.freshLink).toBeUndefined();
		expect(result.items[0].binary.data.mimeType).toBe('video/mp4');
		expect(sim.stats.requests['kie.downloadUrl']).toBeUndefined();
	});
});
