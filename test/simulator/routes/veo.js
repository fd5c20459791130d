'use strict';

const { jsonObjectBody, UNKNOWN_MODEL_MSG } = require('./common');

// kie.ai's Veo 3.1 API, behind the kie.ai key: create, record and the 1080p fetch.
const MODELS = ['veo3', 'veo3_fast', 'veo3_lite'];
const GENERATION_TYPES = ['TEXT_2_VIDEO', 'FIRST_AND_LAST_FRAMES_2_VIDEO', 'REFERENCE_2_VIDEO'];
const RATIOS = ['16:9', '9:16', 'Auto'];
const RESOLUTIONS = ['720p', '1080p', '4k'];
const FIELDS = ['prompt', 'imageUrls', 'model', 'generationType', 'aspect_ratio', 'seeds', 'watermark', 'callBackUrl', 'enableTranslation', 'enableFallback', 'resolution', 'duration'];

/** Returns the 422 message for a body kie.ai would refuse, or null. */
function invalidVeoBody(body) {
	const unknown = Object.keys(body).find((key) => !FIELDS.includes(key));
	if (unknown) return `${unknown} is not a parameter of the Veo API`;
	if (typeof body.prompt !== 'string' || !body.prompt.trim()) return 'prompt is required';
	if (body.model !== undefined && !MODELS.includes(body.model)) return UNKNOWN_MODEL_MSG;
	if (body.generationType !== undefined && !GENERATION_TYPES.includes(body.generationType)) return 'generationType is invalid';
	if (body.aspect_ratio !== undefined && !RATIOS.includes(body.aspect_ratio)) return 'aspect_ratio must be 16:9, 9:16 or Auto';
	// The optional inputs, typed as the page's schema has them.
	if (body.seeds !== undefined && !(Number.isInteger(body.seeds) && body.seeds >= 10000 && body.seeds <= 99999)) return 'seeds must be an integer from 10000 to 99999';
	if (body.watermark !== undefined && typeof body.watermark !== 'string') return 'watermark must be a string';
	if (body.enableTranslation !== undefined && typeof body.enableTranslation !== 'boolean') return 'enableTranslation must be a boolean';
	if (body.resolution !== undefined && !RESOLUTIONS.includes(body.resolution)) return 'resolution must be 720p, 1080p or 4k';
	const images = body.imageUrls;
	if (images !== undefined && (!Array.isArray(images) || images.some((url) => typeof url !== 'string'))) return 'imageUrls must be a list of URLs';
	const count = Array.isArray(images) ? images.length : 0;
	if (body.generationType === 'FIRST_AND_LAST_FRAMES_2_VIDEO' && (count < 1 || count > 2)) return 'FIRST_AND_LAST_FRAMES_2_VIDEO takes 1 or 2 images';
	if (body.generationType === 'REFERENCE_2_VIDEO' && (count < 1 || count > 3 || (body.model ?? 'veo3_fast') !== 'veo3_fast')) {
		return 'REFERENCE_2_VIDEO takes 1 to 3 images, with veo3_fast';
	}
	return null;
}

function create(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const problem = invalidVeoBody(body);
	if (problem) return ex.error(422, problem);
	const { callBackUrl, model = 'veo3_fast', ...input } = body;
	const task = ctx.createTask({ api: 'veo', model, body, input, callBackUrl });
	ex.ok({ taskId: task.taskId });
}

function veoTask(ex, ctx) {
	if (!ctx.taskId) return ex.error(422, 'taskId is required');
	const task = ctx.getTask(ctx.taskId);
	// A Market task is unknown here, and the other way round: the two APIs keep their own records.
	if (!task || task.api !== 'veo') return ex.error(422, 'recordInfo is null');
	return task;
}

function query(ex, ctx) {
	const task = veoTask(ex, ctx);
	if (task) ex.ok(ctx.queryData(task));
}

/** 1080p takes kie.ai 1–3 minutes after the video is done; until then it answers "processing". */
function hd(ex, ctx) {
	const task = veoTask(ex, ctx);
	if (!task) return;
	const data = ctx.queryData(task);
	if (data.successFlag !== 1) return ex.error(400, 'The video is not ready yet');
	// The first ask after completion gets kie.ai's "processing" answer, as a real 1080p render would.
	task.hdAsked = (task.hdAsked ?? 0) + 1;
	if (task.hdAsked === 1) return ex.error(400, '1080P is processing. It should be ready in 1-2 minutes. Please check back shortly.');
	task.hdDelivered = true;
	ex.ok({ resultUrl: `${data.response.resultUrls[0]}?resolution=1080p` });
}

const EXTEND_FIELDS = ['taskId', 'prompt', 'seeds', 'model', 'watermark', 'callBackUrl'];
const EXTEND_MODELS = ['fast', 'quality', 'lite'];
const FOUR_K_FIELDS = ['taskId', 'index', 'callBackUrl'];
const FOUR_K_RATIOS = ['16:9', '9:16'];

function succeededSource(ex, ctx, taskId) {
	if (typeof taskId !== 'string' || !taskId) {
		ex.error(422, 'taskId is required');
		return undefined;
	}
	const task = ctx.getTask(taskId);
	if (!task || task.api !== 'veo') {
		ex.error(422, 'record is null');
		return undefined;
	}
	if (ctx.queryData(task).successFlag !== 1) {
		ex.error(422, 'record status is not success');
		return undefined;
	}
	return task;
}

/** POST /api/v1/veo/extend: a new Veo task continuing a finished one, unless its 1080p copy was made. */
function extend(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const unknown = Object.keys(body).find((key) => !EXTEND_FIELDS.includes(key));
	if (unknown) return ex.error(422, `${unknown} is not a parameter of Veo extend`);
	if (typeof body.prompt !== 'string' || !body.prompt.trim()) return ex.error(422, 'prompt is required');
	if (body.seeds !== undefined && !(Number.isInteger(body.seeds) && body.seeds >= 10000 && body.seeds <= 99999)) return ex.error(422, 'seeds must be an integer from 10000 to 99999');
	if (body.model !== undefined && !EXTEND_MODELS.includes(body.model)) return ex.error(422, 'model must be fast, quality or lite');
	if (body.watermark !== undefined && typeof body.watermark !== 'string') return ex.error(422, 'watermark must be a string');
	const source = succeededSource(ex, ctx, body.taskId);
	if (!source) return;
	if (source.hdDelivered) return ex.error(422, 'Videos generated after 1080P generation cannot be extended');
	const { callBackUrl, taskId: _source, ...rest } = body;
	const input = { ...rest, extends: source.taskId, aspect_ratio: source.input.aspect_ratio };
	const task = ctx.createTask({ api: 'veo', model: source.model, body, input, callBackUrl });
	ex.ok({ taskId: task.taskId });
}

/**
 * POST /api/v1/veo/get-4k-video: the first ask starts the 4K render (and its callback); later asks
 * answer 422 "processing" until it is ready, then 422 with the links, as kie.ai's page shows.
 */
function fourK(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const unknown = Object.keys(body).find((key) => !FOUR_K_FIELDS.includes(key));
	if (unknown) return ex.error(422, `${unknown} is not a parameter of Get 4K Video`);
	if (body.index !== undefined && !(Number.isInteger(body.index) && body.index >= 0)) return ex.error(422, 'index must be an integer');
	if (body.callBackUrl !== undefined && typeof body.callBackUrl !== 'string') return ex.error(422, 'callBackUrl must be a string');
	const task = succeededSource(ex, ctx, body.taskId);
	if (!task) return;
	if (!FOUR_K_RATIOS.includes(task.input.aspect_ratio ?? '16:9')) return ex.error(422, '4K supports 16:9 and 9:16 videos only');
	const url = `${ctx.queryData(task).response.resultUrls[0]}?resolution=4k`;
	const now = Date.now();
	if (!task.fourK) {
		task.fourK = { asks: [now], readyAt: now + ctx.options.fourKDurationMs };
		// fourKDurationMs 0: ready at once, the links in the first answer (its schema has room for them).
		if (ctx.options.fourKDurationMs === 0) return ex.ok({ taskId: task.taskId, resultUrls: [url], imageUrls: [] });
		if (body.callBackUrl) {
			const payload = { code: 200, msg: '4K Video generated successfully.', data: { task_id: task.taskId, result_urls: [url], media_ids: ['sim-media-4k'], image_urls: [] } };
			ctx.later(ctx.options.fourKDurationMs, () => ctx.deliverCallback(body.callBackUrl, payload, task.taskId));
		}
		return ex.ok({ taskId: task.taskId, resultUrls: null, imageUrls: null });
	}
	task.fourK.asks.push(now);
	if (now < task.fourK.readyAt) {
		return ex.reply(422, '4k is processing. It should be ready in 5-10 minutes. Please check back shortly.', { taskId: task.taskId, resultUrls: null, imageUrls: null });
	}
	ex.reply(422, 'The video has been generated successfully', { taskId: task.taskId, resultUrls: [url], imageUrls: [] });
}

module.exports = [
	{ method: 'POST', path: '/api/v1/veo/generate', provider: 'kie', route: 'create', handler: create },
	{ method: 'GET', path: '/api/v1/veo/record-info', provider: 'kie', route: 'query', handler: query },
	{ method: 'GET', path: '/api/v1/veo/get-1080p-video', provider: 'kie', route: 'veo1080p', handler: hd },
	{ method: 'POST', path: '/api/v1/veo/extend', provider: 'kie', route: 'extend', handler: extend },
	{ method: 'POST', path: '/api/v1/veo/get-4k-video', provider: 'kie', route: 'veo4k', handler: fourK },
];
