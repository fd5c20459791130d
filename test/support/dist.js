'use strict';

// Tests run against the compiled package, exactly what n8n loads.
const path = require('node:path');

const dist = (...parts) => require(path.join(__dirname, '..', '..', 'dist', ...parts));

module.exports = {
	SoraVideo: () => dist('nodes', 'SoraVideo', 'SoraVideo.node.js').SoraVideo,
	SoraVideoCallbackTrigger: () =>
		dist('nodes', 'SoraVideoCallbackTrigger', 'SoraVideoCallbackTrigger.node.js').SoraVideoCallbackTrigger,
	SoraVideoTrigger: () => dist('nodes', 'SoraVideoTrigger', 'SoraVideoTrigger.node.js').SoraVideoTrigger,
	credentialTypes: () => [
		dist('credentials', 'RevidApi.credentials.js').RevidApi,
		dist('credentials', 'RevidAiStudioApi.credentials.js').RevidAiStudioApi,
		dist('credentials', 'Sora2Api.credentials.js').Sora2Api,
		dist('credentials', 'KieAiApi.credentials.js').KieAiApi,
	],
	providers: () => dist('nodes', 'shared', 'providers', 'registry.js').PROVIDERS,
};
