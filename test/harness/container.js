'use strict';

/**
 * Minimal DI container setup for n8n-core 1.122.
 *
 * What an execution actually resolves from the container (read from n8n-core's dist):
 *  - `Logger` (@n8n/backend-common)      node contexts' `this.logger`, ErrorReporter, services
 *  - `InstanceSettings`                  every NodeExecutionContext constructor (instance id,
 *                                        n8n folder, HMAC secret for signed resume URLs)
 *  - `BinaryDataService`                 every execute context + the binary helpers
 *  - `ErrorReporter`                     WorkflowExecute reports node errors through it
 *  - `GlobalConfig`                      WorkflowExecute (sentry DSN check), http helpers
 *  - `ExecutionContextService` (+ Cipher, ExecutionContextHookRegistry)
 *                                        `establishExecutionContext` at the start of a run
 *  - `SSHClientsManager`                 resolved by every ExecuteContext for the SSH helpers
 *
 * The real classes are used (resolved lazily by the container from the environment set in
 * env.js) except for:
 *  - Logger            -> the capturing logger (logger.js)
 *  - SSHClientsManager -> a stub: the real one starts a 60 s `setInterval` that is never
 *                         unref'd and adds a `process.on('exit')` listener per instance,
 *                         which would keep jest alive / leak listeners. SSH tunnels are not
 *                         something a community HTTP node test needs.
 *  - BinaryDataService -> one initialised instance per mode, swapped in per run
 *                         (binary-data.js)
 */

const { core, Container, SSHClientsManager } = require('./n8n');
const { installLogger } = require('./logger');

class SSHClientsManagerStub {
	async getClient() {
		throw new Error('SSH tunnels are not supported by the test harness');
	}

	updateLastUsed() {}

	onShutdown() {}
}

let initialized = false;

function setupContainer() {
	// Re-installed on every call (cheap, idempotent) so nothing can displace the capture.
	installLogger();
	if (initialized) return;
	Container.set(SSHClientsManager, new SSHClientsManagerStub());
	// Resolve eagerly so configuration problems surface here rather than mid-execution.
	Container.get(core.InstanceSettings);
	Container.get(core.ErrorReporter);
	initialized = true;
}

module.exports = { setupContainer, SSHClientsManagerStub };
