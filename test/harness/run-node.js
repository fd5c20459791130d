'use strict';

/**
 * `runNode`: the common case of `runWorkflow` — a start node emitting `items`, connected
 * to the node under test:
 *
 *     [Start] --main--> [node under test]
 */

const { instantiate, defaultVersionOf, communityTypeName } = require('./node-types');
const { createStartNodeType, START_NODE_TYPE, START_NODE_NAME } = require('./start-node');
const { runWorkflow, credentialRef } = require('./run-workflow');

/**
 * @param {object} options
 * @param {Function|object} options.nodeClass        INodeType class or instance under test
 * @param {Array<Function|object>} [options.credentialTypes]
 * @param {object} [options.parameters]              node parameters (may contain '={{ ... }}' expressions)
 * @param {Record<string, object>} [options.credentials]  credential type -> decrypted data; each
 *                                                   type is also selected on the node as { id, name: 'Test' }
 * @param {object[]} [options.items]                 input items, default [{ json: {} }]
 * @param {boolean} [options.continueOnFail]         sets node.onError = 'continueRegularOutput'
 * @param {number} [options.typeVersion]             default: the type's defaultVersion / highest version
 * @param {string} [options.nodeName]                default: description.defaults.name
 * @param {string} [options.nodeType]                type name, default '<package name>.<description.name>'
 * @param {object} [options.node]                    extra INode fields (retryOnFail, alwaysOutputData, onError, ...)
 * @param {'default'|'filesystem'} [options.binaryMode]
 * @param {number} [options.cancelAfterMs]
 * @param {number} [options.timeoutMs]
 *   ...and any other runWorkflow option (mode, urls, staticData, settings, executionTimeoutMs)
 */
async function runNode(options) {
	const {
		nodeClass,
		credentialTypes = [],
		parameters = {},
		credentials = {},
		items = [{ json: {} }],
		continueOnFail = false,
		typeVersion,
		nodeName,
		nodeType,
		node: nodeExtras = {},
		...workflowOptions
	} = options;
	if (!nodeClass) throw new Error('runNode: `nodeClass` is required');

	const instance = instantiate(nodeClass);
	const { description } = instance;
	const typeName = nodeType ?? communityTypeName(description.name);
	const name = nodeName ?? description.defaults?.name ?? description.displayName;
	const startName = name === START_NODE_NAME ? `Harness ${START_NODE_NAME}` : START_NODE_NAME;

	const nodeCredentials = {};
	for (const type of Object.keys(credentials)) nodeCredentials[type] = credentialRef(credentials, type);

	const testedNode = {
		name,
		type: typeName,
		typeVersion: typeVersion ?? defaultVersionOf(instance),
		position: [220, 0],
		parameters,
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		...nodeExtras,
	};
	const startNode = { name: startName, type: START_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };

	const result = await runWorkflow({
		...workflowOptions,
		nodes: [startNode, testedNode],
		connections: { [startName]: { main: [[{ node: name, type: 'main', index: 0 }]] } },
		nodeTypes: { [START_NODE_TYPE]: createStartNodeType(items), [typeName]: instance },
		credentialTypes,
		credentials,
		startNode: startName,
	});

	const own = result.node(name);
	return {
		items: own.items,
		outputs: own.outputs,
		error: own.error ?? result.error,
		run: result.run,
		status: result.status,
		binary: result.binary,
		logs: result.logs,
		nodeName: name,
		nodeType: typeName,
		executionStatus: own.executionStatus,
		authenticatedRequests: result.authenticatedRequests,
		durationMs: result.durationMs,
		workflowResult: result,
	};
}

module.exports = { runNode };
