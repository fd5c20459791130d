'use strict';

/** Credential data pointing every provider at the simulator. */
function simCredentials(sim, overrides = {}) {
	return {
		revidApi: { apiKey: sim.apiKeys.revid, baseUrl: sim.baseUrls.revid, ...overrides.revidApi },
		revidAiStudioApi: { apiKey: sim.apiKeys.revidStudio, baseUrl: sim.baseUrls.revidStudio, ...overrides.revidAiStudioApi },
		sora2Api: { apiKey: sim.apiKeys.sora2api, baseUrl: sim.baseUrls.sora2api, ...overrides.sora2Api },
		kieAiApi: {
			apiKey: sim.apiKeys.kie,
			baseUrl: sim.baseUrls.kie,
			uploadBaseUrl: sim.url,
			webhookHmacSecret: '',
			...overrides.kieAiApi,
		},
	};
}

const CREDENTIAL_OF = { revid: 'revidApi', revidStudio: 'revidAiStudioApi', sora2api: 'sora2Api', kie: 'kieAiApi' };

/** Only the credential the chosen provider uses, as n8n would attach it. */
function credentialFor(sim, provider, overrides = {}) {
	const type = CREDENTIAL_OF[provider];
	return { [type]: simCredentials(sim, overrides)[type] };
}

module.exports = { simCredentials, credentialFor, CREDENTIAL_OF, PROVIDER_IDS: ['revid', 'sora2api', 'kie'] };
