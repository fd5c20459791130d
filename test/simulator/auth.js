'use strict';

const crypto = require('node:crypto');

// Compare digests so the comparison takes the same time whatever the length.
function sameSecret(given, expected) {
	if (typeof given !== 'string' || typeof expected !== 'string') return false;
	const a = crypto.createHash('sha256').update(given).digest();
	const b = crypto.createHash('sha256').update(expected).digest();
	return crypto.timingSafeEqual(a, b);
}

/** Revid reads `x-api-key`; kie.ai and Sora2API read `Authorization: Bearer`. */
function isAuthorized(provider, headers, apiKeys) {
	if (provider === 'revid') return sameSecret(headers['x-api-key'], apiKeys.revid);
	const match = /^Bearer\s+(.+)$/i.exec(headers.authorization || '');
	return Boolean(match) && sameSecret(match[1].trim(), apiKeys[provider]);
}

module.exports = { isAuthorized };
