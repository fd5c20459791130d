'use strict';

// When the node's pacers let a request go, by the pacers' own clock.
//
// A rate limit checked on the simulator's arrival times fails on a loaded machine: a late event
// loop delivers requests that were granted 100 ms apart in one bunch (11 to 13 "per second"
// at a load of 10). The grant times are what the pacer promises, and what it alone controls;
// the padding of its window is there for the spread that arrival adds.
const path = require('node:path');

const { Pacer } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'transport', 'pacer.js'));

/**
 * Starts recording every grant of every pacer in this test file (the node's included: same
 * module). Returns `{ times(kind), maxInWindow(kind, windowMs), stop() }`, where `kind` is
 * 'query' or 'create' (told apart by the pacer's window: about 1 s or about 10 s).
 */
function recordPacerGrants() {
	const grants = [];
	const acquire = Pacer.prototype.acquire;
	Pacer.prototype.acquire = async function recorded(signal) {
		await acquire.call(this, signal);
		grants.push({ kind: this.windowMs < 5000 ? 'query' : 'create', at: Date.now() });
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
		},
	};
}

module.exports = { recordPacerGrants };
