import type { IDataObject } from 'n8n-workflow';

import type { NormalizedTask, ProviderAdapter, UpscaleAnswer } from './types';
import { rememberFamily } from './veoApi';
import { asNumber, asString, httpUrls, isObject } from './values';

/*
 * What kie.ai's Veo 3.1 API does with a finished video (docs.kie.ai, Veo3.1 API, checked 2026-12-06
 * in kie.ai's OpenAPI exports): extend it into a new task (POST /api/v1/veo/extend), render a 4K
 * copy (POST /api/v1/veo/get-4k-video), and, for any file kie.ai generated, a fresh link
 * (POST /api/v1/common/download-url); the balance is GET /api/v1/chat/credit.
 */

/** kie.ai: a video whose 1080p copy was made can no longer be extended; remembered per process. */
const upgraded = new Set<string>();
const MAX_UPGRADED = 10_000;

export function rememberUpgraded(taskId: string): void {
	if (upgraded.size >= MAX_UPGRADED) upgraded.delete(upgraded.values().next().value as string);
	upgraded.add(taskId);
}

function params(task: NormalizedTask): IDataObject {
	const raw = task.raw ?? {};
	return isObject(raw.paramJson) ? raw.paramJson : {};
}

function resolutionOf(task: NormalizedTask): string | null {
	const response = isObject(task.raw?.response) ? task.raw.response : {};
	return asString(response.resolution);
}

function isVeoTask(task: NormalizedTask): boolean {
	return 'successFlag' in (task.raw ?? {});
}

function notReady(task: NormalizedTask): string | undefined {
	if (!isVeoTask(task)) return `task ${task.taskId} is not a Veo 3.1 task (only videos made with kie.ai's Veo 3.1 API can be extended or upscaled)`;
	if (task.status !== 'succeeded') return `task ${task.taskId} has not succeeded (status: ${task.status})`;
	return undefined;
}

/** The 4K aspect ratios kie.ai documents. */
const FOUR_K_RATIOS = ['16:9', '9:16'];

function readFourKAnswer(code: number, message: string, data: unknown): UpscaleAnswer | undefined {
	const urls = isObject(data) ? httpUrls(data.resultUrls) : [];
	if (urls.length > 0 && (code === 200 || code === 422)) return { state: 'done', urls };
	if (code === 200) return { state: 'processing' };
	if (code === 422 && /processing/i.test(message)) return { state: 'processing' };
	return undefined;
}

/** `{code, msg, data: {task_id, result_urls, media_ids, image_urls}}`: kie.ai's 4K callback. */
function parseFourKCallback(body: IDataObject): NormalizedTask | undefined {
	const data = body.data;
	if (!isObject(data) || !('result_urls' in data || 'media_ids' in data)) return undefined;
	const taskId = asString(data.task_id) ?? asString(data.taskId);
	if (!taskId) return undefined;
	const urls = httpUrls(data.result_urls);
	const ok = asNumber(body.code) === 200 && urls.length > 0;
	return {
		provider: 'kie',
		taskId,
		model: null,
		status: ok ? 'succeeded' : 'failed',
		progress: ok ? 100 : null,
		videoUrl: urls[0] ?? null,
		videoUrls: urls,
		error: ok ? null : { code: String(body.code ?? 'FAILED'), message: asString(body.msg) ?? '4K rendering failed' },
		createdAt: null,
		completedAt: new Date().toISOString(),
		costTimeMs: null,
		raw: { ...data, resolution: '4k' },
	};
}

export const veoAfter: Required<Pick<ProviderAdapter, 'extend' | 'upscale' | 'freshLink' | 'balance'>> = {
	extend: {
		call: ({ taskId, prompt, seeds, model, watermark, callBackUrl }) => ({
			method: 'POST',
			path: '/api/v1/veo/extend',
			body: {
				taskId,
				prompt,
				...(seeds !== undefined ? { seeds } : {}),
				...(model ? { model } : {}),
				...(watermark ? { watermark } : {}),
				...(callBackUrl ? { callBackUrl } : {}),
			},
		}),
		readTaskId: (data) => {
			const taskId = isObject(data) ? asString(data.taskId) : null;
			if (taskId) rememberFamily(taskId, 'veo');
			return taskId ?? undefined;
		},
		refusal: (source) => {
			const problem = notReady(source);
			if (problem) return problem;
			if (upgraded.has(source.taskId) || resolutionOf(source) === '1080p') {
				return `the 1080p copy of task ${source.taskId} was made, and kie.ai cannot extend a video after its 1080p upgrade (extend first, then upgrade)`;
			}
			return undefined;
		},
	},
	upscale: {
		label: '4K',
		call: ({ taskId, index, callBackUrl }) => ({
			method: 'POST',
			path: '/api/v1/veo/get-4k-video',
			body: { taskId, index, ...(callBackUrl ? { callBackUrl } : {}) },
		}),
		readAnswer: readFourKAnswer,
		refusal: (source) => {
			const problem = notReady(source);
			if (problem) return problem;
			const ratio = asString(params(source).aspect_ratio) ?? asString(params(source).aspectRatio);
			if (ratio !== null && !FOUR_K_RATIOS.includes(ratio)) {
				return `task ${source.taskId} is ${ratio}, and kie.ai makes 4K copies of 16:9 and 9:16 videos only`;
			}
			return undefined;
		},
		minAskIntervalMs: 30_000,
		parseCallback: parseFourKCallback,
	},
	freshLink: {
		call: (url) => ({ method: 'POST', path: '/api/v1/common/download-url', body: { url } }),
		readUrl: (data) => {
			const url = asString(data);
			return url && /^https?:\/\//i.test(url) ? url : undefined;
		},
	},
	balance: {
		call: () => ({ method: 'GET', path: '/api/v1/chat/credit' }),
		readCredits: (data) => asNumber(data) ?? undefined,
	},
};
