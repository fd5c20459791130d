import type { INodeProperties } from 'n8n-workflow';

import { PROVIDERS } from './providers/registry';

export function providerProperty(extraOptions: INodeProperties['options'] = []): INodeProperties {
	return {
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: [
			...Object.values(PROVIDERS).map((adapter) => ({ name: adapter.displayName, value: adapter.id })),
			...(extraOptions ?? []),
		],
		default: 'kie',
		description: 'The service that runs Sora 2 for you; each needs its own API key',
	};
}
