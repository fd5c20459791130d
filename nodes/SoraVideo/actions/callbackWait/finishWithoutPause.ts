import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { NormalizedTask } from '../../../shared/providers/types';
import type { ProviderClient } from '../../../shared/transport/ProviderClient';
import { completeTask } from '../finishTask';
import type { FinishSettings } from '../readWaitSettings';
import { runItems } from '../runItems';

/**
 * Every waiting item's task was finished before the pause (seen during the creates, or a 4K copy
 * made before): the node completes them here, download included, as Wait Mode "Poll" would.
 */
export async function finishWithoutPause(
	fx: IExecuteFunctions,
	client: ProviderClient,
	items: INodeExecutionData[],
	waitOf: (itemIndex: number) => FinishSettings | undefined,
): Promise<INodeExecutionData[]> {
	return await runItems(fx, {
		prepare: (itemIndex) => ({ item: items[itemIndex], wait: waitOf(itemIndex) }),
		run: async ({ item, wait }, itemIndex) => {
			if (item.json.error || !wait) return item;
			const done = await completeTask(fx, client, item.json as unknown as NormalizedTask, itemIndex, { ...wait, fullResolution: wait.fullResolution === true });
			return { ...item, ...done, json: { ...item.json, ...done.json } };
		},
	});
}
