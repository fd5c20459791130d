'use strict';

const crypto = require('node:crypto');

const { Exchange, readBuffer } = require('./exchange');
const { sampleMp4 } = require('./media');
const { STUDIO_MODELS } = require('./studioModels');

/*
 * Revid AI Studio (https://ai.revidapi.com/v1) as docs.revidapi.com (AI Studio section) and
 * app.revidapi.com/docs.md describe it: Bearer keys, plain JSON answers whose HTTP status is the
 * outcome, POST /video/generate (multipart, JSON also taken), POST /seedance/generate (JSON, per
 * the platform behind AI Studio), GET /jobs/{id}, GET /models with capabilities and pricing[],
 * GET /balance, and plans that cap concurrent jobs (429 while every slot is busy).
 */

const MAX_BODY_BYTES = 12 * 1024 * 1024;

function isObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A whole multipart body: text fields, and files as { fileName, contentType, bytes }. */
function parseForm(buffer, boundary) {
	const fields = {};
	const files = {};
	const delimiter = Buffer.from(`--${boundary}`);
	let at = buffer.indexOf(delimiter);
	if (at < 0) return undefined;
	for (;;) {
		const start = at + delimiter.length;
		if (buffer.subarray(start, start + 2).toString() === '--') return { fields, files };
		const headEnd = buffer.indexOf('\r\n\r\n', start);
		const next = buffer.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd);
		if (headEnd < 0 || next < 0) return undefined;
		const head = buffer.subarray(start + 2, headEnd).toString('utf8');
		const body = buffer.subarray(headEnd + 4, next);
		const name = /\bname="([^"]*)"/i.exec(head);
		const fileName = /\bfilename="([^"]*)"/i.exec(head);
		const type = /content-type:\s*([^\r\n]+)/i.exec(head);
		if (!name) return undefined;
		if (fileName) files[name[1]] = { fileName: fileName[1], contentType: type ? type[1].trim() : null, bytes: body };
		else fields[name[1]] = body.toString('utf8');
		at = next + 2;
	}
}

function looksLikeImage(bytes) {
	if (!bytes || bytes.length < 4) return false;
	return (
		(bytes[0] === 0xff && bytes[1] === 0xd8) ||
		bytes.subarray(0, 4).toString('latin1') === '\x89PNG' ||
		(bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
	);
}

/** The paths Revid AI Studio serves under /v1 (the OpenAI-style chat route lives there too). */
function isStudioPath(pathname) {
	return /^\/v1\/(?:models|balance|video\/generate|seedance\/generate|jobs\/[^/]+|files\/[^/]+\.mp4)$/.test(pathname);
}

class StudioApi {
	constructor({ getOptions, stats, faults, applyFault, baseUrl }) {
		this._getOptions = getOptions;
		this._stats = stats;
		this._faults = faults;
		this._applyFault = applyFault;
		this._baseUrl = baseUrl;
		this.reset();
	}

	reset() {
		this.jobs = new Map();
		this.creates = [];
		this.balance = this._getOptions().studio.balance;
		this._failNext = [];
	}

	/** The next job created fails with this reason (once). */
	failNext(reason = 'Upstream generation failed') {
		this._failNext.push(reason);
	}

	get active() {
		let count = 0;
		for (const job of this.jobs.values()) if (this.phase(job).status !== 'completed' && this.phase(job).status !== 'failed') count++;
		return count;
	}

	phase(job, now = Date.now()) {
		const { taskDurationMs, queueMs } = this._getOptions();
		const queue = queueMs ?? Math.round(taskDurationMs / 5);
		const elapsed = now - job.createdAt;
		if (elapsed >= taskDurationMs) return job.fail ? { status: 'failed', progress: 100 } : { status: 'completed', progress: 100 };
		if (elapsed < queue) return { status: 'pending', progress: 0 };
		return { status: 'processing', progress: Math.min(99, Math.floor((elapsed / taskDurationMs) * 100)) };
	}

	async handle(req, res, url) {
		const path = url.pathname.slice('/v1'.length);
		const jobMatch = /^\/jobs\/([^/]+)$/.exec(path);
		const route =
			req.method === 'GET' && path === '/models' ? 'models'
			: req.method === 'GET' && path === '/balance' ? 'balance'
			: req.method === 'GET' && jobMatch ? 'query'
			: req.method === 'POST' && (path === '/video/generate' || path === '/seedance/generate') ? 'create'
			: req.method === 'GET' && /^\/files\/[^/]+\.mp4$/.test(path) ? 'file'
			: null;
		const key = `revidStudio.${route ?? 'unmatched'}`;
		const taskId = jobMatch ? decodeURIComponent(jobMatch[1]) : null;
		const entry = this._stats.begin(key, taskId);
		res.once('close', () => this._stats.finish(entry));
		const ex = new Exchange(req, res, { provider: 'revidStudio', route, key, entry, errorStyle: 'http' });
		if (!route) return this._fail(ex, 404, 'Not found');
		if (route === 'file') {
			const job = this.jobs.get(path.slice('/files/'.length, -'.mp4'.length));
			if (!job || this.phase(job).status !== 'completed') return ex.send(404, { 'Content-Type': 'text/plain' }, Buffer.from('not found'));
			return ex.send(200, { 'Content-Type': 'video/mp4' }, sampleMp4());
		}
		const rule = this._faults.match({ provider: 'revidStudio', route, taskId: route === 'create' ? undefined : taskId });
		if (rule) {
			entry.fault = rule.action.type;
			if (!(await this._applyFault(ex, rule.action))) return undefined;
		}
		const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization || '');
		if (!match || match[1].trim() !== this._getOptions().apiKeys.revidStudio) return this._fail(ex, 401, 'Invalid API key');
		switch (route) {
			case 'models':
				return ex.json(200, { models: this._getOptions().studio.models });
			case 'balance':
				return ex.json(200, { balance: this.balance });
			case 'query':
				return this._query(ex, taskId);
			default:
				return this._create(ex, req, path === '/seedance/generate');
		}
	}

	_fail(ex, status, error, extra = {}, headers = {}) {
		ex.json(status, { error, ...extra }, headers);
	}

	async _readCreate(ex, req) {
		const type = req.headers['content-type'] || '';
		const buffer = await readBuffer(req, MAX_BODY_BYTES);
		const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(type);
		if (boundary) {
			const form = parseForm(buffer, boundary[1] || boundary[2]);
			if (!form) return this._fail(ex, 400, 'Malformed multipart body');
			const body = { ...form.fields };
			if (body.audio !== undefined) body.audio = body.audio === 'true';
			return { body, file: form.files.input_image, encoding: 'multipart' };
		}
		try {
			const body = JSON.parse(buffer.toString('utf8'));
			if (!isObject(body)) throw new Error('not an object');
			return { body, encoding: 'json' };
		} catch {
			return this._fail(ex, 400, 'Invalid payload: send multipart/form-data or a JSON object');
		}
	}

	async _create(ex, req, seedanceRoute) {
		const read = await this._readCreate(ex, req);
		if (!read) return undefined;
		const { body, file, encoding } = read;
		const options = this._getOptions();
		if (typeof body.prompt !== 'string' || !body.prompt.trim()) return this._fail(ex, 400, 'prompt is required');
		const model = options.studio.models.find((m) => m.id === body.model && m.type === 'video');
		if (!model) return this._fail(ex, 400, `Unknown model: ${body.model}`);
		const seedance = /^seedance/i.test(model.id);
		if (seedance !== seedanceRoute) return this._fail(ex, 400, seedance ? 'Seedance models are created at /v1/seedance/generate' : 'This route creates Seedance models only');
		const caps = model.capabilities;
		for (const [field, allowed] of [['duration', caps.durations], ['aspect_ratio', caps.aspect_ratios], ['resolution', caps.resolutions]]) {
			if (body[field] !== undefined && !allowed.includes(body[field])) return this._fail(ex, 400, `Invalid ${field} for ${model.id}: ${body[field]}`);
		}
		if (body.audio === true && !caps.audio) return this._fail(ex, 400, `${model.id} has no audio`);
		const image = file || body.img_url;
		if (image && !caps.image_to_video) return this._fail(ex, 400, `${model.id} does not take an input image`);
		if (file && !looksLikeImage(file.bytes)) return this._fail(ex, 400, 'input_image is not a supported image file');
		if (body.img_url !== undefined && !/^https?:\/\//.test(String(body.img_url))) return this._fail(ex, 400, 'img_url must be a URL');
		const cost = this._price(model, body);
		if (this.balance < cost) return this._fail(ex, 402, 'Insufficient balance', { balance: this.balance, cost });
		if (this.active >= options.studio.slots) {
			return this._fail(ex, 429, `Concurrent job limit reached (${options.studio.slots} video jobs at once)`, { limit: options.studio.slots, current: this.active });
		}
		this.balance -= cost;
		const jobId = `job_${crypto.randomBytes(8).toString('hex')}`;
		const job = { jobId, model: model.id, createdAt: Date.now(), fail: this._failNext.shift(), cost };
		this.jobs.set(jobId, job);
		this.creates.push({ jobId, route: seedanceRoute ? '/seedance/generate' : '/video/generate', encoding, body, file: file ? { fileName: file.fileName, contentType: file.contentType, bytes: file.bytes.length, sha256: crypto.createHash('sha256').update(file.bytes).digest('hex') } : null });
		this._stats.taskCreated(jobId);
		ex.entry.taskId = jobId;
		ex.json(200, { job_id: jobId, status: 'pending', cost, balance_remaining: this.balance });
		return undefined;
	}

	_price(model, body) {
		const rows = model.pricing.filter(
			(row) =>
				(body.resolution === undefined || row.resolution === body.resolution) &&
				(body.duration === undefined || row.duration === body.duration) &&
				(body.audio === undefined || row.audio === body.audio),
		);
		const pool = rows.length ? rows : model.pricing;
		return Math.min(...pool.map((row) => row.credits));
	}

	_query(ex, jobId) {
		this._stats.countTask(jobId, 'queries');
		const job = this.jobs.get(jobId);
		if (!job) return this._fail(ex, 404, 'Job not found');
		const { status, progress } = this.phase(job);
		const body = { job_id: jobId, status, progress, result: null };
		if (status === 'completed') body.result = `${this._baseUrl()}/v1/files/${jobId}.mp4`;
		if (status === 'failed') body.error = job.fail;
		return ex.json(200, body);
	}
}

module.exports = { StudioApi, STUDIO_MODELS, isStudioPath };
