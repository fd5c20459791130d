import type { IDataObject } from 'n8n-workflow';

import type { CreateRecord } from '../../shared/costSafety/createRecord';
import type { CreateTaskRequest } from '../../shared/providers/types';
import type { ProviderClient } from '../../shared/transport/ProviderClient';
import type { UploadedInput } from '../../shared/upload/uploadBinary';
import type { ItemUploads } from './binarySource';

export interface ItemTask {
	taskId: string;
	inputs: UploadedInput[];
	/** Created by an earlier attempt of this node run (n8n's Retry On Fail) and continued, not paid again. */
	continued: boolean;
}

/**
 * Uploads an item's files and creates its task, at most once per node run. The request is
 * identified without its callback URL, which carries a token that is new on every attempt.
 */
export async function createItemTask(
	record: CreateRecord,
	client: ProviderClient,
	request: CreateTaskRequest,
	uploads: ItemUploads,
	itemIndex: number,
	/** Runs before the paid request, never for a task continued from an earlier attempt (the balance check). */
	beforePaid?: () => Promise<void>,
): Promise<ItemTask> {
	const identity = { model: request.model, input: request.input, fullResolution: request.fullResolution };
	const outcome = await record.createOnce(itemIndex, identity, {
		prepare: async () => {
			await beforePaid?.();
			return { inputs: (await uploads.send(request.input)) as unknown as IDataObject[] };
		},
		create: async () => await client.create(request, itemIndex),
	});
	const inputs = ((outcome.extra?.inputs as unknown) ?? []) as UploadedInput[];
	return { taskId: outcome.taskId, inputs, continued: outcome.continued };
}
