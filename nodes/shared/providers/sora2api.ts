import type { IDataObject } from 'n8n-workflow';

import { clampProgress } from './marketTask';
import { isUnknownTaskEnvelope, readCreatedTaskId } from './common';
import type { NormalizedTask, ProviderAdapter, TaskStatus } from './types';
import {
	asNumber,
	asString,
	httpUrls,
	isObject,
	parseJsonField,
	parseJsonFields,
	toIsoTime,
} from './values';

/** Sora2API picks text- or image-to-video from `imageUrls`, so these two need no `model`. */
const IMPLIED_MODELS = new Set(['sora-2-text-to-video', 'sora-2-image-to-video']);

/** kie.ai-style input keys and their names in Sora2API's flat body. */
const RENAMED: Record<string, string> = {
	aspect_ratio: 'aspectRatio',
	image_urls: 'imageUrls',
};

function successFlagStatus(flag: unknown): TaskStatus {
	switch (asNumber(flag)) {
		case 1:
			return 'succeeded';
		case 2:
		case 3:
			return 'failed';
		default:
			return 'processing';
	}
}

function modelFromParams(params: unknown): string | null {
	if (!isObject(params)) return null;
	const explicit = asString(params.model);
	if (explicit) return explicit;
	const images = params.imageUrls;
	return Array.isArray(images) && images.length > 0 ? 'sora-2-image-to-video' : 'sora-2-text-to-video';
}

function elapsedMs(from: string | null, to: string | null): number | null {
	if (!from || !to) return null;
	const ms = Date.parse(to) - Date.parse(from);
	return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function parseRecord(data: IDataObject): NormalizedTask {
	const raw = parseJsonFields(data, ['paramJson', 'promptJson']);
	const status = successFlagStatus(data.successFlag);
	const response = parseJsonField(data.response);
	const videoUrls = isObject(response)
		? httpUrls(response.resultUrls ?? response.videoUrls ?? response.imageUrl ?? response.videoUrl)
		: [];
	const createdAt = toIsoTime(data.createTime);
	const completedAt = status === 'processing' ? null : toIsoTime(data.completeTime);
	const failedFlag = asNumber(data.successFlag);

	return {
		provider: 'sora2api',
		taskId: asString(data.taskId) ?? '',
		model: modelFromParams(raw.paramJson),
		status,
		progress: status === 'succeeded' ? 100 : progressOf(data),
		videoUrl: videoUrls[0] ?? null,
		videoUrls,
		error:
			status === 'failed'
				? {
						code: asString(data.errorCode) ?? (failedFlag === 2 ? 'CREATE_FAILED' : 'GENERATION_FAILED'),
						message:
							asString(data.errorMessage) ??
							(failedFlag === 2 ? 'The task could not be started.' : 'Video generation failed.'),
					}
				: null,
		createdAt,
		completedAt,
		costTimeMs: elapsedMs(createdAt, completedAt),
		raw,
	};
}

function progressOf(data: IDataObject): number | null {
	const progress = asNumber(data.progress);
	return progress === null ? null : clampProgress(progress);
}

/** The second documented callback shape: `{code: 200|500, msg, data: {taskId, promptJson, resultUrls}}`. */
function isShortCallback(body: IDataObject): boolean {
	const data = body.data;
	return isObject(data) && asString(data.taskId) !== null && Array.isArray(data.resultUrls);
}

function parseShortCallback(body: IDataObject): NormalizedTask {
	const data = body.data as IDataObject;
	const raw = parseJsonFields(data, ['promptJson']);
	const succeeded = asNumber(body.code) === 200;
	const videoUrls = httpUrls(data.resultUrls);
	return {
		provider: 'sora2api',
		taskId: asString(data.taskId) ?? '',
		model: modelFromParams(raw.promptJson),
		status: succeeded ? 'succeeded' : 'failed',
		progress: succeeded ? 100 : null,
		videoUrl: videoUrls[0] ?? null,
		videoUrls,
		error: succeeded
			? null
			: {
					code: asString(body.code) ?? 'GENERATION_FAILED',
					message: asString(body.msg) ?? asString(body.message) ?? 'Video generation failed.',
				},
		createdAt: null,
		completedAt: null,
		costTimeMs: null,
		raw,
	};
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
