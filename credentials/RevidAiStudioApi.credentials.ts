import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Revid's current API, AI Studio (docs.revidapi.com, "AI Studio"; app.revidapi.com/docs.md):
 * `Authorization: Bearer sk_live_…` at https://ai.revidapi.com/v1. Shared, Budgeted and
 * Standalone keys all authenticate the same way; they differ only in whose credits they spend.
 */
export class RevidAiStudioApi implements ICredentialType {
	name = 'revidAiStudioApi';

	displayName = 'Revid AI Studio API';

	icon: Icon = { light: 'file:../icons/sora.svg', dark: 'file:../icons/sora.dark.svg' };

	documentationUrl = 'https://docs.revidapi.com/ai_studio/ai_video_genarate';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_live_...',
			description: 'An AI Studio key from app.revidapi.com/developers/keys (Shared, Budgeted or Standalone)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://ai.revidapi.com/v1',
			description: 'Change only to use a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	/**
	 * The live model list: free, and it needs the key, since "All requests require a Bearer token"
	 * (app.revidapi.com/docs.md, Authentication). n8n applies `responseCode` rules to an answer
	 * that is an HTTP error, so a bad key gets these messages rather than a bare status.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/models',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Revid AI Studio rejected the API key. Copy the sk_live_ key again from app.revidapi.com.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Revid AI Studio refused this API key (403). Check that the key is active and has credits or a budget.' },
			},
		],
	};
}
