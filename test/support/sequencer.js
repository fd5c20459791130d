'use strict';

// The order jest hands test files to its workers: the longest first, so that no long file
// starts last and keeps one worker busy after the others are done.
//
// Jest knows a file's duration from its last run (its cache). On a fresh clone it has none and
// guesses from the file's size, which puts a short file that waits a long time (the fault suite)
// near the end. Such a file says how long it takes in a comment of its first lines:
//   // @duration 70 s
// and a file without either counts its size in bytes as milliseconds (10 KB: 10 s).
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const DECLARED = /@duration\s+(\d+(?:\.\d+)?)\s*s\b/;

function declaredMs(path) {
	try {
		const fd = fs.openSync(path, 'r');
		try {
			const head = Buffer.alloc(2048);
			const length = fs.readSync(fd, head, 0, head.length, 0);
			const match = DECLARED.exec(head.subarray(0, length).toString('utf8'));
			return match ? Number(match[1]) * 1000 : undefined;
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return undefined;
	}
}

class LongestFirst extends Sequencer {
	sort(tests) {
		const estimate = new Map(
			tests.map((test) => [test, this.time(test) ?? declaredMs(test.path) ?? test.context.hasteFS.getSize(test.path) ?? 0]),
		);
		return [...tests].sort((a, b) => {
			const failedA = this.hasFailed(a);
			if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
			return estimate.get(b) - estimate.get(a);
		});
	}
}

module.exports = LongestFirst;
