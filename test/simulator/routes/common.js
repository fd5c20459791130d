'use strict';

const { parseJson } = require('../exchange');
const { isKnownModel, KNOWN_MODELS, PROMPT_REQUIRED } = require('../models');
const { contractFor, validate } = require('../../contracts/kie');

const UNKNOWN_MODEL_MSG = 'The page does not exist or is not published';
// kie.ai's answer to every Sora model from 2026-06-11 (the envelope code is not documented).
const PAUSED_MSG = 'This interface is temporarily paused';

function isObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Parses the body as a JSON object, or answers the error and returns undefined. */
function jsonObjectBody(ex, ctx) {
	const { value, error } = parseJson(ctx.body);
	if (error || !isObject(value)) {
		ex.error(400, error ? `Invalid JSON body: ${error}` : 'Request body must be a JSON object');
		return undefined;
	}
	return value;
}

/** The create endpoint shared by kie.ai and Revid (same models, same body). */
function marketCreate(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const { model, input, callBackUrl, progressCallBackUrl } = body;
	if (typeof model !== 'string' || !model) return ex.error(422, 'model is required');
	if (ex.provider === 'kie' && KNOWN_MODELS.includes(model) && !ctx.options.serveRetiredSora) return ex.error(422, PAUSED_MSG);
	if (!isKnownModel(model, ctx.options, ex.provider)) return ex.error(422, UNKNOWN_MODEL_MSG);
	if (!isObject(input)) return ex.error(422, 'input is required and must be an object');
	// kie.ai is the judge: its own schemas (test/contracts/kie), not the node's catalogue.
	const contract = ex.provider === 'kie' ? contractFor(model, ctx.options.extraContracts) : undefined;
	const invalidInput = contract ? validate(contract, input) : null;
	if (invalidInput) return ex.error(422, invalidInput);
	if (PROMPT_REQUIRED.has(model) && (typeof input.prompt !== 'string' || !input.prompt.trim())) {
		return ex.error(422, 'input.prompt is required');
	}
	if (callBackUrl !== undefined && typeof callBackUrl !== 'string') return ex.error(422, 'callBackUrl must be a string');
	const task = ctx.createTask({ model, body, input, callBackUrl, progressCallBackUrl });
	ex.ok({ taskId: task.taskId });
}

/** Query endpoints: unknown ids get the provider's own "not found" error. */
function marketQuery(ex, ctx, notFound) {
	const taskId = ctx.taskId;
	if (!taskId) return ex.error(422, 'taskId is required');
	const task = ctx.getTask(taskId);
	// Veo tasks live in kie.ai's Veo API; its Market API does not know them.
	if (!task || task.api === 'veo') return ex.error(notFound.code, notFound.msg);
	ex.ok(ctx.queryData(task));
}

module.exports = { marketCreate, marketQuery, jsonObjectBody, isObject, UNKNOWN_MODEL_MSG, PAUSED_MSG };
