'use strict';

const { jsonObjectBody } = require('./common');

// The seed says /api/v1/sora2, public clients use /api/v1/sora2api: serve both.
const BASES = ['/api/v1/sora2', '/api/v1/sora2api'];
const ASPECT_RATIOS = ['landscape', 'portrait'];
const QUALITIES = ['standard', 'hd'];

function generate(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const { prompt, aspectRatio, quality, imageUrls, watermark, callBackUrl } = body;
	if (typeof prompt !== 'string' || !prompt.trim()) return ex.error(422, 'prompt is required');
	if (aspectRatio !== undefined && !ASPECT_RATIOS.includes(aspectRatio)) {
		return ex.error(422, `aspectRatio must be one of ${ASPECT_RATIOS.join(', ')}`);
	}
	if (quality !== undefined && !QUALITIES.includes(quality)) {
		return ex.error(422, `quality must be one of ${QUALITIES.join(', ')}`);
	}
	if (imageUrls !== undefined && !(Array.isArray(imageUrls) && imageUrls.every((u) => typeof u === 'string'))) {
		return ex.error(422, 'imageUrls must be an array of URLs');
	}
	if (watermark !== undefined && typeof watermark !== 'string') return ex.error(422, 'watermark must be a string');
	if (callBackUrl !== undefined && typeof callBackUrl !== 'string') return ex.error(422, 'callBackUrl must be a string');
	const task = ctx.createTask({ model: null, body, input: null, callBackUrl });
	ex.ok({ taskId: task.taskId });
}

function recordInfo(ex, ctx) {
	if (!ctx.taskId) return ex.error(422, 'taskId is required');
	const task = ctx.getTask(ctx.taskId);
	if (!task || task.provider !== 'sora2api') return ex.error(404, 'task not found');
	ex.ok(ctx.queryData(task));
}

module.exports = BASES.flatMap((base) => [
	{ method: 'POST', path: `${base}/generate`, provider: 'sora2api', route: 'create', handler: generate },
	{ method: 'GET', path: `${base}/record-info`, provider: 'sora2api', route: 'query', handler: recordInfo },
]);
