import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { ProviderCall } from '../providers/types';
import { isObject } from '../providers/values';
import { formBody } from '../upload/formBody';

export type RequestHost = IExecuteFunctions | IWebhookFunctions;

/** The outcome of one HTTP exchange, classified for the retry rules. */
export type Exchange =
	| { kind: 'envelope'; httpStatus: number; code: number; message: string; data: unknown; retryAfterMs?: number }
	| { kind: 'unreadable'; httpStatus: number; detail: string; retryAfterMs?: number }
	| { kind: 'network'; neverOpened: boolean; detail: string }
	| { kind: 'cancelled' };

/** Codes for which the request certainly never reached the provider. */
const NEVER_OPENED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const USER_AGENT = 'n8n-nodes-sora-video';

export function retryAfterMs(headers: unknown): number | undefined {
	if (!isObject(headers)) return undefined;
	const value = headers['retry-after'] ?? headers['Retry-After'];
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function errorCodeOf(error: unknown): string | undefined {
	// n8n wraps the HTTP client's error in a NodeApiError, which keeps the socket code as its
	// httpCode (or, in some versions, on the cause).
	let current: unknown = error;
	for (let depth = 0; depth < 4 && isObject(current); depth++) {
		for (const code of [current.code, current.httpCode]) {
			if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** What went wrong with the connection, in words, with the socket code for whoever needs it. */
function networkDetail(code: string | undefined, timeoutMs: number): string {
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
		return `no answer within ${Math.round(timeoutMs / 1000)} s (${code})`;
	}
	if (code === 'ECONNRESET' || code === 'EPIPE') return `the connection was cut off (${code})`;
	if (code !== undefined) return code;
	// n8n reports a body cut off half-way as "stream has been aborted", without a socket code.
	return 'the connection broke off';
}

/** The numbers a plain error answer may add, in words: Revid's 402 can give the balance and the cost. */
function creditDetails(body: IDataObject): string {
	const parts: string[] = [];
	const balance = body.balance ?? body.balance_remaining ?? body.available;
	const cost = body.cost ?? body.required;
	if (typeof balance === 'number') parts.push(`balance ${balance} credits`);
	if (typeof cost === 'number') parts.push(`cost ${cost} credits`);
	return parts.length ? ` (${parts.join(', ')})` : '';
}

function plainMessage(body: IDataObject): string {
	const said = [body.error, body.message, body.detail, body.msg].find((value) => typeof value === 'string' && value.trim() !== '');
	const nested = typeof body.error === 'object' && body.error !== null ? (body.error as IDataObject).message : undefined;
	return `${String(said ?? nested ?? '')}${creditDetails(body)}`.trim();
}

function parseEnvelope(httpStatus: number, text: string, retryAfter?: number, plain = false): Exchange {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return {
			kind: 'unreadable',
			httpStatus,
			detail: text.trim() === '' ? 'an empty response' : /<html|<!doctype/i.test(text) ? 'an HTML page' : 'malformed JSON',
			retryAfterMs: retryAfter,
		};
	}
	if (!isObject(parsed)) {
		return { kind: 'unreadable', httpStatus, detail: 'JSON that is not an object', retryAfterMs: retryAfter };
	}
	if (plain) {
		// Plain JSON: the HTTP status is the outcome and the whole body the data.
		const ok = httpStatus >= 200 && httpStatus < 300;
		return { kind: 'envelope', httpStatus, code: ok ? 200 : httpStatus, message: ok ? '' : plainMessage(parsed), data: parsed, retryAfterMs: retryAfter };
	}
	// The envelope's code is the real status; fall back to HTTP's when a copy leaves it out.
	const code = Number(parsed.code ?? httpStatus);
	const message = String(parsed.msg ?? parsed.message ?? '');
	return {
		kind: 'envelope',
		httpStatus,
		code: Number.isFinite(code) ? code : httpStatus,
		message,
		data: parsed.data,
		retryAfterMs: retryAfter,
	};
}

/**
 * Sends one request with the credential's auth, and never throws for what the provider answered.
 * `extra` adds request options a call needs beyond a JSON body (an upload's own body and headers).
 */
export async function sendOnce(
	host: RequestHost,
	credentialType: string,
	baseUrl: string,
	call: ProviderCall,
	timeoutMs: number,
	extra: Partial<IHttpRequestOptions> = {},
): Promise<Exchange> {
	const signal = 'getExecutionCancelSignal' in host ? host.getExecutionCancelSignal() : undefined;
	if (signal?.aborted) return { kind: 'cancelled' };
	const form = call.form ? await formBody(host, call) : undefined;
	try {
		return await sendPrepared(host, credentialType, baseUrl, call, timeoutMs, { ...extra, ...form?.options, headers: { ...extra.headers, ...form?.options.headers } }, signal);
	} finally {
		form?.close();
	}
}

async function sendPrepared(
	host: RequestHost,
	credentialType: string,
	baseUrl: string,
	call: ProviderCall,
	timeoutMs: number,
	extra: Partial<IHttpRequestOptions>,
	signal: AbortSignal | undefined,
): Promise<Exchange> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		qs: call.qs,
		body: call.body as IDataObject | undefined,
		...extra,
		headers: { 'User-Agent': USER_AGENT, Accept: 'application/json', ...extra.headers },
		// Read the text ourselves: providers send HTML error pages and broken JSON too.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
	try {
		const response = (await host.helpers.httpRequestWithAuthentication.call(
			host,
			credentialType,
			options,
		)) as { body: unknown; statusCode: number; headers: unknown };
		const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
		return parseEnvelope(response.statusCode, text, retryAfterMs(response.headers), call.plain === true);
	} catch (error) {
		if (signal?.aborted) return { kind: 'cancelled' };
		const code = errorCodeOf(error);
		return {
			kind: 'network',
			neverOpened: code !== undefined && NEVER_OPENED.has(code),
			detail: networkDetail(code, timeoutMs),
		};
	}
}
