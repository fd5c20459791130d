import type { ModelField, ModelSpec } from '../types';
import { CHECKED, KIE_IMAGE_BYTES, market, prompt, singleImage } from './common';
import { choices, ratios, secondsRange } from './options';

const NOTES: Record<string, string> = {
	'bytedance/seedance-2':
		'No copy of this page is in the search corpora (queries in the report of the models-verify branch); two secondary sources were compared. A kie.ai client that checked the page on 2026-04-04 lists prompt, first_frame_url, last_frame_url, reference_image_urls (9), reference_video_urls (3), reference_audio_urls (3), return_last_frame, generate_audio, resolution 480p/720p/1080p, aspect_ratio, duration 4 to 15 and web_search; a field-by-field audit dated 2026-08-05 adds 4k and nsfw_checker; a kie.ai client\'s schema written from the page has 480p/720p/1080p, duration a number 4 to 15, web_search required, and reference images not combined with first/last frames. 4k is not offered until the page itself confirms it; return_last_frame (deprecated) goes through Additional Input. Changed: Web Search is a form field, always sent',
	'bytedance/seedance-2-fast':
		'No copy of this page is in the search corpora (queries in the report of the models-verify branch). A field-by-field audit dated 2026-08-05 (a secondary source) gives the Seedance 2 fields with resolution 480p or 720p only; a kie.ai client notes that the page\'s example body names the model "bytedance/seedance-2" by mistake ("bytedance/seedance-2-fast" is sent); another client\'s schema has web_search required (the page says it applies to text-to-video only). Changed: Web Search is a form field, always sent',
};

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
		// The page's schema lists it as required, so it is always sent.
		webSearch: { key: 'web_search', default: false },
	};
	return market({
		id,
		name,
		description: 'Text, frames or reference images, videos and audio to a 4–15 s video',
		fields,
		docs: { url: `https://docs.kie.ai/market/bytedance/${id.split('/')[1]}`, checked: CHECKED, note: NOTES[id] },
	});
}

export const SEEDANCE_MODELS = [
	seedance('bytedance/seedance-2', 'Seedance 2', ['480p', '720p', '1080p']),
	seedance('bytedance/seedance-2-fast', 'Seedance 2 Fast', ['480p', '720p']),
];
