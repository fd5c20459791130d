import type { ProviderId } from '../providers/types';
import { GEMINI_MODELS } from './presets/gemini';
import { GROK_MODELS } from './presets/grok';
import { HAILUO_MODELS } from './presets/hailuo';
import { KLING_MODELS } from './presets/kling';
import { MINIMAX_MODELS } from './presets/minimax';
import { SEEDANCE_MODELS } from './presets/seedance';
import { SORA_MODELS } from './presets/sora';
import { VEO_MODELS } from './presets/veo';
import { WAN_MODELS } from './presets/wan';
import type { ModelField, ModelSpec } from './types';

/**
 * The models offered in the node, kept as data: providers add and drop models week by week
 * (Sora 2 itself was shut down), so adding one is a new entry here, and any model the list
 * lacks can still be used through "Custom Model ID" with Additional Input. Current models come
 * first; retired ones last. See types.ts for what an entry holds.
 */
export const MODELS: ModelSpec[] = [
	...KLING_MODELS,
	...VEO_MODELS,
	...WAN_MODELS,
	...SEEDANCE_MODELS,
	...HAILUO_MODELS,
	...MINIMAX_MODELS,
	...GROK_MODELS,
	...GEMINI_MODELS,
	...SORA_MODELS,
];

export const CUSTOM_MODEL = 'custom';

/** kie.ai's default: a current model with a prompt and nothing else required. */
export const KIE_DEFAULT_MODEL = 'kling-3.0/video';

export function findModel(id: string): ModelSpec | undefined {
	return MODELS.find((model) => model.id === id);
}

export function modelsFor(provider: ProviderId): ModelSpec[] {
	return MODELS.filter((model) => model.providers.includes(provider));
}

/** The fields a model takes through a provider, in form order. */
export function fieldsOf(model: ModelSpec, provider: ProviderId): Array<[string, ModelField]> {
	return Object.entries(model.fields).filter(([, use]) => !use.providers || use.providers.includes(provider));
}

/** Current models to suggest instead of a retired or unknown one: the first of each family. */
export function currentModelNames(provider: ProviderId = 'kie', count = 5): string[] {
	const families = new Map<string, string>();
	for (const model of modelsFor(provider)) {
		const family = model.name.split(/[ :]/)[0];
		if (!model.retired && !families.has(family)) families.set(family, model.name);
	}
	return [...families.values()].slice(0, count);
}
