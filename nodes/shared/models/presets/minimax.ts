import type { ModelField } from '../types';
import { CHECKED, market, prompt, singleImage } from './common';
import { choices, ratios, secondsRange } from './options';

const NOTE = 'Fields per the 2026-08 field audit of this page (../shared/video-models.md); the page itself was not reachable from here on the checked date';

const common: Record<string, ModelField> = {
	aspectRatio: { key: 'aspect_ratio', required: true, default: '16:9', options: ratios(['16:9', '9:16', '1:1', '4:3', '3:4', '21:9']) },
	duration: { key: 'duration', default: 6, options: secondsRange(4, 15, 'number') },
	resolution: { key: 'resolution', default: '768P', options: choices(['768P', '2K']) },
};

export const MINIMAX_MODELS = [
	market({
		id: 'minimax-h3/text-to-video',
		name: 'MiniMax H3: Text to Video',
		description: 'A 4–15 s video from a text prompt, up to 2K',
		fields: { prompt: prompt(7000), ...common },
		docs: { url: 'https://docs.kie.ai/market/minimax/h3-text-to-video', checked: CHECKED, note: NOTE },
	}),
	market({
		id: 'minimax-h3/image-to-video',
		name: 'MiniMax H3: Image to Video',
		description: 'A 4–15 s video from a first and/or last frame',
		fields: {
			prompt: prompt(7000),
			firstFrameUrl: singleImage('first_frame_url', false, 'Give a first frame, a last frame or both'),
			lastFrameUrl: singleImage('last_frame_url', false),
			...common,
		},
		rules: [{ atLeastOne: ['firstFrameUrl', 'lastFrameUrl'], message: 'needs a first frame, a last frame or both' }],
		docs: { url: 'https://docs.kie.ai/market/minimax/h3-image-to-video', checked: CHECKED, note: NOTE },
	}),
];
