import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/providers/types';
import { ProviderClient } from '../../shared/transport/ProviderClient';
import { runItems } from './runItems';

export const description: INodeProperties[] = [
	{
		displayName: 'Reads the credits left on the account of the selected credential. Free; it starts nothing.',
		name: 'creditsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['getCredits'] } },
	},
];

export const requires = (adapter: ProviderAdapter): boolean => adapter.balance !== undefined;

/** Get Credits: the account's remaining credits, one item per input item. */
export async function execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]> {
	const client = await ProviderClient.open(this, adapter);
	return await runItems(this, {
		prepare: () => undefined,
		run: async (_prepared, itemIndex) => ({
			json: { provider: adapter.id, credits: await client.credits(itemIndex), checkedAt: new Date().toISOString() },
		}),
	});
}
