import type { IDataObject } from 'n8n-workflow';

import { isMarketCallback, parseMarketCallback, parseMarketTask } from './marketTask';
import type { ProviderAdapter } from './types';
import { readCreatedTaskId, isUnknownTaskEnvelope } from './common';

export const revidAdapter: ProviderAdapter = {
	id: 'revid',
	displayName: 'Revid API',
	credentialType: 'revidApi',
	// Revid resells kie.ai, so kie.ai's published limits are the safe assumption.
	rateLimits: { queriesPerSecond: 10, createsPer10s: 20 },

	buildCreate: ({ model, input, callBackUrl }) => ({
		method: 'POST',
		path: '/paid/sora2/create',
		body: { model, input, ...(callBackUrl ? { callBackUrl } : {}) },
	}),
	// Revid's query is a POST with the ID in the query string and no body, as its docs show.
	buildQuery: (taskId) => ({
		method: 'POST',
		path: '/paid/get/taskid',
		qs: { taskId },
	}),
	readTaskId: readCreatedTaskId,
	parseTask: (data: IDataObject) => parseMarketTask('revid', data),
	isTaskNotFound: isUnknownTaskEnvelope,
	matchesCallback: isMarketCallback,
	parseCallback: (body) => parseMarketCallback('revid', body),
};
