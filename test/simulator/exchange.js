'use strict';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

const DEFAULT_MESSAGES = {
	200: 'success',
	400: 'Bad request',
	401: 'You do not have access permissions',
	402: 'Credits insufficient',
	404: 'Not found',
	405: 'Request method not supported',
	413: 'Request body too large',
	422: 'Validation error',
	429: 'Too many requests, please slow down',
	455: 'Service unavailable: system maintenance',
	500: 'Internal server error',
	501: 'Generation failed',
	505: 'Feature disabled',
};

function defaultMessage(code) {
	return DEFAULT_MESSAGES[code] || 'Error';
}

function cloudflarePage(status) {
	const title = status === 502 ? 'Bad gateway' : status === 504 ? 'Gateway time-out' : 'Error';
	return `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html lang="en-US">
<head><meta charset="UTF-8" /><title>api.example.com | ${status}: ${title}</title></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper">
<h1><span class="cf-error-type">Error</span> <span class="code-label">Error code ${status}</span></h1>
<p>${title}. The web server reported a ${title.toLowerCase()} error.</p>
<p>Cloudflare Ray ID: <strong>8f1c0a1b2c3d4e5f</strong> &bull; Performance &amp; security by Cloudflare</p>
</div></div></body></html>
`;
}

/**
 * One request/response pair. Route handlers answer through it so that a fault
 * can swap the normal answer for a broken one ("sink") after the handler has run,
 * e.g. to create a task and then drop the connection.
 */
class Exchange {
	constructor(req, res, { provider, route, key, entry, errorStyle }) {
		this.req = req;
		this.res = res;
		this.provider = provider;
		this.route = route;
		this.key = key;
		this.entry = entry;
		this.errorStyle = errorStyle || 'envelope';
		this.sink = 'normal';
		this.sinkStatus = undefined;
		this.answered = false;
	}

	get isHead() {
		return this.req.method === 'HEAD';
	}

	destroy() {
		this.answered = true;
		if (this.entry) this.entry.status = null;
		this.req.socket.destroy();
	}

	/** Raw bytes out, honoring the fault sink. */
	send(status, headers, buffer, { code } = {}) {
		if (this.answered) return;
		this.answered = true;
		const res = this.res;
		if (this.entry) {
			this.entry.status = status;
			this.entry.code = code === undefined ? null : code;
		}
		switch (this.sink) {
			case 'destroy':
				this.destroy();
				return;
			case 'midBody': {
				res.writeHead(status, { ...headers, 'Content-Length': buffer.length });
				const part = buffer.subarray(0, Math.max(1, Math.floor(buffer.length / 2)));
				// Destroy only once the partial body has left, so the client really
				// sees headers + some bytes, then a dead connection.
				res.write(part, () => setImmediate(() => res.socket && res.socket.destroy()));
				return;
			}
			case 'truncate': {
				if (this.entry) this.entry.code = null;
				const part = buffer.subarray(0, Math.floor(buffer.length / 2));
				res.writeHead(200, { ...headers, 'Content-Length': part.length });
				res.end(part);
				return;
			}
			case 'html':
				this.answered = false;
				this.html(this.sinkStatus);
				return;
			case 'empty':
				this.answered = false;
				this.empty(this.sinkStatus);
				return;
			default:
				res.writeHead(status, { ...headers, 'Content-Length': buffer.length });
				if (this.isHead) res.end();
				else res.end(buffer);
		}
	}

	json(status, obj, headers = {}) {
		const buffer = Buffer.from(JSON.stringify(obj));
		const code = obj && typeof obj.code === 'number' ? obj.code : undefined;
		this.send(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, buffer, {
			code,
		});
	}

	ok(data) {
		this.json(200, { code: 200, msg: 'success', data });
	}

	/** An error envelope that still carries data (kie.ai's 4K answers), sent like error(). */
	reply(code, msg, data) {
		const status = this.errorStyle === 'http' ? code : 200;
		this.json(status, { code, msg, data });
	}

	/** A built-in error, sent as HTTP 200 + envelope or real HTTP status per errorStyle. */
	error(code, msg) {
		const status = this.errorStyle === 'http' ? code : 200;
		this.json(status, { code, msg: msg || defaultMessage(code), data: null });
	}

	html(status = 502) {
		this.sink = 'normal';
		this.send(
			status,
			{ 'Content-Type': 'text/html; charset=UTF-8', Server: 'cloudflare', 'CF-RAY': '8f1c0a1b2c3d4e5f-FRA' },
			Buffer.from(cloudflarePage(status)),
		);
	}

	empty(status = 200) {
		this.sink = 'normal';
		this.send(status, { 'Content-Type': 'application/json; charset=utf-8' }, Buffer.alloc(0));
	}

	text(status, body, headers = {}) {
		this.send(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, Buffer.from(body));
	}
}

/** The request body as bytes, at most `maxBytes` (a larger one is refused with 413). */
function readBuffer(req, maxBytes = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > maxBytes) {
				reject(Object.assign(new Error('body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
		// A client that hangs up mid-body must not leave the handler waiting forever.
		req.on('close', () => {
			if (!req.complete) reject(new Error('client closed the connection before the body ended'));
		});
	});
}

async function readBody(req) {
	return (await readBuffer(req)).toString('utf8');
}

/** Parses a JSON body; returns { value } or { error } (never throws). */
function parseJson(text) {
	if (!text || !text.trim()) return { value: undefined };
	try {
		return { value: JSON.parse(text) };
	} catch (err) {
		return { error: err.message };
	}
}

module.exports = { Exchange, readBuffer, readBody, parseJson, defaultMessage, cloudflarePage };
