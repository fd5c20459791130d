import { asString, isObject } from './values';

export function readCreatedTaskId(data: unknown): string | undefined {
	if (!isObject(data)) return undefined;
	return asString(data.taskId) ?? asString(data.task_id) ?? undefined;
}

/** kie.ai answers 422 "recordInfo is null" for an ID it does not know; others use 404. */
export function isUnknownTaskEnvelope(code: number, message: string): boolean {
	if (code === 404) return true;
	return /recordInfo is null|task (?:not found|does not exist)|no such task/i.test(message);
}
