import type { IDataObject } from 'n8n-workflow';

import { progressOf } from '../marketTask';
import type { NormalizedTask, TaskStatus } from '../types';
import { asNumber, asString, httpUrls, isObject, toIsoTime } from '../values';

/*
 * GET /v1/jobs/{job_id} answers `{status, result, progress}` (docs.revidapi.com, AI Video
 * Generate; app.revidapi.com/docs.md): status pending, processing or completed, result the video
 * URL once completed and null before. Public clients of the platform behind AI Studio also treat
 * failed, error and cancelled/canceled as failures and read the reason from `error` or `message`.
 */
const FAILED = new Set(['failed', 'error', 'cancelled', 'canceled']);
const DONE = new Set(['completed', 'success', 'succeeded', 'done']);

function statusOf(value: string): TaskStatus {
	if (DONE.has(value)) return 'succeeded';
	if (FAILED.has(value)) return 'failed';
	if (value === 'pending' || value === 'queued' || value === '') return 'queued';
	return 'processing';
}

function resultUrls(result: unknown): string[] {
	if (isObject(result)) return httpUrls(result.url ?? result.video_url ?? result.urls);
	return httpUrls(result);
}

function reasonOf(data: IDataObject): string | null {
	const error = data.error;
	if (isObject(error)) return asString(error.message);
	return asString(error) ?? asString(data.message);
}

export function parseStudioJob(data: IDataObject): NormalizedTask {
	const raw = asString(data.status)?.toLowerCase() ?? '';
	const videoUrls = resultUrls(data.result);
	let status = statusOf(raw);
	let error: NormalizedTask['error'] = null;
	if (status === 'failed') {
		error = { code: raw.toUpperCase(), message: reasonOf(data) ?? 'Revid AI Studio reported that the job failed.' };
	} else if (status === 'succeeded' && videoUrls.length === 0) {
		status = 'failed';
		error = { code: 'NO_RESULT', message: 'Revid AI Studio reported the job completed but sent no video link.' };
	}
	const cost = asNumber(data.cost);
	return {
		provider: 'revidStudio',
		taskId: asString(data.job_id ?? data.id) ?? '',
		model: asString(data.model),
		status,
		progress: status === 'succeeded' ? 100 : progressOf(data),
		videoUrl: videoUrls[0] ?? null,
		videoUrls,
		error,
		createdAt: toIsoTime(data.created_at),
		completedAt: status === 'succeeded' || status === 'failed' ? toIsoTime(data.completed_at ?? data.updated_at) : null,
		costTimeMs: null,
		cost,
		balance: null,
		raw: data,
	};
}
