import type { IDataObject } from 'n8n-workflow';

import { progressOf } from './marketTask';
import type { NormalizedTask, ProviderId, TaskError, TaskStatus } from './types';
import { asNumber, asString, isObject, parseJsonField, parseJsonFields, toIsoTime } from './values';

/*
 * The record shape Sora2API and kie.ai's Veo API share: `successFlag` 0 generating, 1 success,
 * 2 create failed, 3 generation failed, with `errorCode` and `errorMessage`.
 */

export function successFlagStatus(flag: unknown): TaskStatus {
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

export function successFlagError(data: IDataObject): TaskError | null {
	if (successFlagStatus(data.successFlag) !== 'failed') return null;
	const createFailed = asNumber(data.successFlag) === 2;
	return {
		code: asString(data.errorCode) ?? (createFailed ? 'CREATE_FAILED' : 'GENERATION_FAILED'),
		message: asString(data.errorMessage) ?? (createFailed ? 'The task could not be started.' : 'Video generation failed.'),
	};
}

function elapsedMs(from: string | null, to: string | null): number | null {
	if (!from || !to) return null;
	const ms = Date.parse(to) - Date.parse(from);
	return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** A successFlag record as the one task shape; each API says where its video links and model are. */
export function parseSuccessFlagRecord(
	provider: ProviderId,
	data: IDataObject,
	read: { videoUrls(response: IDataObject): string[]; model(params: unknown): string | null },
): NormalizedTask {
	const raw = parseJsonFields(data, ['paramJson', 'promptJson']);
	const status = successFlagStatus(data.successFlag);
	const response = parseJsonField(data.response);
	const videoUrls = isObject(response) ? read.videoUrls(response) : [];
	const createdAt = toIsoTime(data.createTime);
	const completedAt = status === 'processing' ? null : toIsoTime(data.completeTime);
	return {
		provider,
		taskId: asString(data.taskId) ?? '',
		model: read.model(raw.paramJson),
		status,
		progress: status === 'succeeded' ? 100 : progressOf(data),
		videoUrl: videoUrls[0] ?? null,
		videoUrls,
		error: successFlagError(data),
		createdAt,
		completedAt,
		costTimeMs: elapsedMs(createdAt, completedAt),
		cost: null,
		balance: null,
		raw,
	};
}

/**
 * A callback that reports only the outcome (`code` 200 or an error code, `msg`) and the links:
 * Sora2API's short shape and the Veo API's callback.
 */
export function parseOutcomeCallback(
	provider: ProviderId,
	body: IDataObject,
	found: { taskId: unknown; videoUrls: string[]; model: string | null; raw: IDataObject },
): NormalizedTask {
	const succeeded = asNumber(body.code) === 200;
	const videoUrls = succeeded ? found.videoUrls : [];
	return {
		provider,
		taskId: asString(found.taskId) ?? '',
		model: found.model,
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
		cost: null,
		balance: null,
		raw: found.raw,
	};
}
