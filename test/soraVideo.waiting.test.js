'use strict';

// Waiting: all items at once, pacing under the provider's limits, timeout, cancel, and the
// download into n8n's binary data. Retries of failed queries: soraVideo.waitRetries.test.js.
// @duration 40 s (test/support/sequencer.js)
const { createSimulator } = require('./simulator');
const { runSora, TEXT } = require('./support/soraNode');
const { recordPacerGrants } = require('./support/pacerGrants');
const { fixed, items, waitFor, createTasks: createTasksOn } = require('./support/waiting');

jest.setTimeout(60_000);

let sim;
beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 500 });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

const createTasks = (provider, n) => createTasksOn(sim, provider, n);

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
	// Counted when the pacer let each request go, not when it reached the simulator: arrival
	// times bunch up on a loaded machine (support/pacerGrants.js).
	const grants = recordPacerGrants();
	let result;
	try {
		result = await runSora(sim, { parameters: { ...TEXT, waitForCompletion: true, ...fixed(1) }, items: items(24) });
	} finally {
		grants.stop();
	}
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(24);
	expect(sim.stats.tasksCreated).toBe(24);
	expect(sim.stats.requests['kie.create']).toBe(24);
	// Every request the simulator saw went through the pacer, once.
	expect(grants.times('create')).toHaveLength(24);
	expect(grants.times('query')).toHaveLength(sim.stats.requests['kie.query']);
	expect(grants.maxInWindow('query', 1000)).toBeLessThanOrEqual(10);
	expect(grants.maxInWindow('create', 10_000)).toBeLessThanOrEqual(20);
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
