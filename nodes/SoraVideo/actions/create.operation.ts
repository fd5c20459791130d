import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CreateRecord } from '../../shared/costSafety/createRecord';
import { checkMinimumBalance, readMinimumBalance } from '../../shared/costSafety/minimumBalance';
import { queuedTask } from '../../shared/providers/queuedTask';
import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { newUploadPath, prepareBinaryInputs, withInputs } from './binarySource';
import { createFieldProperties } from './createFields.description';
import { createItemTask } from './createItemTask';
import { finishTask } from './finishTask';
import { minimumBalanceProperty } from './minimumBalance.description';
import { readCreateRequest } from './readCreateRequest';
import { readWaitSettings } from './readWaitSettings';
import { runItems } from './runItems';
import { seenFinished } from './callbackWait/createPhase';
import { startCallbackWait } from './callbackWait/startCallbackWait';
import { waitProperties } from './waitOptions.description';

export const description: INodeProperties[] = [
	...createFieldProperties,
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the video is ready and output the finished task, as "Wait Until Done" does',
		displayOptions: { show: { operation: ['create'] } },
	},
	...waitProperties({ operation: ['create'], waitForCompletion: [true] }, { existingTask: false }),
	minimumBalanceProperty('create'),
];

export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	const uploadPath = newUploadPath(this);
	const prepare = async (itemIndex: number) => {
		const request = adapter.readCreateRequest
			? await adapter.readCreateRequest(this, itemIndex)
			: readCreateRequest(this, itemIndex, adapter.id);
		const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) ? readWaitSettings(this, itemIndex) : undefined;
		return {
			request,
			uploads: await prepareBinaryInputs(this, itemIndex, adapter.id, uploadPath),
			wait: wait && { ...wait, fullResolution: request.fullResolution },
		};
	};
	const callbackMode =
		this.getNodeParameter('waitForCompletion', 0, false) && this.getNodeParameter('waitMode', 0, 'poll') === 'callback';
	if (callbackMode && adapter.noCallbacks) {
		throw new NodeOperationError(this.getNode(), `"Wait Mode" cannot be "Callback" with ${adapter.displayName}`, {
			description: `${adapter.noCallbacks} Nothing was sent.`,
		});
	}
	const record = CreateRecord.forRun(this, 'create');
	const minimum = readMinimumBalance(this);
	const beforePaid = async () => await checkMinimumBalance(this, client, minimum);
	if (callbackMode) {
		const parked = await startCallbackWait(
			this,
			adapter,
			record,
			async (itemIndex) => {
				const job = await prepare(itemIndex);
				return { ...job, callBackUrl: job.request.callBackUrl };
			},
			async ({ request, uploads }, callBackUrl, itemIndex) => {
				const sent = callBackUrl ? { ...request, callBackUrl } : request;
				const { taskId, inputs } = await createItemTask(record, client, sent, uploads, itemIndex, beforePaid);
				return withInputs({ json: queuedTask(adapter.id, taskId, request.model) }, inputs);
			},
			{ client, finishedAtStart: seenFinished, lookUpWhileCreating: true },
		);
		record.finished(parked);
		return parked;
	}
	const output = await runItems(this, {
		prepare,
		run: async ({ request, uploads, wait }, itemIndex) => {
			const { taskId, inputs, continued } = await createItemTask(record, client, request, uploads, itemIndex, beforePaid);
			if (wait) {
				return withInputs(await finishTask(this, client, taskId, itemIndex, { ...wait, justCreated: !continued }), inputs);
			}
			return withInputs({ json: { ...queuedTask(adapter.id, taskId, request.model), ...client.detailsOf(taskId) } }, inputs);
		},
	});
	record.finished(output);
	return output;
}
