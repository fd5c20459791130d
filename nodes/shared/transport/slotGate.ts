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
 * what the slots force. The backoff stays as the longest wait, for slots freed unseen (jobs of
 * other workflows or other n8n processes).
 */
export class SlotGate {
	private readonly waiters: Array<{ woken: boolean }> = [];
	private readonly ended = new Set<string>();

	/** Waits until a slot is seen freed or `ms` has passed, whichever comes first. */
	async wait(ms: number, signal?: AbortSignal): Promise<void> {
		const waiter = { woken: false };
		this.waiters.push(waiter);
		const end = Date.now() + ms;
		try {
			while (!waiter.woken && Date.now() < end) await pause(Math.min(LOOK_MS, end - Date.now()), signal);
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
