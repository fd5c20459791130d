'use strict';

const { runNode } = require('../harness');
const { SoraVideo, credentialTypes } = require('./dist');
const { credentialFor } = require('./credentials');

/** Runs the real Sora Video node through n8n-core's WorkflowExecute against the simulator. */
async function runSora(sim, { provider = 'kie', parameters = {}, items, credentialOverrides, ...rest } = {}) {
	return await runNode({
		nodeClass: SoraVideo(),
		credentialTypes: credentialTypes(),
		credentials: credentialFor(sim, provider, credentialOverrides),
		parameters: { provider, ...parameters },
		items,
		...rest,
	});
}

const TEXT = {
	operation: 'create',
	model: 'sora-2-text-to-video',
	prompt: 'A red fox runs through fresh snow at dawn',
};

/** Every string the harness captured from a run: output, error and log lines. */
function everythingSaid(result) {
	return JSON.stringify({ items: result.items, outputs: result.outputs, error: result.error, logs: result.logs });
}

module.exports = { runSora, TEXT, everythingSaid };
