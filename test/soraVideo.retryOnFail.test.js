'use strict';

// n8n's "Retry On Fail" runs the node again within the same execution. An item whose task the
// first attempt created must not be created (and paid for) again: the retry continues that task.
const path = require('node:path');
const { useSimulator } = require('./support/useSimulator');
const { runSora, TEXT } = require('./support/soraNode');

jest.setTimeout(30_000);

const sim = useSimulator({ taskDurationMs: 300 });
const record = () => require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'costSafety', 'createRecord.js'));

// waitBetweenTries 1 ms: n8n's default pause between tries is a real second.
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };
const WAIT_AND_DOWNLOAD = { waitForCompletion: true, downloadVideo: true, waitOptions: { pollingMode: 'fixed', pollInterval: 1 } };
const TWO_ITEMS = [{ json: { n: 1 } }, { json: { n: 2 } }];

beforeEach(() => record().clearCostSafetyRecord());

test('a download that fails after the create: the retry continues both tasks, one create per item', async () => {
	sim.addFault({ route: 'file', times: 1, action: { type: 'code', code: 500, http: true } });
	const result = await runSora(sim, { parameters: { ...TEXT, ...WAIT_AND_DOWNLOAD }, items: TWO_ITEMS, node: RETRY });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(2);
	for (const item of result.items) expect(item.json.status).toBe('succeeded');
	expect(new Set(result.items.map((item) => item.json.taskId)).size).toBe(2);
	expect(sim.stats.requests['kie.create']).toBe(2);
	expect(sim.stats.tasksCreated).toBe(2);
	// The first attempt got as far as a download, so the retry was real.
	expect(sim.stats.log.filter((entry) => entry.key === 'file' && entry.fault)).toHaveLength(1);
	expect(result.logs.some((line) => line.includes('instead of creating another'))).toBe(true);
	// n8n runs a node with Retry On Fail again when its first item has an `error` field, even
	// null: the run's entries stay a few minutes for that rerun.
	expect(record().costSafetyRecordSize()).toEqual({ runs: 1, items: 2 });
});

test('n8n reruns a successful node with Retry On Fail (its tasks carry error: null); the rerun creates nothing', async () => {
	const result = await runSora(sim, { parameters: TEXT, items: TWO_ITEMS, node: RETRY });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.status)).toEqual(['queued', 'queued']);
	expect(sim.stats.requests['kie.create']).toBe(2);
	expect(result.logs.filter((line) => line.includes('instead of creating another'))).toHaveLength(4);
});

test('a create that got no clear answer is not sent again by the retry', async () => {
	sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'reset', created: true } });
	const result = await runSora(sim, { parameters: TEXT, node: RETRY });
	expect(result.error).toBeDefined();
	expect(result.error.message).toContain('an earlier attempt of this node already sent its create request');
	expect(sim.stats.requests['kie.create']).toBe(1);
	expect(sim.stats.tasksCreated).toBe(1);
});

test('a create the provider certainly refused (402) is sent again by the retry', async () => {
	sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'code', code: 402 } });
	const result = await runSora(sim, { parameters: TEXT, node: RETRY });
	expect(result.error).toBeUndefined();
	expect(sim.stats.requests['kie.create']).toBe(2);
	expect(sim.stats.tasksCreated).toBe(1);
	expect(result.items[0].json.status).toBe('queued');
});

test('without Retry On Fail nothing is kept once the node is done', async () => {
	const result = await runSora(sim, { parameters: TEXT, items: TWO_ITEMS });
	expect(result.error).toBeUndefined();
	expect(record().costSafetyRecordSize()).toEqual({ runs: 0, items: 0 });
});
