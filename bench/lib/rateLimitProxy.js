'use strict';

/**
 * A provider-side rate limiter in front of the simulator: it forwards every request, except that
 * kie.ai status queries over 10 per second and creates over 20 per 10 s (sliding windows over
 * the requests it let through) get HTTP 429 with `{code: 429}` and Retry-After, as a provider
 * enforcing its limits would. The simulator itself counts but never enforces limits, so without
 * this the "429s received" figure could only ever be 0.
 *
 * Every arrival is logged (also the refused ones), so `maxInWindow` is what the node attempted.
 */

const http = require('node:http');

const KIE_RULES = [
	{ key: 'kie.query', method: 'GET', path: '/api/v1/jobs/recordInfo', limit: 10, windowMs: 1000 },
	{ key: 'kie.create', method: 'POST', path: '/api/v1/jobs/createTask', limit: 20, windowMs: 10_000 },
];

class RateLimitProxy {
	constructor(targetUrl, rules = KIE_RULES) {
		this.target = new URL(targetUrl);
		this.rules = rules;
		this.agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
		this.reset();
		this.server = http.createServer((req, res) => this.handle(req, res));
	}

	reset() {
		this.arrivals = {}; // key -> [t]
		this.admitted = {}; // key -> [t]
		this.refused = 0;
	}

	async listen() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${this.server.address().port}`;
		return this;
	}

	handle(req, res) {
		const pathname = new URL(req.url, 'http://proxy.invalid').pathname;
		const rule = this.rules.find((r) => r.method === req.method && r.path === pathname);
		if (rule) {
			const now = Date.now();
			(this.arrivals[rule.key] ??= []).push(now);
			const admitted = (this.admitted[rule.key] ??= []);
			while (admitted.length && admitted[0] <= now - rule.windowMs) admitted.shift();
			if (admitted.length >= rule.limit) {
				this.refused++;
				req.resume();
				res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' });
				res.end(JSON.stringify({ code: 429, msg: 'Too many requests', data: null }));
				return;
			}
			admitted.push(now);
		}
		const upstream = http.request(
			{
				host: this.target.hostname,
				port: this.target.port,
				method: req.method,
				path: req.url,
				headers: req.headers,
				agent: this.agent,
			},
			(answer) => {
				res.writeHead(answer.statusCode, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	}

	/** The most arrivals (refused ones included) with `key` inside any window of `windowMs`. */
	maxInWindow(key, windowMs) {
		const times = this.arrivals[key] ?? [];
		let best = 0;
		for (let start = 0, end = 0; end < times.length; end++) {
			while (times[end] - times[start] >= windowMs) start++;
			best = Math.max(best, end - start + 1);
		}
		return best;
	}

	async close() {
		this.agent.destroy();
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

module.exports = { RateLimitProxy, KIE_RULES };
