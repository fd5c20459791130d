import type { IDataObject } from 'n8n-workflow';

import { isMarketCallback, parseMarketCallback, parseMarketTask } from './marketTask';
import type { ProviderAdapter } from './types';
import { readCreatedTaskId, isUnknownTaskEnvelope } from './common';

export const kieAdapter: ProviderAdapter = {
	id: 'kie',
	displayName: 'kie.ai',
	credentialType: 'kieAiApi',
	rateLimits: { queriesPerSecond: 10, createsPer10s: 20 },

	buildCreate: ({ model, input, callBackUrl }) => ({
		method: 'POST',
		path: '/api/v1/jobs/createTask',
		body: { model, input, ...(callBackUrl ? { callBackUrl } : {}) },
	}),
	buildQuery: (taskId) => ({
		method: 'GET',
		path: '/api/v1/jobs/recordInfo',
		qs: { taskId },
	}),
	readTaskId: readCreatedTaskId,
	parseTask: (data: IDataObject) => parseMarketTask('kie', data),
	isTaskNotFound: isUnknownTaskEnvelope,
	matchesCallback: isMarketCallback,
	parseCallback: (body) => parseMarketCallback('kie', body),
};
