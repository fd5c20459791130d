'use strict';

/**
 * A jest reporter that ends the run with one plain line, `tests: N passed, N failed`,
 * which CI tooling that does not know jest's own summary can read.
 */
class PlainSummaryReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		const tail = skipped > 0 ? `, ${skipped} skipped` : '';
		process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed${tail}\n`);
	}
}

module.exports = PlainSummaryReporter;
