import type { ModelField, ModelSpec } from '../types';

/** The date every current preset was last checked against its docs.kie.ai page. */
export const CHECKED = '2026-12-02';

/** The date the presets were re-checked against kie.ai's own OpenAPI exports (issue 19). */
export const RECHECKED = '2026-12-06';

/** How the exports are named in the notes: the search tool's `code` corpus file id. None carries a date. */
export const EXPORTS = 'kie.ai OpenAPI exports in the search tool\'s code corpus (undated, x-apidog-status released)';

/** kie.ai's upload limit for images, which its model pages repeat. */
export const KIE_IMAGE_BYTES = 10_000_000;

export const KIE_ONLY: ModelSpec['providers'] = ['kie'];

export function prompt(maxLength: number, required = true, minLength?: number): ModelField {
	return { key: 'prompt', required, maxLength, ...(minLength === undefined ? {} : { minLength }) };
}

export function imageList(key: string, min: number, max: number, note?: string): ModelField {
	return { key, list: true, required: min > 0, count: { min, max }, maxBytes: KIE_IMAGE_BYTES, note };
}

export function singleImage(key: string, required: boolean, note?: string): ModelField {
	return { key, required, maxBytes: KIE_IMAGE_BYTES, note };
}

/** A current Market model: sent as is, kie.ai only. */
export function market(spec: Omit<ModelSpec, 'model' | 'providers'> & { model?: string }): ModelSpec {
	return { providers: KIE_ONLY, ...spec, model: spec.model ?? spec.id };
}
