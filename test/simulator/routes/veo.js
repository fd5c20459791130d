'use strict';

const { contractFor, validate } = require('../../contracts/kie');
const { jsonObjectBody, UNKNOWN_MODEL_MSG } = require('./common');

const VEO = contractFor('veo3_fast');

// kie.ai's Veo 3.1 API, behind the kie.ai key: create, record and the 1080p fetch. A create is
// checked against the Veo contract (test/contracts/kie/veo3.json), written from kie.ai's pages.

/** Returns the 422 message for a body kie.ai would refuse, or null. */
function invalidVeoBody(body, ctx) {
	if (body.model !== undefined && !VEO.models.includes(body.model)) return UNKNOWN_MODEL_MSG;
	if (typeof body.prompt === 'string' && !body.prompt.trim()) return 'prompt is required';
	return validate(contractFor(body.model ?? VEO.model, ctx.options.extraContracts) ?? VEO, body);
}

function create(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const problem = invalidVeoBody(body, ctx);
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
	ex.ok({ resultUrl: `${data.response.resultUrls[0]}?resolution=1080p` });
}

module.exports = [
	{ method: 'POST', path: '/api/v1/veo/generate', provider: 'kie', route: 'create', handler: create },
	{ method: 'GET', path: '/api/v1/veo/record-info', provider: 'kie', route: 'query', handler: query },
	{ method: 'GET', path: '/api/v1/veo/get-1080p-video', provider: 'kie', route: 'veo1080p', handler: hd },
];
