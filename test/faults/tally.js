'use strict';

// The figures of the fault and attack suite (issue 6), and the checks every case shares:
// recognisable secrets and the scan for them, readable error messages, the watch for
// unhandled rejections, and the one summary line.

// jest gives test files a copy of `process`, whose listeners the real process never calls.
// The real one is the outer realm's: unhandled rejections are reported there.
const realProcess = require('node:vm').runInThisContext('process');

/** Recognisable secrets: every scenario runs with them, and none may appear anywhere. */
const KEYS = {
	revid: 'FAULTSUITE-revid-apikey-5Qw8Zr2Lp7',
	sora2api: 'FAULTSUITE-sora2-apikey-9Xc4Vb6Nm1',
	kie: 'FAULTSUITE-kie-apikey-3Hj7Kd2Fs8',
};
const HMAC = 'FAULTSUITE-hmac-key-6Tg1Yp4We9';
const TOKEN = 'FAULTSUITE-token-8Rb3Un5Ai2';
const SECRETS = [...Object.values(KEYS), HMAC, TOKEN];

const counts = {
	faultsTried: 0,
	faultsHandled: 0,
	duplicateCreates: 0,
	tasksLost: 0,
	/** Tasks created by an answer the node could not read, whose error says a task may exist. */
	tasksUnconfirmed: 0,
	secretsLeaked: 0,
	attacksTried: 0,
	attacksRejected: 0,
	unhandledRejections: 0,
	/** Everything scanned for secrets, in characters: shows the scan had something to read. */
	scannedChars: 0,
};
const failures = [];
const rejections = [];

function onUnhandledRejection(reason) {
	counts.unhandledRejections++;
	rejections.push(reason instanceof Error ? reason.stack : String(reason));
}

/** Listens for unhandled rejections on the real process until `stopWatching`. */
function startWatching() {
	realProcess.on('unhandledRejection', onUnhandledRejection);
}
function stopWatching() {
	realProcess.off('unhandledRejection', onUnhandledRejection);
}

/** Counts every secret found in `value` (anything JSON can hold, or a string). */
function scanForSecrets(value, where) {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
	counts.scannedChars += text.length;
	let leaked = 0;
	for (const secret of SECRETS) {
		if (text.includes(secret)) {
			leaked++;
			failures.push(`secret leaked in ${where}`);
		}
	}
	counts.secretsLeaked += leaked;
	return leaked;
}

const ACTIONABLE = /\b(check|top up|try|run|choose|open|paste|change|use|fix|raise|attach|set|wait|enter|look)\b/i;

/**
 * What a non-programmer can act on: a sentence saying what happened, and a description
 * saying what to do. No stack traces, no object dumps, no HTML, no raw JSON.
 */
function unreadableBecause(message, description) {
	if (typeof message !== 'string' || message.trim().length < 10) return 'the message is empty or too short';
	if (message.length > 300) return 'the message is longer than 300 characters';
	const junk = /\[object Object\]|\bundefined\b|\bNaN\b|\n\s+at |<\/?[a-z!][^>]*>|[{}]|TypeError|ReferenceError|Cannot read/;
	if (junk.test(message)) return `the message has programmer's text in it: ${message}`;
	if (typeof description !== 'string' || description.trim() === '') return 'there is no description';
	if (junk.test(description)) return `the description has programmer's text in it: ${description}`;
	if (!ACTIONABLE.test(description)) return `the description does not say what to do: ${description}`;
	return undefined;
}

function recordFault(handled, name, why) {
	counts.faultsTried++;
	if (handled) counts.faultsHandled++;
	else failures.push(`fault not handled: ${name}${why ? `: ${why}` : ''}`);
}

function recordAttack(rejected, name, why) {
	counts.attacksTried++;
	if (rejected) counts.attacksRejected++;
	else failures.push(`attack got through: ${name}${why ? `: ${why}` : ''}`);
}

function summaryLine() {
	return (
		`faults: ${counts.faultsTried} tried, ${counts.faultsHandled} handled · ` +
		`duplicate creates: ${counts.duplicateCreates} · tasks lost: ${counts.tasksLost} · ` +
		`secrets leaked: ${counts.secretsLeaked} · ` +
		`attacks: ${counts.attacksTried} tried, ${counts.attacksRejected} rejected`
	);
}

/** Prints the summary line alone on its line, past jest's reporters. */
function printSummary() {
	realProcess.stdout.write(
		`\n(tasks created by an answer the node could not read, each reported as "may have been started": ${counts.tasksUnconfirmed}; ` +
			`unhandled rejections: ${counts.unhandledRejections}; characters scanned for secrets: ${counts.scannedChars})\n`,
	);
	realProcess.stdout.write(`${summaryLine()}\n`);
}

module.exports = {
	KEYS,
	HMAC,
	TOKEN,
	SECRETS,
	counts,
	failures,
	rejections,
	startWatching,
	stopWatching,
	scanForSecrets,
	unreadableBecause,
	recordFault,
	recordAttack,
	summaryLine,
	printSummary,
};
