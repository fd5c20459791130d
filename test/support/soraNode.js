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

const PROMPT = 'A red fox runs through fresh snow at dawn';

/** A text-to-video create with kie.ai's default model (Kling 3.0), all other fields at their defaults. */
const TEXT = { operation: 'create', model: 'kling-3.0/video', prompt: PROMPT };

/** Sora 2: retired, but the only model Revid and Sora2API document. */
const SORA_TEXT = { operation: 'create', model: 'sora-2-text-to-video', prompt: PROMPT };

/** A text-to-video create each provider serves. */
function textFor(provider) {
	return provider === 'kie' ? TEXT : SORA_TEXT;
}

/** Every string the harness captured from a run: output, error and log lines. */
function everythingSaid(result) {
	return JSON.stringify({ items: result.items, outputs: result.outputs, error: result.error, logs: result.logs });
}

module.exports = { runSora, TEXT, SORA_TEXT, textFor, everythingSaid };
