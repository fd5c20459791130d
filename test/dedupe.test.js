'use strict';

// The trigger's delivery record on its own: bounds, window and what a restarted n8n (a new scope,
// so nothing in memory) can still tell from static data. The trigger tests cover it over HTTP.
const path = require('node:path');

const { claimDelivery, MAX_STORED, GROUP_WINDOW_MS } = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'trigger', 'dedupe.js'));

const DAY = 86_400_000;
let scopes = 0;
const newScope = () => `test-scope-${++scopes}`;

/** Claims and persists like the trigger does; returns the claim or undefined. */
async function claim(staticData, scope, key, now, windowMs = DAY) {
	const claimed = claimDelivery(staticData, scope, key, windowMs, { now });
	if (claimed) await claimed.persist();
	return claimed;
}

test('the stored record keeps the newest entries only; memory still knows the older ones', async () => {
	const staticData = {};
	const scope = newScope();
	const start = Date.now() - DAY / 2;
	const count = MAX_STORED + 50;
	// One claim a second: each is alone, so each writes the record at once.
	for (let i = 0; i < count; i++) expect((await claim(staticData, scope, `kie:task-${i}`, start + i * 1000))?.role).toBe('alone');
	expect(staticData.deliveryLog.split(',')).toHaveLength(MAX_STORED);
	expect(claimDelivery(staticData, scope, 'kie:task-0', DAY, { now: start + count * 1000 })).toBeUndefined();

	const restarted = newScope();
	const now = start + count * 1000;
	expect(claimDelivery(staticData, restarted, `kie:task-${count - 1}`, DAY, { now })).toBeUndefined();
	expect(claimDelivery(staticData, restarted, 'kie:task-50', DAY, { now })).toBeUndefined();
	// Pushed out of the stored record by newer ones: a restarted n8n no longer knows it.
	expect(claimDelivery(staticData, restarted, 'kie:task-49', DAY, { now })).toBeDefined();
});

test('entries older than the window are dropped and fire again', async () => {
	const staticData = {};
	const scope = newScope();
	const t0 = Date.now();
	await claim(staticData, scope, 'kie:old', t0, 60_000);
	expect(claimDelivery(staticData, newScope(), 'kie:old', 60_000, { now: t0 + 30_000 })).toBeUndefined();
	expect(claimDelivery(staticData, scope, 'kie:old', 60_000, { now: t0 + 61_000 })).toBeDefined();
	expect(claimDelivery(staticData, newScope(), 'kie:old', 60_000, { now: t0 + 61_000 })).toBeDefined();
});

test('a burst: the first claim writes alone, the next writes for the group, the rest leave it to that one', async () => {
	const scope = newScope();
	const now = Date.now();
	// Like n8n, each request has its own copy of static data, loaded before the others wrote.
	const copies = [{}, {}, {}, {}];
	const first = claimDelivery(copies[0], scope, 'kie:a', DAY, { now });
	const writer = claimDelivery(copies[1], scope, 'kie:b', DAY, { now: now + 1 });
	const member = claimDelivery(copies[2], scope, 'kie:c', DAY, { now: now + 2 });
	// One that downloads a video may not wait, but a group is open: the group's writer takes it.
	const downloading = claimDelivery(copies[3], scope, 'kie:d', DAY, { now: now + 3, mayWait: false });
	expect([first.role, writer.role, member.role, downloading.role]).toEqual(['alone', 'writer', 'member', 'member']);

	await Promise.all([first.persist(), writer.persist(), member.persist(), downloading.persist()]);
	// Members write nothing (no database write); the writer's copy, saved last, holds all four.
	expect(copies[2]).toEqual({});
	expect(copies[3]).toEqual({});
	expect(copies[1].deliveryLog.split(',')).toHaveLength(4);
	const restarted = newScope();
	for (const key of ['kie:a', 'kie:b', 'kie:c', 'kie:d']) {
		expect(claimDelivery(copies[1], restarted, key, DAY, { now: now + 5 })).toBeUndefined();
	}

	// After the group closed, a claim starts afresh.
	const later = claimDelivery({}, scope, 'kie:e', DAY, { now: now + 10 * GROUP_WINDOW_MS });
	expect(later.role).toBe('alone');
});

test('a burst of claims that may not wait: each writes for itself', async () => {
	const scope = newScope();
	const now = Date.now();
	const roles = ['a', 'b', 'c'].map((id, i) => claimDelivery({}, scope, `kie:${id}`, DAY, { now: now + i, mayWait: false }).role);
	expect(roles).toEqual(['alone', 'alone', 'alone']);
});

test('a later request re-writes only claims another process\'s write dropped, not those pushed out by newer ones', async () => {
	const { observeRecord } = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'trigger', 'dedupe.js'));
	const staticData = {};
	const scope = newScope();
	const start = Date.now() - DAY / 2;
	const count = MAX_STORED + 50;
	for (let i = 0; i < count; i++) await claim(staticData, scope, `kie:task-${i}`, start + i * 1000);
	const full = { ...staticData };
	// Two seconds later (n8n has saved every write): the 50 oldest were pushed out, nothing was lost.
	const later = Date.now() + 2000;
	expect(observeRecord(staticData, scope, DAY, later).size).toBe(0);
	expect(staticData).toEqual(full);

	// Later still, another process writes the record from a copy it loaded long before (after a long
	// download, say): the newest entry is gone, and this process writes it again.
	const entries = staticData.deliveryLog.split(',');
	staticData.deliveryLog = entries.slice(0, -1).join(',');
	staticData.deliveryLogWriter = `another1.${(later + 5).toString(36)}`;
	const lost = observeRecord(staticData, scope, DAY, later + 10);
	// Other processes write too: the caller is asked for a sync request for the re-written claim.
	expect(lost.size).toBe(1);
	expect(staticData.deliveryLog.split(',')).toEqual(entries);
	expect(staticData.deliveryLogWriter).not.toMatch(/^another1\./);
	expect(observeRecord(staticData, scope, DAY, later + 20).size).toBe(0);
});

describe('a record filled to its cap shrinks back once the window has passed (bench scenario "batch")', () => {
	const { observeRecord } = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'trigger', 'dedupe.js'));
	const WINDOW = 60_000;
	// persist() stamps its write with Date.now(): the test moves that clock instead of waiting.
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
	afterEach(() => jest.useRealTimers());

	/** Like handleCallback: every request observes the loaded record, then claims and persists. */
	async function deliver(staticData, scope, key, now, mayWait = false) {
		jest.setSystemTime(now);
		observeRecord(staticData, scope, WINDOW, now);
		const claimed = claimDelivery(staticData, scope, key, WINDOW, { now, mayWait });
		if (claimed) await claimed.persist();
		return claimed;
	}

	function fill(staticData, scope, start) {
		const count = MAX_STORED + 100;
		return (async () => {
			for (let i = 0; i < count; i++) await deliver(staticData, scope, `kie:batch-${i}`, start + i * 20);
			return start + count * 20;
		})();
	}

	test('in the process that filled it: the next callback after the window leaves only itself', async () => {
		const staticData = {};
		const scope = newScope();
		const start = Date.now();
		const last = await fill(staticData, scope, start);
		expect(staticData.deliveryLog.split(',')).toHaveLength(MAX_STORED);
		const full = JSON.stringify(staticData).length;

		const after = last + WINDOW + 2000;
		expect(await deliver(staticData, scope, 'kie:after-window', after)).toBeDefined();
		expect(staticData.deliveryLog.split(',')).toHaveLength(1);
		expect(JSON.stringify(staticData).length).toBeLessThan(300);
		expect(full).toBeGreaterThan(20_000);
		// Expired, not forgotten too early: a task of the batch fires again, only once.
		expect(await deliver(staticData, scope, 'kie:batch-5', after + 1)).toBeDefined();
		expect(await deliver(staticData, scope, 'kie:batch-5', after + 2)).toBeUndefined();
	});

	test('in a restarted n8n (nothing in memory), and with requests that loaded the full record before', async () => {
		const staticData = {};
		const start = Date.now();
		const last = await fill(staticData, newScope(), start);
		const stale = JSON.parse(JSON.stringify(staticData));
		const after = last + WINDOW + 2000;
		const restarted = newScope();
		expect(await deliver(staticData, restarted, 'kie:after-window', after)).toBeDefined();
		expect(staticData.deliveryLog.split(',')).toHaveLength(1);
		// A request that loaded the full copy earlier writes only what is within the window, too.
		expect(await deliver(stale, restarted, 'kie:after-window-2', after + 500)).toBeDefined();
		expect(stale.deliveryLog.split(',').length).toBeLessThanOrEqual(2);
		expect(JSON.stringify(stale).length).toBeLessThan(300);
	});
});
