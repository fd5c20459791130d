import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../providers/registry';

// Providers have no webhook registration API, so these only remember which URL is live.
export const webhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const data = this.getWorkflowStaticData('node');
			return data.webhookUrl === this.getNodeWebhookUrl('default');
		},
		async create(this: IHookFunctions): Promise<boolean> {
			// A provider that never calls back would leave an active workflow waiting for nothing.
			const adapter = getProvider(String(this.getNodeParameter('provider', 'auto')));
			if (adapter?.noCallbacks) {
				throw new NodeOperationError(this.getNode(), `This trigger cannot fire for ${adapter.displayName}`, {
					description: adapter.noCallbacks,
				});
			}
			const data = this.getWorkflowStaticData('node');
			data.webhookUrl = this.getNodeWebhookUrl('default');
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			const data = this.getWorkflowStaticData('node');
			delete data.webhookUrl;
			return true;
		},
	},
};
