'use strict';

// Peak memory of one n8n process over a stretch of work, from Linux's own accounting: writing 5 to
// /proc/PID/clear_refs resets the process's peak resident set (VmHWM), which then holds the highest
// RSS reached until it is read. Nothing is sampled, so no short peak is missed.

const fs = require('node:fs');

function status(pid) {
	const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = (field) => Number((text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')) || [])[1]);
	return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** Starts a measurement of `pid`: its RSS now, and its peak from now on. */
function startPeak(pid) {
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	const { rssMiB } = status(pid);
	return {
		/** {baselineMiB, peakMiB, growthMiB} since the start. */
		read() {
			const { peakMiB } = status(pid);
			return { baselineMiB: Math.round(rssMiB), peakMiB: Math.round(peakMiB), growthMiB: Math.round(peakMiB - rssMiB) };
		},
	};
}

module.exports = { startPeak };
