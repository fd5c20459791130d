import type { CreateTaskRequest, ProviderCall } from './types';

/**
 * kie.ai's Veo 3.1 API, a second task API behind the kie.ai credential, with a flat body. Its
 * model IDs (veo3, veo3_fast, veo3_lite) pick it, whether chosen from the list or typed as a
 * Custom Model ID.
 */
export function isVeoModel(model: string): boolean {
	return /^veo3(?:_[a-z]+)?$/.test(model);
}

export function buildVeoCreate({ model, input, callBackUrl }: CreateTaskRequest): ProviderCall {
	return { method: 'POST', path: '/api/v1/veo/generate', body: { ...input, model, ...(callBackUrl ? { callBackUrl } : {}) } };
}

export function buildVeoQuery(taskId: string): ProviderCall {
	return { method: 'GET', path: '/api/v1/veo/record-info', qs: { taskId } };
}

/*
 * Which API holds a task cannot be told from its ID. Tasks created or seen here are remembered,
 * so their queries go straight to the right API; any other is looked up in the Market API first
 * and, when that answers "not found", in the Veo API (one extra query, once per task and process).
 */
export type TaskFamily = 'market' | 'veo';

const MAX_REMEMBERED = 10_000;
const families = new Map<string, TaskFamily>();

export function rememberFamily(taskId: string, family: TaskFamily): void {
	if (!families.has(taskId) && families.size >= MAX_REMEMBERED) families.delete(families.keys().next().value as string);
	families.set(taskId, family);
}

export function familyOf(taskId: string): TaskFamily | undefined {
	return families.get(taskId);
}
