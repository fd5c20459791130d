import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../../shared/providers/registry';
import * as create from './create.operation';
import * as query from './query.operation';
import * as waitUntilDone from './waitUntilDone.operation';

const operations = { create, query, waitUntilDone };

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
	const run = operations[operation as keyof typeof operations].execute;
	return [await run.call(this, adapter)];
}
