import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isObject } from '../providers/values';

/** Completion callbacks are a few KB; anything near this is not one. */
export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;

export interface IncomingCallback {
	body: IDataObject;
	headers: Record<string, string | undefined>;
	query: IDataObject;
}

export type ReadResult = { ok: true; callback: IncomingCallback } | { ok: false; status: number; reason: string };

/** Depth without recursion, so a deeply nested body cannot exhaust the stack. */
function depthOf(value: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (typeof current !== 'object' || current === null) continue;
		deepest = Math.max(deepest, depth);
		if (deepest > MAX_DEPTH) return deepest;
		for (const child of Object.values(current)) stack.push([child, depth + 1]);
	}
	return deepest;
}

function headerMap(raw: Record<string, unknown>): Record<string, string | undefined> {
	const headers: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(raw)) {
		headers[name.toLowerCase()] = Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
	}
	return headers;
}

/** Reads the POST as n8n received it and rejects what cannot be a provider callback. */
export function readCallback(fx: IWebhookFunctions): ReadResult {
	const request = fx.getRequestObject() as unknown as {
		headers: Record<string, unknown>;
		rawBody?: Buffer;
		query?: IDataObject;
	};
	const headers = headerMap(request.headers ?? {});
	const declared = Number(headers['content-length'] ?? 0);
	const rawLength = request.rawBody?.length ?? 0;
	if (declared > MAX_BODY_BYTES || rawLength > MAX_BODY_BYTES) {
		return { ok: false, status: 413, reason: 'body too large' };
	}

	let body: unknown = fx.getBodyData();
	if (!isObject(body) || Object.keys(body).length === 0) {
		// n8n leaves a body it could not parse unparsed; try the raw bytes before giving up.
		const text = request.rawBody?.toString('utf8') ?? '';
		try {
			body = text.trim() === '' ? undefined : JSON.parse(text);
		} catch {
			return { ok: false, status: 400, reason: 'body is not JSON' };
		}
	}
	if (!isObject(body)) return { ok: false, status: 400, reason: 'body is not a JSON object' };
	if (depthOf(body) > MAX_DEPTH) return { ok: false, status: 400, reason: 'body nested too deeply' };
	return { ok: true, callback: { body, headers, query: request.query ?? {} } };
}
