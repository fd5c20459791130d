import { marketAdapter } from './marketAdapter';
import type { ProviderAdapter } from './types';
import { buildVeoCreate, buildVeoQuery, isKnownVeoTask, isVeoModel, rememberVeoTask } from './veoApi';
import { isVeoCallback, isVeoRecord, parseVeoCallback, parseVeoTask } from './veoTask';

const market = marketAdapter({
	id: 'kie',
	displayName: 'kie.ai',
	credentialType: 'kieAiApi',
	createPath: '/api/v1/jobs/createTask',
	buildQuery: (taskId) => ({ method: 'GET', path: '/api/v1/jobs/recordInfo', qs: { taskId } }),
});

/** kie.ai: the Market API, and the Veo 3.1 API for Veo models, behind one credential. */
export const kieAdapter: ProviderAdapter = {
	...market,
	buildCreate: (request) => (isVeoModel(request.model) ? buildVeoCreate(request) : market.buildCreate(request)),
	readTaskId: (data, request) => {
		const taskId = market.readTaskId(data);
		if (taskId && request && isVeoModel(request.model)) rememberVeoTask(taskId);
		return taskId;
	},
	buildQuery: (taskId) => (isKnownVeoTask(taskId) ? buildVeoQuery(taskId) : market.buildQuery(taskId)),
	fallbackQuery: (taskId) => (isKnownVeoTask(taskId) ? undefined : buildVeoQuery(taskId)),
	parseTask: (data) => {
		if (!isVeoRecord(data)) return market.parseTask(data);
		const task = parseVeoTask(data);
		if (task.taskId) rememberVeoTask(task.taskId);
		return task;
	},
	matchesCallback: (body) => market.matchesCallback(body) || isVeoCallback(body),
	parseCallback: (body) => market.parseCallback(body) ?? parseVeoCallback(body),
};
