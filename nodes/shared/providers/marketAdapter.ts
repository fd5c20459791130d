import type { IDataObject } from 'n8n-workflow';

import { isUnknownTaskEnvelope, readCreatedTaskId } from './common';
import { isMarketCallback, parseMarketCallback, parseMarketTask } from './marketTask';
import type { ProviderAdapter, ProviderCall, ProviderId } from './types';

/** kie.ai and its resellers share the task record and callback; only paths and auth differ. */
export function marketAdapter(options: {
	id: ProviderId;
	displayName: string;
	credentialType: string;
	createPath: string;
	buildQuery: (taskId: string) => ProviderCall;
}): ProviderAdapter {
	const { id, createPath } = options;
	return {
		id,
		displayName: options.displayName,
		credentialType: options.credentialType,
		rateLimits: { queriesPerSecond: 10, createsPer10s: 20 },
		buildCreate: ({ model, input, callBackUrl }) => ({
			method: 'POST',
			path: createPath,
			body: { model, input, ...(callBackUrl ? { callBackUrl } : {}) },
		}),
		buildQuery: options.buildQuery,
		readTaskId: readCreatedTaskId,
		parseTask: (data: IDataObject) => parseMarketTask(id, data),
		isTaskNotFound: isUnknownTaskEnvelope,
		matchesCallback: isMarketCallback,
		parseCallback: (body) => parseMarketCallback(id, body),
	};
}
