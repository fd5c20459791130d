'use strict';

/**
 * The n8n modules the harness talks to, resolved the way n8n-core itself resolves them.
 *
 * n8n-core ships its own copies of `@n8n/di`, `@n8n/backend-common` and `@n8n/config`
 * (node_modules/n8n-core/node_modules/@n8n/*) whose versions differ from the hoisted
 * ones. The DI container is a module-level singleton, so registering services in the
 * hoisted `@n8n/di` would be invisible to n8n-core. Everything DI-related is therefore
 * required relative to n8n-core's own location.
 *
 * `n8n-workflow` is shared (n8n-core and the community nodes both get the hoisted copy),
 * which keeps `instanceof NodeApiError` and `LoggerProxy` consistent across them.
 */

require('./env');

const coreEntry = require.resolve('n8n-core');

function requireFromCore(id) {
	return require(require.resolve(id, { paths: [coreEntry] }));
}

const core = require('n8n-core');
const workflow = requireFromCore('n8n-workflow');
const { Container } = requireFromCore('@n8n/di');
const { Logger } = requireFromCore('@n8n/backend-common');

if (workflow !== require('n8n-workflow')) {
	throw new Error(
		'test harness: n8n-core resolves a different n8n-workflow than the package does; ' +
			'errors and LoggerProxy would not be shared',
	);
}

// Not re-exported by n8n-core's index, but needed to replace a service that starts a
// non-unref'd interval timer (see container.js).
const { SSHClientsManager } = require(
	require.resolve('n8n-core/dist/execution-engine/ssh-clients-manager', { paths: [coreEntry] }),
);

module.exports = { core, workflow, Container, Logger, SSHClientsManager };
