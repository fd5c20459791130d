import { CancelledError } from './errors';
import { pause } from './pause';

/**
 * Keeps the requests that share one API key under the provider's rate limit, across all
 * items and all executions in this n8n process.
 *
 * A sliding window: at most `allowance` requests inside any `windowMs`. The provider counts a
 * request when it arrives, which is after it was granted here and before its answer came back,
 * so a request counts from its answer once `answered()` is called: a request that was held up
 * on its way (a busy event loop, a slow network) cannot share a window with the next ones, and
 * the window needs no padding for jitter (a 10 % pad cost 10 % of a batch's creates). Until its
 * answer, a request counts however long ago it was granted: one that took longer than a window
 * may have arrived just now (counting it from its grant let 1,000 queued lookups overrun kie.ai's
 * 10 per second on a busy n8n).
 *
 * The limit is per account, and in n8n's queue mode several processes (workers, webhook
 * processes) use one key, each with its own pacer: n8n gives nodes no store they share. So the
 * pacers learn their share from the provider's 429s. A 429 means the account's window is full:
 * the allowance halves, but not below what the provider let through from this process during
 * the last window (its share while the others keep sending), and everyone here waits the
 * Retry-After period. Each window that passes without a 429 adds a tenth of the limit back, so
 * a process that the others leave room for takes it up again. Alone, a pacer never sees a 429
 * and stays at the full limit.
 *
 * When the credential says how many processes share the key, each keeps to that share of the
 * limit from the start: no burst of 429s while the shares are found, none from probing after.
 */
/** How often a caller waiting for an answer to free a place looks again. */
const ANSWER_CHECK_MS = 100;
/** Well past the longest timeout of a paced request (a create's, 60 s). */
const UNANSWERED_FOR_AT_MOST_MS = 5 * 60_000;

export class Pacer {
	/** When the answered requests of the last window got their answers, oldest first. */
	private readonly grants: number[] = [];
	/** Grant times of the requests not answered yet, oldest first: each counts until answered. */
	private readonly unanswered: number[] = [];
	/** When requests the provider accepted were sent, for the last window. */
	private readonly accepted: number[] = [];
	private allowance: number;
	private ceiling: number;
	private blockedUntil = 0;
	private lastLimitedAt = -Infinity;
	private lastRaisedAt = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		processes = 1,
	) {
		this.ceiling = limit;
		this.allowance = limit;
		this.shareWith(processes);
	}

	/** Keeps to 1/`processes` of the limit (at least one request per window). */
	shareWith(processes: number): void {
		const ceiling = Math.max(1, Math.floor(this.limit / Math.max(1, Math.floor(processes) || 1)));
		if (ceiling === this.ceiling) return;
		this.ceiling = ceiling;
		this.allowance = Math.min(ceiling, this.allowance === this.limit ? ceiling : this.allowance);
	}

	/** Resolves when the caller may send one request. Grants are handed out in arrival order. */
	async acquire(signal?: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot(signal));
		// A cancelled waiter must not jam the queue for the others.
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/**
	 * A granted request got its answer (any answer, or none): it counts from now. Which of the
	 * unanswered requests it was does not matter, as each stands for one request in the window;
	 * moving the oldest one only ever counts a request later than it was granted.
	 */
	answered(): void {
		if (this.unanswered.shift() === undefined) return;
		this.grants.push(Date.now());
	}

	rateLimited(retryAfterMs: number): void {
		const now = Date.now();
		this.forget(now);
		this.allowance = Math.min(this.ceiling, Math.max(1, this.accepted.length, this.allowance / 2));
		this.lastLimitedAt = now;
		this.lastRaisedAt = now;
		this.blockedUntil = Math.max(this.blockedUntil, now + retryAfterMs);
	}

	succeeded(): void {
		const now = Date.now();
		this.forget(now);
		this.accepted.push(now);
		// Answers still arriving from the window that was refused count towards this process's share.
		if (now - this.lastLimitedAt < this.windowMs) this.allowance = Math.max(this.allowance, Math.min(this.ceiling, this.accepted.length));
	}

	/** The current number of grants per window, for tests and the benchmark. */
	get share(): number {
		return this.allowance;
	}

	private forget(now: number): void {
		while (this.grants.length > 0 && this.grants[0] <= now - this.windowMs) this.grants.shift();
		// Every caller reports its answer (ProviderClient does so in a finally); this only keeps a
		// caller that never does from holding its place for ever.
		while (this.unanswered.length > 0 && this.unanswered[0] <= now - UNANSWERED_FOR_AT_MOST_MS) this.unanswered.shift();
		while (this.accepted.length > 0 && this.accepted[0] <= now - this.windowMs) this.accepted.shift();
	}

	private raise(now: number): void {
		if (this.allowance >= this.ceiling || now - this.lastLimitedAt < this.windowMs) return;
		const windows = Math.floor((now - this.lastRaisedAt) / this.windowMs);
		if (windows < 1) return;
		this.allowance = Math.min(this.ceiling, this.allowance + windows * Math.max(1, this.limit / 10));
		this.lastRaisedAt += windows * this.windowMs;
	}

	private async waitForSlot(signal?: AbortSignal): Promise<void> {
		for (;;) {
			// A waiter given up while others were ahead of it leaves without taking a place.
			if (signal?.aborted) throw new CancelledError();
			const now = Date.now();
			this.forget(now);
			this.raise(now);
			const allowed = Math.max(1, Math.floor(this.allowance));
			const pending = this.unanswered.length;
			let readyAt = this.blockedUntil;
			if (pending >= allowed) {
				// Only an answer frees a place; an answer counts a whole window from then on anyway.
				readyAt = Math.max(readyAt, now + Math.min(ANSWER_CHECK_MS, this.windowMs));
			} else if (this.grants.length + pending >= allowed) {
				readyAt = Math.max(readyAt, this.grants[this.grants.length - allowed + pending] + this.windowMs);
			}
			if (readyAt <= now) {
				this.unanswered.push(now);
				return;
			}
			await pause(readyAt - now, signal);
		}
	}
}

const pacers = new Map<string, Pacer>();

/**
 * One pacer per credential and kind of request, shared by every execution in this process.
 * `processes`: how many n8n processes share the key (the credential's setting, which may change).
 */
export function pacerFor(key: string, limit: number, windowMs: number, processes = 1): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(limit, windowMs, processes);
		pacers.set(key, pacer);
	} else pacer.shareWith(processes);
	return pacer;
}
