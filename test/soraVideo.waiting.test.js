'use strict';

// Waiting: all items at once, pacing under the provider's limits, retries, timeout, cancel,
// and the download into n8n's binary data.
const { createSimulator } = require('./simulator');
const { runSora, TEXT, textFor } = require('./support/soraNode');

jest.setTimeout(60_000);

let sim;
beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 500 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

const fixed = (seconds, extra = {}) => ({ waitOptions: { pollingMode: 'fixed', pollInterval: seconds, ...extra } });
const items = (n) => Array.from({ length: n }, (_, i) => ({ json: { i } }));

async function createTasks(provider, n) {
	const created = await runSora(sim, { provider, parameters: textFor(provider), items: items(n) });
	expect(created.error).toBeUndefined();
	return created.items.map((item) => ({ json: { taskId: item.json.taskId } }));
}

const waitFor = (extra = {}) => ({ operation: 'waitUntilDone', taskId: '={{ $json.taskId }}', ...extra });

test('all items are waited for at once: N tasks take about as long as one', async () => {
	sim.configure({ taskDurationMs: 2000 });
	const timed = async (n) => {
		const started = Date.now();
		const result = await runSora(sim, { parameters: { ...TEXT, waitForCompletion: true, ...fixed(1) }, items: items(n) });
		expect(result.error).toBeUndefined();
		expect(result.items.every((item) => item.json.status === 'succeeded')).toBe(true);
		return Date.now() - started;
	};
	const one = await timed(1);
	const twelve = await timed(12);
	// One after another would be a ratio of 12.
	expect(twelve / one).toBeLessThan(2);
});

test('queries on one credential stay under 10 per second, and creates under 20 per 10 s', async () => {
	sim.configure({ taskDurationMs: 3000 });
	const result = await runSora(sim, { parameters: { ...TEXT, waitForCompletion: true, ...fixed(1) }, items: items(24) });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(24);
	expect(sim.stats.tasksCreated).toBe(24);
	expect(sim.stats.requests['kie.create']).toBe(24);
	expect(sim.maxInWindow('kie.query', 1000)).toBeLessThanOrEqual(10);
	expect(sim.maxInWindow('kie.create', 10_000)).toBeLessThanOrEqual(20);
});

test('429s on queries slow the pace and are retried; no item fails', async () => {
	const tasks = await createTasks('kie', 3);
	sim.addFault({ provider: 'kie', route: 'query', times: 6, action: { type: 'rateLimit', retryAfter: 1 } });
	const result = await runSora(sim, { items: tasks, parameters: waitFor(fixed(1)) });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
	expect(sim.stats.responses429).toBe(6);
});

test.each([
	['500, 455 and a reset', [{ type: 'code', code: 500, http: true }, { type: 'code', code: 455 }, { type: 'reset' }]],
	['broken JSON, an HTML page and an empty body', [{ type: 'malformed' }, { type: 'html' }, { type: 'empty' }]],
])('transient failures (%s) are retried with backoff', async (_name, actions) => {
	const [task] = await createTasks('revid', 1);
	for (const action of actions) sim.addFault({ provider: 'revid', route: 'query', times: 1, action });
	const result = await runSora(sim, { provider: 'revid', items: [task], parameters: waitFor(fixed(1)) });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.status).toBe('succeeded');
	expect(sim.stats.requests['revid.query']).toBe(actions.length + 1);
});

test('a run of transient failures fails the item, naming the task', async () => {
	const [task] = await createTasks('sora2api', 1);
	sim.addFault({ provider: 'sora2api', route: 'query', action: { type: 'code', code: 503, http: true } });
	const result = await runSora(sim, { provider: 'sora2api', items: [task], parameters: waitFor(fixed(1)) });
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toMatch(/6 times in a row/);
	expect(result.error.message).toContain(task.json.taskId);
	expect(result.error.description).toContain(task.json.taskId);
});

test('timeout: the error names the task and its last status; continueOnFail outputs it with error.code TIMEOUT', async () => {
	sim.setNextTask({ stuck: true });
	const [task] = await createTasks('kie', 1);
	const failing = await runSora(sim, { items: [task], parameters: waitFor(fixed(1, { timeout: 2 })) });
	expect(failing.error.message).toBe(`Task ${task.json.taskId} was not finished after 2 s (last status: queued)`);

	const output = await runSora(sim, { continueOnFail: true, items: [task], parameters: waitFor(fixed(1, { timeout: 2 })) });
	expect(output.items).toHaveLength(1);
	expect(output.items[0].pairedItem).toEqual({ item: 0 });
	expect(output.items[0].json).toMatchObject({ taskId: task.json.taskId, status: 'queued', error: { code: 'TIMEOUT' } });
});

test('timeouts up to 7200 s are accepted', async () => {
	const [task] = await createTasks('kie', 1);
	const result = await runSora(sim, { items: [task], parameters: waitFor(fixed(1, { timeout: 7200 })) });
	expect(result.error).toBeUndefined();
});

test('cancelling the execution stops the wait promptly', async () => {
	sim.setNextTask({ stuck: true });
	const [task] = await createTasks('kie', 1);
	const started = Date.now();
	const result = await runSora(sim, { items: [task], cancelAfterMs: 500, parameters: waitFor(fixed(5, { timeout: 600 })) });
	expect(result.status).toBe('canceled');
	expect(Date.now() - started).toBeLessThan(3000);
});

test('an unknown task fails at once, without retries', async () => {
	const result = await runSora(sim, { items: [{ json: { taskId: 'kie_unknown' } }], parameters: waitFor(fixed(1)) });
	expect(result.error.message).toMatch(/Task not found/);
	// One look in kie.ai's Market API and one in its Veo API: a task ID does not say which holds it.
	expect(sim.stats.requests['kie.query']).toBe(2);
});

test('one failing item does not lose the others: the error lists their task IDs', async () => {
	const tasks = await createTasks('kie', 2);
	const result = await runSora(sim, {
		items: [{ json: { taskId: 'kie_unknown' } }, ...tasks],
		parameters: waitFor(fixed(1)),
	});
	expect(result.error.message).toMatch(/Task not found/);
	for (const task of tasks) expect(result.error.description).toContain(task.json.taskId);
});

test('default adaptive polling follows progress instead of hammering the provider', async () => {
	sim.configure({ taskDurationMs: 6000 });
	const [task] = await createTasks('kie', 1);
	const result = await runSora(sim, { items: [task], parameters: waitFor() });
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.status).toBe('succeeded');
	// A fixed 1 s poll would have used about 6.
	expect(sim.stats.perTask[task.json.taskId].queries).toBeLessThanOrEqual(5);
});

describe('download', () => {
	test('a large result is streamed into filesystem binary data', async () => {
		const size = 8 * 1024 * 1024 + 123;
		sim.setNextTask({ largeFileBytes: size });
		const result = await runSora(sim, {
			binaryMode: 'filesystem',
			parameters: { ...TEXT, waitForCompletion: true, downloadVideo: true, ...fixed(1) },
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary.data.id).toMatch(/^filesystem/);
		expect(item.binary.data.fileName).toBe(`${item.json.taskId}.mp4`);
		const bytes = await result.binary(item, 'data');
		expect(bytes.length).toBe(size);
	});

	test('a result URL that keeps failing (500) is a clear error with the task ID; continueOnFail keeps the task', async () => {
		// 403, 404 and 410 mean an expired link, which kie.ai renews (soraVideo.afterClip.test.js).
		sim.addFault({ route: 'file', action: { type: 'code', code: 500, http: true } });
		const result = await runSora(sim, {
			continueOnFail: true,
			parameters: { ...TEXT, waitForCompletion: true, downloadVideo: true, ...fixed(1) },
		});
		const [item] = result.items;
		expect(item.json.status).toBe('succeeded');
		expect(item.json.error).toMatchObject({ code: 'DOWNLOAD_FAILED' });
		expect(item.json.error.message).toContain(item.json.taskId);
		expect(item.json.error.message).toMatch(/HTTP 500/);
	});

	test('success with no result URL: the task is output, and the download says there is none', async () => {
		sim.setNextTask({ resultUrls: [] });
		const result = await runSora(sim, {
			continueOnFail: true,
			parameters: { ...TEXT, waitForCompletion: true, downloadVideo: true, ...fixed(1) },
		});
		expect(result.items[0].json).toMatchObject({ status: 'succeeded', videoUrl: null, error: { code: 'NO_VIDEO_URL' } });
	});
});
