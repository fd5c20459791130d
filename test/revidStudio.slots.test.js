'use strict';

// Revid AI Studio plans cap concurrent jobs and answer 429 while every slot is busy. A batch
// larger than the plan still completes: each refused create (certainly not started) waits for a
// free slot. A file of its own, so no earlier test's creates count against this one's pace.
const { useSimulator } = require('./support/useSimulator');
const { runSora } = require('./support/soraNode');

jest.setTimeout(60_000);

const sim = useSimulator({ taskDurationMs: 1000 });

test('6 items on a plan with 3 job slots all finish, none is created twice', async () => {
	sim.configure({ studio: { slots: 3 } });
	const items = Array.from({ length: 6 }, (_, index) => ({ json: { index } }));
	const result = await runSora(sim, {
		provider: 'revidStudio',
		items,
		parameters: {
			operation: 'create',
			studioModel: { __rl: true, mode: 'list', value: 'kling-2.6' },
			studioPrompt: '={{ "clip " + $json.index }}',
			waitForCompletion: true,
			waitOptions: { pollingMode: 'fixed', pollInterval: 1 },
		},
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('succeeded'));
	expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	// The plan was full: some creates were refused, and each refused one was sent again.
	expect(sim.stats.responses429).toBeGreaterThan(0);
	expect(sim.stats.requests['revidStudio.create']).toBe(6 + sim.stats.responses429);
	expect(sim.studio.creates.map((request) => request.body.prompt).sort()).toEqual(items.map((item) => `clip ${item.json.index}`).sort());
	expect(new Set(result.items.map((item) => item.json.taskId)).size).toBe(6);
});
