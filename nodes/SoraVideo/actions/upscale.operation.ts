import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CreateRecord } from '../../shared/costSafety/createRecord';
import { checkMinimumBalance, readMinimumBalance } from '../../shared/costSafety/minimumBalance';
import type { NormalizedTask, ProviderAdapter, UpscaleAnswer, UpscaleRequest } from '../../shared/providers/types';
import { providerError } from '../../shared/transport/errors';
import { pause } from '../../shared/transport/pause';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { startCallbackWait } from './callbackWait/startCallbackWait';
import { completeTask } from './finishTask';
import { minimumBalanceProperty } from './minimumBalance.description';
import { readTaskId, taskIdProperty } from './taskId';
import { readWaitSettings, type FinishSettings } from './readWaitSettings';
import { runItems } from './runItems';
import { waitProperties } from './waitOptions.description';

const show = { operation: ['upscale4k'] };

export const description: INodeProperties[] = [
	{ ...taskIdProperty('upscale4k'), description: 'The finished Veo 3.1 task to upscale, e.g. {{ $json.taskId }}' },
	{
		displayName: 'Video Index',
		name: 'videoIndex',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Which video of the task to upscale; 0 is the first',
		hint: 'Paid (about twice a Fast video at kie.ai) and slow: 5 to 10 minutes. 16:9 and 9:16 videos only.',
		displayOptions: { show },
	},
	{
		displayName: 'Callback URL',
		name: 'upscaleCallbackUrl',
		type: 'string',
		default: '',
		description: "A URL kie.ai calls when the 4K video is ready, e.g. a Sora Video Trigger's production URL",
		displayOptions: { show },
	},
	minimumBalanceProperty('upscale4k'),
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the 4K video is ready and output it; kie.ai is asked at most every 30 seconds, as it advises',
		displayOptions: { show },
	},
	// Of the wait options only the callback's confirmation applies: the 4K wait has its own timeout and pace.
	...waitProperties({ ...show, waitForCompletion: [true] }, { existingTask: true, waitMode: true }).map((property) =>
		property.name === 'waitOptions'
			? {
					...property,
					options: property.options?.filter((option) => option.name === 'confirmCallback'),
					displayOptions: { show: { ...show, waitForCompletion: [true], waitMode: ['callback'] } },
				}
			: property,
	),
	{
		displayName: 'Timeout (Seconds)',
		name: 'upscaleTimeout',
		type: 'number',
		default: 1200,
		typeOptions: { minValue: 1, maxValue: 86400 },
		description: 'How long to wait for the 4K video before stopping with an error that names the task',
		displayOptions: { show: { ...show, waitForCompletion: [true] } },
	},
];

export const requires = (adapter: ProviderAdapter): boolean => adapter.upscale !== undefined;

interface UpscaleJob {
	request: UpscaleRequest;
	wait?: FinishSettings;
}

function readJob(fx: IExecuteFunctions, itemIndex: number): UpscaleJob {
	const taskId = readTaskId(fx, itemIndex);
	const index = Number(fx.getNodeParameter('videoIndex', itemIndex, 0));
	if (!Number.isInteger(index) || index < 0) {
		throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Video Index" must be a whole number, 0 or more`, {
			itemIndex,
			description: 'Nothing was sent to the provider.',
		});
	}
	const request: UpscaleRequest = { taskId, index };
	const callbackUrl = String(fx.getNodeParameter('upscaleCallbackUrl', itemIndex, '') ?? '').trim();
	if (callbackUrl) {
		if (!/^https?:\/\/\S+$/i.test(callbackUrl)) {
			throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Callback URL" must be an http(s) URL`, { itemIndex });
		}
		request.callBackUrl = callbackUrl;
	}
	if (!fx.getNodeParameter('waitForCompletion', itemIndex, false)) return { request };
	const settings = readWaitSettings(fx, itemIndex);
	const timeout = Number(fx.getNodeParameter('upscaleTimeout', itemIndex, 1200));
	if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 86_400) {
		throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Timeout (Seconds)" must be between 1 and 86400`, { itemIndex });
	}
	return { request, wait: { ...settings, timeoutMs: timeout * 1000 } };
}

/** The 4K copy as the one task shape: the source's task ID, "processing" until its links arrive. */
function upscaledTask(source: NormalizedTask | undefined, request: UpscaleRequest, adapter: ProviderAdapter, answer: UpscaleAnswer): NormalizedTask {
	const done = answer.state === 'done';
	const urls = done ? answer.urls : [];
	const raw: IDataObject = { upscale: adapter.upscale?.label ?? 'upscale', index: request.index, sourceVideoUrl: source?.videoUrl ?? null };
	return {
		provider: adapter.id,
		taskId: request.taskId,
		model: source?.model ?? null,
		status: done ? 'succeeded' : 'processing',
		progress: done ? 100 : null,
		videoUrl: urls[0] ?? null,
		videoUrls: urls,
		error: null,
		createdAt: source?.createdAt ?? null,
		completedAt: done ? new Date().toISOString() : null,
		costTimeMs: null,
		cost: null,
		balance: null,
		raw,
	};
}

/**
 * Upscale to 4K. The first ask starts the paid render (at most once per item and node run); with
 * Wait for Completion it asks again, no more often than the provider advises, until the links come,
 * or (Wait Mode "Callback") pauses the execution until kie.ai calls back.
 */
export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const upscale = adapter.upscale as NonNullable<ProviderAdapter['upscale']>;
	const client = await ProviderClient.open(this, adapter);
	const record = CreateRecord.forRun(this, 'upscale4k');
	const minimum = readMinimumBalance(this);
	/** The first (paid) ask, once per item and node run; a retry continuing it only asks whether it is ready. */
	const startUpscale = async (request: UpscaleRequest, itemIndex: number) => {
		let source: NormalizedTask | undefined;
		let answer: UpscaleAnswer | undefined;
		await record.createOnce(itemIndex, { taskId: request.taskId, index: request.index }, {
			prepare: async () => {
				source = await client.query(request.taskId, itemIndex);
				const refusal = upscale.refusal(source);
				if (refusal) {
					throw new NodeOperationError(this.getNode(), `Item ${itemIndex + 1}: cannot upscale to ${upscale.label}: ${refusal}`, {
						itemIndex,
						description: 'Nothing was sent to start the upscale, and nothing was charged.',
					});
				}
				await checkMinimumBalance(this, client, minimum);
				return undefined;
			},
			create: async () => {
				answer = await client.upscale(request, itemIndex, true);
				return request.taskId;
			},
		});
		answer ??= await client.upscale(request, itemIndex, false);
		return upscaledTask(source, request, adapter, answer);
	};
	const callbackMode =
		this.getNodeParameter('waitForCompletion', 0, false) && this.getNodeParameter('waitMode', 0, 'poll') === 'callback';
	if (callbackMode) {
		const parked = await startCallbackWait(
			this,
			adapter,
			record,
			(itemIndex) => {
				const job = readJob(this, itemIndex);
				return { ...job, callBackUrl: job.request.callBackUrl, upscaleIndex: job.request.index };
			},
			async ({ request }, callBackUrl, itemIndex) => {
				const task = await startUpscale(callBackUrl ? { ...request, callBackUrl } : request, itemIndex);
				return { json: task };
			},
			// A copy ready at the first ask (made before) needs no pause.
			{ client, finishedAtStart: (data) => data.json.status === 'succeeded' },
		);
		record.finished(parked);
		return parked;
	}
	const output = await runItems(this, {
		prepare: (itemIndex) => readJob(this, itemIndex),
		run: async ({ request, wait }, itemIndex) => {
			const started = Date.now();
			let task = await startUpscale(request, itemIndex);
			if (!wait || task.status === 'succeeded') {
				if (!wait) return { json: task };
				return await completeTask(this, client, task, itemIndex, { ...wait, fullResolution: false });
			}
			while (task.status !== 'succeeded') {
				if (Date.now() - started + upscale.minAskIntervalMs > wait.timeoutMs) {
					throw providerError(this.getNode(), {
						code: 'TIMEOUT',
						message: `The ${upscale.label} video of task ${request.taskId} was not ready after ${Math.round(wait.timeoutMs / 1000)} s`,
						description: `It keeps rendering at ${adapter.displayName}, already paid. Run "Upscale to ${upscale.label}" again later with task ID ${request.taskId}: asking again starts nothing new.`,
						itemIndex,
						taskId: request.taskId,
						task,
					});
				}
				await pause(upscale.minAskIntervalMs, client.signal);
				const answer = await client.upscale(request, itemIndex, false);
				// The source was read once, at the first ask; its model and link stay in the output.
				task = { ...upscaledTask(undefined, request, adapter, answer), model: task.model, createdAt: task.createdAt, raw: task.raw };
			}
			return await completeTask(this, client, task, itemIndex, { ...wait, fullResolution: false });
		},
	});
	record.finished(output);
	return output;
}
