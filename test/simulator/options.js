'use strict';

// Defaults are frozen so reset() can always return to a known state, no matter
// what configure() did to the live copy.
const DEFAULTS = Object.freeze({
	port: 0,
	host: '127.0.0.1',
	taskDurationMs: 3000,
	queueMs: undefined,
	// openai: the chat model for AI Agent tests (routes/chat.js).
	apiKeys: Object.freeze({ revid: 'sim-revid-key', sora2api: 'sim-sora2api-key', kie: 'sim-kie-key', openai: 'sim-openai-key' }),
	hmacKey: undefined,
	errorStyle: Object.freeze({ revid: 'envelope', sora2api: 'http', kie: 'envelope', openai: 'http' }),
	sora2apiCallbackShape: 'record',
	callbackTimeoutMs: 15000,
	log: false,
	extraModels: Object.freeze([]),
	credits: 1234.5,
	// kie.ai's 4K copy of a Veo video: ready this long after the first ask (minutes at kie.ai).
	fourKDurationMs: 2000,
	// How long a link from /api/v1/common/download-url works (20 minutes at kie.ai).
	freshLinkTtlMs: 20 * 60_000,
	// kie.ai sits behind Cloudflare, which has answered 403 "error code: 1010"
	// to requests without a User-Agent. Off by default; e2e tests can opt in.
	kieRequireUserAgent: false,
	// kie.ai answers its retired Sora models with the paused error; true serves them as before.
	serveRetiredSora: false,
});

const PROVIDERS = ['revid', 'sora2api', 'kie'];
const LISTEN_ONLY = ['port', 'host'];

function fail(message) {
	throw new Error(`simulator options: ${message}`);
}

function checkNumber(name, value, { optional = false } = {}) {
	if (optional && value === undefined) return;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		fail(`${name} must be a number >= 0`);
	}
}

function checkPerProvider(name, value, check) {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		fail(`${name} must be an object keyed by provider`);
	}
	for (const [provider, v] of Object.entries(value)) {
		if (!PROVIDERS.includes(provider)) fail(`${name}.${provider}: unknown provider`);
		check(`${name}.${provider}`, v);
	}
}

/**
 * Returns a new options object: `base` with `partial` applied. Nested per-provider
 * maps are merged, everything else replaced. Unknown keys throw so a typo in a
 * test does not silently test the defaults.
 */
function mergeOptions(base, partial, { allowListen = false } = {}) {
	if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
		fail('expected an object');
	}
	const out = {
		...base,
		apiKeys: { ...base.apiKeys },
		errorStyle: { ...base.errorStyle },
		extraModels: [...base.extraModels],
	};
	for (const [key, value] of Object.entries(partial)) {
		if (!(key in DEFAULTS)) fail(`unknown option "${key}"`);
		if (LISTEN_ONLY.includes(key) && !allowListen) {
			fail(`"${key}" can only be set when the simulator is created`);
		}
		switch (key) {
			case 'port':
				checkNumber(key, value);
				break;
			case 'host':
				if (typeof value !== 'string' || !value) fail('host must be a string');
				break;
			case 'taskDurationMs':
			case 'callbackTimeoutMs':
			case 'credits':
			case 'fourKDurationMs':
			case 'freshLinkTtlMs':
				checkNumber(key, value);
				break;
			case 'queueMs':
				checkNumber(key, value, { optional: true });
				break;
			case 'hmacKey':
				if (value !== undefined && value !== null && (typeof value !== 'string' || !value)) {
					fail('hmacKey must be a non-empty string, or null/undefined to turn signing off');
				}
				break;
			case 'apiKeys':
				checkPerProvider(key, value, (n, v) => {
					if (typeof v !== 'string' || !v) fail(`${n} must be a non-empty string`);
				});
				break;
			case 'errorStyle':
				checkPerProvider(key, value, (n, v) => {
					if (v !== 'envelope' && v !== 'http') fail(`${n} must be "envelope" or "http"`);
				});
				break;
			case 'sora2apiCallbackShape':
				if (value !== 'record' && value !== 'simple') fail(`${key} must be "record" or "simple"`);
				break;
			case 'extraModels':
				if (!Array.isArray(value) || value.some((m) => typeof m !== 'string' || !m)) {
					fail('extraModels must be an array of model id strings');
				}
				break;
			case 'log':
			case 'kieRequireUserAgent':
			case 'serveRetiredSora':
				if (typeof value !== 'boolean') fail(`${key} must be a boolean`);
				break;
		}
		if (key === 'apiKeys' || key === 'errorStyle') Object.assign(out[key], value);
		else if (key === 'extraModels') out.extraModels = [...value];
		else out[key] = value === null ? undefined : value;
	}
	return out;
}

module.exports = { DEFAULTS, PROVIDERS, mergeOptions };
