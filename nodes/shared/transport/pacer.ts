import { pause } from './pause';

/**
 * Keeps the requests that share one API key under the provider's rate limit, across all
 * items and all executions in this n8n process.
 *
 * A sliding window of grant times: at most `limit` grants inside any `windowMs`. The window is
 * padded because the provider measures arrival times, which network jitter spreads apart.
 * A 429 halves the allowance and blocks everyone for the Retry-After period; successes
 * earn the allowance back step by step.
 */
export class Pacer {
	private readonly grants: number[] = [];
	private allowance: number;
	private blockedUntil = 0;
	private successStreak = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
	) {
		this.allowance = limit;
	}

	/** Resolves when the caller may send one request. Grants are handed out in arrival order. */
	async acquire(signal?: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot(signal));
		// A cancelled waiter must not jam the queue for the others.
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	rateLimited(retryAfterMs: number): void {
		this.allowance = Math.max(1, Math.floor(this.allowance / 2));
		this.successStreak = 0;
		this.blockedUntil = Math.max(this.blockedUntil, Date.now() + retryAfterMs);
	}

	succeeded(): void {
		if (this.allowance >= this.limit) return;
		this.successStreak++;
		if (this.successStreak >= this.allowance * 2) {
			this.allowance = Math.min(this.limit, this.allowance + 1);
			this.successStreak = 0;
		}
	}

	private async waitForSlot(signal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.grants.length > 0 && this.grants[0] <= now - this.windowMs) this.grants.shift();
			let readyAt = this.blockedUntil;
			if (this.grants.length >= this.allowance) {
				readyAt = Math.max(readyAt, this.grants[this.grants.length - this.allowance] + this.windowMs);
			}
			if (readyAt <= now) {
				this.grants.push(now);
				return;
			}
			await pause(readyAt - now, signal);
		}
	}
}

const pacers = new Map<string, Pacer>();

/** One pacer per credential and kind of request, shared by every execution in this process. */
export function pacerFor(key: string, limit: number, windowMs: number): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(limit, windowMs);
		pacers.set(key, pacer);
	}
	return pacer;
}
