import type { ModelField, ModelSpec } from '../types';
import { imageList, prompt, RECHECKED } from './common';
import { ratios } from './options';

const DOCS = {
	url: 'https://docs.kie.ai/veo3-api/generate-veo-3-video',
	checked: RECHECKED,
	note: 'Re-checked on 2026-12-06 (issue 19, second round) against kie.ai\'s Veo 3.1 export, code corpus id 53255426528 (docs/en/Market/Veo3.1 API, x-apidog-status released, undated): models veo3, veo3_fast (kie.ai\'s default) and veo3_lite; the ratio is "aspect_ratio", 16:9 by kie.ai\'s default, so 16:9 is no longer sent and only 9:16 or Auto go out; enableTranslation is on by default, so it is sent only when switched off; seeds 10000 to 99999; first and last frames take 1 or 2 images, REFERENCE_2_VIDEO 1 to 3, with veo3_fast only, in 16:9 or 9:16 (no Auto). The export also has a resolution (720p by default, 1080p, 4k), not offered as a form field: the older copies lack it, and 1080p and 4K also come from their own endpoints (this node\'s "1080p Video"). Other copies: id 52102003461, the same released export without the seeds property (seeds only in its example), so Seed stays an optional field sent only when set; ids 41156454435, 56331155686 and 14761824216 (the older veo3-api.json): veo3 and veo3_fast only, the ratio named "aspectRatio" (also 16:9 by default), no resolution, and REFERENCE_2_VIDEO in 16:9 only. No copy documents a duration',
};

const aspectRatio: ModelField = {
	key: 'aspect_ratio',
	default: '16:9',
	// kie.ai's default, and the one ratio every copy takes under either spelling: left out when chosen.
	providerDefault: '16:9',
	options: [...ratios(['16:9', '9:16']), { value: 'Auto', label: 'Auto (from the images)' }],
};
// Reference-to-video takes only the two fixed shapes.
const referenceRatio: ModelField = { ...aspectRatio, options: ratios(['16:9', '9:16']) };

type Mode = 'TEXT_2_VIDEO' | 'FIRST_AND_LAST_FRAMES_2_VIDEO' | 'REFERENCE_2_VIDEO';

/** Optional inputs every Veo create takes, typed as the page shows them. */
const OPTIONS: Record<string, ModelField> = {
	watermarkText: { key: 'watermark' },
	seed: { key: 'seeds', min: 10000, max: 99999, integer: true },
	translatePrompt: { key: 'enableTranslation', default: true, providerDefault: true },
};

function veo(model: 'veo3' | 'veo3_fast' | 'veo3_lite', mode: Mode, name: string, description: string): ModelSpec {
	const images: Record<Mode, ModelField | undefined> = {
		TEXT_2_VIDEO: undefined,
		FIRST_AND_LAST_FRAMES_2_VIDEO: imageList('imageUrls', 1, 2, 'One image the video unfolds around, or the first and the last frame'),
		REFERENCE_2_VIDEO: imageList('imageUrls', 1, 3, 'Images of the subjects or materials to use'),
	};
	const imageUrl = images[mode];
	return {
		id: mode === 'TEXT_2_VIDEO' ? model : `${model}:${mode === 'REFERENCE_2_VIDEO' ? 'reference' : 'frames'}`,
		model,
		name,
		description,
		providers: ['kie'],
		fields: {
			prompt: prompt(5000),
			...(imageUrl ? { imageUrl } : {}),
			aspectRatio: mode === 'REFERENCE_2_VIDEO' ? referenceRatio : aspectRatio,
			...OPTIONS,
			fullResolution: { key: 'get-1080p-video', default: false, nodeOption: 'fullResolution' },
		},
		fixedInput: { generationType: mode },
		docs: DOCS,
	};
}

export const VEO_MODELS = [
	veo('veo3_fast', 'TEXT_2_VIDEO', 'Veo 3.1 Fast: Text to Video', 'An 8 s video with sound from a text prompt'),
	veo('veo3', 'TEXT_2_VIDEO', 'Veo 3.1 Quality: Text to Video', 'The highest-quality Veo video with sound'),
	veo('veo3_fast', 'FIRST_AND_LAST_FRAMES_2_VIDEO', 'Veo 3.1 Fast: Image to Video', 'A video from one image, or between a first and a last frame'),
	veo('veo3', 'FIRST_AND_LAST_FRAMES_2_VIDEO', 'Veo 3.1 Quality: Image to Video', 'A video from one image, or between a first and a last frame'),
	veo('veo3_lite', 'TEXT_2_VIDEO', 'Veo 3.1 Lite: Text to Video', 'The most affordable Veo video with sound'),
	veo('veo3_lite', 'FIRST_AND_LAST_FRAMES_2_VIDEO', 'Veo 3.1 Lite: Image to Video', 'A video from one image, or between a first and a last frame'),
	veo('veo3_fast', 'REFERENCE_2_VIDEO', 'Veo 3.1 Fast: Reference to Video', 'A video built from up to 3 reference images'),
];
