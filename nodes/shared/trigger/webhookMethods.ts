import type { IHookFunctions } from 'n8n-workflow';

// Providers have no webhook registration API, so these only remember which URL is live.
export const webhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const data = this.getWorkflowStaticData('node');
			return data.webhookUrl === this.getNodeWebhookUrl('default');
		},
		async create(this: IHookFunctions): Promise<boolean> {
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
