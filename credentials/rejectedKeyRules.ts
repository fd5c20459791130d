import type { IAuthenticateRuleResponseSuccessBody } from 'n8n-workflow';

/**
 * These providers often answer a bad key with HTTP 200 and `code: 401` in the body, so the
 * test reads the body's code; HTTP errors are let through to be read the same way.
 */
export function rejectedKeyRules(provider: string): IAuthenticateRuleResponseSuccessBody[] {
	return [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'code',
				value: 401,
				message: `${provider} rejected the API key. Copy it again from your ${provider} dashboard.`,
			},
		},
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'code',
				value: 403,
				message: `${provider} refused this API key (403). Check that the key is active.`,
			},
		},
	];
}
