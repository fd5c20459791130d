import type { ModelField } from '../types';
import { CHECKED, imageList, market, prompt } from './common';
import { choices, ratios, secondsRange } from './options';

const SOURCES =
	'The English pages are not in the search corpora. A stored copy of the Chinese image-to-video page (docs.kie.ai/cn/market/grok-imagine/image-to-video) has the example {image_urls: [one link], prompt, mode: "normal"}. Two secondary sources written from the current pages (kie.ai moved these IDs to Grok Imagine 1.5) agree: a field-by-field audit dated 2026-08-05 and a kie.ai client\'s schema give duration a whole number 6 to 30 and resolution 480p, 720p or 1080p; an older client\'s copy of the page ("6", "10", "15"; 480p/720p) predates that';

const style = (values: string[]): ModelField => ({
	key: 'mode',
	default: 'normal',
	options: values.map((value) => ({ value, label: value[0].toUpperCase() + value.slice(1) })),
});
const duration: ModelField = { key: 'duration', default: 6, options: secondsRange(6, 30, 'number') };
const resolution: ModelField = { key: 'resolution', default: '480p', options: choices(['480p', '720p', '1080p']) };
const aspectRatio = (fallback: string): ModelField => ({
	key: 'aspect_ratio',
	default: fallback,
	options: ratios(['16:9', '9:16', '1:1', '2:3', '3:2']),
});

export const GROK_MODELS = [
	market({
		id: 'grok-imagine/text-to-video',
		name: 'Grok Imagine: Text to Video',
		description: 'A 6–30 s video from a text prompt',
		fields: {
			prompt: prompt(5000),
			aspectRatio: aspectRatio('16:9'),
			style: style(['fun', 'normal', 'spicy']),
			duration,
			resolution,
		},
		docs: {
			url: 'https://docs.kie.ai/market/grok-imagine/text-to-video',
			checked: CHECKED,
			note: `${SOURCES}. Changed: duration 6 to 30 s sent as a number (was the strings "6", "10", "15"), and 1080p added`,
		},
	}),
	market({
		id: 'grok-imagine/image-to-video',
		name: 'Grok Imagine: Image to Video',
		description: 'A 6–30 s video that brings one or more images to life',
		fields: {
			prompt: prompt(4096, false),
			imageUrl: imageList('image_urls', 1, 7, 'JPEG, PNG or WebP; only one image at 1080p'),
			aspectRatio: aspectRatio('16:9'),
			// Spicy needs a Grok image's task_id; external image links do not take it.
			style: style(['fun', 'normal']),
			duration,
			resolution,
		},
		docs: {
			url: 'https://docs.kie.ai/market/grok-imagine/image-to-video',
			checked: CHECKED,
			note: `${SOURCES}; here the prompt is optional and at most 4096 characters, image_urls takes 1 to 7 links (one at 1080p), and Spicy works only with a Grok image's task_id. Changed: up to 7 images, an aspect ratio, no Spicy, the durations and 1080p as above`,
		},
	}),
];
