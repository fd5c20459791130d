import type { NormalizedTask, ProviderId } from './types';

/** A task the provider has just accepted: all that is known is its ID. */
export function queuedTask(provider: ProviderId, taskId: string, model: string): NormalizedTask {
	return {
		provider,
		taskId,
		model,
		status: 'queued',
		progress: null,
		videoUrl: null,
		videoUrls: [],
		error: null,
		createdAt: new Date().toISOString(),
		completedAt: null,
		costTimeMs: null,
		cost: null,
		balance: null,
		raw: {},
	};
}
