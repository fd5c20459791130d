'use strict';

/**
 * A clock for the simulator (`createSimulator({ clock })`) that a test can stop and move on.
 *
 * It runs with the wall clock until `freeze()`; then time stands until `advance(ms)` moves it or
 * `run()` lets it flow again from where it stands. A lifecycle check then asks the simulator at
 * exact task ages instead of sleeping until them, and a late query on a busy machine cannot
 * slip into the next phase.
 *
 * Completion callbacks still go out on real timers, as the wall clock would send them; while
 * the clock stands, end a task with `sim.finishTask(id)` to get its callback now.
 */
function testClock() {
	let offset = 0;
	let frozenAt;
	const clock = {
		now: () => (frozenAt !== undefined ? frozenAt : Date.now() + offset),
		freeze() {
			frozenAt = clock.now();
			return frozenAt;
		},
		advance(ms) {
			if (frozenAt !== undefined) frozenAt += ms;
			else offset += ms;
			return clock.now();
		},
		run() {
			if (frozenAt !== undefined) offset = frozenAt - Date.now();
			frozenAt = undefined;
		},
		/** Back to the wall clock (between tests, after sim.reset() has dropped the tasks). */
		reset() {
			offset = 0;
			frozenAt = undefined;
		},
		get frozen() {
			return frozenAt !== undefined;
		},
	};
	return clock;
}

module.exports = { testClock };
