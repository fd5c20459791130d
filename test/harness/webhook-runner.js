'use strict';

/**
 * Runs a trigger node's `webhook()` and its `webhookMethods` (checkExists / create /
 * delete) the way n8n's CLI WebhookService does, through n8n-core's `WebhookContext` and
 * `HookContext`, on a one-node `Workflow`.
 *
 * Static data behaves like in n8n: each call works on a Workflow created from the
 * persisted static data, and when the call changed it (`__dataChanged`) the new state is
 * written back — here into the `staticData` object passed to createWebhookRunner (mutated
 * in place, so the test's reference stays current).
 */

const { randomUUID } = require('node:crypto');

const { core, workflow } = require('./n8n');
const { setupContainer } = require('./container');
const { activateBinaryDataMode } = require('./binary-data');
const { withRunLogs } = require('./logger');
const { NodeTypes, instantiate, defaultVersionOf, communityTypeName } = require('./node-types');
const { HarnessCredentialsHelper } = require('./credentials-helper');
const { createAdditionalData, urlsFor } = require('./additional-data');
const { credentialRef } = require('./run-workflow');
const { prepareIncomingRequest, decorateResponse } = require('./http-request');

/** Same rules as n8n's WebhookService.getNodeWebhooks. */
function getNodeWebhooks(wf, node, additionalData) {
	if (node.disabled === true) return [];
	const nodeType = wf.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const descriptions = nodeType.description.webhooks;
	if (!descriptions) return [];
	const workflowId = wf.id || '__UNSAVED__';
	const webhooks = [];
	for (const webhookDescription of descriptions) {
		let nodePath = wf.expression.getSimpleParameterValue(node, webhookDescription.path, 'internal', {});
		if (nodePath === undefined) continue;
		nodePath = nodePath.toString().replace(/^\//, '').replace(/\/$/, '');
		const isFullPath = wf.expression.getSimpleParameterValue(
			node,
			webhookDescription.isFullPath,
			'internal',
			{},
			undefined,
			false,
		);
		const restartWebhook = wf.expression.getSimpleParameterValue(
			node,
			webhookDescription.restartWebhook,
			'internal',
			{},
			undefined,
			false,
		);
		const path = workflow.NodeHelpers.getNodeWebhookPath(workflowId, node, nodePath, isFullPath, restartWebhook);
		const methods = wf.expression.getSimpleParameterValue(
			node,
			webhookDescription.httpMethod,
			'internal',
			{},
			undefined,
			'GET',
		);
		if (methods === undefined) continue;
		const webhookId = (path.startsWith(':') || path.includes('/:')) && node.webhookId ? node.webhookId : undefined;
		for (const method of String(methods).split(',')) {
			if (!method) continue;
			webhooks.push({
				httpMethod: method.trim(),
				node: node.name,
				path,
				webhookDescription,
				workflowId,
				workflowExecuteAdditionalData: additionalData,
				webhookId,
			});
		}
	}
	return webhooks;
}

function replaceContents(target, source) {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, source);
}

/**
 * @param {object} options
 * @param {Function|object} options.nodeClass      trigger node class/instance with webhook() / webhookMethods
 * @param {Array<Function|object>} [options.credentialTypes]
 * @param {object} [options.parameters]
 * @param {Record<string, object>} [options.credentials]   type -> decrypted data
 * @param {object} [options.staticData]            workflow static data; persisted across calls (mutated in place)
 * @param {number} [options.typeVersion]
 * @param {string} [options.nodeName]
 * @param {string} [options.nodeType]
 * @param {string} [options.webhookId]             node.webhookId (default: random UUID, like the editor assigns)
 * @param {string} [options.workflowId]
 * @param {boolean} [options.active=true]          workflow.active as seen by the node
 * @param {object} [options.node]                  extra INode fields
 * @param {object} [options.urls]                  instance URLs; `webhookBaseUrl` is set by startWebhookServer
 * @param {'default'|'filesystem'} [options.binaryMode='default']
 * @param {string} [options.mode='webhook']        execution mode for webhook()
 */
function createWebhookRunner(options) {
	const {
		nodeClass,
		credentialTypes = [],
		parameters = {},
		credentials = {},
		staticData = {},
		typeVersion,
		nodeName,
		nodeType,
		webhookId = randomUUID(),
		workflowId = 'harness-workflow',
		workflowName = 'Harness workflow',
		active = true,
		node: nodeExtras = {},
		binaryMode = 'default',
		mode: webhookMode = 'webhook',
	} = options;
	if (!nodeClass) throw new Error('createWebhookRunner: `nodeClass` is required');

	const instance = instantiate(nodeClass);
	const { description } = instance;
	const typeName = nodeType ?? communityTypeName(description.name);
	const name = nodeName ?? description.defaults?.name ?? description.displayName;
	let urls = { ...(options.urls || {}) };

	const nodeCredentials = {};
	for (const type of Object.keys(credentials)) nodeCredentials[type] = credentialRef(credentials, type);
	const nodeTemplate = {
		id: randomUUID(),
		name,
		type: typeName,
		typeVersion: typeVersion ?? defaultVersionOf(instance),
		position: [0, 0],
		parameters,
		webhookId,
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
		...nodeExtras,
	};
	// One credentials helper for the runner's lifetime: data updated by preAuthentication
	// persists across calls like it would in n8n's database.
	const credentialsHelper = new HarnessCredentialsHelper({ credentialTypes, credentials });
	const calls = [];

	/** A fresh Workflow (and node) for one call, seeded with the persisted static data. */
	function buildWorkflow(mode) {
		const node = workflow.deepCopy(nodeTemplate);
		const wf = new workflow.Workflow({
			id: workflowId,
			name: workflowName,
			nodes: [node],
			connections: {},
			active,
			nodeTypes: new NodeTypes({ [typeName]: instance }),
			settings: { executionOrder: 'v1' },
			staticData: workflow.deepCopy(staticData),
		});
		const { additionalData } = createAdditionalData({
			credentialsHelper,
			executionId: undefined, // n8n creates the execution only after webhook() decided to start it
			mode,
			workflowData: { id: workflowId, name: workflowName, active, nodes: [node], connections: {} },
			urls,
		});
		return { wf, node: wf.getNode(name), additionalData };
	}

	function persistStaticData(wf) {
		if (wf.staticData.__dataChanged === true) {
			// Like n8n: a call that changed static data writes all of it back, over other calls' writes.
			runner.staticDataWrites += 1;
			replaceContents(staticData, JSON.parse(JSON.stringify(wf.staticData)));
		}
	}

	function findWebhook(wf, node, additionalData, webhookName, httpMethod) {
		const webhooks = getNodeWebhooks(wf, node, additionalData).filter(
			(webhook) => webhook.webhookDescription.name === webhookName,
		);
		const match = httpMethod ? webhooks.find((webhook) => webhook.httpMethod === httpMethod) : webhooks[0];
		if (!match) {
			throw new Error(
				`Node "${name}" has no webhook named "${webhookName}"${httpMethod ? ` for ${httpMethod}` : ''}`,
			);
		}
		return match;
	}

	/**
	 * Runs `webhook()` for a real request/response pair.
	 * @returns {Promise<{ webhookResponse, workflowData, noWebhookResponse, responseCode, logs, webhookData }>}
	 */
	async function runner(req, res, { webhookName = 'default', httpMethod } = {}) {
		setupContainer();
		await activateBinaryDataMode(binaryMode);
		await prepareIncomingRequest(req);
		if (res) decorateResponse(res);
		const logs = [];
		const call = { req, logs };
		calls.push(call);
		return await withRunLogs(logs, async () => {
			const { wf, node, additionalData } = buildWorkflow(webhookMode);
			additionalData.httpRequest = req;
			additionalData.httpResponse = res;
			const webhookData = findWebhook(wf, node, additionalData, webhookName, httpMethod ?? req.method);
			const nodeTypeInstance = wf.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			if (typeof nodeTypeInstance.webhook !== 'function') {
				throw new Error(`Node "${name}" does not implement webhook()`);
			}
			const context = new core.WebhookContext(wf, node, additionalData, webhookMode, webhookData, [], null);
			let response;
			const acquired = await wf.expression.acquireIsolate();
			try {
				response =
					nodeTypeInstance instanceof workflow.Node
						? await nodeTypeInstance.webhook(context)
						: await nodeTypeInstance.webhook.call(context);
			} finally {
				if (acquired) await wf.expression.releaseIsolate();
				persistStaticData(wf);
			}
			response = response || {};
			const responseCode = wf.expression.getSimpleParameterValue(
				node,
				webhookData.webhookDescription.responseCode,
				webhookMode,
				{},
				undefined,
				200,
			);
			const result = {
				webhookResponse: response.webhookResponse,
				workflowData: response.workflowData,
				noWebhookResponse: response.noWebhookResponse,
				responseCode: Number(responseCode) || 200,
				logs,
				webhookData: { name: webhookName, httpMethod: webhookData.httpMethod, path: webhookData.path },
			};
			call.result = result;
			return result;
		});
	}

	/** Runs one of `webhookMethods[webhookName]` through n8n-core's HookContext. */
	async function runWebhookMethod(
		method,
		{ webhookName = 'default', activation = 'activate', mode = method === 'delete' ? 'internal' : 'trigger' } = {},
	) {
		setupContainer();
		const logs = [];
		const value = await withRunLogs(logs, async () => {
			const { wf, node, additionalData } = buildWorkflow(mode);
			const webhookData = findWebhook(wf, node, additionalData, webhookName);
			const fn = instance.webhookMethods?.[webhookName]?.[method];
			if (typeof fn !== 'function') {
				throw new Error(`Node "${name}" has no webhookMethods.${webhookName}.${method}`);
			}
			const context = new core.HookContext(wf, node, additionalData, mode, activation, webhookData);
			const acquired = await wf.expression.acquireIsolate();
			try {
				return await fn.call(context);
			} finally {
				if (acquired) await wf.expression.releaseIsolate();
				persistStaticData(wf);
			}
		});
		calls.push({ method, logs, value });
		return value;
	}

	Object.assign(runner, {
		nodeName: name,
		nodeType: typeName,
		webhookId,
		staticData,
		/** How many calls wrote static data back (n8n: one database write each). */
		staticDataWrites: 0,
		calls,
		credentialsHelper,
		runWebhookMethod,
		checkExists: (opts) => runWebhookMethod('checkExists', opts),
		create: (opts) => runWebhookMethod('create', opts),
		delete: (opts) => runWebhookMethod('delete', opts),
		/** What n8n does on activation: checkExists, and create when it returned false. */
		activate: async (opts) => {
			const exists = await runWebhookMethod('checkExists', opts);
			if (exists) return { existed: true, created: false };
			const created = await runWebhookMethod('create', opts);
			return { existed: false, created };
		},
		/** The URL(s) n8n would register for this node (getNodeWebhookUrl). */
		getWebhookUrl: (webhookName = 'default') => {
			const { wf, node, additionalData } = buildWorkflow('internal');
			const webhookData = findWebhook(wf, node, additionalData, webhookName);
			return `${additionalData.webhookBaseUrl}/${webhookData.path}`;
		},
		/** All webhooks of the node: [{ name, httpMethod, path }]. */
		getWebhooks: () => {
			const { wf, node, additionalData } = buildWorkflow('internal');
			return getNodeWebhooks(wf, node, additionalData).map((webhook) => ({
				name: webhook.webhookDescription.name,
				httpMethod: webhook.httpMethod,
				path: webhook.path,
			}));
		},
		setUrls: (overrides) => {
			urls = { ...urls, ...overrides };
		},
		getUrls: () => urlsFor(urls),
	});
	return runner;
}

module.exports = { createWebhookRunner, getNodeWebhooks };
