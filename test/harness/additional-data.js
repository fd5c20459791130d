'use strict';

/**
 * `IWorkflowExecuteAdditionalData` for harness executions: what n8n's CLI builds in
 * `WorkflowExecuteAdditionalData.getBase()`, reduced to what n8n-core 1.122 reads.
 *
 * Things a community node can reach that the harness does not provide throw a clear
 * error when used (sub-workflow execution, task runners) instead of being silently mocked.
 */

const { core } = require('./n8n');

const DEFAULT_BASE_URL = 'http://localhost:5678/';

let executionCounter = 0;

/** Unique, numeric-looking execution ids like n8n's (`'1'`, `'2'`, ...). */
function nextExecutionId() {
	executionCounter += 1;
	return String(executionCounter);
}

function notSupported(what) {
	return async () => {
		throw new Error(`${what} is not supported by the test harness`);
	};
}

const noExternalSecrets = {
	hasProvider: () => false,
	hasSecret: () => false,
	getSecret: () => undefined,
	listProviders: () => [],
	listSecrets: () => [],
};

/** The URLs n8n derives from its base URL (all overridable). */
function urlsFor({ baseUrl = DEFAULT_BASE_URL, ...overrides } = {}) {
	const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
	return {
		instanceBaseUrl: base,
		restApiUrl: `${base}rest`,
		formWaitingBaseUrl: `${base}form-waiting`,
		webhookBaseUrl: `${base}webhook`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		webhookTestBaseUrl: `${base}webhook-test`,
		...overrides,
	};
}

/**
 * @param {object} options
 * @param {import('./credentials-helper').HarnessCredentialsHelper} options.credentialsHelper
 * @param {string} options.executionId
 * @param {string} options.mode              WorkflowExecuteMode
 * @param {object} options.workflowData      IWorkflowBase the hooks are created for
 * @param {object} [options.urls]            overrides for the URLs (see urlsFor)
 * @param {number} [options.executionTimeoutTimestamp]
 * @returns {{ additionalData: object, hooks: object, record: object }}
 */
function createAdditionalData({ credentialsHelper, executionId, mode, workflowData, urls, executionTimeoutTimestamp }) {
	const hooks = new core.ExecutionLifecycleHooks(mode, executionId, workflowData);

	const record = {
		executionOrder: [],
		statusChanges: [],
		uiMessages: [],
		sentResponses: [],
		chunks: [],
	};
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		record.executionOrder.push(nodeName);
	});
	hooks.addHandler('sendResponse', (response) => {
		record.sentResponses.push(response);
	});
	hooks.addHandler('sendChunk', (chunk) => {
		record.chunks.push(chunk);
	});

	const additionalData = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		...urlsFor(urls),
		variables: {},
		executionTimeoutTimestamp,
		externalSecretsProxy: noExternalSecrets,
		executeWorkflow: notSupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: notSupported('Task runners (Code node)'),
		logAiEvent: () => {},
		setExecutionStatus: (status) => {
			record.statusChanges.push(status);
		},
		sendDataToUI: (type, data) => {
			record.uiMessages.push({ type, data });
		},
	};

	return { additionalData, hooks, record };
}

module.exports = { createAdditionalData, nextExecutionId, urlsFor, DEFAULT_BASE_URL };
