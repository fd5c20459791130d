'use strict';

/**
 * A local `node:http` server standing in for n8n's webhook endpoint, so a provider
 * simulator can deliver real callbacks to a trigger node.
 *
 * - Listens on 127.0.0.1:<random port> and points the runner's `webhookBaseUrl` at
 *   `http://127.0.0.1:<port>/webhook`, so `this.getNodeWebhookUrl('default')` inside the
 *   node (e.g. in webhookMethods.create) returns a URL served here.
 * - Routes `<method> /webhook/<path>` (and /webhook-test/...) to the node's webhook with
 *   that HTTP method and path (`:param` segments fill `req.params`); anything else gets
 *   n8n's 404 "The requested webhook ... is not registered."
 * - Keeps the raw body (`req.rawBody`, Buffer) and parses JSON into `req.body` before
 *   calling the node; invalid JSON is answered with 422 without running the node.
 * - Answers like n8n's webhook server in the `onReceived` response mode:
 *     node threw                 -> 500 { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' }
 *     noWebhookResponse: true    -> nothing (the node answered through getResponseObject())
 *     webhookResponse given      -> <responseCode> webhookResponse (JSON for objects)
 *     workflowData, no response  -> <responseCode> { message: 'Workflow was started' }
 *     neither                    -> <responseCode> { message: 'Webhook call received' }
 *   where responseCode is the webhook description's `responseCode` (default 200).
 * - Records every request in `requests` and every fired `workflowData` in `fired`.
 */

const http = require('node:http');
const { EventEmitter } = require('node:events');

const { createWebhookRunner } = require('./webhook-runner');
const { prepareIncomingRequest } = require('./http-request');
const { registerCleanup } = require('./teardown');

const WEBHOOK_ERROR = { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' };

function send(res, statusCode, data) {
	if (res.headersSent || res.writableEnded) return;
	if (data === undefined) {
		res.writeHead(statusCode);
		res.end();
	} else if (Buffer.isBuffer(data)) {
		res.writeHead(statusCode, { 'content-type': 'application/octet-stream' });
		res.end(data);
	} else if (typeof data === 'string') {
		res.writeHead(statusCode, { 'content-type': 'text/plain; charset=utf-8' });
		res.end(data);
	} else {
		const body = JSON.stringify(data);
		res.writeHead(statusCode, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': Buffer.byteLength(body),
		});
		res.end(body);
	}
}

/** Matches `requestPath` against registered webhook paths (supports `:param` segments). */
function matchWebhook(webhooks, method, requestPath) {
	const requestSegments = requestPath.split('/');
	for (const webhook of webhooks) {
		if (webhook.httpMethod !== method) continue;
		const segments = webhook.path.split('/');
		if (segments.length !== requestSegments.length) continue;
		const params = {};
		const matches = segments.every((segment, index) => {
			const actual = decodeURIComponent(requestSegments[index]);
			if (segment.startsWith(':')) {
				params[segment.slice(1)] = actual;
				return true;
			}
			return segment === actual;
		});
		if (matches) return { ...webhook, params };
	}
	return undefined;
}

/**
 * @param {Function|object} runnerOrOptions  a runner from createWebhookRunner, or its options
 * @param {object} [options]
 * @param {number} [options.port=0]
 * @returns {Promise<{ url, webhookUrl, runner, requests, fired, waitForFired, close }>}
 */
async function startWebhookServer(runnerOrOptions, { port = 0 } = {}) {
	const runner =
		typeof runnerOrOptions === 'function' ? runnerOrOptions : createWebhookRunner(runnerOrOptions);
	const host = '127.0.0.1';
	const requests = [];
	const fired = [];
	/** Answers n8n would have failed on: the node replied itself but let n8n reply again. */
	const doubleAnswers = [];
	const events = new EventEmitter();

	async function handle(req, res) {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const entry = { method: req.method, path: url.pathname, headers: req.headers };
		requests.push(entry);

		const routed = url.pathname.match(/^\/(webhook|webhook-test)\/(.+?)\/?$/);
		const route = routed && matchWebhook(runner.getWebhooks(), req.method, routed[2]);
		if (!route) {
			entry.response = {
				statusCode: 404,
				body: {
					code: 404,
					message: `The requested webhook "${req.method} ${routed ? routed[2] : url.pathname}" is not registered.`,
				},
			};
			send(res, entry.response.statusCode, entry.response.body);
			return;
		}
		req.params = route.params;

		try {
			await prepareIncomingRequest(req);
		} catch (error) {
			entry.error = error;
			entry.response = { statusCode: error.statusCode || 400, body: { code: 422, message: error.message } };
			send(res, entry.response.statusCode, entry.response.body);
			return;
		}
		entry.rawBody = req.rawBody;
		entry.body = req.body;

		let result;
		try {
			result = await runner(req, res, { webhookName: route.name, httpMethod: req.method });
		} catch (error) {
			entry.error = error;
			entry.response = { statusCode: 500, body: WEBHOOK_ERROR };
			send(res, 500, WEBHOOK_ERROR);
			return;
		}
		entry.result = result;

		if (result.workflowData !== undefined) {
			fired.push(result.workflowData);
			events.emit('fired', result.workflowData);
		}
		if (result.noWebhookResponse === true) {
			entry.response = { answeredByNode: true, statusCode: res.statusCode };
			return;
		}
		if (res.headersSent || res.writableEnded) {
			// n8n throws "Cannot set headers after they are sent" here and drops the connection.
			entry.error = new Error('Cannot set headers after they are sent to the client');
			doubleAnswers.push(entry);
			res.destroy();
			return;
		}
		let body;
		if (result.webhookResponse !== undefined) body = result.webhookResponse;
		else if (result.workflowData !== undefined) body = { message: 'Workflow was started' };
		else body = { message: 'Webhook call received' };
		entry.response = { statusCode: result.responseCode, body };
		send(res, result.responseCode, body);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			send(res, 500, { code: 500, message: error.message });
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	const origin = `http://${host}:${server.address().port}`;
	runner.setUrls({ webhookBaseUrl: `${origin}/webhook`, webhookTestBaseUrl: `${origin}/webhook-test` });

	let closed = false;
	let unregister = () => {};
	async function close() {
		if (closed) return;
		closed = true;
		unregister();
		events.removeAllListeners();
		server.closeAllConnections();
		await new Promise((resolve) => server.close(() => resolve()));
	}
	unregister = registerCleanup(close);

	/** Resolves with `fired` once at least `count` executions were fired (rejects after timeoutMs). */
	function waitForFired(count = 1, timeoutMs = 10_000) {
		if (fired.length >= count) return Promise.resolve(fired);
		return new Promise((resolve, reject) => {
			const onFired = () => {
				if (fired.length < count) return;
				clearTimeout(timer);
				events.off('fired', onFired);
				resolve(fired);
			};
			const timer = setTimeout(() => {
				events.off('fired', onFired);
				reject(new Error(`Harness: only ${fired.length} of ${count} webhook executions fired within ${timeoutMs} ms`));
			}, timeoutMs);
			events.on('fired', onFired);
		});
	}

	return {
		url: origin,
		webhookBaseUrl: `${origin}/webhook`,
		/** URL n8n would register for the node's webhook `name`. */
		webhookUrl: (name = 'default') => runner.getWebhookUrl(name),
		runner,
		server,
		requests,
		fired,
		doubleAnswers,
		waitForFired,
		close,
	};
}

module.exports = { startWebhookServer, matchWebhook };
