'use strict';

/** Small helpers shared by the benchmark scenarios: statistics, a seeded RNG, formatting. */

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32: the same seed gives the same task durations on every run. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => (xs.length ? sum(xs) / xs.length : NaN);
const max = (xs) => (xs.length ? Math.max(...xs) : NaN);
const min = (xs) => (xs.length ? Math.min(...xs) : NaN);

/** Rounds for the JSON file: figures keep 3 significant decimals, never more. */
function round(value, digits = 3) {
	if (typeof value !== 'number' || !Number.isFinite(value)) return value;
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

const MiB = 1024 * 1024;

function fmt(value, digits = 2) {
	if (value === null || value === undefined) return '-';
	if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(digits) : String(value);
	return String(value);
}

/** A plain-text table: `columns` is [{ key, title, digits?, align? }]. */
function table(rows, columns) {
	const cells = rows.map((row) =>
		columns.map((c) => (typeof row[c.key] === 'number' ? fmt(row[c.key], c.digits ?? 2) : fmt(row[c.key]))),
	);
	const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i].length)));
	const line = (parts) =>
		parts.map((p, i) => (columns[i].align === 'left' ? p.padEnd(widths[i]) : p.padStart(widths[i]))).join('  ');
	return [line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

module.exports = { sleep, seededRandom, sum, mean, max, min, round, fmt, table, MiB };
