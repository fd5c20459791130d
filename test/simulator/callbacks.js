'use strict';

const crypto = require('node:crypto');
const { Agent, request } = require('undici');

/** kie.ai's webhook signature: Base64(HMAC-SHA256(key, taskId + "." + timestamp)). */
function kieSignature(hmacKey, taskId, timestamp) {
	return crypto.createHmac('sha256', hmacKey).update(`${taskId}.${timestamp}`).digest('base64');
}

function withToken(url, token) {
	if (token === undefined || token === null) return url;
	const u = new URL(url);
	u.searchParams.set('token', String(token));
	return u.toString();
}

// Callback URLs may carry a token; logs show them without the query string.
function redact(url) {
	try {
		const u = new URL(url);
		return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
	} catch {
		return '(invalid url)';
	}
}

/**
 * Sends callbacks with its own undici Agent, so close() can abort what is in
 * flight and drop pooled sockets (nothing may outlive the simulator).
 */
class CallbackSender {
	constructor({ getOptions, logLine }) {
		this.getOptions = getOptions;
		this.logLine = logLine;
		this.agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
		this.inFlight = new Set();
		this.records = [];
		this.generation = 0;
		this.closed = false;
	}

	/** Forget past deliveries; those still in flight will not be recorded. */
	reset() {
		this.generation++;
		this.records.length = 0;
	}

	/**
	 * Headers for a delivery. `sign`: undefined = sign kie callbacks when an HMAC
	 * key is set, true = sign (needs a key), false = never, 'bad' = a signature
	 * made with the wrong key.
	 */
	headersFor({ provider, taskId, sign, timestamp, headers }) {
		const out = { 'content-type': 'application/json', 'user-agent': 'sora-video-simulator/1.0' };
		const hmacKey = this.getOptions().hmacKey;
		const wantSign = sign === undefined ? provider === 'kie' && Boolean(hmacKey) : Boolean(sign);
		if (wantSign) {
			if (sign !== 'bad' && !hmacKey) throw new Error('sign: true needs an hmacKey (configure({ hmacKey }))');
			const ts = timestamp !== undefined ? String(timestamp) : String(Math.floor(Date.now() / 1000));
			const key = sign === 'bad' ? `wrong-${hmacKey || 'key'}` : hmacKey;
			out['x-webhook-timestamp'] = ts;
			out['x-webhook-signature'] = kieSignature(key, taskId ?? '', ts);
		} else if (timestamp !== undefined) {
			out['x-webhook-timestamp'] = String(timestamp);
		}
		return { ...out, ...(headers || {}) };
	}

	/** POSTs one callback and records it; resolves with { status, body } or { error }. */
	async deliver({ url, body, taskId, provider, sign, timestamp, token, headers, manual = false }) {
		if (this.closed) return { status: null, error: 'simulator closed' };
		const generation = this.generation;
		const target = withToken(url, token);
		const sentHeaders = this.headersFor({ provider, taskId, sign, timestamp, headers });
		const payload = typeof body === 'string' ? body : JSON.stringify(body);
		const controller = new AbortController();
		const timeoutMs = this.getOptions().callbackTimeoutMs;
		const timer = setTimeout(() => controller.abort(new Error(`callback timed out after ${timeoutMs} ms`)), timeoutMs);
		timer.unref();
		this.inFlight.add(controller);
		const record = { taskId: taskId ?? null, provider, url: target, body, headers: sentHeaders, at: Date.now() };
		if (manual) record.manual = true;
		let result;
		try {
			const res = await request(target, {
				method: 'POST',
				headers: sentHeaders,
				body: payload,
				dispatcher: this.agent,
				signal: controller.signal,
			});
			const text = await res.body.text();
			record.status = res.statusCode;
			record.response = text;
			result = { status: res.statusCode, body: text };
		} catch (err) {
			const reason = controller.signal.aborted && controller.signal.reason ? controller.signal.reason : err;
			record.error = (reason && reason.message) || String(reason);
			result = { status: null, error: record.error };
		} finally {
			clearTimeout(timer);
			this.inFlight.delete(controller);
		}
		if (generation === this.generation && !this.closed) {
			this.records.push(record);
			this.logLine(
				`callback ${provider} ${taskId ?? ''} -> ${redact(target)} ${record.status ?? `error: ${record.error}`}`,
			);
		}
		return result;
	}

	async close() {
		this.closed = true;
		for (const controller of this.inFlight) controller.abort(new Error('simulator closed'));
		this.inFlight.clear();
		await this.agent.destroy().catch(() => {});
	}
}

module.exports = { CallbackSender, kieSignature };
