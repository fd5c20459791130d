import type { ModelField } from '../types';
import { CHECKED, imageList, market, prompt } from './common';
import { choices, ratios, secondsRange } from './options';

const AUDIT = 'Fields per the 2026-08 field audit of this page (../shared/video-models.md); the page itself was not reachable from here on the checked date';

const resolution: ModelField = { key: 'resolution', default: '720p', options: choices(['720p', '1080p']) };
const wan26Duration: ModelField = { key: 'duration', default: '5', options: choices(['5', '10', '15'], ' s') };
const multiShots: ModelField = { key: 'multi_shots', default: false };

export const WAN_MODELS = [
	market({
		id: 'wan/2-6-text-to-video',
		name: 'Wan 2.6: Text to Video',
		description: 'A 5–15 s video from a text prompt, 720p or 1080p',
		fields: { prompt: prompt(5000), duration: wan26Duration, resolution, multiShots },
		docs: {
			url: 'https://docs.kie.ai/market/wan/2-6-text-to-video',
			checked: CHECKED,
			note: 'The page\'s example (prompt, duration "5" as a string, resolution "1080p", nsfw_checker) was checked; multi_shots is from the 2026-08 audit.',
		},
	}),
	market({
		id: 'wan/2-6-image-to-video',
		name: 'Wan 2.6: Image to Video',
		description: 'A 5–15 s video that starts from one image',
		fields: {
			prompt: prompt(5000),
			imageUrl: imageList('image_urls', 1, 1),
			duration: wan26Duration,
			resolution,
			multiShots,
		},
		docs: {
			url: 'https://docs.kie.ai/market/wan/2-6-image-to-video',
			checked: CHECKED,
			note: 'No copy of this page on docs.kie.ai is in the search corpora; checked against a mirror of it (docs.apikley.ru, the same OpenAPI under another host: a secondary source) and a field-by-field audit dated 2026-08-05: prompt up to 5000 characters, image_urls with exactly one JPEG, PNG or WebP link up to 10 MB, duration "5", "10" or "15" as strings, resolution 720p or 1080p, multi_shots. No change (the page\'s default resolution is 1080p; 720p, the cheaper one, stays the form\'s default)',
		},
	}),
	market({
		id: 'wan/2-7-text-to-video',
		name: 'Wan 2.7: Text to Video',
		description: 'A 2–15 s video from a text prompt, in five shapes',
		fields: {
			prompt: prompt(5000),
			negativePrompt: { key: 'negative_prompt', maxLength: 500 },
			// Wan 2.7 names it "ratio", and its duration is a number, not a string.
			aspectRatio: { key: 'ratio', default: '16:9', options: ratios(['16:9', '9:16', '1:1', '4:3', '3:4']) },
			duration: { key: 'duration', default: 5, options: secondsRange(2, 15, 'number') },
			resolution,
		},
		docs: {
			url: 'https://docs.kie.ai/market/wan/2-7-text-to-video',
			checked: CHECKED,
			note: `${AUDIT}. A kie.ai client's schema written from the page agrees (prompt up to 5000 characters, ratio, duration a whole number 2 to 15) and limits the negative prompt to 500 characters: changed from 5000`,
		},
	}),
];
