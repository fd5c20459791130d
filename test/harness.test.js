'use strict';

/**
 * Self-test of the n8n execution harness (test/harness), using tiny nodes defined here.
 */

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createHmac } = require('node:crypto');
const { Readable } = require('node:stream');

const { Agent, request } = require('undici');
const { NodeApiError, NodeOperationError, sleepWithAbort } = require('n8n-workflow');

const harness = require('./harness');

const { runNode, runWorkflow, createWebhookRunner, startWebhookServer } = harness;

// ---------------------------------------------------------------------------------------
// Test credential types

class TestApi {
	constructor() {
		this.name = 'testApi';
		this.displayName = 'Test API';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:9' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		};
	}
}

class FunctionAuthApi {
	constructor() {
		this.name = 'functionAuthApi';
		this.displayName = 'Function Auth API';
		this.properties = [{ displayName: 'Token', name: 'token', type: 'string', default: '' }];
	}

	async authenticate(credentials, requestOptions) {
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-Api-Token': credentials.token } };
	}
}

// ---------------------------------------------------------------------------------------
// Test nodes

function baseDescription(name, extra = {}) {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: `Harness self-test node ${name}`,
		defaults: { name },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
		...extra,
	};
}

class FetchTaskNode {
	constructor() {
		this.description = baseDescription('fetchTask', {
			credentials: [{ name: 'testApi', required: true }],
			properties: [{ displayName: 'Task ID', name: 'taskId', type: 'string', default: '', required: true }],
		});
	}

	async execute() {
		const items = this.getInputData();
		const credentials = await this.getCredentials('testApi');
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const taskId = this.getNodeParameter('taskId', i);
			const response = await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
				method: 'GET',
				url: `${credentials.baseUrl}/tasks/${encodeURIComponent(taskId)}`,
				json: true,
			});
			out.push({ json: { taskId, response }, pairedItem: { item: i } });
		}
		return [out];
	}
}

/** Returns as many items as it got, without pairedItem: WorkflowExecute assigns them. */
class EchoNode {
	constructor() {
		this.description = baseDescription('echo', {
			credentials: [{ name: 'functionAuthApi', required: false }],
			properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
		});
	}

	async execute() {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0);
		if (url) {
			await this.helpers.httpRequestWithAuthentication.call(this, 'functionAuthApi', { url, json: true });
		}
		return [items.map((item) => ({ json: { ...item.json, echoed: true } }))];
	}
}

class FailingNode {
	constructor() {
		this.description = baseDescription('failing', {
			properties: [
				{
					displayName: 'Mode',
					name: 'mode',
					type: 'options',
					options: [
						{ name: 'Handled', value: 'handled' },
						{ name: 'Unhandled', value: 'unhandled' },
					],
					default: 'handled',
				},
			],
		});
	}

	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (this.getNodeParameter('mode', i) === 'unhandled') {
					throw new NodeOperationError(this.getNode(), 'Unhandled failure', { itemIndex: i });
				}
				throw new NodeApiError(
					this.getNode(),
					{ message: 'Request failed with status code 502', httpCode: '502' },
					{ message: 'Provider failed', description: 'The provider answered 502', httpCode: '502', itemIndex: i },
				);
			} catch (error) {
				if (this.continueOnFail() && this.getNodeParameter('mode', i) === 'handled') {
					out.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

class BinaryNode {
	constructor() {
		this.description = baseDescription('binary', {
			properties: [
				{
					displayName: 'Source',
					name: 'source',
					type: 'options',
					options: [
						{ name: 'Stream', value: 'stream' },
						{ name: 'Buffer', value: 'buffer' },
					],
					default: 'stream',
				},
			],
		});
	}

	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const bytes = Buffer.from(items[i].json.bytesBase64, 'base64');
			const source =
				this.getNodeParameter('source', i) === 'stream'
					? Readable.from([bytes.subarray(0, 5), bytes.subarray(5)])
					: bytes;
			const binary = await this.helpers.prepareBinaryData(source, 'x.mp4', 'video/mp4');
			out.push({ json: { size: bytes.length }, binary: { data: binary }, pairedItem: { item: i } });
		}
		return [out];
	}
}

class SleepingNode {
	constructor() {
		this.description = baseDescription('sleeping');
	}

	async execute() {
		this.logger.info('sleeping node starts waiting');
		await sleepWithAbort(60_000, this.getExecutionCancelSignal());
		return [this.getInputData()];
	}
}

class CallbackTriggerNode {
	constructor() {
		this.description = {
			...baseDescription('callbackTrigger', {
				group: ['trigger'],
				inputs: [],
				credentials: [{ name: 'testApi', required: true }],
				properties: [{ displayName: 'Signing Secret', name: 'secret', type: 'string', default: '' }],
			}),
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'callback' }],
		};
		this.webhookMethods = {
			default: {
				async checkExists() {
					return Boolean(this.getWorkflowStaticData('node').webhookId);
				},
				async create() {
					const credentials = await this.getCredentials('testApi');
					const data = this.getWorkflowStaticData('node');
					data.webhookId = `wh_${credentials.apiKey.length}`;
					data.url = this.getNodeWebhookUrl('default');
					data.activation = this.getActivationMode();
					return true;
				},
				async delete() {
					const data = this.getWorkflowStaticData('node');
					delete data.webhookId;
					delete data.url;
					return true;
				},
			},
		};
	}

	async webhook() {
		const req = this.getRequestObject();
		const headers = this.getHeaderData();
		const body = this.getBodyData();
		const secret = this.getNodeParameter('secret');
		const expected = createHmac('sha256', secret).update(req.rawBody).digest('hex');
		if (headers['x-signature'] !== expected) {
			this.getResponseObject().status(401).json({ ok: false, reason: 'bad signature' });
			return { noWebhookResponse: true };
		}
		const data = this.getWorkflowStaticData('node');
		data.received = (data.received || 0) + 1;
		if (body.type === 'ping') {
			return { webhookResponse: { pong: true, received: data.received } };
		}
		return {
			workflowData: [
				[{ json: { body, rawLength: req.rawBody.length, received: data.received, query: this.getQueryData() } }],
			],
		};
	}
}

// ---------------------------------------------------------------------------------------
// A local API server the nodes talk to

function startApiServer() {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ id: req.url.split('/').pop(), status: 'done' }));
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({
				received,
				url: `http://127.0.0.1:${server.address().port}`,
				close: () =>
					new Promise((done) => {
						server.closeAllConnections();
						server.close(() => done());
					}),
			});
		});
	});
}

let api;
const dispatcher = new Agent();

beforeAll(async () => {
	api = await startApiServer();
});

afterAll(async () => {
	await api.close();
	await dispatcher.close();
});

beforeEach(() => {
	api.received.length = 0;
});

// ---------------------------------------------------------------------------------------

describe('runNode: expressions, pairedItem, credentials', () => {
	test('resolves parameters against $json and authenticates with a generic credential', async () => {
		const result = await runNode({
			nodeClass: FetchTaskNode,
			credentialTypes: [TestApi],
			parameters: { taskId: '={{ $json.taskId }}' },
			credentials: { testApi: { apiKey: 'k-123', baseUrl: api.url } },
			items: [{ json: { taskId: 'a1' } }, { json: { taskId: 'b/2' } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toEqual([
			{ json: { taskId: 'a1', response: { id: 'a1', status: 'done' } }, pairedItem: { item: 0 } },
			{ json: { taskId: 'b/2', response: { id: 'b%2F2', status: 'done' } }, pairedItem: { item: 1 } },
		]);
		expect(result.outputs).toHaveLength(1);
		expect(api.received.map((r) => r.url)).toEqual(['/tasks/a1', '/tasks/b%2F2']);
		for (const req of api.received) expect(req.headers.authorization).toBe('Bearer k-123');
		expect(result.authenticatedRequests).toHaveLength(2);
		expect(result.run.data.resultData.runData.Start).toHaveLength(1);
		expect(result.logs.some((line) => line.includes('Running node "fetchTask" finished successfully'))).toBe(
			true,
		);
	});

	test('WorkflowExecute assigns pairedItem when the node omits it; function authenticate is applied', async () => {
		const result = await runNode({
			nodeClass: new EchoNode(),
			credentialTypes: [FunctionAuthApi],
			credentials: { functionAuthApi: { token: 'tok-9' } },
			parameters: { url: `${api.url}/ping` },
			items: [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }],
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ n: 1, echoed: true },
			{ n: 2, echoed: true },
			{ n: 3, echoed: true },
		]);
		expect(api.received[0].headers['x-api-token']).toBe('tok-9');
	});

	test('a missing required parameter is reported like n8n (workflow has issues)', async () => {
		const result = await runNode({
			nodeClass: FetchTaskNode,
			credentialTypes: [TestApi],
			credentials: { testApi: { apiKey: 'k', baseUrl: api.url } },
		});
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('WorkflowHasIssuesError');
		expect(api.received).toHaveLength(0);
	});
});

describe('runNode: errors', () => {
	test('NodeApiError fails the execution and is exposed as result.error', async () => {
		const result = await runNode({ nodeClass: FailingNode, items: [{ json: { a: 1 } }] });
		expect(result.status).toBe('error');
		expect(result.items).toBeUndefined();
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Provider failed',
			description: 'The provider answered 502',
			httpCode: '502',
		});
		expect(result.run.data.resultData.error.name).toBe('NodeApiError');
	});

	test('continueOnFail: the node returns error items with pairedItem', async () => {
		const result = await runNode({
			nodeClass: FailingNode,
			continueOnFail: true,
			items: [{ json: { a: 1 } }, { json: { a: 2 } }],
		});
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { error: 'Provider failed' }, pairedItem: { item: 0 } },
			{ json: { error: 'Provider failed' }, pairedItem: { item: 1 } },
		]);
	});

	test('continueOnFail with an error the node does not handle: n8n passes the input through', async () => {
		const result = await runNode({
			nodeClass: FailingNode,
			continueOnFail: true,
			parameters: { mode: 'unhandled' },
			items: [{ json: { a: 1 } }],
		});
		expect(result.items).toEqual([{ json: { a: 1 }, pairedItem: { item: 0 } }]);
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Unhandled failure' });
		expect(result.executionStatus).toBe('error');
		// n8n-core 1.122 quirk: the error of the LAST executed node is still pending when the
		// run ends, so the whole execution is reported as 'error' (with a following node it
		// would be 'success').
		expect(result.status).toBe('error');
	});
});

describe('runNode: binary data', () => {
	const bytes = Buffer.from('0123456789-fake-mp4-bytes');

	test.each([
		['default', 'stream'],
		['filesystem', 'stream'],
		['default', 'buffer'],
		['filesystem', 'buffer'],
		['default', 'stream'], // switching back after filesystem mode
	])('prepareBinaryData in %s mode from a %s', async (binaryMode, source) => {
		const result = await runNode({
			nodeClass: BinaryNode,
			binaryMode,
			parameters: { source },
			items: [{ json: { bytesBase64: bytes.toString('base64') } }],
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary.data).toMatchObject({ fileName: 'x.mp4', mimeType: 'video/mp4', fileExtension: 'mp4' });
		expect(await result.binary(item)).toEqual(bytes);
		expect(await result.binary(item, 'data')).toEqual(bytes);
		await expect(result.binary(item, 'missing')).rejects.toThrow('no binary property "missing"');

		if (binaryMode === 'filesystem') {
			expect(item.binary.data.id).toMatch(/^filesystem-v2:workflows\/harness-workflow\/executions\/\d+\/binary_data\//);
			expect(item.binary.data.data).toBe('filesystem-v2');
			const file = path.join(harness.tempRoot, '.n8n', 'binaryData', item.binary.data.id.split(':')[1]);
			expect(fs.readFileSync(file)).toEqual(bytes);
		} else {
			expect(item.binary.data.id).toBeUndefined();
			expect(item.binary.data.data).toBe(bytes.toString('base64'));
		}
	});
});

describe('runNode: cancellation and timeouts', () => {
	test('cancelAfterMs aborts the execution cancel signal', async () => {
		const started = Date.now();
		const result = await runNode({ nodeClass: SleepingNode, cancelAfterMs: 200 });
		const elapsed = Date.now() - started;
		expect(elapsed).toBeLessThan(3000);
		expect(result.status).toBe('canceled');
		expect(result.error).toMatchObject({ name: 'ManualExecutionCancelledError' });
		expect(result.logs).toContain('info: sleeping node starts waiting');
	});

	test('timeoutMs rejects (and cancels the execution)', async () => {
		await expect(runNode({ nodeClass: SleepingNode, timeoutMs: 150 })).rejects.toThrow(
			'did not finish within 150 ms',
		);
	});
});

describe('runWorkflow', () => {
	test('runs a multi-node workflow with node outputs by name', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Fetch', type: 'test.fetchTask', parameters: { taskId: '={{ $json.id }}' } },
				{ name: 'Echo', type: 'test.echo', parameters: {} },
			],
			connections: { Fetch: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
			nodeTypes: { 'test.fetchTask': FetchTaskNode, 'test.echo': EchoNode },
			credentialTypes: [TestApi],
			credentials: { testApi: { apiKey: 'wf-key', baseUrl: api.url } },
			startData: [[{ json: { id: 'x' } }]],
		});
		expect(result.status).toBe('success');
		expect(result.executionOrder).toEqual(['Fetch', 'Echo']);
		expect(result.node('Echo').items).toEqual([
			{ json: { taskId: 'x', response: { id: 'x', status: 'done' }, echoed: true }, pairedItem: { item: 0 } },
		]);
		expect(api.received[0].headers.authorization).toBe('Bearer wf-key');
	});
});

describe('webhooks', () => {
	const secret = 'whsec';
	const sign = (raw) => createHmac('sha256', secret).update(raw).digest('hex');

	async function post(url, raw, headers = {}) {
		const response = await request(url, {
			method: 'POST',
			body: raw,
			headers: { 'content-type': 'application/json', ...headers },
			dispatcher,
		});
		const text = await response.body.text();
		return { status: response.statusCode, text, json: text ? JSON.parse(text) : undefined };
	}

	test('lifecycle methods, real callbacks, static data across calls', async () => {
		const staticData = {};
		const runner = createWebhookRunner({
			nodeClass: CallbackTriggerNode,
			credentialTypes: [TestApi],
			credentials: { testApi: { apiKey: 'abcd', baseUrl: api.url } },
			parameters: { secret },
			staticData,
		});
		const server = await startWebhookServer(runner);
		try {
			const hookUrl = server.webhookUrl();
			expect(hookUrl).toBe(`${server.url}/webhook/${runner.webhookId}/callback`);

			expect(await runner.checkExists()).toBe(false);
			expect(await runner.activate()).toEqual({ existed: false, created: true });
			expect(staticData['node:callbackTrigger']).toEqual({ webhookId: 'wh_4', url: hookUrl, activation: 'activate' });
			expect(await runner.checkExists()).toBe(true);

			// 1. valid signed callback: the workflow fires
			const raw = JSON.stringify({ type: 'task.done', id: 't1', nested: { x: [1, 2] } });
			const ok = await post(`${hookUrl}?source=sim`, raw, { 'x-signature': sign(raw) });
			expect(ok).toMatchObject({ status: 200, json: { message: 'Workflow was started' } });
			expect(server.fired).toHaveLength(1);
			expect(server.fired[0]).toEqual([
				[
					{
						json: {
							body: JSON.parse(raw),
							rawLength: Buffer.byteLength(raw),
							received: 1,
							query: { source: 'sim' },
						},
					},
				],
			]);

			// 2. bad signature: the node answers 401 itself, nothing fires
			const bad = await post(hookUrl, raw, { 'x-signature': 'nope' });
			expect(bad).toMatchObject({ status: 401, json: { ok: false, reason: 'bad signature' } });
			expect(server.fired).toHaveLength(1);

			// 3. webhookResponse without starting the workflow; static data persisted across calls
			const pingRaw = JSON.stringify({ type: 'ping' });
			const ping = await post(hookUrl, pingRaw, { 'x-signature': sign(pingRaw) });
			expect(ping).toMatchObject({ status: 200, json: { pong: true, received: 2 } });
			expect(staticData['node:callbackTrigger'].received).toBe(2);
			expect(server.fired).toHaveLength(1);

			// 4. another firing callback; waitForFired resolves
			const raw2 = JSON.stringify({ type: 'task.done', id: 't2' });
			await post(hookUrl, raw2, { 'x-signature': sign(raw2) });
			await server.waitForFired(2, 1000);
			expect(server.fired[1][0][0].json.received).toBe(3);

			// 5. not registered: wrong path / method; invalid JSON is rejected before the node
			expect((await post(`${server.url}/webhook/${runner.webhookId}/other`, raw)).status).toBe(404);
			const get = await request(hookUrl, { method: 'GET', dispatcher });
			await get.body.text();
			expect(get.statusCode).toBe(404);
			expect((await post(hookUrl, '{not json', { 'x-signature': sign('{not json') })).status).toBe(422);

			expect(server.requests.map((r) => r.response?.statusCode)).toEqual([200, 401, 200, 200, 404, 404, 422]);
			expect(await runner.delete()).toBe(true);
			expect(staticData['node:callbackTrigger']).toEqual({ activation: 'activate', received: 3 });
			expect(await runner.checkExists()).toBe(false);
		} finally {
			await server.close();
		}
	});

	test('the runner can be called directly with a real request/response pair', async () => {
		const runner = createWebhookRunner({
			nodeClass: CallbackTriggerNode,
			credentialTypes: [TestApi],
			credentials: { testApi: { apiKey: 'x', baseUrl: api.url } },
			parameters: { secret },
		});
		const results = [];
		const server = http.createServer(async (req, res) => {
			const result = await runner(req, res);
			results.push(result);
			if (!res.writableEnded) res.status(202).json({ accepted: true });
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const raw = JSON.stringify({ type: 'task.done' });
			const response = await post(`http://127.0.0.1:${server.address().port}/x`, raw, {
				'x-signature': sign(raw),
			});
			expect(response).toMatchObject({ status: 202, json: { accepted: true } });
			expect(results[0].workflowData[0][0].json.body).toEqual({ type: 'task.done' });
			expect(results[0].noWebhookResponse).toBeUndefined();
			expect(results[0].responseCode).toBe(200);
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('logs', () => {
	test('result.logs holds every logger line of the run, including error metadata', async () => {
		const result = await runNode({ nodeClass: FailingNode });
		expect(result.logs.length).toBeGreaterThan(0);
		expect(result.logs.every((line) => typeof line === 'string')).toBe(true);
		expect(result.logs.some((line) => line.startsWith('debug: Workflow execution started'))).toBe(true);
		expect(result.logs.some((line) => line.includes('Provider failed'))).toBe(true);
	});
});
