import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CreateRecord } from '../../shared/costSafety/createRecord';
import { checkMinimumBalance, readMinimumBalance } from '../../shared/costSafety/minimumBalance';
import { queuedTask } from '../../shared/providers/queuedTask';
import type { ExtendRequest, ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { finishTask } from './finishTask';
import { minimumBalanceProperty } from './minimumBalance.description';
import { readTaskId, taskIdProperty } from './taskId';
import { readWaitSettings } from './readWaitSettings';
import { runItems } from './runItems';
import { seenFinished } from './callbackWait/createPhase';
import { startCallbackWait } from './callbackWait/startCallbackWait';
import { waitProperties } from './waitOptions.description';

const show = { operation: ['extend'] };

export const description: INodeProperties[] = [
	{ ...taskIdProperty('extend'), description: 'The Veo 3.1 task whose video to continue, e.g. {{ $json.taskId }} from Create' },
	{
		displayName: 'Prompt',
		name: 'extendPrompt',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'What happens next in the video',
		hint: 'Paid: a new Veo task that continues the video. Extend before any 1080p upgrade: kie.ai cannot extend an upgraded video.',
		displayOptions: { show },
	},
	{
		displayName: 'Extend Options',
		name: 'extendOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				description: "A URL kie.ai calls when the extended video is done, e.g. a Sora Video Trigger's production URL",
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'options',
				options: [
					{ name: 'Fast', value: 'fast' },
					{ name: 'Quality', value: 'quality' },
					{ name: 'Lite', value: 'lite' },
				],
				default: 'fast',
				description: "The extension mode at kie.ai, which uses Fast when this is not set",
			},
			{
				displayName: 'Seed',
				name: 'seeds',
				type: 'number',
				default: 10000,
				typeOptions: { minValue: 10000, maxValue: 99999 },
				description: 'The same seed gives similar results (10000 to 99999)',
			},
			{
				displayName: 'Watermark',
				name: 'watermark',
				type: 'string',
				default: '',
				description: 'Text to add to the video as a watermark',
			},
		],
	},
	minimumBalanceProperty('extend'),
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: 'Whether to wait until the extended video is ready and output the finished task, as "Wait Until Done" does',
		displayOptions: { show },
	},
	// The 1080p copy of the extended video is Wait Until Done's "1080p Video".
	...waitProperties({ ...show, waitForCompletion: [true] }, { existingTask: true, waitMode: true }).map((property) =>
		property.name === 'waitOptions'
			? { ...property, options: property.options?.filter((option) => option.name !== 'fullResolution') }
			: property,
	),
];

export const requires = (adapter: ProviderAdapter): boolean => adapter.extend !== undefined;

function readExtendRequest(fx: IExecuteFunctions, itemIndex: number): ExtendRequest {
	const taskId = readTaskId(fx, itemIndex);
	const prompt = String(fx.getNodeParameter('extendPrompt', itemIndex, '') ?? '').trim();
	if (!prompt) {
		throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Prompt" is required`, {
			itemIndex,
			description: 'Describe how the video goes on. Nothing was sent to the provider.',
		});
	}
	const options = fx.getNodeParameter('extendOptions', itemIndex, {}) as IDataObject;
	const request: ExtendRequest = { taskId, prompt };
	if (options.seeds !== undefined) {
		const seeds = Number(options.seeds);
		if (!Number.isInteger(seeds) || seeds < 10000 || seeds > 99999) {
			throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Seed" must be a whole number from 10000 to 99999`, {
				itemIndex,
				description: `Got ${String(options.seeds)}. Nothing was sent to the provider.`,
			});
		}
		request.seeds = seeds;
	}
	if (typeof options.model === 'string' && options.model) request.model = options.model;
	if (typeof options.watermark === 'string' && options.watermark.trim()) request.watermark = options.watermark.trim();
	if (typeof options.callbackUrl === 'string' && options.callbackUrl.trim()) {
		const url = options.callbackUrl.trim();
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Callback URL" must be an http(s) URL`, { itemIndex });
		}
		request.callBackUrl = url;
	}
	return request;
}

/** Extend: a new paid Veo task continuing a finished one; created at most once per item and node run. */
export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const extend = adapter.extend as NonNullable<ProviderAdapter['extend']>;
	const client = await ProviderClient.open(this, adapter);
	const record = CreateRecord.forRun(this, 'extend');
	const minimum = readMinimumBalance(this);
	const prepare = (itemIndex: number) => {
		const request = readExtendRequest(this, itemIndex);
		const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) ? readWaitSettings(this, itemIndex) : undefined;
		return { request, wait, callBackUrl: request.callBackUrl };
	};
	/** The extended task, created once; the callback URL is left out of its identity (a new token each attempt). */
	const startExtend = async (request: ExtendRequest, itemIndex: number) => {
		let model = 'veo3_fast';
		const outcome = await record.createOnce(itemIndex, { ...request, callBackUrl: undefined }, {
			prepare: async () => {
				// A free look at the source first: kie.ai refuses some sources, and that is known before paying.
				const source = await client.query(request.taskId, itemIndex);
				const refusal = extend.refusal(source);
				if (refusal) {
					throw new NodeOperationError(this.getNode(), `Item ${itemIndex + 1}: cannot extend: ${refusal}`, {
						itemIndex,
						description: 'Nothing was sent to extend the video, and nothing was charged.',
					});
				}
				model = source.model ?? model;
				await checkMinimumBalance(this, client, minimum);
				return undefined;
			},
			create: async () => await client.extend(request, itemIndex),
		});
		return { outcome, queued: { json: { ...queuedTask(adapter.id, outcome.taskId, model), raw: { extendedFrom: request.taskId } } } };
	};
	const callbackMode =
		this.getNodeParameter('waitForCompletion', 0, false) && this.getNodeParameter('waitMode', 0, 'poll') === 'callback';
	if (callbackMode) {
		const parked = await startCallbackWait(
			this,
			adapter,
			record,
			prepare,
			async ({ request }, callBackUrl, itemIndex) => {
				const sent = callBackUrl ? { ...request, callBackUrl } : request;
				return (await startExtend(sent, itemIndex)).queued;
			},
			{ client, finishedAtStart: seenFinished, lookUpWhileCreating: true },
		);
		record.finished(parked);
		return parked;
	}
	const output = await runItems(this, {
		prepare,
		run: async ({ request, wait }, itemIndex) => {
			const { outcome, queued } = await startExtend(request, itemIndex);
			if (wait) return await finishTask(this, client, outcome.taskId, itemIndex, { ...wait, justCreated: !outcome.continued });
			return queued;
		},
	});
	record.finished(output);
	return output;
}
