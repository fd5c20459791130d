'use strict';

const { contractFor } = require('../contracts/kie');

// The Sora models Revid documents, and kie.ai used to. kie.ai also knows every model it has a
// contract for (test/contracts/kie/). Anything else is answered the way kie.ai answers a model it
// no longer serves, unless a test adds it with configure({ extraModels }) or ({ extraContracts }).
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

function isKnownModel(model, options, provider) {
	const contract = contractFor(model, options.extraContracts);
	if (provider === 'kie' && contract && contract.api === 'market') return true;
	return KNOWN_MODELS.includes(model) || options.extraModels.includes(model);
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
