import type { INodeProperties } from 'n8n-workflow';

/** Node versions 1.2 and later ('@version' conditions are evaluated like a parameter's, `_cnd` included). */
export const FROM_V1_2 = [{ _cnd: { gte: 1.2 } }] as unknown as number[];

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
