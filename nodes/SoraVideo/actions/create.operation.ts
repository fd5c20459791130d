import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { queuedTask } from '../../shared/providers/queuedTask';
import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { newUploadPath, prepareBinaryInputs, withInputs } from './binarySource';
import { createFieldProperties } from './createFields.description';
import { finishTask } from './finishTask';
import { readCreateRequest } from './readCreateRequest';
import { readWaitSettings } from './readWaitSettings';
import { runItems } from './runItems';
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
	if (callbackMode) return await startCallbackWait(this, adapter, client, prepare);
	return await runItems(this, {
		prepare,
		run: async ({ request, uploads, wait }, itemIndex) => {
			const inputs = await uploads.send(request.input);
			const taskId = await client.create(request, itemIndex);
			if (wait) return withInputs(await finishTask(this, client, taskId, itemIndex, { ...wait, justCreated: true }), inputs);
			return withInputs({ json: { ...queuedTask(adapter.id, taskId, request.model), ...client.detailsOf(taskId) } }, inputs);
		},
	});
}
