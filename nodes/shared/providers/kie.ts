import type { IDataObject } from 'n8n-workflow';

import { verifyKieSignature } from '../callback/signature';
import { marketAdapter } from './marketAdapter';
import type { NormalizedTask, ProviderAdapter } from './types';
import { buildVeoCreate, buildVeoQuery, familyOf, isVeoModel, rememberFamily, type TaskFamily } from './veoApi';
import { rememberUpgraded, veoAfter } from './veoAfter';
import { isVeoCallback, isVeoRecord, parseVeoCallback, parseVeoTask } from './veoTask';
import { asString, isObject } from './values';

const market = marketAdapter({
	id: 'kie',
	displayName: 'kie.ai',
	credentialType: 'kieAiApi',
	createPath: '/api/v1/jobs/createTask',
	buildQuery: (taskId) => ({ method: 'GET', path: '/api/v1/jobs/recordInfo', qs: { taskId } }),
});

function remembered(task: NormalizedTask, family: TaskFamily): NormalizedTask {
	if (task.taskId) rememberFamily(task.taskId, family);
	return task;
}

/**
 * kie.ai: the Market API, and the Veo 3.1 API for Veo models, behind one credential. Families are
 * remembered only from kie.ai's own answers (a create, a record), never from a callback body.
 */
export const kieAdapter: ProviderAdapter = {
	...market,
	buildCreate: (request) => (isVeoModel(request.model) ? buildVeoCreate(request) : market.buildCreate(request)),
	readTaskId: (data, request) => {
		const taskId = market.readTaskId(data);
		if (taskId && request) rememberFamily(taskId, isVeoModel(request.model) ? 'veo' : 'market');
		return taskId;
	},
	buildQuery: (taskId) => (familyOf(taskId) === 'veo' ? buildVeoQuery(taskId) : market.buildQuery(taskId)),
	fallbackQuery: (taskId) => (familyOf(taskId) === undefined ? buildVeoQuery(taskId) : undefined),
	parseTask: (data) => (isVeoRecord(data) ? remembered(parseVeoTask(data), 'veo') : remembered(market.parseTask(data), 'market')),
	fullResolution: {
		call: (taskId) =>
			familyOf(taskId) === 'veo' ? { method: 'GET', path: '/api/v1/veo/get-1080p-video', qs: { taskId, index: 0 } } : undefined,
		readUrl: (data) => (isObject(data) ? (asString(data.resultUrl) ?? undefined) : undefined),
		delivered: rememberUpgraded,
	},
	whereLooked: (taskId, lookups) => {
		if (lookups > 1) return 'in its Market tasks or its Veo 3.1 tasks';
		return familyOf(taskId) === 'veo' ? 'in its Veo 3.1 tasks (this is a Veo task)' : undefined;
	},
	...veoAfter,
	matchesCallback: (body) =>
		market.matchesCallback(body) || isVeoCallback(body) || veoAfter.upscale.parseCallback(body) !== undefined,
	// Not remembered: a callback's body is not proof of anything until the provider confirms it.
	parseCallback: (body) => market.parseCallback(body) ?? parseVeoCallback(body) ?? veoAfter.upscale.parseCallback(body),
	verifyCallbackSignature: (callback, claimed, key, toleranceSeconds) => {
		// kie.ai's 4K callback names the task in snake_case.
		const data = callback.body.data as IDataObject | undefined;
		return verifyKieSignature({
			key,
			taskId: claimed.taskId || (typeof data?.task_id === 'string' ? data.task_id : null),
			signature: callback.headers['x-webhook-signature'],
			timestamp: callback.headers['x-webhook-timestamp'],
			toleranceSeconds,
		});
	},
};
