import { createHmac, randomBytes } from 'crypto';

/** The query parameter of the callback URL that carries the token. */
export const TOKEN_PARAM = 'soraVideoToken';

export function newNonce(): string {
	return randomBytes(16).toString('hex');
}

/**
 * The token in the callback URL, derived rather than stored: the paused execution keeps only the
 * nonce, so neither its saved data nor a timed-out item holds a token that would resume it.
 * n8n 1.x checks nothing on a resume URL, so this is what keeps a forged callback out there.
 */
export function callbackToken(apiKey: string, nonce: string): string {
	return createHmac('sha256', apiKey).update(`sora-video-callback:${nonce}`).digest('hex');
}
