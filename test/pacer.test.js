'use strict';

// The pacer's share of one account's limit when several n8n processes (here: several pacers, as
// each queue-mode process has its own) use one key, against an account limiter that answers 429.

const path = require('node:path');

const { Pacer } = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'transport', 'pacer.js'));

/**
 * The provider's side: at most `limit` requests admitted in any `windowMs`, the rest refused.
 * `now`: when the request arrives, here the moment its pacer granted it (no network between).
 */
function accountLimiter(limit, windowMs) {
	const admitted = [];
	return {
		refused: 0,
		admit(now) {
			while (admitted.length && admitted[0] <= now - windowMs) admitted.shift();
			if (admitted.length >= limit) {
				this.refused++;
				return false;
			}
			admitted.push(now);
			return true;
		},
	};
}

/**
 * When the pacer granted the request just acquired, as it wrote it down. A clock read of our
 * own after `acquire` can come 100 ms late on a loaded machine (the process waits for a CPU),
 * which packs the arrivals the account counts closer than the pacer spaced them.
 */
const grantedAt = (pacer) => pacer.unanswered[pacer.unanswered.length - 1];

/** One process's requests: each goes through its pacer, and a 429 is retried after Retry-After. */
async function send(pacer, account, count, retryAfterMs) {
	for (let i = 0; i < count; i++) {
		for (;;) {
			await pacer.acquire();
			// One request at a time per pacer: its last grant is this one.
			const admitted = account.admit(grantedAt(pacer));
			pacer.answered();
			if (admitted) {
				pacer.succeeded();
				break;
			}
			pacer.rateLimited(retryAfterMs);
		}
	}
}

test('a credential shared by 3 processes: each pacer grants a third of the limit per window', async () => {
	const pacer = new Pacer(20, 60_000, 3);
	expect(pacer.share).toBe(6);
	for (let i = 0; i < 6; i++) await pacer.acquire();
	const controller = new AbortController();
	const seventh = pacer.acquire(controller.signal).then(() => 'granted', () => 'cancelled');
	await new Promise((resolve) => setTimeout(resolve, 300));
	controller.abort();
	expect(await seventh).toBe('cancelled');
});

test('changing the setting takes effect on the existing pacer', () => {
	const pacer = new Pacer(10, 1000, 1);
	expect(pacer.share).toBe(10);
	pacer.shareWith(2);
	expect(pacer.share).toBe(5);
	pacer.shareWith(100);
	expect(pacer.share).toBe(1);
});

test('three pacers on one account learn their shares from 429s: everything goes through, few refusals', async () => {
	const account = accountLimiter(10, 400);
	const pacers = [0, 1, 2].map(() => new Pacer(10, 440));
	await Promise.all(pacers.map((pacer) => send(pacer, account, 20, 100)));
	// Each process alone would send 10 per window: 30 for the account's 10. The shares settle near a
	// third each after the first refusals (measured: 9 refusals, shares 8 + 5.5 + 6).
	expect(account.refused).toBeLessThanOrEqual(20);
	const total = pacers.reduce((sum, pacer) => sum + pacer.share, 0);
	expect(total).toBeLessThanOrEqual(25);
}, 20_000);

test('told that 3 processes share the key, the same load gets (almost) no 429 at all', async () => {
	const account = accountLimiter(10, 400);
	const pacers = [0, 1, 2].map(() => new Pacer(10, 440, 3));
	await Promise.all(pacers.map((pacer) => send(pacer, account, 12, 100)));
	expect(account.refused).toBeLessThanOrEqual(2);
}, 20_000);

test('alone, a pacer never drops below the full limit without a 429', async () => {
	const pacer = new Pacer(20, 10_000);
	for (let i = 0; i < 20; i++) {
		await pacer.acquire();
		pacer.succeeded();
	}
	expect(pacer.share).toBe(20);
});

test('a request held up on its way counts from its answer: the next one never shares its window (no padding)', async () => {
	// The provider counts arrivals. The first request arrives 150 ms after its grant (a busy event
	// loop, a slow network), the second at once: counted from grant times, both would fall into one
	// 300 ms window of the provider and the second would be refused.
	const account = accountLimiter(1, 300);
	const pacer = new Pacer(1, 300);
	const delays = [150, 0, 150, 0];
	for (const delay of delays) {
		await pacer.acquire();
		await new Promise((resolve) => setTimeout(resolve, delay));
		// It arrives now, after its delay on the way, not at its grant time.
		const admitted = account.admit(Date.now());
		pacer.answered();
		if (admitted) pacer.succeeded();
		else pacer.rateLimited(100);
	}
	expect(account.refused).toBe(0);
});

test('a request still on its way after a whole window keeps counting until its answer', async () => {
	// The first request takes longer than a window to arrive (a busy n8n, a slow network). Counted
	// from its grant, it would leave the window before it arrived, and two more would be let go
	// beside it: three arrivals in one window of two.
	const account = accountLimiter(2, 400);
	const pacer = new Pacer(2, 400);
	const request = async (delay) => {
		await pacer.acquire();
		await new Promise((resolve) => setTimeout(resolve, delay));
		const admitted = account.admit(Date.now());
		pacer.answered();
		return admitted;
	};
	await Promise.all([request(500), request(0), request(0), request(0)]);
	expect(account.refused).toBe(0);
});

test('a waiter given up while queued behind others leaves without taking a place', async () => {
	// The create phase of Wait Mode "Callback" drops its queued lookups when it ends: one whose turn
	// comes after that must not be granted (and sent), nor keep the place from the waiter behind it.
	const pacer = new Pacer(2, 200);
	await pacer.acquire();
	const givenUp = new AbortController();
	const dropped = pacer.acquire(givenUp.signal);
	const next = pacer.acquire();
	givenUp.abort();
	await expect(dropped).rejects.toThrow(/cancel/i);
	// The second place is still free: the next waiter gets it without any answer coming back.
	const granted = await Promise.race([next.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 1000))]);
	expect(granted).toBe(true);
});
