import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { downloadVideo } from '../download';
import { downloadWithFreshLink } from '../downloadFresh';
import { detectProvider } from '../providers/detect';
import { getProvider, PROVIDERS } from '../providers/registry';
import type { NormalizedTask, ProviderAdapter, ProviderId } from '../providers/types';
import { ProviderClient } from '../transport/ProviderClient';
import { claimDelivery, mergeSynced, observeRecord } from './dedupe';
import { isSyncRequest, readSync, syncLater } from './syncRecord';
import { readCallback, type IncomingCallback } from '../callback/readCallback';
import { safeEqual, webhookHmacSecret } from '../callback/signature';

interface TriggerOptions {
	fullResolution?: boolean;
	downloadVideo?: boolean;
	binaryPropertyName?: string;
	secretToken?: string;
	confirmWithProvider?: boolean;
	signatureToleranceSeconds?: number;
	dedupeWindowSeconds?: number;
}

type Verdict = { status: number; reason: string };

const CONFIRM_TIMEOUT_MS = 5000;

function reply(fx: IWebhookFunctions, status: number, body: IDataObject): void {
	const response = fx.getResponseObject();
	response.status(status).json(body);
}

function reject(fx: IWebhookFunctions, verdict: Verdict): IWebhookResponseData {
	reply(fx, verdict.status, { received: false, error: verdict.reason });
	return { noWebhookResponse: true };
}

function credentialSet(fx: IWebhookFunctions, provider: ProviderAdapter): boolean {
	return Boolean(fx.getNode().credentials?.[provider.credentialType]);
}

function checkToken(callback: IncomingCallback, secret: string): Verdict | undefined {
	const given = String(callback.query.token ?? callback.headers['x-webhook-token'] ?? '');
	return given !== '' && safeEqual(given, secret) ? undefined : { status: 401, reason: 'wrong or missing token' };
}

async function kieSigns(fx: IWebhookFunctions): Promise<boolean> {
	if (!credentialSet(fx, PROVIDERS.kie)) return false;
	const credentials = await fx.getCredentials(PROVIDERS.kie.credentialType);
	return webhookHmacSecret(credentials) !== '';
}

/** The provider to read the callback as, and, in auto mode, a second one to confirm with. */
async function pickProvider(
	fx: IWebhookFunctions,
	callback: IncomingCallback,
): Promise<{ adapter?: ProviderAdapter; fallback?: ProviderAdapter }> {
	const chosen = fx.getNodeParameter('provider', 'auto') as string;
	if (chosen !== 'auto') {
		const adapter = getProvider(chosen);
		return { adapter: adapter?.matchesCallback(callback.body) ? adapter : undefined };
	}
	const withCredential = (Object.keys(PROVIDERS) as ProviderId[]).filter((id) => credentialSet(fx, PROVIDERS[id]));
	const signed = callback.headers['x-webhook-signature'] !== undefined;
	let detected = detectProvider(callback.body, { signed, withCredential });
	// Revid sends kie.ai's very body. With both credentials: an unsigned one cannot be kie.ai's
	// when kie.ai signs; otherwise kie.ai is asked first and Revid if kie.ai does not know the task.
	let fallback: ProviderAdapter | undefined;
	if (detected?.id === 'kie' && !signed && withCredential.includes('revid')) {
		if (await kieSigns(fx)) detected = PROVIDERS.revid;
		else fallback = PROVIDERS.revid;
	}
	// With a credential attached, a body shaped like another provider's would skip the signature
	// check and the confirmation; only providers with a credential may then call.
	if (detected && withCredential.length > 0 && !withCredential.includes(detected.id)) return {};
	return { adapter: detected, fallback };
}

async function checkSignature(
	fx: IWebhookFunctions,
	adapter: ProviderAdapter,
	callback: IncomingCallback,
	claimed: NormalizedTask,
	options: TriggerOptions,
): Promise<{ verdict?: Verdict; signed: boolean }> {
	if (!adapter.verifyCallbackSignature || !credentialSet(fx, adapter)) return { signed: false };
	const credentials = await fx.getCredentials(adapter.credentialType);
	const key = webhookHmacSecret(credentials);
	if (key === '') return { signed: false };
	const result = adapter.verifyCallbackSignature(callback, claimed, key, options.signatureToleranceSeconds ?? 300);
	return result.ok ? { signed: true } : { signed: false, verdict: { status: 401, reason: result.reason } };
}

/** Fetches the task from the provider, so a forged body cannot claim a result or point a download anywhere. */
async function confirm(fx: IWebhookFunctions, adapter: ProviderAdapter, taskId: string): Promise<{ task: NormalizedTask } | { verdict: Verdict }> {
	const client = await ProviderClient.open(fx, adapter);
	try {
		// Two quick tries: Sora2API gives up on a callback after 15 s.
		return { task: await client.query(taskId, 0, 2, CONFIRM_TIMEOUT_MS) };
	} catch (error) {
		const code = (error as { context?: IDataObject }).context?.errorCode;
		if (code === 'NOT_FOUND') return { verdict: { status: 404, reason: 'unknown task' } };
		fx.logger.warn(`Sora Video Trigger could not confirm task ${taskId}: ${(error as Error).message}`);
		return { verdict: { status: 503, reason: 'could not confirm the task with the provider' } };
	}
}

/**
 * A callback for an upscaled copy (kie.ai's 4K) carries the source's task ID, whose record shows the
 * original video: it is confirmed by asking for the copy again, which is free and gives its links.
 */
async function confirmUpscale(
	fx: IWebhookFunctions,
	adapter: ProviderAdapter,
	claimed: NormalizedTask,
): Promise<{ task: NormalizedTask } | { verdict: Verdict }> {
	const client = await ProviderClient.open(fx, adapter);
	try {
		const answer = await client.upscale({ taskId: claimed.taskId, index: 0 }, 0, false);
		if (answer.state !== 'done') return { task: { ...claimed, status: 'processing', videoUrl: null, videoUrls: [] } };
		return { task: client.redact({ ...claimed, status: 'succeeded', error: null, videoUrl: answer.urls[0], videoUrls: answer.urls }) };
	} catch (error) {
		const code = (error as { context?: IDataObject }).context?.errorCode;
		if (code === 'NOT_FOUND') return { verdict: { status: 404, reason: 'unknown task' } };
		fx.logger.warn(`Sora Video Trigger could not confirm the upscaled copy of task ${claimed.taskId}: ${(error as Error).message}`);
		return { verdict: { status: 503, reason: 'could not confirm the task with the provider' } };
	}
}

/**
 * The provider's higher-resolution copy (kie.ai's Veo 1080p), asked for after the 200 because it is
 * rendered minutes after the callback; a task without one comes back as it is. On trouble the
 * task keeps its video and says why in `fullResolutionError`.
 */
async function withFullResolution(
	fx: IWebhookFunctions,
	source: ProviderAdapter,
	task: NormalizedTask,
): Promise<NormalizedTask & { fullResolutionError?: string }> {
	try {
		const client = await ProviderClient.open(fx, source);
		return await client.fullResolution(task, 0);
	} catch (error) {
		return { ...task, fullResolutionError: (error as Error).message };
	}
}

/** Downloads only a URL that the provider's API, a signature or the secret token vouches for. */
async function attachVideo(
	fx: IWebhookFunctions,
	item: INodeExecutionData,
	task: NormalizedTask,
	trusted: boolean,
	options: TriggerOptions,
	source: ProviderAdapter,
): Promise<void> {
	if (!trusted) {
		item.json.downloadError =
			'Not downloaded: the video URL came from an unverified callback. Attach the credential (Confirm with Provider) or set a secret token.';
		return;
	}
	try {
		// An expired link is asked for afresh once, where the provider offers fresh links (kie.ai).
		const { binary, freshLink } = source.freshLink
			? await downloadWithFreshLink(fx, async () => await ProviderClient.open(fx, source), task, 0)
			: { binary: await downloadVideo(fx, task, 0), freshLink: undefined };
		item.binary = { [options.binaryPropertyName || 'data']: binary };
		if (freshLink) item.json.freshLink = freshLink;
	} catch (error) {
		item.json.downloadError = (error as Error).message;
	}
}

/** Re-writes the claims a signed sync request carries (syncRecord.ts); never starts an execution. */
async function receiveSync(
	fx: IWebhookFunctions,
	callback: IncomingCallback,
	staticData: IDataObject,
	scope: string,
	windowMs: number,
): Promise<IWebhookResponseData> {
	const sync = await readSync(fx, callback, staticData);
	if ('verdict' in sync) return reject(fx, sync.verdict);
	mergeSynced(staticData, scope, sync.entries, windowMs);
	reply(fx, 200, { received: true, synced: sync.entries.size });
	return { noWebhookResponse: true };
}

/**
 * Handles one completion callback. A task fires once: a second delivery, or a "failed" after a
 * "succeeded", is a duplicate or a forgery, never news.
 * Everything that can reject it (shape, token, signature,
 * replay, confirmation, duplicates) runs before the 200; the download runs after it,
 * because Sora2API gives up on a callback after 15 s.
 */
export async function handleCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const events = this.getNodeParameter('events', ['succeeded', 'failed']) as string[];
	const windowMs = (options.dedupeWindowSeconds ?? 86_400) * 1000;
	// Per mode: a callback caught while testing in the editor must not stop the production one.
	const scope = `${this.getWorkflow().id ?? ''}:${this.getNode().id ?? this.getNode().name}:${this.getMode()}`;
	const staticData = this.getWorkflowStaticData('node');
	// Every request, whatever it brings, repairs what a concurrent write of another process dropped
	// (n8n saves no static data for a test run in the editor: nothing to repair there).
	if (this.getMode() !== 'manual') syncLater(this, staticData, observeRecord(staticData, scope, windowMs));

	const read = readCallback(this);
	if (!read.ok) return reject(this, read);
	const callback = read.callback;
	if (isSyncRequest(callback)) return await receiveSync(this, callback, staticData, scope, windowMs);

	const secret = options.secretToken ?? '';
	if (secret !== '') {
		const verdict = checkToken(callback, secret);
		if (verdict) return reject(this, verdict);
	}

	const { adapter, fallback } = await pickProvider(this, callback);
	const claimed = adapter?.parseCallback(callback.body);
	if (!adapter || !claimed || !claimed.taskId) return reject(this, { status: 400, reason: 'unknown callback shape' });

	const signature = await checkSignature(this, adapter, callback, claimed, options);
	if (signature.verdict) return reject(this, signature.verdict);

	let task = claimed;
	let source = adapter;
	const confirmWanted = options.confirmWithProvider ?? true;
	const confirmed = confirmWanted && credentialSet(this, adapter);
	const upscaled = adapter.upscale?.parseCallback(callback.body) !== undefined;
	if (confirmed && upscaled) {
		const answer = await confirmUpscale(this, adapter, claimed);
		if ('verdict' in answer) return reject(this, answer.verdict);
		task = answer.task;
	} else if (confirmed) {
		let answer = await confirm(this, adapter, claimed.taskId);
		if (fallback && 'verdict' in answer && answer.verdict.status === 404) {
			answer = await confirm(this, fallback, claimed.taskId);
			source = fallback;
		}
		if ('verdict' in answer) return reject(this, answer.verdict);
		task = answer.task;
	}

	if (task.status !== 'succeeded' && task.status !== 'failed') {
		reply(this, 202, { received: true, ignored: `task is ${task.status}` });
		return { noWebhookResponse: true };
	}
	if (!events.includes(task.status)) {
		reply(this, 200, { received: true, ignored: `event ${task.status} not selected` });
		return { noWebhookResponse: true };
	}
	const downloading = Boolean(options.downloadVideo) && task.status === 'succeeded';
	// Only a task the provider's API vouched for: the 1080p call goes to that API with its task ID.
	const sharpening = Boolean(options.fullResolution) && confirmed && task.status === 'succeeded' && !upscaled;
	// The 4K copy's callback carries the task ID of a video whose own callback came before.
	const claim = claimDelivery(staticData, scope, `${task.provider}:${task.taskId}${upscaled ? ':upscaled' : ''}`, windowMs, {
		mayWait: !downloading && !sharpening,
	});
	if (!claim) {
		reply(this, 200, { received: true, duplicate: true });
		return { noWebhookResponse: true };
	}

	reply(this, 200, { received: true, taskId: task.taskId, status: task.status });

	const finished = sharpening ? await withFullResolution(this, source, task) : task;
	const item: INodeExecutionData = { json: { ...finished, confirmed } };
	if (downloading) await attachVideo(this, item, finished, confirmed || signature.signed || secret !== '', options, source);
	// Into the static data n8n saves when this returns (or, in a burst, into a neighbour's).
	syncLater(this, staticData, await claim.persist());
	// The 200 went out above; n8n must not answer a second time.
	return { workflowData: [[item]], noWebhookResponse: true };
}
