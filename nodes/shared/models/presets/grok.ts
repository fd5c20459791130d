import type { ModelField } from '../types';
import { EXPORTS, imageList, market, prompt, RECHECKED } from './common';
import { choices, ratios, secondsRange } from './options';

const RECHECK = `Re-checked against ${EXPORTS}. Every kie.ai copy offers resolution 480p or 720p only (default 480p) and mode fun, normal or spicy (default normal); none has 1080p, which came from secondary sources: 1080p is gone`;

const SOURCES =
	'The English pages are not in the search corpora. A stored copy of the Chinese image-to-video page (docs.kie.ai/cn/market/grok-imagine/image-to-video) has the example {image_urls: [one link], prompt, mode: "normal"}. Two secondary sources written from the current pages (kie.ai moved these IDs to Grok Imagine 1.5) agree: a field-by-field audit dated 2026-08-05 and a kie.ai client\'s schema give duration a whole number 6 to 30 and resolution 480p, 720p or 1080p; an older client\'s copy of the page ("6", "10", "15"; 480p/720p) predates that';

const style = (values: string[]): ModelField => ({
	key: 'mode',
	default: 'normal',
	providerDefault: 'normal',
	options: values.map((value) => ({ value, label: value[0].toUpperCase() + value.slice(1) })),
});
// The text-to-video export types the duration as a number, the image-to-video one as a string.
// Neither gives a default, so the form's value is always sent.
const duration = (as: 'string' | 'number'): ModelField => ({
	key: 'duration',
	default: as === 'string' ? '6' : 6,
	options: secondsRange(6, 30, as),
});
const resolution: ModelField = { key: 'resolution', default: '480p', providerDefault: '480p', options: choices(['480p', '720p']) };
const aspectRatio = (fallback: string, providerDefault: string, note?: string): ModelField => ({
	key: 'aspect_ratio',
	default: fallback,
	providerDefault,
	options: ratios(['16:9', '9:16', '1:1', '2:3', '3:2']),
	note,
});

export const GROK_MODELS = [
	market({
		id: 'grok-imagine/text-to-video',
		name: 'Grok Imagine: Text to Video',
		description: 'A 6–30 s video from a text prompt',
		fields: {
			prompt: prompt(5000),
			// kie.ai's default is 2:3; the form keeps 16:9 so saved workflows keep their shape.
			aspectRatio: aspectRatio('16:9', '2:3'),
			style: style(['fun', 'normal', 'spicy']),
			duration: duration('number'),
			resolution,
		},
		docs: {
			url: 'https://docs.kie.ai/market/grok-imagine/text-to-video',
			checked: RECHECKED,
			note: `${RECHECK}. Used: id 61411448183: prompt required (at most 5000 characters); aspect_ratio 2:3, 3:2, 1:1, 16:9 or 9:16 (default 2:3); duration a number 6 to 30 (its example shows the string "6"); nsfw_checker. Other copies: ids 56566368076 and 67334369741, the same page. Mode Normal and resolution 480p are now left out as kie.ai's defaults; the duration, which has no documented default, is always sent. Before: ${SOURCES}. Changed then: duration 6 to 30 s sent as a number (was the strings "6", "10", "15")`,
		},
	}),
	market({
		id: 'grok-imagine/image-to-video',
		name: 'Grok Imagine: Image to Video',
		description: 'A 6–30 s video that brings one or more images to life',
		fields: {
			prompt: prompt(5000, false),
			imageUrl: imageList('image_urls', 1, 7, 'JPEG, PNG or WebP, up to 10 MB each; refer to one in the prompt as @image1, @image2…'),
			aspectRatio: aspectRatio('16:9', '16:9', 'Used only with several images; one image gives its own shape'),
			// Spicy needs a Grok image's task_id; external image links do not take it.
			style: style(['fun', 'normal']),
			duration: duration('string'),
			resolution,
		},
		docs: {
			url: 'https://docs.kie.ai/market/grok-imagine/image-to-video',
			checked: RECHECKED,
			note: `${RECHECK}. Used: id 61647323541, the newest: image_urls at most 7 JPEG, PNG or WebP links of up to 10 MB (or task_id and index 0 to 5 of a Grok image, not both); prompt optional, at most 5000 characters; Spicy not with external images; duration a string "6" to "30"; aspect_ratio (default 16:9) used only with several images. Other copies: id 52800928431 (older) takes one image only and durations "6", "10" or "15"; ids 67636342689 and 56662392496 are further copies of the page; the Chinese id 59646229044. Changed: the prompt may be 5000 characters (was 4096); duration sent as a string (was a number); mode Normal, resolution 480p and aspect ratio 16:9 are left out as kie.ai's defaults. Before: ${SOURCES}`,
		},
	}),
];
