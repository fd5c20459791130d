import type { IDataObject } from 'n8n-workflow';

import type { NormalizedTask, ProviderId, TaskStatus } from './types';
import {
	asNumber,
	asString,
	httpUrls,
	isObject,
	parseJsonField,
	parseJsonFields,
	toIsoTime,
} from './values';

/*
 * kie.ai's "Market" task record. Revid resells kie.ai and returns the same record,
 * so both adapters share this parser; only their endpoints and auth differ.
 */

const STATES: Record<string, TaskStatus> = {
	waiting: 'queued',
	queuing: 'queued',
	queued: 'queued',
	pending: 'queued',
	generating: 'processing',
	processing: 'processing',
	running: 'processing',
	success: 'succeeded',
	succeeded: 'succeeded',
	fail: 'failed',
	failed: 'failed',
	error: 'failed',
};

export function marketStatus(state: unknown): TaskStatus {
	// An unknown state is treated as unfinished: waiting longer is safer than a wrong verdict.
	return STATES[String(state ?? '').toLowerCase()] ?? 'processing';
}

export function taskIdOf(data: IDataObject): string | null {
	return asString(data.taskId) ?? asString(data.task_id);
}

export function parseMarketTask(provider: ProviderId, data: IDataObject): NormalizedTask {
	const raw = parseJsonFields(data, ['param', 'resultJson']);
	const status = marketStatus(data.state);
	const result = isObject(raw.resultJson) ? raw.resultJson : {};
	const videoUrls = httpUrls(result.resultUrls);
	const param = parseJsonField(data.param);
	const model = asString(data.model) ?? (isObject(param) ? asString(param.model) : null);

	return {
		provider,
		taskId: taskIdOf(data) ?? '',
		model,
		status,
		progress: status === 'succeeded' ? 100 : progressOf(data),
		videoUrl: videoUrls[0] ?? null,
		videoUrls,
		error:
			status === 'failed'
				? {
						code: asString(data.failCode) ?? 'FAILED',
						message: asString(data.failMsg) ?? 'The provider reported that the task failed.',
					}
				: null,
		createdAt: toIsoTime(data.createTime),
		completedAt: status === 'succeeded' || status === 'failed' ? toIsoTime(data.completeTime) : null,
		costTimeMs: asNumber(data.costTime),
		// kie.ai's records carry `creditsConsumed` (not every copy does).
		cost: asNumber(data.creditsConsumed),
		balance: null,
		raw,
	};
}

/** The market callback is the query response itself: `{code, msg, data: <task record>}`. */
export function isMarketCallback(body: IDataObject): boolean {
	const data = body.data;
	return (
		isObject(data) &&
		taskIdOf(data) !== null &&
		('state' in data || 'resultJson' in data || 'failCode' in data)
	);
}

export function parseMarketCallback(
	provider: ProviderId,
	body: IDataObject,
): NormalizedTask | undefined {
	if (!isMarketCallback(body)) return undefined;
	return parseMarketTask(provider, body.data as IDataObject);
}

export function clampProgress(value: number): number {
	return Math.max(0, Math.min(100, Math.round(value)));
}

/** A record's `progress`, 0–100, or null when it has none. */
export function progressOf(data: IDataObject): number | null {
	const progress = asNumber(data.progress);
	return progress === null ? null : clampProgress(progress);
}
