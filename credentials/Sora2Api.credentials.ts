import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { processesSharingKey } from './processesSharingKey';
import { rejectedKeyRules } from './rejectedKeyRules';

export class Sora2Api implements ICredentialType {
	name = 'sora2Api';

	// n8n's lint requires credential names to end in " API"; the provider's own name already does.
	displayName = 'Sora2API.ai API';

	icon: Icon = { light: 'file:../icons/sora.svg', dark: 'file:../icons/sora.dark.svg' };

	documentationUrl = 'https://sora2api.ai/docs';

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
			default: 'https://api.sora2api.ai/api/v1/sora2',
			hint: 'Some accounts use https://api.sora2api.ai/api/v1/sora2api instead',
			description: 'The address the generate and record-info endpoints live under',
		},
		processesSharingKey,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	// Sora2API has no account endpoint; looking up a made-up task is free and tells a bad key apart.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/record-info',
			method: 'GET',
			qs: { taskId: 'n8n-credential-test' },
			ignoreHttpStatusErrors: true,
		},
		rules: rejectedKeyRules('Sora2API'),
	};
}
