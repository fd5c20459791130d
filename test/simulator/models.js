'use strict';

const { KIE_MODELS } = require('./kieModels');

// The Sora models Revid documents, and kie.ai used to. kie.ai also knows its current Market
// models (kieModels.js). Anything else is answered the way kie.ai answers a model it no longer
// serves, unless a test adds it with configure({ extraModels }).
const KNOWN_MODELS = [
	'sora-2-text-to-video',
	'sora-2-image-to-video',
	'sora-2-pro-text-to-video',
	'sora-2-pro-image-to-video',
	'sora-2-pro-storyboard',
	'sora-watermark-remover',
	'sora-2-characters',
	'sora-2-characters-pro',
];

const PROMPT_REQUIRED = new Set([
	'sora-2-text-to-video',
	'sora-2-image-to-video',
	'sora-2-pro-text-to-video',
	'sora-2-pro-image-to-video',
]);

function isKnownModel(model, extraModels, provider) {
	if (provider === 'kie' && Object.prototype.hasOwnProperty.call(KIE_MODELS, model)) return true;
	return KNOWN_MODELS.includes(model) || extraModels.includes(model);
}

// Credits per the seeds' price table, so creditsConsumed looks plausible.
function priceOf(model, input) {
	const long = String(input && input.n_frames) !== '10' && input && input.n_frames !== undefined;
	const high = input && input.size === 'high';
	switch (model) {
		case 'sora-2-text-to-video':
		case 'sora-2-image-to-video':
			return long ? 60 : 50;
		case 'sora-2-pro-text-to-video':
		case 'sora-2-pro-image-to-video':
			if (high) return long ? 790 : 500;
			return long ? 350 : 200;
		case 'sora-2-pro-storyboard':
			return long ? 350 : 250;
		case 'sora-watermark-remover':
			return 20;
		default:
			return 10;
	}
}

module.exports = { KNOWN_MODELS, PROMPT_REQUIRED, isKnownModel, priceOf };
