'use strict';

// The cost-safety record's bounds, on the compiled module: it never holds more than MAX_ENTRIES
// items, whatever runs, and a finished run without a rerun to come leaves nothing behind.
// (How it stops a second create in a real retry: soraVideo.retryOnFail.test.js.)
const path = require('node:path');

const record = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'costSafety', 'createRecord.js'));

/** What the record reads of n8n's execute context: IDs and names only. */
function context(executionId, { retryOnFail = false } = {}) {
	return {
		getExecutionId: () => executionId,
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
		getWorkflow: () => ({ id: 'wf' }),
		getNode: () => ({ name: 'Sora Video', retryOnFail }),
		logger: { info() {} },
	};
}

beforeEach(() => record.clearCostSafetyRecord());

test('1,000 items of one run: 1,000 entries while the run may be retried, none once it succeeded', async () => {
	const run = record.CreateRecord.forRun(context('e1', { retryOnFail: true }), 'create');
	for (let item = 0; item < 1000; item++) {
		await run.createOnce(item, { prompt: `p${item}` }, { create: async () => `task-${item}` });
	}
	expect(record.costSafetyRecordSize()).toEqual({ runs: 1, items: 1000 });
	// A retry of the same run finds every task and creates none.
	const retry = record.CreateRecord.forRun(context('e1', { retryOnFail: true }), 'create');
	const created = [];
	for (let item = 0; item < 1000; item++) {
		const outcome = await retry.createOnce(item, { prompt: `p${item}` }, { create: async () => created.push(item) && 'new' });
		expect(outcome).toMatchObject({ taskId: `task-${item}`, continued: true });
	}
	expect(created).toEqual([]);
	// Without Retry On Fail n8n does not run it again: the entries go at once.
	record.CreateRecord.forRun(context('e1'), 'create').finished([{ json: { error: null } }]);
	expect(record.costSafetyRecordSize()).toEqual({ runs: 0, items: 0 });
});

test(`never more than MAX_ENTRIES (${record.MAX_ENTRIES}) items: the oldest runs go first`, async () => {
	const perRun = 1000;
	const runs = record.MAX_ENTRIES / perRun + 5;
	for (let execution = 0; execution < runs; execution++) {
		const run = record.CreateRecord.forRun(context(`e${execution}`), 'create');
		for (let item = 0; item < perRun; item++) await run.createOnce(item, { item }, { create: async () => `t${execution}-${item}` });
	}
	const size = record.costSafetyRecordSize();
	expect(size.items).toBeLessThanOrEqual(record.MAX_ENTRIES + perRun);
	expect(size.runs).toBeLessThan(runs);
});

test('a different request for the same item (not a retry) is created, not continued', async () => {
	const run = record.CreateRecord.forRun(context('e2'), 'create');
	await run.createOnce(0, { prompt: 'a' }, { create: async () => 'first' });
	const other = await run.createOnce(0, { prompt: 'b' }, { create: async () => 'second' });
	expect(other).toEqual({ taskId: 'second', extra: undefined, continued: false });
});
