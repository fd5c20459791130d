'use strict';

// The 4K wait's pace: kie.ai advises 30 s or more between two asks for a 4K copy, answers 422
// "4k is processing ..." while it renders and 422 "The video has been generated successfully"
// with the links once it is done. The node is driven on jest's fake clock (n8n-workflow's sleep
// and Date.now in node and simulator alike), so minutes of node time pass in well under a second
// of wall time; I/O (setImmediate, nextTick) stays real, so the HTTP to the simulator is real.
// The harness's own time limit runs on the same fake clock, hence its larger timeoutMs below.
jest.useFakeTimers({ advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });

const { useSimulator } = require('./support/useSimulator');
const { runSora } = require('./support/soraNode');

jest.setTimeout(30_000);

const RENDER_MS = 70_000;
const ADVISED_GAP_MS = 30_000;
const sim = useSimulator({ taskDurationMs: 200, fourKDurationMs: RENDER_MS });

async function finishedVeo() {
	const res = await fetch(`${sim.url}/api/v1/veo/generate`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'content-type': 'application/json' },
		body: JSON.stringify({ prompt: 'a paper boat on a pond', model: 'veo3_fast', aspect_ratio: '16:9' }),
	});
	const { data } = await res.json();
	sim.finishTask(data.taskId);
	return data.taskId;
}

/** Moves the fake clock on in small steps until the run settles; returns the node time it took. */
async function driveUntilSettled(run) {
	let settled = false;
	run.then(() => (settled = true), () => (settled = true));
	const start = Date.now();
	for (let step = 0; !settled; step++) {
		if (step > 5_000) throw new Error('the run did not settle within 5000 steps of node time');
		await jest.advanceTimersByTimeAsync(250);
		await new Promise((resolve) => setImmediate(resolve));
	}
	return Date.now() - start;
}

test('Wait for Completion asks for the 4K copy at most every 30 s of node time, starts the render once, and takes the 422 with links as done', async () => {
	const source = await finishedVeo();
	const run = runSora(sim, { parameters: { operation: 'upscale4k', taskId: source, waitForCompletion: true, upscaleTimeout: 600 }, timeoutMs: 600_000 });
	const nodeTime = await driveUntilSettled(run);
	const result = await run;
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ taskId: source, status: 'succeeded', videoUrl: expect.stringMatching(/resolution=4k/) });

	const asks = sim.stats.log.filter((entry) => entry.key === 'kie.veo4k');
	// The paid first ask (200, render started), then "processing" 422s, then the 422 that carries the links.
	expect(asks.map((entry) => entry.code)).toEqual([200, 422, 422, 422]);
	const gaps = asks.slice(1).map((entry, i) => entry.t - asks[i].t);
	for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(ADVISED_GAP_MS);
	// Done at the first ask after the render ended: no ask after the links came.
	expect(asks[asks.length - 1].t - asks[0].t).toBeGreaterThanOrEqual(RENDER_MS);
	expect(asks[asks.length - 2].t - asks[0].t).toBeLessThan(RENDER_MS);
	expect(nodeTime).toBeGreaterThanOrEqual(3 * ADVISED_GAP_MS);
	// Only the source task exists: nothing else was created or extended.
	expect(sim.stats.tasksCreated).toBe(1);
	expect(sim.stats.requests['kie.extend']).toBeUndefined();
});

test('the timeout stops before an ask that would come too soon, naming the task; still one render', async () => {
	const source = await finishedVeo();
	const run = runSora(sim, { parameters: { operation: 'upscale4k', taskId: source, waitForCompletion: true, upscaleTimeout: 45 } });
	await driveUntilSettled(run);
	const result = await run;
	expect(result.error.message).toMatch(new RegExp(`The 4K video of task ${source} was not ready after 45 s`));
	const asks = sim.stats.log.filter((entry) => entry.key === 'kie.veo4k');
	expect(asks.map((entry) => entry.code)).toEqual([200, 422]);
	expect(asks[1].t - asks[0].t).toBeGreaterThanOrEqual(ADVISED_GAP_MS);
});
