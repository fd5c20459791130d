import type { IDataObject } from 'n8n-workflow';

import type { CreateTaskRequest, ProviderAdapter, ProviderCall } from '../types';
import { asNumber, asString, isObject } from '../values';
import { CREDENTIAL_TYPE } from './liveModels';
import { readStudioRequest } from './request';
import { parseStudioJob } from './task';

/** Form fields are text: booleans as "true"/"false", lists and objects as JSON. */
function formValue(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/**
 * POST /v1/video/generate takes multipart/form-data per Revid's page (docs.revidapi.com,
 * ai_studio/ai_video_genarate), with the image as the file `input_image` or the link `img_url`.
 * Seedance models are created at POST /v1/seedance/generate: a public client of the platform
 * behind AI Studio sends them there, as JSON; Revid's pages do not list that route.
 */
function buildCreate({ model, input, file }: CreateTaskRequest): ProviderCall {
	if (/^seedance/i.test(model)) {
		return { method: 'POST', path: '/seedance/generate', body: { model, ...input }, plain: true };
	}
	const form: Record<string, string> = { model };
	for (const [key, value] of Object.entries(input)) {
		const text = formValue(value);
		if (text !== undefined) form[key] = text;
	}
	return { method: 'POST', path: '/video/generate', form, ...(file ? { file } : {}), plain: true };
}

export const revidStudioAdapter: ProviderAdapter = {
	id: 'revidStudio',
	displayName: 'Revid AI Studio',
	credentialType: CREDENTIAL_TYPE,
	// Revid publishes no request rates for AI Studio (plans cap concurrent jobs instead, with a
	// 429); kie.ai's are the stand-in, as for Sora2API.
	rateLimits: { queriesPerSecond: 10, createsPer10s: 20 },
	buildCreate,
	buildQuery: (taskId) => ({ method: 'GET', path: `/jobs/${encodeURIComponent(taskId)}`, plain: true }),
	readTaskId: (data) => (isObject(data) ? (asString(data.job_id ?? data.jobId ?? data.id) ?? undefined) : undefined),
	// The create answer: {job_id, status: "pending", cost, balance_remaining}.
	readCreateDetails: (data) => {
		if (!isObject(data)) return {};
		const cost = asNumber(data.cost);
		const balance = asNumber(data.balance_remaining ?? data.balance);
		return { ...(cost !== null ? { cost } : {}), ...(balance !== null ? { balance } : {}) };
	},
	parseTask: (data: IDataObject) => parseStudioJob(data),
	readCreateRequest: readStudioRequest,
	// GET /v1/balance comes from the account of the platform behind AI Studio; Revid's own
	// pages do not list it. Read tolerantly, as its answer's shape is not documented either.
	balance: {
		call: () => ({ method: 'GET', path: '/balance', plain: true }),
		readCredits: (data) => {
			if (typeof data === 'number') return data;
			if (!isObject(data)) return undefined;
			return asNumber(data.balance ?? data.credits ?? data.balance_remaining ?? data.remaining) ?? undefined;
		},
	},
	noCallbacks:
		'Revid AI Studio does not call back when a job ends (its API documents no callback URL). Use Wait Mode "Poll": the node asks about the job about 45 s after creating it, as Revid suggests, then at an adaptive pace.',
	// Revid's page: "Wait about 45-60 seconds" before checking a job.
	firstPollDelayMs: 45_000,
	createRateLimitBudgetMs: 3 * 3600_000,
	createLimitIsConcurrency: true,
	isTaskNotFound: (code) => code === 404,
	// No callbacks: the trigger never takes a body for this provider.
	matchesCallback: () => false,
	parseCallback: () => undefined,
};
