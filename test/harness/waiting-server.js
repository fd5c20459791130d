'use strict';

/**
 * A stand-in for n8n's paused executions: the database row, the waiting-webhook endpoint
 * (`/webhook-waiting/:executionId`) and the wait tracker's timer, doing what n8n 1.123's CLI
 * (WaitingWebhooks, WebhookHelpers.executeWebhook, WaitTracker) does around n8n-core:
 *
 * - park(result): keeps a paused run the way n8n stores it, serialised with `flatted`; nothing
 *   else of the first run (objects, closures) is used to resume it;
 * - a POST to `<baseUrl>/<executionId>` loads it, disables the paused node on the stack, clears
 *   waitTill, drops the node's last run, runs the node's restart webhook through n8n-core's
 *   WebhookContext with the stored run data, and, when it returned workflowData, puts that
 *   on the stack and continues the execution with WorkflowExecute.processRunExecutionData;
 *   with no workflowData the execution stays paused, exactly as stored;
 * - resumeByTimer(executionId): what the wait tracker does when waitTill passes;
 *   n8n-core then passes the paused node's input through without running it.
 *
 * Point the run's `urls.webhookWaitingBaseUrl` at `server.baseUrl`, so `$execution.resumeUrl`
 * is served here.
 */

const http = require('node:http');
const { EventEmitter } = require('node:events');

const flatted = require('flatted');

const { core, workflow } = require('./n8n');
const { setupContainer } = require('./container');
const { withRunLogs } = require('./logger');
const { createAdditionalData } = require('./additional-data');
const { getNodeWebhooks } = require('./webhook-runner');
const { prepareIncomingRequest, decorateResponse } = require('./http-request');
const { nodeResult } = require('./result');
const { registerCleanup } = require('./teardown');

function sendJson(res, status, body) {
	if (res.headersSent || res.writableEnded) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

async function startWaitingServer() {
	const executions = new Map();
	const events = new EventEmitter();
	const requests = [];

	function rebuild(record) {
		const data = flatted.parse(record.serialized);
		const wf = new workflow.Workflow({
			id: record.workflowId,
			name: record.workflowName,
			nodes: workflow.deepCopy(record.nodes),
			connections: workflow.deepCopy(record.connections),
			active: false,
			nodeTypes: record.nodeTypes,
			settings: record.settings,
			staticData: {},
		});
		const { additionalData } = createAdditionalData({
			credentialsHelper: record.credentialsHelper,
			executionId: record.executionId,
			mode: record.mode,
			workflowData: { id: record.workflowId, name: record.workflowName, nodes: record.nodes, connections: record.connections },
			urls: record.urls,
		});
		return { data, wf, additionalData };
	}

	async function continueExecution(record, data, wf, additionalData) {
		record.status = 'running';
		const logs = [];
		const run = await withRunLogs(logs, async () =>
			new core.WorkflowExecute(additionalData, record.mode, data).processRunExecutionData(wf),
		);
		record.status = run.status === 'waiting' ? 'waiting' : 'finished';
		if (record.status === 'waiting') record.serialized = flatted.stringify(run.data);
		const resumed = { run, status: run.status, logs, node: (name) => nodeResult(run, name) };
		record.resumes.push(resumed);
		events.emit(`resumed:${record.executionId}`, resumed);
		return resumed;
	}

	async function handle(req, res) {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const match = url.pathname.match(/^\/webhook-waiting\/([^/]+)(?:\/(.*))?$/);
		const entry = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams) };
		requests.push(entry);
		const record = match && executions.get(match[1]);
		if (!record) return sendJson(res, 404, { message: `The execution "${match?.[1]}" does not exist.` });
		if (record.status !== 'waiting') {
			entry.statusCode = 409;
			return sendJson(res, 409, { message: `The execution "${record.executionId}" is ${record.status} already.` });
		}
		setupContainer();
		await prepareIncomingRequest(req);
		decorateResponse(res);

		const { data, wf, additionalData } = rebuild(record);
		const nodeName = data.resultData.lastNodeExecuted;
		data.executionData.nodeExecutionStack[0].node.disabled = true;
		data.waitTill = undefined;
		data.resultData.runData[nodeName].pop();

		const node = wf.getNode(nodeName);
		const webhookData = getNodeWebhooks(wf, node, additionalData).find(
			(webhook) =>
				webhook.httpMethod === req.method &&
				webhook.webhookDescription.restartWebhook === true &&
				String(webhook.webhookDescription.path ?? '') === (match[2] ?? ''),
		);
		if (!webhookData) return sendJson(res, 404, { message: 'No waiting webhook with a matching path/method.' });
		additionalData.httpRequest = req;
		additionalData.httpResponse = res;
		const nodeType = wf.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new core.WebhookContext(wf, node, additionalData, record.mode, webhookData, [], data);
		let response;
		const logs = [];
		try {
			response = (await withRunLogs(logs, async () => await nodeType.webhook.call(context))) || {};
		} catch (error) {
			entry.error = error;
			return sendJson(res, 500, { message: 'Workflow Webhook Error: Workflow could not be started!' });
		}
		entry.logs = logs;
		entry.statusCode = res.statusCode;
		if (!response.noWebhookResponse) sendJson(res, 200, { message: 'Workflow was started' });
		if (response.workflowData === undefined) return undefined;
		data.executionData.nodeExecutionStack[0].data.main = response.workflowData;
		entry.resumed = true;
		// As n8n does: the caller has its answer; the execution continues on its own.
		void continueExecution(record, data, wf, additionalData).catch((error) => events.emit('error', error));
		return undefined;
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => sendJson(res, 500, { message: error.message }));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${server.address().port}/webhook-waiting`;
	const close = () => new Promise((resolve) => server.close(() => resolve()));
	registerCleanup(close);

	return {
		baseUrl,
		requests,
		executions,
		/** Keeps a paused run from runWorkflow/runNode (status 'waiting') as n8n stores it. */
		park(result, { urls } = {}) {
			if (result.status !== 'waiting') throw new Error(`park: the run is ${result.status}, not waiting`);
			const wf = result.workflow ?? result.workflowResult.workflow;
			const record = {
				executionId: result.executionId ?? result.workflowResult.executionId,
				workflowId: wf.id,
				workflowName: wf.name,
				nodes: Object.values(wf.nodes).map((node) => workflow.deepCopy(node)),
				connections: workflow.deepCopy(wf.connectionsBySourceNode),
				settings: wf.settings,
				nodeTypes: wf.nodeTypes,
				credentialsHelper: result.credentialsHelper ?? result.workflowResult.credentialsHelper,
				mode: result.run.mode,
				urls: { webhookWaitingBaseUrl: baseUrl, ...urls },
				serialized: flatted.stringify(result.run.data),
				waitTill: result.run.waitTill ?? result.run.data.waitTill,
				status: 'waiting',
				resumes: [],
			};
			executions.set(record.executionId, record);
			return record;
		},
		/** The stored run data of a parked execution, as n8n would load it. */
		stored(executionId) {
			return flatted.parse(executions.get(executionId).serialized);
		},
		/** Resolves with the next resume of the execution. */
		nextResume(executionId, timeoutMs = 30_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`execution ${executionId} was not resumed in ${timeoutMs} ms`)), timeoutMs);
				timer.unref();
				events.once(`resumed:${executionId}`, (resumed) => {
					clearTimeout(timer);
					resolve(resumed);
				});
			});
		},
		/** What n8n's wait tracker does when waitTill passes with no callback. */
		async resumeByTimer(executionId) {
			const record = executions.get(executionId);
			if (record.status !== 'waiting') throw new Error(`execution ${executionId} is ${record.status}`);
			const { data, wf, additionalData } = rebuild(record);
			return await continueExecution(record, data, wf, additionalData);
		},
		close,
	};
}

module.exports = { startWaitingServer };
