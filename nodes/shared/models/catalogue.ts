import type { ProviderId } from '../providers/types';

/**
 * The models offered in the node, kept as data: resellers add and drop models week by week
 * (Sora 2 itself is being shut down), so adding one is a new entry here, and any model the
 * list lacks can still be used through "Custom Model ID" with Additional Input.
 */

/** The node's create fields; each maps onto one `input` key of kie.ai's Market API. */
export type CreateField =
	| 'prompt'
	| 'imageUrl'
	| 'optionalImageUrl'
	| 'aspectRatio'
	| 'duration'
	| 'size'
	| 'removeWatermark'
	| 'characterIds'
	| 'shots'
	| 'videoUrl'
	| 'characterFileUrl'
	| 'characterPrompt'
	| 'safetyInstruction'
	| 'originTaskId'
	| 'timestamps'
	| 'characterUserName';

export interface ModelSpec {
	id: string;
	name: string;
	description: string;
	providers: ProviderId[];
	fields: CreateField[];
	/** Allowed `n_frames` values, in seconds. */
	durations?: string[];
}

export const CUSTOM_MODEL = 'custom';

const MARKET: ProviderId[] = ['revid', 'kie'];
const ALL: ProviderId[] = ['revid', 'sora2api', 'kie'];
const SHORT = ['10', '15'];
const TEXT_FIELDS: CreateField[] = ['prompt', 'aspectRatio', 'duration', 'removeWatermark', 'characterIds'];

export const MODELS: ModelSpec[] = [
	{
		id: 'sora-2-text-to-video',
		name: 'Sora 2: Text to Video',
		description: 'A video from a text prompt',
		providers: ALL,
		fields: TEXT_FIELDS,
		durations: SHORT,
	},
	{
		id: 'sora-2-image-to-video',
		name: 'Sora 2: Image to Video',
		description: 'A video that starts from one image',
		providers: ALL,
		fields: [...TEXT_FIELDS, 'imageUrl'],
		durations: SHORT,
	},
	{
		id: 'sora-2-pro-text-to-video',
		name: 'Sora 2 Pro: Text to Video',
		description: 'Higher quality, 720p or 1080p',
		providers: MARKET,
		fields: [...TEXT_FIELDS, 'size'],
		durations: SHORT,
	},
	{
		id: 'sora-2-pro-image-to-video',
		name: 'Sora 2 Pro: Image to Video',
		description: 'Higher quality, starting from one image',
		providers: MARKET,
		fields: [...TEXT_FIELDS, 'size', 'imageUrl'],
		durations: SHORT,
	},
	{
		id: 'sora-2-pro-storyboard',
		name: 'Sora 2 Pro: Storyboard',
		description: 'A video made of up to 10 scenes',
		providers: MARKET,
		fields: ['shots', 'duration', 'aspectRatio', 'optionalImageUrl'],
		durations: ['10', '15', '25'],
	},
	{
		id: 'sora-watermark-remover',
		name: 'Sora Watermark Remover',
		description: 'Removes the watermark from a Sora video link',
		providers: MARKET,
		fields: ['videoUrl'],
	},
	{
		id: 'sora-2-characters',
		name: 'Sora 2: Characters',
		description: 'A reusable character from a short video',
		providers: MARKET,
		fields: ['characterFileUrl', 'characterPrompt', 'safetyInstruction'],
	},
	{
		id: 'sora-2-characters-pro',
		name: 'Sora 2: Characters Pro',
		description: 'A reusable character from a slice of an earlier task',
		providers: MARKET,
		fields: ['originTaskId', 'timestamps', 'characterUserName', 'characterPrompt', 'safetyInstruction'],
	},
];

/** Fields only some providers accept; Sora2API's flat body has no duration or watermark switch. */
const FIELD_PROVIDERS: Partial<Record<CreateField, ProviderId[]>> = {
	duration: MARKET,
	removeWatermark: MARKET,
	characterIds: MARKET,
};

export function providersWithField(field: CreateField): ProviderId[] {
	return FIELD_PROVIDERS[field] ?? ALL;
}

export function fieldApplies(field: CreateField, provider: ProviderId, model: ModelSpec): boolean {
	return model.fields.includes(field) && providersWithField(field).includes(provider);
}

export function findModel(id: string): ModelSpec | undefined {
	return MODELS.find((model) => model.id === id);
}

export function modelsFor(provider: ProviderId): ModelSpec[] {
	return MODELS.filter((model) => model.providers.includes(provider));
}

/** Model IDs (of any provider) that show a field; drives the node's displayOptions. */
export function modelsWithField(field: CreateField): string[] {
	return MODELS.filter((model) => model.fields.includes(field)).map((model) => model.id);
}

/** Groups models by their allowed durations, so each group gets its own duration dropdown. */
export function durationGroups(): Array<{ durations: string[]; models: string[] }> {
	const groups = new Map<string, { durations: string[]; models: string[] }>();
	for (const model of MODELS) {
		if (!model.durations || !model.fields.includes('duration')) continue;
		const key = model.durations.join(',');
		const group = groups.get(key) ?? { durations: model.durations, models: [] };
		group.models.push(model.id);
		groups.set(key, group);
	}
	return [...groups.values()];
}
