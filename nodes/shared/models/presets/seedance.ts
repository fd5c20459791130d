import type { ModelField, ModelSpec } from '../types';
import { CHECKED, KIE_IMAGE_BYTES, market, prompt, singleImage } from './common';
import { choices, ratios, secondsRange } from './options';

const NOTE =
	'Fields per the 2026-08 field audit of this page (../shared/video-models.md); the page itself was not reachable from here on the checked date. Sources disagree on the resolutions of Seedance 2 (480p/720p/1080p or 480p/720p); the audit\'s lists are used.';

function seedance(id: string, name: string, resolutions: string[]): ModelSpec {
	const fields: Record<string, ModelField> = {
		prompt: prompt(5000),
		firstFrameUrl: singleImage('first_frame_url', false),
		lastFrameUrl: singleImage('last_frame_url', false),
		referenceImageUrls: { key: 'reference_image_urls', list: true, count: { min: 0, max: 9 }, maxBytes: KIE_IMAGE_BYTES },
		referenceVideoUrls: { key: 'reference_video_urls', list: true, count: { min: 0, max: 3 } },
		referenceAudioUrls: { key: 'reference_audio_urls', list: true, count: { min: 0, max: 3 } },
		aspectRatio: {
			key: 'aspect_ratio',
			default: '16:9',
			options: ratios(['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', 'adaptive']),
		},
		duration: { key: 'duration', default: 5, options: secondsRange(4, 15, 'number') },
		resolution: { key: 'resolution', default: '720p', options: choices(resolutions) },
		sound: { key: 'generate_audio', default: false },
	};
	return market({
		id,
		name,
		description: 'Text, frames or reference images, videos and audio to a 4–15 s video',
		fields,
		docs: { url: `https://docs.kie.ai/market/bytedance/${id.split('/')[1]}`, checked: CHECKED, note: NOTE },
	});
}

export const SEEDANCE_MODELS = [
	seedance('bytedance/seedance-2', 'Seedance 2', ['480p', '720p', '1080p']),
	seedance('bytedance/seedance-2-fast', 'Seedance 2 Fast', ['480p', '720p']),
];
