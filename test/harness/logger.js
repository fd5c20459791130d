'use strict';

/**
 * A capturing logger installed both as n8n-workflow's `LoggerProxy` target (used by
 * WorkflowExecute, n8n-workflow and most nodes) and as the `Logger` service in n8n-core's
 * DI container (what `this.logger` returns inside a node execution context, and what
 * ErrorReporter / InstanceSettings / BinaryDataService log through).
 *
 * Every line is kept in `allLogs`. Lines logged while a harness run is in progress are
 * additionally attributed to that run through AsyncLocalStorage, so concurrent runs do
 * not mix their `result.logs`.
 *
 * Lines have the form `<level>: <message> <metadata as JSON>`; errors inside metadata
 * are expanded (name, message, stack, description, own enumerable properties) so a
 * secret-leak scan sees everything that a real log transport would receive.
 *
 * Set HARNESS_LOG=1 to also echo lines to stderr while debugging.
 */

const { AsyncLocalStorage } = require('node:async_hooks');

const { workflow, Container, Logger } = require('./n8n');

const LEVELS = ['error', 'warn', 'info', 'debug'];

const allLogs = [];
const runScope = new AsyncLocalStorage();

function serializeError(error, seen) {
	const out = { name: error.name, message: error.message };
	for (const key of Object.keys(error)) out[key] = error[key];
	if (error.description !== undefined) out.description = error.description;
	if (error.stack) out.stack = error.stack;
	if (error.cause !== undefined) out.cause = error.cause;
	seen.add(error);
	return out;
}

function safeStringify(value) {
	const seen = new WeakSet();
	try {
		return JSON.stringify(value, function replacer(_key, val) {
			if (typeof val === 'bigint') return val.toString();
			if (Buffer.isBuffer(val)) return `<Buffer ${val.length} bytes>`;
			if (val instanceof Error) {
				if (seen.has(val)) return '[Circular]';
				return serializeError(val, seen);
			}
			if (typeof val === 'object' && val !== null) {
				if (seen.has(val)) return '[Circular]';
				seen.add(val);
			}
			return val;
		});
	} catch (error) {
		return `<unserializable metadata: ${error.message}>`;
	}
}

function formatLine(level, message, metadata) {
	const text = typeof message === 'string' ? message : safeStringify(message);
	const hasMeta =
		metadata !== undefined &&
		metadata !== null &&
		!(typeof metadata === 'object' && Object.keys(metadata).length === 0 && !(metadata instanceof Error));
	return hasMeta ? `${level}: ${text} ${safeStringify(metadata)}` : `${level}: ${text}`;
}

class CapturingLogger {
	constructor(scopes = []) {
		this.scopes = scopes;
		for (const level of LEVELS) {
			this[level] = (message, metadata) => this.log(level, message, metadata);
		}
	}

	log(level, message, metadata) {
		const line = formatLine(level, message, metadata);
		allLogs.push(line);
		const store = runScope.getStore();
		if (store) store.logs.push(line);
		if (process.env.HARNESS_LOG) process.stderr.write(`[harness] ${line}\n`);
	}

	scoped(scopes) {
		return new CapturingLogger(Array.isArray(scopes) ? scopes : [scopes]);
	}
}

let rootLogger;

/** Installs the capturing logger (idempotent). Must run before services are resolved. */
function installLogger() {
	if (!rootLogger) rootLogger = new CapturingLogger();
	workflow.LoggerProxy.init(rootLogger);
	Container.set(Logger, rootLogger);
	return rootLogger;
}

/** Runs `fn` with every log line it produces (also asynchronously) collected into `logs`. */
function withRunLogs(logs, fn) {
	return runScope.run({ logs }, fn);
}

module.exports = { installLogger, withRunLogs, allLogs, CapturingLogger, formatLine, safeStringify };
