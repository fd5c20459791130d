import type { IDataObject } from 'n8n-workflow';

/** Providers send some fields as JSON strings; a broken one must not sink the whole task. */
export function parseJsonField(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (trimmed === '' || (trimmed[0] !== '{' && trimmed[0] !== '[')) return value;
	try {
		return JSON.parse(trimmed);
	} catch {
		return value;
	}
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | null {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

export function asNumber(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return null;
}

/** Unix ms (kie.ai, Revid) or "yyyy-MM-dd HH:mm:ss" (Sora2API, taken as UTC) to ISO 8601. */
export function toIsoTime(value: unknown): string | null {
	const ms = asNumber(value);
	if (ms !== null) {
		// Some copies of the docs show seconds; anything before 2001 in ms is really seconds.
		const date = new Date(ms < 1e12 ? ms * 1000 : ms);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	const naive = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
	const date = new Date(naive ? `${text.replace(' ', 'T')}Z` : text);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function httpUrls(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	return list.filter(
		(url): url is string => typeof url === 'string' && /^https?:\/\//i.test(url.trim()),
	);
}

/** Returns a copy of `data` with its JSON-string fields parsed, for the `raw` output. */
export function parseJsonFields(data: IDataObject, fields: string[]): IDataObject {
	const copy: IDataObject = { ...data };
	for (const field of fields) {
		if (field in copy) copy[field] = parseJsonField(copy[field]) as IDataObject;
	}
	return copy;
}
