'use strict';

// How the e2e runners report: every phase timed, every check bounded in time and recorded, and the
// closing lines ("N passed, N failed") that CI reads.

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

class Report {
	constructor() {
		this.phases = [];
		this.results = [];
	}

	async phase(name, fn) {
		const started = Date.now();
		console.log(`\n== ${name}`);
		try {
			return await fn();
		} finally {
			const took = Date.now() - started;
			this.phases.push({ name, took });
			console.log(`== ${name}: ${s(took)}`);
		}
	}

	async check(label, timeoutS, fn) {
		const started = Date.now();
		let timer;
		try {
			await Promise.race([
				fn(),
				new Promise((_, reject) => {
					timer = setTimeout(() => reject(new Error(`timed out after ${timeoutS} s`)), timeoutS * 1000);
				}),
			]);
			this.results.push({ label, ok: true });
			console.log(`  ok    ${label} (${s(Date.now() - started)})`);
		} catch (error) {
			this.fail(label, error, Date.now() - started);
		} finally {
			clearTimeout(timer);
		}
	}

	fail(label, error, tookMs) {
		this.results.push({ label, ok: false, error });
		console.log(`  FAIL  ${label}${tookMs === undefined ? '' : ` (${s(tookMs)})`}`);
		console.log(String(error && error.stack ? error.stack : error).split('\n').slice(0, 8).map((l) => `        ${l}`).join('\n'));
	}

	get failed() {
		return this.results.filter((r) => !r.ok);
	}

	/** The timings, the failures and the last line; returns the exit code. */
	finish(startedAt) {
		console.log('\n== timings');
		for (const p of this.phases) console.log(`  ${s(p.took).padStart(9)}  ${p.name}`);
		console.log(`  ${s(Date.now() - startedAt).padStart(9)}  total`);
		const { failed } = this;
		if (failed.length) {
			console.log('\nfailed:');
			for (const r of failed) console.log(`  - ${r.label}: ${String(r.error && r.error.message).split('\n')[0]}`);
		}
		console.log(`\n${this.results.length - failed.length} passed, ${failed.length} failed`);
		return failed.length ? 1 : 0;
	}
}

module.exports = { Report, s };
