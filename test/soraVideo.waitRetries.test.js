'use strict';

// Waiting through trouble: 429s and transient failures of the status query are retried with
// backoff, and a run of them fails the item, naming the task. Their own file because the
// node's backoff (1, 2, 4, 8, 16 s) runs on the wall clock: it runs beside the other suites.
// @duration 55 s (test/support/sequencer.js)
const { useSimulator } = require('./support/useSimulator');
const { runSora } = require('./support/soraNode');
const { fixed, waitFor, createTasks: createTasksOn } = require('./support/waiting');

jest.setTimeout(60_000);

const sim = useSimulator({ taskDurationMs: 500 });
const createTasks = (provider, n) => createTasksOn(sim, provider, n);

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
