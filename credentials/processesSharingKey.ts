import type { INodeProperties } from 'n8n-workflow';

/**
 * The provider's rate limits are per account, but each n8n process paces its own requests: n8n
 * gives nodes no store that its queue-mode processes share. With this set, each process keeps to
 * its share from the first request on; left at 1, the processes find their shares from the
 * provider's 429 answers.
 */
export const processesSharingKey: INodeProperties = {
	displayName: 'n8n Processes Using This Key',
	name: 'processesSharingKey',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 1,
	description:
		"Queue mode only: how many n8n processes (workers and webhook processes) run workflows with this key at the same time. Each then keeps to that share of the provider's rate limits. Leave at 1 for a single n8n.",
};
