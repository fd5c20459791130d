'use strict';

// When the node's pacers let a request go, by the pacers' own clock.
//
// A rate limit checked on the simulator's arrival times fails on a loaded machine: a process
// that waits for a CPU delivers requests granted 100 ms apart in one bunch (11 to 13 "per
// second" at a load of 10), and so does any clock read taken after the grant. The times the
// pacer wrote down when it granted are what it promises and what it alone controls; the
// padding of its window is there for the spread that the way to the provider adds.
const path = require('node:path');

const { Pacer } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'transport', 'pacer.js'));

/**
 * Starts recording every grant of every pacer in this test file (the node's included: same
 * module), with the time the pacer itself wrote down for it. Returns
 * `{ times(kind), maxInWindow(kind, windowMs), stop() }`, where `kind` is 'query' or 'create'
 * (told apart by the pacer's window: about 1 s or about 10 s).
 */
function recordPacerGrants() {
	const grants = [];
	const watched = new Set();
	const restores = [];
	const acquire = Pacer.prototype.acquire;
	// The pacer's grant log is private; reading what it pushes there, at the moment it does,
	// avoids a clock read of our own that a busy machine could delay after the grant.
	Pacer.prototype.acquire = function recorded(signal) {
		if (!watched.has(this)) {
			watched.add(this);
			const kind = this.windowMs < 5000 ? 'query' : 'create';
			// Grants only: `answered()` re-stamps a request in `grants` with its answer time, which is
			// no new grant. Every grant also goes to `unanswered`, at the moment it is made.
			const log = this.unanswered;
			const push = log.push;
			log.push = (...at) => {
				for (const time of at) grants.push({ kind, at: time });
				return push.apply(log, at);
			};
			restores.push(() => delete log.push);
		}
		return acquire.call(this, signal);
	};
	const times = (kind) => grants.filter((grant) => grant.kind === kind).map((grant) => grant.at);
	return {
		times,
		/** The most grants of one kind inside any window of `windowMs`. */
		maxInWindow(kind, windowMs) {
			const at = times(kind);
			let best = 0;
			for (let end = 0, start = 0; end < at.length; end++) {
				while (at[end] - at[start] >= windowMs) start++;
				best = Math.max(best, end - start + 1);
			}
			return best;
		},
		stop() {
			Pacer.prototype.acquire = acquire;
			for (const restore of restores) restore();
		},
	};
}

module.exports = { recordPacerGrants };
