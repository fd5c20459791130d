import { createHmac } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { IncomingCallback } from '../callback/readCallback';
import { safeEqual } from '../callback/signature';
import { PROVIDERS } from '../providers/registry';
import type { ProviderId } from '../providers/types';
import { type Entries, formatEntries, MAX_STORED, parseEntries, syncSalt } from './deliveryRecord';

/**
 * A sync request re-writes claims whose static-data write may have been overwritten by another
 * process's write at the same moment (dedupe.ts). It goes to the trigger's own production URL, so
 * it reaches whichever process the load balancer picks; that process loads the record as it is
 * after the racing writes, adds the claims and saves it, without starting an execution. Racing
 * writes land within a few hundred milliseconds (the group window plus n8n's save), and a
 * provider redelivers seconds later: the delay puts the sync between the two.
 */
export const SYNC_DELAY_MS = 300;
const SYNC_FIELD = 'soraVideoTriggerSync';
const MAX_AGE_MS = 60_000;

type Verdict = { status: number; reason: string };

/**
 * The key is derived from every provider credential attached to the trigger and its secret token,
 * plus a random salt kept in static data (so a trigger without either still has a key nobody
 * outside n8n knows). A forged sync could mark a task as fired and so suppress its real callback.
 */
async function syncKey(fx: IWebhookFunctions, salt: string): Promise<Buffer> {
	const material = [salt, String((fx.getNodeParameter('options', {}) as IDataObject).secretToken ?? '')];
	const attached = fx.getNode().credentials ?? {};
	for (const id of Object.keys(PROVIDERS) as ProviderId[]) {
		const type = PROVIDERS[id].credentialType;
		if (!attached[type]) continue;
		const credentials = await fx.getCredentials(type);
		material.push(type, String(credentials.apiKey ?? ''), String(credentials.webhookHmacSecret ?? ''));
	}
	return createHmac('sha256', 'n8n-nodes-sora-video trigger sync').update(material.join('\n')).digest();
}

const sign = (key: Buffer, at: number, entries: string): string =>
	createHmac('sha256', key).update(`${at}.${entries}`).digest('base64url');

export function isSyncRequest(callback: IncomingCallback): boolean {
	return callback.body[SYNC_FIELD] !== undefined;
}

/**
 * Sends, SYNC_DELAY_MS from now, a sync request carrying `entries`. Fire-and-forget: webhook()
 * returns at once (n8n saves static data only then); a failure only costs the repair.
 */
export function syncLater(fx: IWebhookFunctions, staticData: IDataObject, entries: Entries): void {
	if (entries.size === 0 || fx.getMode() === 'manual') return;
	const salt = syncSalt(staticData);
	const send = async () => {
		await sleep(SYNC_DELAY_MS);
		const url = fx.getNodeWebhookUrl('default');
		if (!url) return;
		const at = Date.now();
		const log = formatEntries(entries);
		await fx.helpers.httpRequest({
			method: 'POST',
			url,
			body: { [SYNC_FIELD]: { at, entries: log, signature: sign(await syncKey(fx, salt), at, log) } },
			json: true,
			timeout: 10_000,
		});
	};
	send().catch((error: Error) => fx.logger.debug(`Sora Video Trigger: sync request failed: ${error.message}`));
}

/** The claims a sync request carries, once its signature and age are checked. */
export async function readSync(
	fx: IWebhookFunctions,
	callback: IncomingCallback,
	staticData: IDataObject,
	now = Date.now(),
): Promise<{ entries: Entries } | { verdict: Verdict }> {
	const sync = callback.body[SYNC_FIELD] as IDataObject;
	const { at, entries, signature } = sync ?? {};
	if (typeof at !== 'number' || typeof entries !== 'string' || typeof signature !== 'string') {
		return { verdict: { status: 400, reason: 'bad sync request' } };
	}
	if (Math.abs(now - at) > MAX_AGE_MS) return { verdict: { status: 401, reason: 'sync request too old' } };
	const key = await syncKey(fx, syncSalt(staticData));
	if (!safeEqual(signature, sign(key, at, entries))) return { verdict: { status: 401, reason: 'bad sync signature' } };
	const parsed = parseEntries(entries);
	if (parsed.size > MAX_STORED) return { verdict: { status: 400, reason: 'bad sync request' } };
	return { entries: parsed };
}
