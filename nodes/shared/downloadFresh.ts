import type { IBinaryData, IDataObject, IExecuteFunctions, IWebhookFunctions, NodeApiError } from 'n8n-workflow';

import { downloadVideo } from './download';
import type { NormalizedTask } from './providers/types';
import type { ProviderClient } from './transport/ProviderClient';

/** How result links answer once they have expired (S3-style storage: 403, 404 or 410). */
const EXPIRED = new Set(['403', '404', '410']);

export interface FreshDownload {
	binary: IBinaryData;
	/** Set when the task's own link had expired and a fresh one was used; goes into the output. */
	freshLink?: IDataObject;
}

/**
 * Downloads a task's video. When its link has expired and the provider hands out fresh links for
 * the files it made (kie.ai keeps them 14 days, while the links in its records expire sooner), it
 * asks for one fresh link, once, and downloads from that.
 */
export async function downloadWithFreshLink(
	host: IExecuteFunctions | IWebhookFunctions,
	/** The provider's client, or how to open it: only an expired link needs one. */
	clientOrOpen: ProviderClient | (() => Promise<ProviderClient>),
	task: NormalizedTask,
	itemIndex: number,
): Promise<FreshDownload> {
	const first = await downloadVideo(host, task, itemIndex).then(
		(binary) => ({ binary, error: undefined }),
		(error: NodeApiError) => ({ binary: undefined, error }),
	);
	if (first.binary) return { binary: first.binary };
	const status = String(first.error.context?.httpStatus ?? '');
	if (!task.videoUrl || !EXPIRED.has(status)) return await Promise.reject(first.error);
	const client = typeof clientOrOpen === 'function' ? await clientOrOpen() : clientOrOpen;
	if (!client.adapter.freshLink) return await Promise.reject(first.error);
	const url = await client.freshLink(task.videoUrl, itemIndex, task.taskId);
	const binary = await downloadVideo(host, { ...task, videoUrl: url }, itemIndex);
	return {
		binary,
		freshLink: {
			url,
			expiredUrl: task.videoUrl,
			expiredStatus: Number(status),
			note: `The task's link had expired (HTTP ${status}); the video was downloaded through a fresh link from ${client.adapter.displayName}, valid for about 20 minutes.`,
		},
	};
}
