import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ProviderAdapter } from '../../shared/providers/types';
import { getProvider } from '../../shared/providers/registry';
import * as create from './create.operation';
import * as extend from './extend.operation';
import * as getCredits from './getCredits.operation';
import * as getDownloadLink from './getDownloadLink.operation';
import * as query from './query.operation';
import * as upscale4k from './upscale.operation';
import * as waitUntilDone from './waitUntilDone.operation';

interface Operation {
	execute(this: IExecuteFunctions, adapter: ProviderAdapter): Promise<INodeExecutionData[]>;
	/** Whether the provider offers the operation at all; absent means every provider does. */
	requires?: (adapter: ProviderAdapter) => boolean;
}

const operations: Record<string, Operation> = { create, query, waitUntilDone, extend, upscale4k, getDownloadLink, getCredits };

const LABELS: Record<string, string> = {
	extend: 'Extend',
	upscale4k: 'Upscale to 4K',
	getDownloadLink: 'Get Download Link',
	getCredits: 'Get Credits',
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const providerId = this.getNodeParameter('provider', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const adapter = getProvider(providerId);
	if (!adapter) {
		throw new NodeOperationError(this.getNode(), `Unknown provider "${providerId}"`);
	}
	if (!Object.prototype.hasOwnProperty.call(operations, operation)) {
		throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	}
	const chosen = operations[operation];
	if (chosen.requires && !chosen.requires(adapter)) {
		throw new NodeOperationError(this.getNode(), `${adapter.displayName} does not offer "${LABELS[operation] ?? operation}"`, {
			description: 'Choose a provider that offers it, such as kie.ai. Nothing was sent.',
		});
	}
	return [await chosen.execute.call(this, adapter)];
}
