import { EXPORTS, imageList, market, prompt, RECHECKED } from './common';
import { choices, ratios } from './options';

export const GEMINI_MODELS = [
	market({
		id: 'gemini-omni-video',
		name: 'Gemini Omni Video',
		description: 'A 4–10 s video from text and optional images, up to 4K',
		fields: {
			prompt: prompt(20_000),
			imageUrl: { ...imageList('image_urls', 0, 7), maxBytes: 20_000_000 },
			duration: { key: 'duration', required: true, default: '6', options: choices(['4', '6', '8', '10'], ' s') },
			aspectRatio: { key: 'aspect_ratio', default: '16:9', options: ratios(['16:9', '9:16']) },
			resolution: { key: 'resolution', default: '720p', providerDefault: '720p', options: choices(['720p', '1080p', '4k']) },
			seed: { key: 'seed', min: 1, max: 2_147_483_647, integer: true, note: 'kie.ai also takes 0, which this field reads as "not set"' },
		},
		docs: { url: 'https://docs.kie.ai/market/gemini-omni-video', checked: RECHECKED, note: `Re-checked against ${EXPORTS}. Used: id 61463145174 (English): prompt (at most 20000 characters) and duration ("4", "6", "8" or "10" as strings) required; image_urls at most 7 links of up to 20 MB; audio_ids at most 3; video_list at most 1 clip (counts as 2 images); character_ids; aspect_ratio 16:9 or 9:16, no default given; resolution 720p, 1080p or 4k (default 720p); seed 0 to 2147483647. Other copies: ids 59522532840 and 55781298461 (Chinese). Changed: resolution 720p is left out as kie.ai's default; Seed added. Before: ` + 'No copy of this page is in the search corpora (queries in the report of the models-verify branch). A field-by-field audit of it dated 2026-08-05 (a secondary source): prompt and duration ("4", "6", "8" or "10", strings) required; image_urls, audio_ids, video_list, character_ids, aspect_ratio 16:9/9:16, seed and resolution 720p/1080p/4k optional. A kie.ai client\'s schema written from the page agrees and adds: prompt up to 20000 characters, up to 7 images of up to 20 MB (images count 1, videos 2, characters 1, at most 7 in all). Changed: up to 7 images of 20 MB instead of 3 of 10 MB, prompt up to 20000 characters, duration marked required; the docs path is the audit\'s /market/gemini-omni-video' },
	}),
];
