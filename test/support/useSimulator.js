'use strict';

// One simulator per test file, reset after each test: the set-up every node suite shares.
const { createSimulator } = require('../simulator');

/** Starts the simulator before the file's tests; the handle forwards to it once it runs. */
function useSimulator(options = { taskDurationMs: 300 }) {
	let sim;
	beforeAll(async () => {
		sim = await createSimulator(options);
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => sim.reset());
	return new Proxy(
		{},
		{
			get: (_target, key) => {
				const value = sim[key];
				return typeof value === 'function' ? value.bind(sim) : value;
			},
		},
	);
}

module.exports = { useSimulator };
