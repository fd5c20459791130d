import type { ModelField } from '../types';
import { CHECKED, imageList, market, prompt } from './common';
import { choices, ratios, secondsRange } from './options';

const KLING_3_DOCS = {
	url: 'https://docs.kie.ai/market/kling/kling-3-0',
	checked: CHECKED,
	note: 'The page\'s example body says "kling-3.0" while its model field requires "kling-3.0/video"; "kling-3.0/video" is sent. The prompt limit is given as 2500 by one source and 5000 by another; 2500 is enforced.',
};

const sound: ModelField = { key: 'sound', default: false };
const aspectRatio: ModelField = {
	key: 'aspect_ratio',
	default: '16:9',
	options: ratios(['16:9', '9:16', '1:1']),
	note: "With an image, the video takes the image's shape",
};
const mode: ModelField = {
	key: 'mode',
	default: 'std',
	options: [
		{ value: 'std', label: 'Standard' },
		{ value: 'pro', label: 'Pro' },
	],
};
const elements: ModelField = { key: 'kling_elements', jsonKind: 'array' };
const duration3to15: ModelField = { key: 'duration', default: '5', options: secondsRange(3, 15, 'string') };
const duration5or10: ModelField = { key: 'duration', default: '5', options: choices(['5', '10'], ' s') };

export const KLING_MODELS = [
	market({
		id: 'kling-3.0/video',
		name: 'Kling 3.0',
		description: 'Text or first/last frame to video, 3–15 s, with optional sound',
		fields: {
			prompt: prompt(2500),
			imageUrl: imageList('image_urls', 0, 2, 'The first frame, and optionally the last frame'),
			duration: duration3to15,
			aspectRatio,
			mode,
			sound,
			elements,
		},
		fixedInput: { multi_shots: false },
		docs: KLING_3_DOCS,
	}),
	market({
		id: 'kling-3.0/video:multi-shot',
		model: 'kling-3.0/video',
		name: 'Kling 3.0: Multi-Shot',
		description: 'Several shots, each with its own prompt and length, in one video',
		fields: {
			shots: {
				key: 'multi_prompt',
				required: true,
				count: { min: 1, max: 6 },
				min: 1,
				max: 12,
				integer: true,
				maxLength: 500,
				shotKeys: { text: 'prompt', duration: 'duration' },
			},
			imageUrl: imageList('image_urls', 0, 1, 'The first frame'),
			duration: duration3to15,
			aspectRatio,
			mode,
			sound,
			elements,
		},
		fixedInput: { multi_shots: true },
		docs: KLING_3_DOCS,
	}),
	market({
		id: 'kling-2.6/text-to-video',
		name: 'Kling 2.6: Text to Video',
		description: 'A 5 or 10 s video from a text prompt, with optional sound',
		fields: {
			prompt: prompt(2500),
			duration: duration5or10,
			aspectRatio: { ...aspectRatio, note: undefined },
			sound: { ...sound, required: true },
		},
		docs: {
			url: 'https://docs.kie.ai/market/kling/text-to-video',
			checked: CHECKED,
			note: 'Checked against a stored copy of this page\'s example (prompt, sound false, aspect_ratio "1:1", duration "5" as a string) and a kie.ai client\'s copy of its field list (all four required; prompt at most 2500 characters; aspect_ratio 1:1, 16:9, 9:16; duration "5" or "10"). No change.',
		},
	}),
	market({
		id: 'kling-2.6/image-to-video',
		name: 'Kling 2.6: Image to Video',
		description: 'A 5 or 10 s video that starts from one image',
		fields: {
			prompt: prompt(1000),
			imageUrl: imageList('image_urls', 1, 1, 'JPEG, PNG or WebP'),
			duration: duration5or10,
			sound: { ...sound, required: true },
		},
		docs: {
			url: 'https://docs.kie.ai/market/kling/image-to-video',
			checked: CHECKED,
			note: 'Checked against a stored copy of this page\'s example (prompt, image_urls with one link, sound false, duration "5" as a string) and a kie.ai client\'s copy of its field list, which gives the prompt limit as 1000 characters (the text-to-video page says 2500): the limit went from 2500 to 1000.',
		},
	}),
];
