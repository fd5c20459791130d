import type { ProviderId } from '../../providers/types';
import type { ModelField, ModelSpec } from '../types';
import { choices } from './options';

/*
 * Sora 2: OpenAI shut its API down on 2026-09-24; kie.ai paused the eight models on 2026-06-11
 * and has dropped them. They stay so that saved workflows keep their settings and Revid and
 * Sora2API (which document only Sora) keep a list; they are listed after the current models.
 */

export const SORA_RETIRED = 'Retired by OpenAI on 2026-09-24';

const MARKET: ProviderId[] = ['revid', 'kie'];
const ALL: ProviderId[] = ['revid', 'sora2api', 'kie'];
const DOCS = {
	url: 'https://docs.kie.ai/market/sora2/sora-2-text-to-video',
	checked: '2026-11-22',
	note: 'Fields from the providers\' seed documents; kie.ai no longer lists the page',
};

const prompt: ModelField = { key: 'prompt', required: true, maxLength: 10_000 };
const aspectRatio: ModelField = {
	key: 'aspect_ratio',
	default: 'landscape',
	options: [
		{ value: 'landscape', label: 'Landscape' },
		{ value: 'portrait', label: 'Portrait' },
	],
};
const shortDuration: ModelField = { key: 'n_frames', default: '10', options: choices(['10', '15'], ' s'), providers: MARKET };
const image: ModelField = { key: 'image_urls', required: true, list: true, count: { min: 1, max: 1 }, maxBytes: 10_000_000, note: 'JPEG, PNG or WebP' };
const size: ModelField = {
	key: 'size',
	default: 'standard',
	options: [
		{ value: 'standard', label: 'Standard (720p)' },
		{ value: 'high', label: 'High (1080p)' },
	],
};
const removeWatermark: ModelField = { key: 'remove_watermark', default: true, providers: MARKET };
const characterIds: ModelField = { key: 'character_id_list', list: true, count: { min: 0, max: 5 }, providers: MARKET };
const characterText: ModelField = { key: 'character_prompt', maxLength: 5000 };

const textToVideo = { prompt, aspectRatio, duration: shortDuration, removeWatermark, characterIds };

function sora(spec: Omit<ModelSpec, 'model' | 'retired' | 'docs'>): ModelSpec {
	return { ...spec, model: spec.id, retired: SORA_RETIRED, docs: DOCS };
}

export const SORA_MODELS: ModelSpec[] = [
	sora({
		id: 'sora-2-text-to-video',
		name: 'Sora 2: Text to Video',
		description: 'A video from a text prompt',
		providers: ALL,
		fields: textToVideo,
	}),
	sora({
		id: 'sora-2-image-to-video',
		name: 'Sora 2: Image to Video',
		description: 'A video that starts from one image',
		providers: ALL,
		fields: { ...textToVideo, imageUrl: image },
	}),
	sora({
		id: 'sora-2-pro-text-to-video',
		name: 'Sora 2 Pro: Text to Video',
		description: 'Higher quality, 720p or 1080p',
		providers: MARKET,
		fields: { ...textToVideo, size },
	}),
	sora({
		id: 'sora-2-pro-image-to-video',
		name: 'Sora 2 Pro: Image to Video',
		description: 'Higher quality, starting from one image',
		providers: MARKET,
		fields: { ...textToVideo, size, imageUrl: image },
	}),
	sora({
		id: 'sora-2-pro-storyboard',
		name: 'Sora 2 Pro: Storyboard',
		description: 'A video made of up to 10 scenes',
		providers: MARKET,
		fields: {
			shots: {
				key: 'shots',
				required: true,
				count: { min: 1, max: 10 },
				min: 0.1,
				max: 15,
				maxLength: 10_000,
				// The API's key really is capitalised.
				shotKeys: { text: 'Scene', duration: 'duration' },
				sumEquals: 'n_frames',
			},
			duration: { ...shortDuration, options: choices(['10', '15', '25'], ' s') },
			aspectRatio,
			imageUrl: { ...image, required: false, count: { min: 0, max: 1 } },
		},
	}),
	sora({
		id: 'sora-watermark-remover',
		name: 'Sora Watermark Remover',
		description: 'Removes the watermark from a Sora video link',
		providers: MARKET,
		fields: { videoUrl: { key: 'video_url', required: true, maxLength: 500, note: 'A sora.chatgpt.com link' } },
	}),
	sora({
		id: 'sora-2-characters',
		name: 'Sora 2: Characters',
		description: 'A reusable character from a short video',
		providers: MARKET,
		fields: {
			// kie.ai's export (code corpus id 53162286611) types it as a list of exactly one video link.
			characterFileUrl: { key: 'character_file_url', required: true, list: true, count: { min: 1, max: 1 }, maxBytes: 10_000_000, note: 'MP4, WebM or AVI' },
			characterPrompt: characterText,
			safetyInstruction: { key: 'safety_instruction', maxLength: 5000 },
		},
	}),
	sora({
		id: 'sora-2-characters-pro',
		name: 'Sora 2: Characters Pro',
		description: 'A reusable character from a slice of an earlier task',
		providers: MARKET,
		fields: {
			originTaskId: { key: 'origin_task_id', required: true },
			timestamps: { key: 'timestamps', required: true, check: 'timeSlice' },
			characterUserName: { key: 'character_user_name', maxLength: 40 },
			characterPrompt: characterText,
			safetyInstruction: { key: 'safety_instruction', maxLength: 5000 },
		},
	}),
];
