import type { ModelField } from '../types';
import { CHECKED, imageList, market, prompt } from './common';
import { choices, ratios } from './options';

const NOTE =
	'The English pages are not in the search corpora; a stored copy of the Chinese image-to-video page (docs.kie.ai/cn/market/grok-imagine/image-to-video) has the example {image_urls: [one link], prompt, mode: "normal"}, which matches. Durations and resolutions disagree between secondary sources: a field-by-field audit dated 2026-08-05 gives a whole number 6 to 30 and 480p/720p/1080p, a kie.ai client\'s copy of the page gives the strings "6", "10", "15" and 480p/720p. The copy of the page is followed until the page itself can be read';

const common: Record<string, ModelField> = {
	style: {
		key: 'mode',
		default: 'normal',
		options: [
			{ value: 'fun', label: 'Fun' },
			{ value: 'normal', label: 'Normal' },
			{ value: 'spicy', label: 'Spicy' },
		],
	},
	duration: { key: 'duration', default: '6', options: choices(['6', '10', '15'], ' s') },
	resolution: { key: 'resolution', default: '480p', options: choices(['480p', '720p']) },
};

export const GROK_MODELS = [
	market({
		id: 'grok-imagine/text-to-video',
		name: 'Grok Imagine: Text to Video',
		description: 'A 6–15 s video from a text prompt',
		fields: {
			prompt: prompt(5000),
			aspectRatio: { key: 'aspect_ratio', default: '16:9', options: ratios(['16:9', '9:16', '1:1', '2:3', '3:2']) },
			...common,
		},
		docs: { url: 'https://docs.kie.ai/market/grok-imagine/text-to-video', checked: CHECKED, note: NOTE },
	}),
	market({
		id: 'grok-imagine/image-to-video',
		name: 'Grok Imagine: Image to Video',
		description: 'A 6–15 s video that brings an image to life',
		fields: {
			prompt: prompt(5000, false),
			imageUrl: imageList('image_urls', 1, 1, 'JPEG, PNG or WebP'),
			...common,
		},
		docs: { url: 'https://docs.kie.ai/market/grok-imagine/image-to-video', checked: CHECKED, note: NOTE },
	}),
];
