import type { IDataObject } from 'n8n-workflow';

import { asNumber, asString, isObject } from '../values';

/*
 * Revid AI Studio's live model list, GET /v1/models. Revid's docs (app.revidapi.com/docs.md,
 * "Models & Pricing") call it the source of truth: the price tables in the docs can lag behind it.
 * Each model has a `type` (image, video, motion-control), `capabilities` and `pricing[]` rows
 * `{server, key, credits, resolution, duration, audio, …}`. The names inside `capabilities` are not
 * documented, so several spellings are read. A public client of the platform behind AI Studio
 * reads the list as `{models: [...]}` with the ID in `model` or `id`.
 */

export interface PriceRow {
	server: string | null;
	credits: number;
	resolution: string | null;
	duration: string | null;
	audio: boolean | null;
}

export interface StudioModel {
	id: string;
	name: string;
	type: string | null;
	durations: string[];
	aspectRatios: string[];
	resolutions: string[];
	/** true: audio can be switched on; false: never; null: the list does not say. */
	audio: boolean | null;
	/** Whether the model takes an input image (image to video); null when the list does not say. */
	imageToVideo: boolean | null;
	pricing: PriceRow[];
}

/** "5", 5, "5s", "5 s" all mean the duration Revid's create takes as "5s". */
export function normaliseDuration(value: unknown): string | null {
	const text = asString(value)?.trim().toLowerCase();
	if (!text) return null;
	const seconds = /^(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)?$/.exec(text);
	return seconds ? `${seconds[1]}s` : text;
}

function strings(value: unknown, normalise: (item: unknown) => string | null = (item) => asString(item)): string[] {
	if (!Array.isArray(value)) return [];
	const out: string[] = [];
	for (const item of value) {
		const text = normalise(item);
		if (text && !out.includes(text)) out.push(text);
	}
	return out;
}

function first(source: IDataObject, keys: string[]): unknown {
	for (const key of keys) if (source[key] !== undefined && source[key] !== null) return source[key];
	return undefined;
}

function flag(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (Array.isArray(value)) return value.length > 0;
	if (value === 'true' || value === 1) return true;
	if (value === 'false' || value === 0) return false;
	return null;
}

function priceRow(row: unknown): PriceRow | undefined {
	if (!isObject(row)) return undefined;
	const credits = asNumber(row.credits ?? row.price ?? row.cost);
	if (credits === null) return undefined;
	return {
		server: asString(row.server ?? row.server_id),
		credits,
		resolution: asString(row.resolution)?.toLowerCase() ?? null,
		duration: normaliseDuration(row.duration),
		audio: flag(row.audio),
	};
}

export function parseModel(entry: unknown): StudioModel | undefined {
	if (!isObject(entry)) return undefined;
	const id = asString(entry.id ?? entry.model ?? entry.model_id);
	if (!id) return undefined;
	const caps = isObject(entry.capabilities) ? entry.capabilities : {};
	const pricing = (Array.isArray(entry.pricing) ? entry.pricing : []).map(priceRow).filter((row): row is PriceRow => row !== undefined);
	return {
		id,
		name: asString(entry.name ?? entry.display_name) ?? id,
		type: asString(entry.type)?.toLowerCase() ?? null,
		durations: strings(first(caps, ['durations', 'duration']), normaliseDuration),
		aspectRatios: strings(first(caps, ['aspect_ratios', 'aspectRatios', 'aspect_ratio', 'ratios'])),
		resolutions: strings(first(caps, ['resolutions', 'resolution']), (item) => asString(item)?.toLowerCase() ?? null),
		audio: flag(first(caps, ['audio', 'supports_audio', 'sound'])),
		imageToVideo: flag(first(caps, ['image_to_video', 'imageToVideo', 'i2v', 'image_input', 'input_image'])),
		pricing,
	};
}

/** The video models of a /models answer (a list, or a list under `models` or `data`). */
export function parseModelList(data: unknown): StudioModel[] | undefined {
	const list = Array.isArray(data) ? data : isObject(data) ? (data.models ?? data.data) : undefined;
	if (!Array.isArray(list)) return undefined;
	return list
		.map(parseModel)
		.filter((model): model is StudioModel => model !== undefined && (model.type === null || model.type === 'video'));
}

/**
 * The editor's list when it cannot reach Revid: the video models Revid's AI Video Generate page
 * names (docs.revidapi.com/ai_studio/ai_video_genarate), with the examples its form shows. No
 * prices: those come only from the live list.
 */
export const FALLBACK_MODELS: StudioModel[] = [
	['kling-2.6', 'Kling 2.6'],
	['kling-3.0', 'Kling 3.0'],
	['kling-2.5-turbo', 'Kling 2.5 Turbo'],
	['kling-01-video', 'Kling O1'],
	['veo-3.1', 'Veo 3.1'],
	['veo-3.1-fast', 'Veo 3.1 Fast'],
	['veo-3.1-high', 'Veo 3.1 High'],
].map(([id, name]) => ({
	id,
	name,
	type: 'video',
	durations: ['5s', '10s'],
	aspectRatios: ['16:9', '9:16'],
	resolutions: ['720p', '1080p'],
	audio: null,
	imageToVideo: null,
	pricing: [],
}));

export type PricedField = 'duration' | 'resolution' | 'audio';

/** "70 credits", "70–140 credits", or "" when the list gives no price for this choice. */
export function priceOf(model: StudioModel, field?: PricedField, value?: string | boolean): string {
	const rows = model.pricing.filter((row) => {
		if (!field) return true;
		const own = row[field];
		return own === null || String(own) === String(value);
	});
	if (rows.length === 0) return '';
	const credits = rows.map((row) => row.credits);
	const low = Math.min(...credits);
	const high = Math.max(...credits);
	return low === high ? `${low} credits` : `${low}–${high} credits`;
}
