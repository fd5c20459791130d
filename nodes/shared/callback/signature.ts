import { createHmac, timingSafeEqual } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/** The kie.ai credential's webhook HMAC secret, or '' when none is set. */
export function webhookHmacSecret(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.webhookHmacSecret ?? '');
}

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	// Unequal lengths cannot match, but compare anyway so the timing does not tell which.
	if (left.length !== right.length) {
		timingSafeEqual(left, left);
		return false;
	}
	return timingSafeEqual(left, right);
}

/**
 * kie.ai's signed callbacks: X-Webhook-Signature = Base64(HMAC-SHA256(key, taskId + "." + timestamp)).
 * The body itself is not signed and kie.ai sets no replay window, so the timestamp's age
 * is checked against a tolerance of our own.
 */
export function verifyKieSignature(options: {
	key: string;
	taskId: string | null;
	signature: string | undefined;
	timestamp: string | undefined;
	toleranceSeconds: number;
	nowMs?: number;
}): SignatureVerdict {
	const { key, taskId, signature, timestamp, toleranceSeconds } = options;
	if (!signature || !timestamp) return { ok: false, reason: 'missing signature' };
	if (!taskId) return { ok: false, reason: 'no task ID to check the signature against' };
	if (!/^\d{1,12}$/.test(timestamp.trim())) return { ok: false, reason: 'bad timestamp' };
	const expected = createHmac('sha256', key).update(`${taskId}.${timestamp.trim()}`).digest('base64');
	if (!safeEqual(signature.trim(), expected)) return { ok: false, reason: 'bad signature' };
	const ageSeconds = ((options.nowMs ?? Date.now()) - Number(timestamp) * 1000) / 1000;
	if (ageSeconds > toleranceSeconds) return { ok: false, reason: 'timestamp too old (replay)' };
	if (ageSeconds < -toleranceSeconds) return { ok: false, reason: 'timestamp in the future' };
	return { ok: true };
}
