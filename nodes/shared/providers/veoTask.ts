import type { IDataObject } from 'n8n-workflow';

import { parseOutcomeCallback, parseSuccessFlagRecord, successFlagStatus } from './successFlag';
import type { NormalizedTask } from './types';
import { asString, httpUrls, isObject } from './values';

/*
 * kie.ai's Veo 3.1 API: its own record (`successFlag` like Sora2API's, results under `response`)
 * and its own callback (`data.info.resultUrls`). Both come out as the one normalised task.
 */

function modelOf(params: unknown): string | null {
	return isObject(params) ? asString(params.model) : null;
}

export function isVeoRecord(data: IDataObject): boolean {
	return 'successFlag' in data && ('paramJson' in data || 'response' in data || 'fallbackFlag' in data);
}

export function parseVeoTask(data: IDataObject): NormalizedTask {
	return parseSuccessFlagRecord('kie', data, {
		// Links are given only once the video is done.
		videoUrls: (response) => (successFlagStatus(data.successFlag) === 'succeeded' ? httpUrls(response.resultUrls) : []),
		model: modelOf,
	});
}

/** `{code, msg, data: {taskId, info: {resultUrls, originUrls, resolution}, fallbackFlag}}`. */
export function isVeoCallback(body: IDataObject): boolean {
	const data = body.data;
	return isObject(data) && asString(data.taskId) !== null && ('info' in data || 'fallbackFlag' in data) && !('state' in data);
}

export function parseVeoCallback(body: IDataObject): NormalizedTask | undefined {
	if (!isVeoCallback(body)) return undefined;
	const data = body.data as IDataObject;
	const info = isObject(data.info) ? data.info : {};
	return parseOutcomeCallback('kie', body, { taskId: data.taskId, videoUrls: httpUrls(info.resultUrls), model: null, raw: { ...data } });
}
