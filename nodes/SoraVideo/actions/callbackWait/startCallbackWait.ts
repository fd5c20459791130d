import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CreateRecord } from '../../../shared/costSafety/createRecord';
import type { ProviderAdapter } from '../../../shared/providers/types';
import type { FinishSettings } from '../readWaitSettings';
import { errorItem, settleItems, toOutputItems, type Outcome } from '../runItems';
import { callbackToken, newNonce, TOKEN_PARAM } from './callbackToken';
import type { ProviderClient } from '../../../shared/transport/ProviderClient';
import { CreatePhase } from './createPhase';
import { finishWithoutPause } from './finishWithoutPause';
import { parkItems, STATE_KEY, type ParkedState } from './parkedItems';
import { CALLBACK_GRACE_MINUTES } from '../waitOptions.description';

export interface CallbackJob {
	/** A Callback URL the user set; it cannot be combined with the node's own. */
	callBackUrl?: string;
	/** Undefined when this item does not wait for its task. */
	wait?: FinishSettings;
	/** Upscale: the video index whose copy the resumed node asks for, instead of looking the task up. */
	upscaleIndex?: number;
}

/**
 * Starts one item's paid task (at most once per node run, through the cost-safety record) and
 * returns it as the node outputs a queued task; callBackUrl is the node's own when the item waits.
 */
export type StartTask<J extends CallbackJob> = (job: J, callBackUrl: string | undefined, itemIndex: number) => Promise<INodeExecutionData>;

export interface CallbackWaitOptions {
	client: ProviderClient;
	/** Whether an item's task was finished when started (a 4K copy made before, a task seen finished); such items need no pause. */
	finishedAtStart?: (data: INodeExecutionData) => boolean;
	/** Look tasks up while the other items' creates are still being sent (createPhase.ts). */
	lookUpWhileCreating?: boolean;
}

function isParked(value: unknown): value is ParkedState {
	return typeof value === 'object' && value !== null && typeof (value as ParkedState).nonce === 'string' && typeof (value as ParkedState).deadline === 'string';
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
	job: CallbackJob | undefined,
	outcome: Outcome,
	base: { nonce: string; startedAt: string },
	startedMs: number,
	finishedAtStart: (data: INodeExecutionData) => boolean,
): IDataObject {
	if (!outcome.ok) {
		return { ...errorItem(outcome.error), [STATE_KEY]: { ...base, deadline: base.startedAt, settled: true } };
	}
	const json = outcome.data.json;
	const wait = job?.wait;
	if (!wait) return { ...json, [STATE_KEY]: { ...base, deadline: base.startedAt, settled: true } };
	const taskId = String(json.taskId);
	// Seen finished before the pause: nothing to wait for, and no timeout to report if no other callback comes.
	const finished = finishedAtStart(outcome.data);
	const state: ParkedState = {
		...base,
		deadline: new Date(startedMs + wait.timeoutMs).toISOString(),
		settled: false,
		...(finished ? { seenFinished: true } : {}),
		settings: {
			timeoutMs: wait.timeoutMs,
			polling: wait.polling as unknown as IDataObject,
			confirmCallback: wait.confirmCallback,
			downloadVideo: wait.downloadVideo,
			binaryPropertyName: wait.binaryPropertyName,
			onTaskFailure: wait.onTaskFailure,
			fullResolution: wait.fullResolution === true,
			...(job?.upscaleIndex !== undefined ? { upscaleIndex: job.upscaleIndex } : {}),
		} as unknown as ParkedState['settings'],
	};
	if (finished) return { ...json, [STATE_KEY]: state };
	return { ...json, error: timeoutError(adapter, taskId, wait), [STATE_KEY]: state };
}

/**
 * Create, Extend or Upscale with Wait for Completion in callback mode: starts every item's task
 * with this execution's resume URL as the provider's callBackUrl, parks the items and pauses the
 * execution. The node's webhook takes over when the first callback arrives.
 */
export async function startCallbackWait<J extends CallbackJob>(
	fx: IExecuteFunctions,
	adapter: ProviderAdapter,
	record: CreateRecord,
	prepare: (itemIndex: number) => J | Promise<J>,
	start: StartTask<J>,
	{ client, finishedAtStart = () => false, lookUpWhileCreating = false }: CallbackWaitOptions,
): Promise<INodeExecutionData[]> {
	if (typeof fx.putExecutionToWait !== 'function' || typeof fx.getExecuteData !== 'function') {
		throw unavailable(fx, 'this n8n cannot pause an execution from this node (for example when it runs as an AI tool)');
	}
	// A retry (Retry On Fail) continues tasks whose callback URL carries the first attempt's nonce.
	const nonce = record.shared('callbackNonce', newNonce);
	// n8n 1.x also runs a node with Retry On Fail again when its first output item has an `error` field, as a
	// parked item has; that rerun's input is this run's parked items: the wait stands, nothing is sent.
	const input = fx.getInputData();
	const ours = (value: unknown) => isParked(value) && value.nonce === nonce;
	if (input.length > 0 && input.every((item) => ours(item.json[STATE_KEY]))) {
		const deadlines = input.map((item) => Date.parse((item.json[STATE_KEY] as ParkedState).deadline));
		await fx.putExecutionToWait(new Date(Math.max(...deadlines) + CALLBACK_GRACE_MINUTES * 60_000));
		return input.map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
	}
	const url = await callbackUrl(fx, adapter, nonce);
	const phase = lookUpWhileCreating ? new CreatePhase(client) : undefined;
	const jobs: J[] = [];
	const startedMs = Date.now();

	const outcomes = await settleItems(fx, {
		prepare: async (itemIndex) => {
			const job = await prepare(itemIndex);
			if (job.wait && job.callBackUrl) {
				throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Callback URL" cannot be set in Wait Mode "Callback"`, {
					itemIndex,
					description: `In Callback mode the node sends its own callback URL to resume this execution. Remove "Callback URL" from item ${itemIndex + 1}, or set "Wait Mode" to "Poll". Nothing was sent to the provider.`,
				});
			}
			jobs[itemIndex] = job;
			phase?.expect();
			return job;
		},
		run: async (job, itemIndex) => {
			let data: INodeExecutionData;
			try {
				data = await start(job, job.wait ? url : job.callBackUrl, itemIndex);
			} finally {
				phase?.settled();
			}
			return phase && job.wait ? await phase.follow(data, itemIndex, job.wait) : data;
		},
	});
	// Without continueOnFail a failed create fails the node here, naming the other items' tasks.
	const plain = toOutputItems(fx, outcomes);
	const waiting = (index: number) => {
		const outcome = outcomes[index];
		return jobs[index]?.wait !== undefined && outcome.ok && !finishedAtStart(outcome.data);
	};
	// Nothing to wait for: the items are finished here (download included), without pausing.
	if (!jobs.some((_, index) => waiting(index))) return await finishWithoutPause(fx, client, plain, (index) => jobs[index]?.wait);

	const base = { nonce, startedAt: new Date(startedMs).toISOString() };
	const parked: INodeExecutionData[] = outcomes.map((outcome, index) => ({
		json: parkedItem(adapter, jobs[index], outcome, base, startedMs, finishedAtStart),
		pairedItem: { item: index },
	}));
	const lastDeadline = Math.max(...jobs.map((job) => (job?.wait ? startedMs + job.wait.timeoutMs : startedMs)));
	parkItems(fx, parked);
	await fx.putExecutionToWait(new Date(lastDeadline + CALLBACK_GRACE_MINUTES * 60_000));
	return parked;
}
