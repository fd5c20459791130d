'use strict';

/**
 * Runs a workflow through n8n-core's real execution engine (`WorkflowExecute.run`) over an
 * n8n-workflow `Workflow`, with real node execution contexts, request helpers, credential
 * authentication, binary data service and expression evaluation.
 */

const { randomUUID } = require('node:crypto');

const { core, workflow } = require('./n8n');
const { setupContainer } = require('./container');
const { activateBinaryDataMode, readBinary } = require('./binary-data');
const { withRunLogs } = require('./logger');
const { NodeTypes, defaultVersionOf } = require('./node-types');
const { HarnessCredentialsHelper } = require('./credentials-helper');
const { createAdditionalData, nextExecutionId } = require('./additional-data');
const { nodeResult, executionError } = require('./result');

const DEFAULT_TIMEOUT_MS = 60_000;

/** Fills in what n8n's editor would have set on a node; never mutates the input. */
function normalizeNodes(nodes, nodeTypes, credentials) {
	const names = new Set();
	return nodes.map((input, index) => {
		const node = workflow.deepCopy(input);
		if (!node.name) throw new Error(`Node at index ${index} has no name`);
		if (names.has(node.name)) throw new Error(`Duplicate node name "${node.name}"`);
		names.add(node.name);
		if (!nodeTypes.has(node.type)) {
			throw new Error(
				`Node "${node.name}" has type "${node.type}" which is not in nodeTypes ` +
					`(registered: ${[...nodeTypes.types.keys()].join(', ') || 'none'})`,
			);
		}
		const nodeType = nodeTypes.getByName(node.type);
		node.id ??= randomUUID();
		node.typeVersion ??= defaultVersionOf(nodeType);
		node.position ??= [index * 220, 0];
		node.parameters ??= {};
		if (node.credentials === undefined) {
			const description = workflow.NodeHelpers.getVersionedNodeType(nodeType, node.typeVersion).description;
			const assigned = {};
			(description.credentials || []).forEach(({ name }) => {
				if (credentials[name] !== undefined) assigned[name] = credentialRef(credentials, name);
			});
			if (Object.keys(assigned).length) node.credentials = assigned;
		}
		return node;
	});
}

/**
 * What n8n stores on a node for a selected credential: `{ id, name }`.
 *
 * Under jest the ID also names the running test. Per-credential state that lives in the
 * process (the node's rate pacers) then starts fresh in every test, as in a fresh n8n, instead
 * of one test's creates holding back the next test's; the runs of one test share it.
 */
function credentialRef(credentials, typeName) {
	const index = String(Object.keys(credentials).indexOf(typeName) + 1);
	const test = typeof expect === 'function' ? expect.getState().currentTestName : undefined;
	return { id: test ? `${index} (${test})` : index, name: 'Test' };
}

function defaultStartNode(wfNodes, connections) {
	const withInput = new Set();
	for (const byType of Object.values(connections)) {
		for (const outputs of Object.values(byType)) {
			for (const targets of outputs || []) {
				for (const target of targets || []) withInput.add(target.node);
			}
		}
	}
	const start = wfNodes.find((node) => !withInput.has(node.name));
	if (!start) throw new Error('Could not determine the start node; pass `startNode`');
	return start.name;
}

/**
 * Waits for the PCancelable execution; cancels it after `cancelAfterMs` (WorkflowExecute
 * aborts its AbortController, so nodes' getExecutionCancelSignal() fires) and gives up
 * (after cancelling) when `timeoutMs` passes. Timers are always cleared.
 */
function awaitExecution(execution, { cancelAfterMs, timeoutMs }) {
	return new Promise((resolve, reject) => {
		const timers = [];
		let settled = false;
		const settle = (fn, value) => {
			if (settled) return;
			settled = true;
			for (const timer of timers) clearTimeout(timer);
			fn(value);
		};
		if (cancelAfterMs !== undefined && cancelAfterMs !== null) {
			timers.push(setTimeout(() => execution.cancel(), cancelAfterMs));
		}
		if (timeoutMs) {
			timers.push(
				setTimeout(() => {
					execution.cancel();
					settle(reject, new Error(`Harness: workflow execution did not finish within ${timeoutMs} ms`));
				}, timeoutMs),
			);
		}
		execution.then(
			(run) => settle(resolve, run),
			(error) => settle(reject, error),
		);
	});
}

/**
 * @param {object} options
 * @param {object[]} options.nodes             INode-like objects: name, type, parameters, [typeVersion, credentials, onError, ...]
 * @param {object} [options.connections]       IConnections (by source node)
 * @param {Record<string, Function|object>} options.nodeTypes  type name -> INodeType class/instance
 * @param {Array<Function|object>} [options.credentialTypes]   ICredentialType classes/instances
 * @param {Record<string, object>} [options.credentials]       credential type -> decrypted data
 * @param {string} [options.startNode]         name of the node execution starts at (default: first node without inputs)
 * @param {object[][]} [options.startData]     input of the start node (n8n's triggerToStartFrom data), default [[{ json: {} }]]
 * @param {object} [options.pinData]
 * @param {string} [options.mode='manual']     WorkflowExecuteMode
 * @param {'default'|'filesystem'} [options.binaryMode='default']
 * @param {number} [options.cancelAfterMs]
 * @param {number} [options.timeoutMs=60000]
 * @param {object} [options.settings]          workflow settings (default executionOrder 'v1')
 * @param {object} [options.staticData]        workflow static data (mutated in place if the run changes it)
 * @param {object} [options.urls]              instance URLs (see additional-data.js)
 */
async function runWorkflow(options) {
	const {
		nodes,
		connections = {},
		nodeTypes: nodeTypeMap = {},
		credentialTypes = [],
		credentials = {},
		startNode,
		startData,
		pinData,
		mode = 'manual',
		binaryMode = 'default',
		cancelAfterMs,
		timeoutMs = DEFAULT_TIMEOUT_MS,
		settings = { executionOrder: 'v1' },
		staticData,
		workflowId = 'harness-workflow',
		workflowName = 'Harness workflow',
		urls,
		executionTimeoutMs,
	} = options;
	if (!Array.isArray(nodes) || nodes.length === 0) throw new Error('runWorkflow: `nodes` is required');

	setupContainer();
	const binaryDataService = await activateBinaryDataMode(binaryMode);

	const nodeTypes = new NodeTypes(nodeTypeMap);
	const wfNodes = normalizeNodes(nodes, nodeTypes, credentials);
	const credentialsHelper = new HarnessCredentialsHelper({ credentialTypes, credentials });

	const wf = new workflow.Workflow({
		id: workflowId,
		name: workflowName,
		nodes: wfNodes,
		connections: workflow.deepCopy(connections),
		active: false,
		nodeTypes,
		settings,
		staticData: staticData ? workflow.deepCopy(staticData) : undefined,
		pinData,
	});

	const executionId = nextExecutionId();
	const workflowData = {
		id: workflowId,
		name: workflowName,
		active: false,
		isArchived: false,
		nodes: wfNodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const { additionalData, record } = createAdditionalData({
		credentialsHelper,
		executionId,
		mode,
		workflowData,
		urls,
		executionTimeoutTimestamp: executionTimeoutMs ? Date.now() + executionTimeoutMs : undefined,
	});

	const startNodeName = startNode ?? defaultStartNode(wfNodes, connections);
	const startNodeObject = wf.getNode(startNodeName);
	if (!startNodeObject) throw new Error(`Start node "${startNodeName}" not found`);
	const triggerToStartFrom = startData
		? { name: startNodeName, data: { data: { main: workflow.deepCopy(startData) } } }
		: undefined;

	const logs = [];
	let run;
	let startError;
	const startedAt = Date.now();
	await withRunLogs(logs, async () => {
		const workflowExecute = new core.WorkflowExecute(additionalData, mode);
		let execution;
		try {
			// Throws synchronously for a workflow with issues (unknown type, missing
			// required parameter): n8n refuses to start such an execution.
			execution = workflowExecute.run(wf, startNodeObject, undefined, pinData, triggerToStartFrom);
		} catch (error) {
			startError = error;
			return;
		}
		run = await awaitExecution(execution, { cancelAfterMs, timeoutMs });
	});

	if (staticData && wf.staticData.__dataChanged) {
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, JSON.parse(JSON.stringify(wf.staticData)));
	}

	return {
		run,
		status: run ? run.status : 'error',
		error: executionError(run, startError),
		runData: run?.data?.resultData?.runData ?? {},
		/** Output/error of one node by name (its last run). */
		node: (name) => nodeResult(run, name),
		executionOrder: record.executionOrder,
		record,
		logs,
		durationMs: Date.now() - startedAt,
		executionId,
		workflow: wf,
		staticData: wf.staticData,
		credentialsHelper,
		authenticatedRequests: credentialsHelper.authenticatedRequests,
		binaryDataService,
		/** Reads `item.binary[property]` back through n8n-core's BinaryDataService. */
		binary: async (item, property = 'data') => await readBinary(binaryDataService, item, property),
	};
}

module.exports = { runWorkflow, normalizeNodes, credentialRef, awaitExecution, DEFAULT_TIMEOUT_MS };
