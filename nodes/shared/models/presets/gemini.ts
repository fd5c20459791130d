import { CHECKED, imageList, market, prompt } from './common';
import { choices, ratios } from './options';

export const GEMINI_MODELS = [
	market({
		id: 'gemini-omni-video',
		name: 'Gemini Omni Video',
		description: 'A 4–10 s video from text and optional images, up to 4K',
		fields: {
			prompt: prompt(5000),
			imageUrl: imageList('image_urls', 0, 3),
			duration: { key: 'duration', default: '6', options: choices(['4', '6', '8', '10'], ' s') },
			aspectRatio: { key: 'aspect_ratio', default: '16:9', options: ratios(['16:9', '9:16']) },
			resolution: { key: 'resolution', default: '720p', options: choices(['720p', '1080p', '4k']) },
		},
		docs: { url: 'https://docs.kie.ai/market/google/gemini-omni-video', checked: CHECKED, note: 'Fields per the 2026-08 field audit of this page (../shared/video-models.md); the page itself was not reachable from here on the checked date' },
	}),
];
