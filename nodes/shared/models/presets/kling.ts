import type { ModelField } from '../types';
import { EXPORTS, imageList, market, prompt, RECHECKED } from './common';
import { choices, ratios, secondsRange } from './options';

const KLING_3_DOCS = {
	url: 'https://docs.kie.ai/market/kling/kling-3-0',
	checked: RECHECKED,
	note: `Re-checked against ${EXPORTS}. Used: id 61483218106, the newest (it alone has the 4K mode, element audio and video clip times): mode std, pro or 4K (kie.ai's default pro); prompt, sound, duration "3" to "15" as strings, aspect_ratio, mode, multi_shots (and multi_prompt) listed as required; up to 5 shots of 1 to 12 whole seconds, each shot prompt at most 500 characters; in multi-shot mode sound defaults to true and only a first frame is taken; at most 3 elements, each with a name, a description and element_input_urls. Other copies: id 53112637338 is the same without 4K; id 49109735755 (older) says multi-shot sound must be true, has no shot count limit, does not list aspect_ratio as required and takes JPG or PNG frames only; id 63007559353 is a trimmed schema, not kie.ai's export (prompt at most 2500, 6 shots, shot prompts 512). No kie.ai copy gives a prompt limit; the 2500 of the trimmed schema stays. multi_prompt is listed as required even for a single shot, yet the page's own single-shot example leaves it out: it is sent only for multi-shot. The form keeps Standard as its default mode (kie.ai's default is Pro) so saved workflows keep their cost. Changed: 4K mode; at most 5 shots; multi-shot sound on by default; at most 3 elements, each checked for its keys`,
};

// Every copy lists sound as required, so it is always sent.
const sound: ModelField = { key: 'sound', required: true, default: false };
const aspectRatio: ModelField = {
	key: 'aspect_ratio',
	required: true,
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
		{ value: '4K', label: '4K' },
	],
	required: true,
	note: 'Standard is 720p, Pro 1080p, 4K 2160p; higher costs more credits',
};
const elements: ModelField = {
	key: 'kling_elements',
	jsonKind: 'array',
	count: { min: 0, max: 3 },
	itemKeys: ['name', 'description', 'element_input_urls'],
	note: 'At most 3 elements; each needs 2 to 4 JPG or PNG images of up to 10 MB',
};
const duration3to15: ModelField = { key: 'duration', required: true, default: '5', options: secondsRange(3, 15, 'string') };
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
				count: { min: 1, max: 5 },
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
			// kie.ai turns sound on for multi-shot videos; an older copy of the page says it must be on.
			sound: { ...sound, default: true, note: 'An older copy of kie.ai\'s page says multi-shot videos must have sound' },
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
			prompt: prompt(1000),
			duration: { ...duration5or10, required: true },
			aspectRatio: { ...aspectRatio, note: undefined },
			sound,
		},
		docs: {
			url: 'https://docs.kie.ai/market/kling/text-to-video',
			checked: RECHECKED,
			note: `Re-checked against ${EXPORTS}. Used: id 61816868360 (English): prompt, sound, aspect_ratio (1:1, 16:9 or 9:16; kie.ai's default 1:1) and duration ("5" or "10" as strings) all required; the prompt at most 1000 characters. Other copy: id 59451331554 (Chinese) has the same field list. A kie.ai client's older table gave 2500 characters. Changed: the prompt limit went from 2500 to 1000`,
		},
	}),
	market({
		id: 'kling-2.6/image-to-video',
		name: 'Kling 2.6: Image to Video',
		description: 'A 5 or 10 s video that starts from one image',
		fields: {
			prompt: prompt(1000),
			imageUrl: imageList('image_urls', 1, 1, 'JPEG or PNG'),
			duration: { ...duration5or10, required: true },
			sound,
		},
		docs: {
			url: 'https://docs.kie.ai/market/kling/image-to-video',
			checked: RECHECKED,
			note: `Re-checked against ${EXPORTS}. Used: id 61843217300 (English): prompt (at most 1000 characters), image_urls (one JPEG or PNG link of up to 10 MB), sound and duration ("5" or "10" as strings) all required. Other copy: id 59182279532 (Chinese) has the same field list. Changed: the hint no longer offers WebP, which the export does not list`,
		},
	}),
];
