import type { NormalizedTask, UpscaleAnswer } from '../../../shared/providers/types';
import { providerError } from '../../../shared/transport/errors';
import { pause } from '../../../shared/transport/pause';
import type { ProviderClient } from '../../../shared/transport/ProviderClient';
import { withoutState, type ParkedItem, type ParkedSettings } from './parkedItems';
import { takeCallback, watchTask } from './resumeHints';

/** The parked 4K task, finished with the links kie.ai gave (in its answer or its callback). */
function readyCopy(item: ParkedItem, urls: string[]): NormalizedTask {
	const parked = withoutState(item.json) as NormalizedTask;
	return {
		...parked,
		status: 'succeeded',
		progress: 100,
		videoUrl: urls[0] ?? null,
		videoUrls: urls,
		error: null,
		completedAt: new Date().toISOString(),
	};
}

function fromAnswer(item: ParkedItem, answer: UpscaleAnswer): NormalizedTask | undefined {
	return answer.state === 'done' ? readyCopy(item, answer.urls) : undefined;
}

/**
 * The final state of a parked "Upscale to 4K" item. Its task ID is the source video's, so the
 * record-info lookup would show the source, not the copy: the copy is asked for again instead,
 * which starts nothing new (kie.ai answers 422 "processing" or 422 with the links). A callback is
 * taken as it is when confirmation is off. While the copy renders it is asked for no more often
 * than the provider advises, until the item's deadline; a callback cuts the pause short.
 */
export async function finalUpscale(
	client: ProviderClient,
	item: ParkedItem,
	settings: ParkedSettings & { upscaleIndex: number },
	nonce: string,
	callback: NormalizedTask | undefined,
): Promise<NormalizedTask> {
	const upscale = client.adapter.upscale;
	const taskId = String(item.json.taskId);
	const request = { taskId, index: settings.upscaleIndex };
	const deadline = Date.parse(item.state.deadline);
	const interval = upscale?.minAskIntervalMs ?? 30_000;
	let hint = callback;
	for (;;) {
		if (hint?.status === 'failed') {
			return { ...(withoutState(item.json) as NormalizedTask), status: 'failed', progress: null, error: hint.error, completedAt: new Date().toISOString() };
		}
		if (hint && !settings.confirmCallback) return readyCopy(item, hint.videoUrls);
		const ready = fromAnswer(item, await client.upscale(request, item.index, false));
		if (ready) return ready;
		if (Date.now() + interval > deadline) {
			throw providerError(client.node, {
				code: 'TIMEOUT',
				message: `The 4K video of task ${taskId} was not ready before the timeout`,
				description: `It keeps rendering at ${client.adapter.displayName}, already paid. Run "Upscale to 4K" again later with task ID ${taskId}: asking again starts nothing new.`,
				itemIndex: item.index,
				taskId,
				task: withoutState(item.json) as NormalizedTask,
			});
		}
		try {
			await pause(interval, watchTask(nonce, taskId));
			hint = undefined;
		} catch {
			// The pause ends early only when the task's callback arrives.
			hint = takeCallback(nonce, taskId);
		}
	}
}
