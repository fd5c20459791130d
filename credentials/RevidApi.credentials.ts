import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { processesSharingKey } from './processesSharingKey';
import { rejectedKeyRules } from './rejectedKeyRules';

export class RevidApi implements ICredentialType {
	name = 'revidApi';

	displayName = 'Revid API';

	icon: Icon = { light: 'file:../icons/sora.svg', dark: 'file:../icons/sora.dark.svg' };

	documentationUrl = 'https://www.revidapi.com/docs';

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
			default: 'https://api.revidapi.com',
			description: 'Change only to use a proxy or a test server',
		},
		processesSharingKey,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
	};

	// Revid has no account endpoint; looking up a made-up task is free and tells a bad key apart.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/paid/get/taskid',
			method: 'POST',
			qs: { taskId: 'n8n-credential-test' },
			ignoreHttpStatusErrors: true,
		},
		rules: rejectedKeyRules('Revid API'),
	};
}
