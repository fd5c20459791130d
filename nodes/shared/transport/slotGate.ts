import { pause } from './pause';

/** How often a waiting create looks whether it was woken. */
const LOOK_MS = 100;
/** Jobs whose end was already passed on: polling a finished job again frees no second slot. */
const REMEMBERED_ENDS = 2000;

/**
 * For a provider whose create limit is a number of jobs running at once (Revid AI Studio's plan
 * slots). A create refused because every slot was busy waits here, and a job of the same
 * account seen ending in this process wakes the longest-waiting one at once: on a blind backoff
 * alone (1, 2, 4 … 30 s) a freed slot sat idle for seconds, and 60 items on 3 slots took 1.3 times
 * what the slots force. The backoff stays, for slots freed unseen (jobs of other workflows or
 * other n8n processes), but only the longest-waiting create keeps it: with every waiter probing
 * on its own backoff, 57 waiting items sent 620 creates that were refused for 60 jobs.
 */
export class SlotGate {
	private readonly waiters: Array<{ woken: boolean }> = [];
	private readonly ended = new Set<string>();

	/**
	 * Waits until a slot is seen freed, or until this create has been the first in line for `ms`
	 * (then it may ask again). `again`: it was refused after waiting before, and keeps its place
	 * at the head of the line.
	 */
	async wait(ms: number, signal?: AbortSignal, again = false): Promise<void> {
		const waiter = { woken: false };
		if (again) this.waiters.unshift(waiter);
		else this.waiters.push(waiter);
		let firstSince: number | undefined;
		try {
			for (;;) {
				if (waiter.woken) return;
				const now = Date.now();
				const first = this.waiters[0] === waiter;
				if (first) {
					firstSince ??= now;
					if (now - firstSince >= ms) return;
				} else {
					// A create asked again went before it: its time first in line starts anew when it is first again.
					firstSince = undefined;
				}
				await pause(first && firstSince !== undefined ? Math.max(1, Math.min(LOOK_MS, firstSince + ms - now)) : LOOK_MS, signal);
			}
		} finally {
			const at = this.waiters.indexOf(waiter);
			if (at !== -1) this.waiters.splice(at, 1);
		}
	}

	/** A job of this account was seen finished or failed: its slot is free again. */
	jobEnded(jobId: string): void {
		if (this.ended.has(jobId)) return;
		this.ended.add(jobId);
		if (this.ended.size > REMEMBERED_ENDS) this.ended.delete(this.ended.values().next().value as string);
		const waiter = this.waiters.shift();
		if (waiter) waiter.woken = true;
	}

	/** Creates waiting for a slot now. */
	get waiting(): number {
		return this.waiters.length;
	}
}

const gates = new Map<string, SlotGate>();

/** One gate per credential, shared by every execution in this process. */
export function slotGateFor(key: string): SlotGate {
	let gate = gates.get(key);
	if (!gate) {
		gate = new SlotGate();
		gates.set(key, gate);
	}
	return gate;
}
