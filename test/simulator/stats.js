'use strict';

const MAX_LOG = 100000;

/**
 * Request counters. The object returned by sim.stats is the live one (cheap to
 * read in tight test loops); treat it as read-only. toJSON() is what
 * GET /__sim/stats sends.
 */
class Stats {
	/** `now`: the simulator's clock. */
	constructor(now = Date.now) {
		this.now = now;
		this.reset();
	}

	reset() {
		this.requests = {};
		this.tasksCreated = 0;
		this.perTask = {};
		this.log = [];
		this.responses429 = 0;
	}

	/** Counts a request that reached a route; the entry is completed when it is answered. */
	begin(key, taskId) {
		this.requests[key] = (this.requests[key] || 0) + 1;
		const entry = { t: this.now(), key, taskId: taskId ?? null, status: null, code: null };
		this.log.push(entry);
		// Trim in batches so the cost stays amortised O(1) per request.
		if (this.log.length > MAX_LOG + MAX_LOG / 10) this.log.splice(0, this.log.length - MAX_LOG);
		return entry;
	}

	finish(entry) {
		if (entry.status === 429 || entry.code === 429) this.responses429++;
	}

	taskCreated(taskId) {
		this.tasksCreated++;
		this.perTask[taskId] = { queries: 0, fileDownloads: 0 };
	}

	/** Only tasks the simulator knows get a perTask row, so odd ids cannot pollute it. */
	countTask(taskId, field) {
		const row = Object.prototype.hasOwnProperty.call(this.perTask, taskId) ? this.perTask[taskId] : null;
		if (row) row[field]++;
	}

	/** The most requests with `key` that fell inside any window of `windowMs`. */
	maxInWindow(key, windowMs) {
		const times = this.log.filter((e) => e.key === key).map((e) => e.t);
		let best = 0;
		let start = 0;
		for (let end = 0; end < times.length; end++) {
			while (times[end] - times[start] >= windowMs) start++;
			best = Math.max(best, end - start + 1);
		}
		return best;
	}

	toJSON() {
		return {
			requests: { ...this.requests },
			tasksCreated: this.tasksCreated,
			perTask: JSON.parse(JSON.stringify(this.perTask)),
			log: this.log.map((e) => ({ ...e })),
			responses429: this.responses429,
		};
	}
}

module.exports = { Stats };
