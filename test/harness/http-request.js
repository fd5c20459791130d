'use strict';

/**
 * Turns a raw `http.IncomingMessage` into what n8n's webhook server hands to a node:
 *  - `req.rawBody`  the exact request bytes (Buffer), as n8n's raw-body reader keeps them
 *                   (signature checks must use these, not a re-serialised body)
 *  - `req.body`     parsed by content type like n8n's `parseBody` middleware:
 *                   JSON (application/json, *+json) -> object, urlencoded -> object,
 *                   text/plain -> string, anything else -> {} ; an empty body -> {}
 *  - `req.query`    query string as an object (repeated keys -> arrays)
 *  - `req.params`   path parameters (filled in by the webhook server's route match)
 *  - `req.path`     path without the query string
 *
 * Invalid JSON throws an error with `statusCode = 422` (n8n answers such requests with
 * 422 "Failed to parse request body" without running the node).
 *
 * n8n hands nodes Express request/response objects. Express is not a dependency here, so
 * `decorateRequest` / `decorateResponse` add the small Express API surface nodes use on
 * them (`req.get/header`, `res.status/json/send/set/header/type/sendStatus`) to the plain
 * node:http objects, only where a method is missing.
 */

const http = require('node:http');

function searchParamsToObject(searchParams) {
	const out = {};
	for (const [key, value] of searchParams) {
		if (key in out) out[key] = [].concat(out[key], value);
		else out[key] = value;
	}
	return out;
}

async function readRawBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks);
}

function mediaType(req) {
	return String(req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

function parseBody(rawBody, contentType) {
	if (rawBody.length === 0) return {};
	const text = rawBody.toString('utf8');
	if (contentType === 'application/json' || contentType.endsWith('+json')) {
		try {
			return JSON.parse(text);
		} catch (cause) {
			const error = new Error(`Failed to parse request body: ${cause.message}`);
			error.statusCode = 422;
			throw error;
		}
	}
	if (contentType === 'application/x-www-form-urlencoded') {
		return searchParamsToObject(new URLSearchParams(text));
	}
	if (contentType === 'text/plain') return text;
	return {};
}

function define(target, name, fn) {
	if (typeof target[name] !== 'function') {
		Object.defineProperty(target, name, { value: fn, configurable: true, writable: true });
	}
}

function decorateRequest(req) {
	const get = (name) => {
		const key = String(name).toLowerCase();
		if (key === 'referer' || key === 'referrer') return req.headers.referer ?? req.headers.referrer;
		return req.headers[key];
	};
	define(req, 'get', get);
	define(req, 'header', get);
	return req;
}

function decorateResponse(res) {
	define(res, 'status', function status(code) {
		this.statusCode = code;
		return this;
	});
	define(res, 'set', function set(field, value) {
		if (field && typeof field === 'object') {
			for (const [key, val] of Object.entries(field)) this.setHeader(key, val);
		} else {
			this.setHeader(field, value);
		}
		return this;
	});
	define(res, 'header', res.set);
	define(res, 'type', function type(contentType) {
		this.setHeader('content-type', contentType.includes('/') ? contentType : `application/${contentType}`);
		return this;
	});
	define(res, 'json', function json(body) {
		const text = JSON.stringify(body);
		if (!this.getHeader('content-type')) this.setHeader('content-type', 'application/json; charset=utf-8');
		this.end(text);
		return this;
	});
	define(res, 'send', function send(body) {
		if (body === undefined || body === null) {
			this.end();
		} else if (Buffer.isBuffer(body)) {
			if (!this.getHeader('content-type')) this.setHeader('content-type', 'application/octet-stream');
			this.end(body);
		} else if (typeof body === 'object') {
			return this.json(body);
		} else {
			if (!this.getHeader('content-type')) this.setHeader('content-type', 'text/html; charset=utf-8');
			this.end(String(body));
		}
		return this;
	});
	define(res, 'sendStatus', function sendStatus(code) {
		this.statusCode = code;
		this.setHeader('content-type', 'text/plain; charset=utf-8');
		this.end(http.STATUS_CODES[code] || String(code));
		return this;
	});
	return res;
}

/** Reads and parses the request in place (idempotent); returns `req`. */
async function prepareIncomingRequest(req) {
	const url = new URL(req.url || '/', 'http://harness.local');
	if (req.query === undefined) req.query = searchParamsToObject(url.searchParams);
	if (req.params === undefined) req.params = {};
	if (req.path === undefined) req.path = url.pathname;
	decorateRequest(req);
	if (!Buffer.isBuffer(req.rawBody)) {
		req.rawBody = await readRawBody(req);
		req.body = parseBody(req.rawBody, mediaType(req));
	} else if (req.body === undefined) {
		req.body = parseBody(req.rawBody, mediaType(req));
	}
	return req;
}

module.exports = { prepareIncomingRequest, decorateRequest, decorateResponse, parseBody, readRawBody };
