import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { NormalizedTask } from './providers/types';
import { providerError } from './transport/errors';

const DOWNLOAD_TIMEOUT_MS = 30 * 60_000;

type Host = IExecuteFunctions | IWebhookFunctions;

function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | undefined;
	if (typeof stream?.destroy === 'function') stream.destroy();
}

/**
 * Streams a task's video into n8n's binary data. The URL must come from the provider's API
 * (or a verified callback); it is fetched without credentials, so the API key never travels
 * to a CDN.
 */
export async function downloadVideo(host: Host, task: NormalizedTask, itemIndex: number): Promise<IBinaryData> {
	const url = task.videoUrl;
	if (!url || !/^https?:\/\//i.test(url)) {
		throw providerError(host.getNode(), {
			code: 'NO_VIDEO_URL',
			message: `Task ${task.taskId} has no video to download (status: ${task.status})`,
			description: 'The provider reported no result URL for this task. Check the task at the provider.',
			itemIndex,
			taskId: task.taskId,
			task,
		});
	}
	let response: { body: unknown; statusCode: number; headers: Record<string, string | undefined> };
	try {
		response = (await host.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: DOWNLOAD_TIMEOUT_MS,
			...('getExecutionCancelSignal' in host ? { abortSignal: host.getExecutionCancelSignal() } : {}),
		})) as typeof response;
	} catch (error) {
		throw downloadError(host, task, itemIndex, `the connection failed (${(error as { code?: string }).code ?? 'network error'})`);
	}
	if (response.statusCode >= 400) {
		discard(response.body);
		const hint = [403, 404, 410].includes(response.statusCode) ? '; result links expire after some days' : '';
		const error = downloadError(host, task, itemIndex, `the server answered HTTP ${response.statusCode}${hint}`);
		error.context.httpStatus = response.statusCode;
		throw error;
	}
	const type = String(response.headers['content-type'] ?? '').split(';')[0].trim();
	const mimeType = type.startsWith('video/') ? type : 'video/mp4';
	try {
		return await host.helpers.prepareBinaryData(
			response.body as Buffer,
			`${task.taskId}.mp4`,
			mimeType,
		);
	} catch (error) {
		discard(response.body);
		throw downloadError(host, task, itemIndex, `the transfer broke off (${(error as Error).message})`);
	}
}

function downloadError(host: Host, task: NormalizedTask, itemIndex: number, why: string) {
	return providerError(host.getNode(), {
		code: 'DOWNLOAD_FAILED',
		message: `The video of task ${task.taskId} could not be downloaded: ${why}`,
		description: `The task itself succeeded. Its video URL is in the output; run "Wait Until Done" with task ID ${task.taskId} and Download Video on to try again.`,
		itemIndex,
		taskId: task.taskId,
		task,
	});
}
