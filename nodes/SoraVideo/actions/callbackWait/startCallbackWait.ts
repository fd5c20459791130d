import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CreateRecord } from '../../../shared/costSafety/createRecord';
import { queuedTask } from '../../../shared/providers/queuedTask';
import type { CreateTaskRequest, ProviderAdapter } from '../../../shared/providers/types';
import type { ProviderClient } from '../../../shared/transport/ProviderClient';
import { withInputs, type ItemUploads } from '../binarySource';
import { createItemTask } from '../createItemTask';
import type { FinishSettings } from '../readWaitSettings';
import { errorItem, settleItems, toOutputItems, type Outcome } from '../runItems';
import { callbackToken, newNonce, TOKEN_PARAM } from './callbackToken';
import { parkItems, STATE_KEY, type ParkedState } from './parkedItems';
import { CALLBACK_GRACE_MINUTES } from '../waitOptions.description';

export interface CallbackJob {
	request: CreateTaskRequest;
	uploads: ItemUploads;
	/** Undefined when this item does not wait for its task. */
	wait?: FinishSettings;
}

function unavailable(fx: IExecuteFunctions, why: string): NodeOperationError {
	return new NodeOperationError(fx.getNode(), `"Wait Mode" "Callback" cannot be used here: ${why}`, {
		description: 'Set "Wait Mode" to "Poll". Nothing was sent to the provider.',
	});
}

/**
 * n8n's resume URL for this execution. On n8n 2.x it carries the execution's resume token,
 * which n8n itself checks. getSignedResumeUrl() is not used: n8n 2.x accepts its signature
 * only for "send and wait" operations and answers 401 to any other node.
 */
function resumeUrl(fx: IExecuteFunctions): URL {
	const value = fx.evaluateExpression('{{ $execution.resumeUrl }}', 0);
	try {
		return new URL(String(value));
	} catch {
		throw unavailable(fx, 'n8n gave no resume URL for this execution');
	}
}

async function callbackUrl(fx: IExecuteFunctions, adapter: ProviderAdapter, nonce: string): Promise<string> {
	const credentials = await fx.getCredentials(adapter.credentialType);
	const url = resumeUrl(fx);
	url.searchParams.set(TOKEN_PARAM, callbackToken(String(credentials.apiKey ?? ''), nonce));
	return url.toString();
}

function timeoutError(adapter: ProviderAdapter, taskId: string, settings: FinishSettings): IDataObject {
	return {
		code: 'TIMEOUT',
		message: `No callback from ${adapter.displayName} arrived for task ${taskId} within ${Math.round(settings.timeoutMs / 1000)} s`,
		description: `The task may still finish, and its callback can no longer resume this execution. Look it up with "Query" or "Wait Until Done" and task ID ${taskId}.`,
	};
}

function parkedItem(
	adapter: ProviderAdapter,
	job: CallbackJob,
	outcome: Outcome,
	base: { nonce: string; startedAt: string },
	startedMs: number,
): IDataObject {
	if (!outcome.ok) {
		return { ...errorItem(outcome.error), [STATE_KEY]: { ...base, deadline: base.startedAt, settled: true } };
	}
	const json = outcome.data.json;
	const wait = job.wait;
	if (!wait) return { ...json, [STATE_KEY]: { ...base, deadline: base.startedAt, settled: true } };
	const taskId = String(json.taskId);
	const state: ParkedState = {
		...base,
		deadline: new Date(startedMs + wait.timeoutMs).toISOString(),
		settled: false,
		settings: {
			timeoutMs: wait.timeoutMs,
			polling: wait.polling as unknown as IDataObject,
			confirmCallback: wait.confirmCallback,
			downloadVideo: wait.downloadVideo,
			binaryPropertyName: wait.binaryPropertyName,
			onTaskFailure: wait.onTaskFailure,
			fullResolution: wait.fullResolution === true,
		} as unknown as ParkedState['settings'],
	};
	return { ...json, error: timeoutError(adapter, taskId, wait), [STATE_KEY]: state };
}

/**
 * Create with Wait for Completion in callback mode: starts every item's task with this
 * execution's resume URL as the provider's callBackUrl, parks the items and pauses the
 * execution. The node's webhook takes over when the first callback arrives.
 */
export async function startCallbackWait(
	fx: IExecuteFunctions,
	adapter: ProviderAdapter,
	client: ProviderClient,
	prepare: (itemIndex: number) => Promise<CallbackJob>,
	record: CreateRecord,
	beforePaid?: () => Promise<void>,
): Promise<INodeExecutionData[]> {
	if (typeof fx.putExecutionToWait !== 'function' || typeof fx.getExecuteData !== 'function') {
		throw unavailable(fx, 'this n8n cannot pause an execution from this node (for example when it runs as an AI tool)');
	}
	// A retry (Retry On Fail) continues tasks whose callback URL carries the first attempt's nonce.
	const nonce = record.shared('callbackNonce', newNonce);
	const url = await callbackUrl(fx, adapter, nonce);
	const jobs: CallbackJob[] = [];
	const startedMs = Date.now();

	const outcomes = await settleItems(fx, {
		prepare: async (itemIndex) => {
			const job = await prepare(itemIndex);
			if (job.wait && job.request.callBackUrl) {
				throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Callback URL" cannot be set in Wait Mode "Callback"`, {
					itemIndex,
					description: `In Callback mode the node sends its own callback URL to resume this execution. Remove "Callback URL" from item ${itemIndex + 1}, or set "Wait Mode" to "Poll". Nothing was sent to the provider.`,
				});
			}
			jobs[itemIndex] = job;
			return job;
		},
		run: async (job, itemIndex) => {
			const request = job.wait ? { ...job.request, callBackUrl: url } : job.request;
			const { taskId, inputs } = await createItemTask(record, client, request, job.uploads, itemIndex, beforePaid);
			return withInputs({ json: queuedTask(adapter.id, taskId, request.model) }, inputs);
		},
	});
	// Without continueOnFail a failed create fails the node here, naming the other items' tasks.
	const plain = toOutputItems(fx, outcomes);
	if (!jobs.some((job, index) => job?.wait && outcomes[index].ok)) return plain;

	const base = { nonce, startedAt: new Date(startedMs).toISOString() };
	const parked: INodeExecutionData[] = outcomes.map((outcome, index) => ({
		json: parkedItem(adapter, jobs[index] ?? { request: { model: '', input: {} } }, outcome, base, startedMs),
		pairedItem: { item: index },
	}));
	const lastDeadline = Math.max(...jobs.map((job) => (job?.wait ? startedMs + job.wait.timeoutMs : startedMs)));
	parkItems(fx, parked);
	await fx.putExecutionToWait(new Date(lastDeadline + CALLBACK_GRACE_MINUTES * 60_000));
	return parked;
}
