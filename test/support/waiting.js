'use strict';

// Helpers of the waiting suites (soraVideo.waiting*.test.js).
const { runSora, textFor } = require('./soraNode');

/** Wait options with a fixed poll interval of `seconds`. */
const fixed = (seconds, extra = {}) => ({ waitOptions: { pollingMode: 'fixed', pollInterval: seconds, ...extra } });
const items = (n) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
/** Wait Until Done on the task ID each item carries. */
const waitFor = (extra = {}) => ({ operation: 'waitUntilDone', taskId: '={{ $json.taskId }}', ...extra });

/** Creates `n` tasks through the node; returns items carrying their task IDs. */
async function createTasks(sim, provider, n) {
	const created = await runSora(sim, { provider, parameters: textFor(provider), items: items(n) });
	expect(created.error).toBeUndefined();
	return created.items.map((item) => ({ json: { taskId: item.json.taskId } }));
}

module.exports = { fixed, items, waitFor, createTasks };
