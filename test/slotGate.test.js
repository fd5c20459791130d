'use strict';

// A create refused while every job slot of the plan was busy waits at the slot gate; a job of the
// same account seen ending wakes it at once instead of leaving the slot idle for its backoff.
const path = require('node:path');

const { SlotGate } = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'transport', 'slotGate.js'));

const HOUR = 3600_000;

/** Resolves to the order in which the waits ended. */
function track(gate, names) {
	const order = [];
	const done = names.map((name) => gate.wait(HOUR).then(() => order.push(name)));
	return { order, done };
}

test('a job seen ending wakes the longest-waiting create, long before its backoff', async () => {
	const gate = new SlotGate();
	const { order, done } = track(gate, ['first', 'second']);
	expect(gate.waiting).toBe(2);
	gate.jobEnded('job-1');
	// An hour's backoff: only the wake can end this wait before jest's timeout.
	await done[0];
	expect(order).toEqual(['first']);
	expect(gate.waiting).toBe(1);
	gate.jobEnded('job-2');
	await done[1];
	expect(order).toEqual(['first', 'second']);
});

test('the same job seen ended twice (polled again) frees one slot, not two', async () => {
	const gate = new SlotGate();
	const { order, done } = track(gate, ['first', 'second']);
	gate.jobEnded('job-1');
	await done[0];
	gate.jobEnded('job-1');
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(order).toEqual(['first']);
	expect(gate.waiting).toBe(1);
	gate.jobEnded('job-2');
	await done[1];
});

test('without a wake the wait ends after its backoff, and a cancelled execution stops it', async () => {
	const gate = new SlotGate();
	await gate.wait(50);
	expect(gate.waiting).toBe(0);
	const controller = new AbortController();
	const waiting = gate.wait(HOUR, controller.signal).then(() => 'ended', () => 'cancelled');
	controller.abort();
	expect(await waiting).toBe('cancelled');
	expect(gate.waiting).toBe(0);
});

test('only the create first in line asks again on its backoff; the others wait to be woken', async () => {
	const gate = new SlotGate();
	const order = [];
	const first = gate.wait(HOUR).then(() => order.push('first'));
	// Its own backoff is over long before the first's, but it is second in line.
	const second = gate.wait(50).then(() => order.push('second'));
	await new Promise((resolve) => setTimeout(resolve, 400));
	expect(order).toEqual([]);
	gate.jobEnded('job-1');
	await first;
	// Now first in line, its 50 ms count from then.
	await second;
	expect(order).toEqual(['first', 'second']);
});

test('a create refused again after waiting keeps its place at the head of the line', async () => {
	const gate = new SlotGate();
	const order = [];
	const waiting = gate.wait(HOUR).then(() => order.push('waiting'));
	await gate.wait(50, undefined, true);
	order.push('again');
	expect(order).toEqual(['again']);
	gate.jobEnded('job-1');
	await waiting;
});

test('a create that loses the head of the line to one asked again waits on, without holding up the event loop', async () => {
	// A wait that spun on an expired time, pausing 0 ms again and again, starved every timer of the
	// process (n8n at 100 % CPU, the batch stuck). Here such a spin fails the wait instead of hanging jest.
	const pauseModule = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'transport', 'pause.js'));
	const realPause = pauseModule.pause;
	let idle = 0;
	pauseModule.pause = async (ms, signal) => {
		if (ms <= 0 && ++idle > 1000) throw new Error('the wait spins without pausing');
		return await realPause(ms, signal);
	};
	try {
		await loseTheHead();
	} finally {
		pauseModule.pause = realPause;
	}
});

async function loseTheHead() {
	const gate = new SlotGate();
	const order = [];
	const first = gate.wait(100).then(() => order.push('first'));
	await new Promise((resolve) => setTimeout(resolve, 20));
	const again = gate.wait(HOUR, undefined, true).then(() => order.push('again'));
	// Past the first one's 100 ms: it is second in line now, and only waits.
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(order).toEqual([]);
	gate.jobEnded('job-1');
	await again;
	await first;
	expect(order).toEqual(['again', 'first']);
}
