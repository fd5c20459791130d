import type { IDataObject } from 'n8n-workflow';

import { parseOutcomeCallback, parseSuccessFlagRecord } from './successFlag';
import { isUnknownTaskEnvelope, readCreatedTaskId } from './common';
import type { NormalizedTask, ProviderAdapter } from './types';
import { asString, httpUrls, isObject, parseJsonFields } from './values';

/** Sora2API picks text- or image-to-video from `imageUrls`, so these two need no `model`. */
const IMPLIED_MODELS = new Set(['sora-2-text-to-video', 'sora-2-image-to-video']);

/** kie.ai-style input keys and their names in Sora2API's flat body. */
const RENAMED: Record<string, string> = {
	aspect_ratio: 'aspectRatio',
	image_urls: 'imageUrls',
};

function modelFromParams(params: unknown): string | null {
	if (!isObject(params)) return null;
	const explicit = asString(params.model);
	if (explicit) return explicit;
	const images = params.imageUrls;
	return Array.isArray(images) && images.length > 0 ? 'sora-2-image-to-video' : 'sora-2-text-to-video';
}

function parseRecord(data: IDataObject): NormalizedTask {
	return parseSuccessFlagRecord('sora2api', data, {
		videoUrls: (response) => httpUrls(response.resultUrls ?? response.videoUrls ?? response.imageUrl ?? response.videoUrl),
		model: modelFromParams,
	});
}

/** The second documented callback shape: `{code: 200|500, msg, data: {taskId, promptJson, resultUrls}}`. */
function isShortCallback(body: IDataObject): boolean {
	const data = body.data;
	return isObject(data) && asString(data.taskId) !== null && Array.isArray(data.resultUrls);
}

function parseShortCallback(body: IDataObject): NormalizedTask {
	const data = body.data as IDataObject;
	const raw = parseJsonFields(data, ['promptJson']);
	return parseOutcomeCallback('sora2api', body, {
		taskId: data.taskId,
		videoUrls: httpUrls(data.resultUrls),
		model: modelFromParams(raw.promptJson),
		raw,
	});
}

function isRecordCallback(body: IDataObject): boolean {
	const data = body.data;
	return isObject(data) && asString(data.taskId) !== null && 'successFlag' in data;
}

export const sora2apiAdapter: ProviderAdapter = {
	id: 'sora2api',
	displayName: 'Sora2API',
	credentialType: 'sora2Api',
	// Sora2API publishes no limits; kie.ai's are a conservative stand-in.
	rateLimits: { queriesPerSecond: 10, createsPer10s: 20 },

	buildCreate: ({ model, input, callBackUrl }) => {
		const body: IDataObject = {};
		if (!IMPLIED_MODELS.has(model)) body.model = model;
		for (const [key, value] of Object.entries(input)) {
			if (value === undefined || value === null || value === '') continue;
			body[RENAMED[key] ?? key] = value;
		}
		if (callBackUrl) body.callBackUrl = callBackUrl;
		return { method: 'POST', path: '/generate', body };
	},
	buildQuery: (taskId) => ({ method: 'GET', path: '/record-info', qs: { taskId } }),
	readTaskId: readCreatedTaskId,
	parseTask: parseRecord,
	isTaskNotFound: isUnknownTaskEnvelope,
	matchesCallback: (body) => isRecordCallback(body) || isShortCallback(body),
	parseCallback: (body) => {
		if (isRecordCallback(body)) return parseRecord(body.data as IDataObject);
		if (isShortCallback(body)) return parseShortCallback(body);
		return undefined;
	},
};
