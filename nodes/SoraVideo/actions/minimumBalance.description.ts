import type { INodeProperties } from 'n8n-workflow';

// Node versions 1.2 and later, listed one by one, not as a `{_cnd: {gte: 1.2}}` condition: n8n 1.x's node panel
// matches an Operation's '@version' against the node's versions by value, and with a condition it listed no actions
// at all. A later version is added here.
export const FROM_V1_2 = [1.2];

export function minimumBalanceProperty(operation: string): INodeProperties {
	return {
		displayName: 'Minimum Balance',
		name: 'minimumBalance',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description:
			'Credits the account must still hold before this node starts paid work; the balance is read once per execution, before its first paid request. 0 turns the check off.',
		hint: 'Stops the node with an error, before anything is charged, when the kie.ai balance is lower',
		displayOptions: { show: { operation: [operation], '@version': FROM_V1_2 } },
	};
}
