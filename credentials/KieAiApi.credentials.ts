import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { processesSharingKey } from './processesSharingKey';
import { rejectedKeyRules } from './rejectedKeyRules';

export class KieAiApi implements ICredentialType {
	name = 'kieAiApi';

	displayName = 'Kie.ai API';

	icon: Icon = { light: 'file:../icons/sora.svg', dark: 'file:../icons/sora.dark.svg' };

	documentationUrl = 'https://docs.kie.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kie.ai',
			description: 'Change only to use a proxy or a test server',
		},
		{
			displayName: 'Upload Base URL',
			name: 'uploadBaseUrl',
			type: 'string',
			default: 'https://kieai.redpandaai.co',
			description:
				"Where binary inputs are uploaded (kie.ai's File Upload API, a different host from the Base URL). Change only to use a proxy or a test server.",
		},
		{
			displayName: 'Webhook HMAC Key',
			name: 'webhookHmacSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. The webhook HMAC key from kie.ai's settings; when set, the Sora Video Trigger accepts only callbacks signed with it.",
		},
		processesSharingKey,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/v1/chat/credit',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: rejectedKeyRules('kie.ai'),
	};
}
