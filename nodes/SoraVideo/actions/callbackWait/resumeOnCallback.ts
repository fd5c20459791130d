import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readCallback } from '../../../shared/callback/readCallback';
import { safeEqual, webhookHmacSecret } from '../../../shared/callback/signature';
import { getProvider } from '../../../shared/providers/registry';
import { ProviderClient } from '../../../shared/transport/ProviderClient';
import { isFinished } from '../../../shared/wait/waitForTask';
import { callbackToken, TOKEN_PARAM } from './callbackToken';
import { readParkedItems, readParkedNonce, type ParkedItem } from './parkedItems';
import { beginResume, checksOfResume, endResume, isResuming, noteCallback, type ResumeChecks } from './resumeHints';
import { settleParkedTasks } from './settleParkedTasks';

const SIGNATURE_TOLERANCE_S = 300;

function unsettled(parked: ParkedItem[]): Set<string> {
	return new Set(parked.filter((item) => !item.state.settled).map((item) => String(item.json.taskId)));
}

/** The URL token and webhook HMAC key a callback for these parked items must carry, from the credential. */
async function keysOfCredential(fx: IWebhookFunctions, credentialType: string, nonce: string): Promise<Omit<ResumeChecks, 'tasks'>> {
	const credentials = await fx.getCredentials(credentialType);
	return { token: callbackToken(String(credentials.apiKey ?? ''), nonce), hmacKey: webhookHmacSecret(credentials) };
}

function reply(fx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	fx.getResponseObject().status(status).json(body);
	// No workflowData: the execution stays paused.
	return { noWebhookResponse: true };
}

function refuse(fx: IWebhookFunctions, status: number, reason: string): IWebhookResponseData {
	return reply(fx, status, { received: false, error: reason });
}

/**
 * The paused Create node's webhook: the provider's callback arrives on the execution's resume URL.
 * Checks come first and a refused callback leaves the execution paused; the 200 goes out before
 * the other tasks are looked up and the videos downloaded, because providers give up on slow
 * callbacks. Only the first good callback resumes; later ones only end their task's polling.
 */
export async function resumeOnCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const nonce = readParkedNonce(this);
	if (!nonce) return refuse(this, 404, 'this execution is not waiting for a Sora Video callback');

	const read = readCallback(this);
	if (!read.ok) return refuse(this, read.status, read.reason);
	const { callback } = read;

	const adapter = getProvider(this.getNodeParameter('provider', 'kie') as string);
	if (!adapter) return refuse(this, 400, 'unknown provider');
	// A resume under way here knows its tasks and keys; otherwise the credential and the parked items are read.
	const resume = checksOfResume(nonce);
	const keys = resume ?? (await keysOfCredential(this, adapter.credentialType, nonce));
	const token = String(callback.query[TOKEN_PARAM] ?? '');
	if (token === '' || !safeEqual(token, keys.token)) return refuse(this, 401, 'wrong or missing token');

	const claimed = adapter.parseCallback(callback.body);
	if (!claimed?.taskId) return refuse(this, 400, 'unknown callback shape');
	const parked = resume ? undefined : readParkedItems(this);
	const tasks = resume?.tasks ?? (parked?.[0].state.nonce === nonce ? unsettled(parked) : undefined);
	if (!tasks) return refuse(this, 404, 'this execution is not waiting for a Sora Video callback');
	if (!tasks.has(claimed.taskId)) return refuse(this, 404, 'not a task this execution waits for');

	if (adapter.verifyCallbackSignature && keys.hmacKey !== '') {
		const verdict = adapter.verifyCallbackSignature(callback, claimed, keys.hmacKey, SIGNATURE_TOLERANCE_S);
		if (!verdict.ok) return refuse(this, 401, verdict.reason);
	}
	if (!isFinished(claimed)) return reply(this, 202, { received: true, ignored: `task is ${claimed.status}` });

	if (isResuming(nonce) || !parked) {
		noteCallback(nonce, claimed);
		return reply(this, 200, { received: true, taskId: claimed.taskId });
	}
	beginResume(nonce, { ...keys, tasks });
	try {
		reply(this, 200, { received: true, taskId: claimed.taskId });
		// Providers echo the create request, callback URL and its tokens included; they stay out of the output.
		const urlTokens = Object.values(callback.query).map(String).filter((value) => value.length >= 16);
		const client = await ProviderClient.open(this, adapter, 0, urlTokens);
		const items = await settleParkedTasks(this, client, parked, nonce, client.redact(claimed));
		return { workflowData: [items], noWebhookResponse: true };
	} finally {
		endResume(nonce);
	}
}
