import type { ModelField } from '../types';
import { EXPORTS, imageList, market, prompt, RECHECKED } from './common';
import { choices, ratios, secondsRange } from './options';

// kie.ai's default is 1080p; the form keeps 720p, the cheaper one, so saved workflows keep their cost.
const resolution: ModelField = { key: 'resolution', default: '720p', providerDefault: '1080p', options: choices(['720p', '1080p']) };
const wan26Duration: ModelField = { key: 'duration', default: '5', providerDefault: '5', options: choices(['5', '10', '15'], ' s') };

export const WAN_MODELS = [
	market({
		id: 'wan/2-6-text-to-video',
		name: 'Wan 2.6: Text to Video',
		description: 'A 5–15 s video from a text prompt, 720p or 1080p',
		fields: { prompt: prompt(5000, true, 1), duration: wan26Duration, resolution },
		docs: {
			url: 'https://docs.kie.ai/market/wan/2-6-text-to-video',
			checked: RECHECKED,
			note: 'Re-checked on 2026-12-06 (issue 19, second round) against a markdown summary of this page kept in a public repository (code corpus id 52571549574, undated; no kie.ai export of the page was found) and a client\'s transcription of it (id 4848783458): prompt 1 to 5000 characters (the image-to-video export asks for 2), duration "5", "10" or "15" (default "5"), resolution 720p or 1080p (default 1080p); the summary adds nsfw_checker on by default, where the image-to-video export says off, so the node does not offer it. Changed: a one-character prompt is accepted. Earlier: The page\'s example (prompt, duration "5" as a string, resolution "1080p", nsfw_checker) was checked; multi_shots was from the 2026-08 audit. No kie.ai export of this page was found on 2026-12-06; the image-to-video export (id 61735107380) has the same fields plus image_urls and no multi_shots, so Multiple Shots is gone (it was always sent) and duration 5 s is left out as kie.ai\'s default.',
		},
	}),
	market({
		id: 'wan/2-6-image-to-video',
		name: 'Wan 2.6: Image to Video',
		description: 'A 5–15 s video that starts from one image',
		fields: {
			prompt: prompt(5000, true, 2),
			imageUrl: imageList('image_urls', 1, 1, 'JPEG, PNG or WebP, at least 256 px a side'),
			duration: wan26Duration,
			resolution,
		},
		docs: {
			url: 'https://docs.kie.ai/market/wan/2-6-image-to-video',
			checked: RECHECKED,
			note: `Re-checked against ${EXPORTS}. Used: id 61735107380: prompt (required, 2 to 5000 characters), image_urls (required, one JPEG, PNG or WebP link up to 10 MB), duration "5", "10" or "15" as strings (default "5"), resolution 720p or 1080p (default 1080p), nsfw_checker; no multi_shots. No other kie.ai copy found; a mirror (docs.apikley.ru) and a 2026-08-05 audit had listed multi_shots. Changed: multi_shots is gone (it was always sent); duration 5 s is left out, as kie.ai's default`,
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
			aspectRatio: { key: 'ratio', default: '16:9', providerDefault: '16:9', options: ratios(['16:9', '9:16', '1:1', '4:3', '3:4']) },
			duration: { key: 'duration', default: 5, providerDefault: 5, options: secondsRange(2, 15, 'number') },
			resolution,
			promptExtend: { key: 'prompt_extend', default: true, providerDefault: true },
			seed: { key: 'seed', min: 1, max: 2_147_483_647, integer: true, note: 'kie.ai also takes 0, which this field reads as "not set"' },
		},
		docs: {
			url: 'https://docs.kie.ai/market/wan/2-7-text-to-video',
			checked: RECHECKED,
			note: `First written from the 2026-08 field audit (../shared/video-models.md). Re-checked against ${EXPORTS}. Used: id 61569244411: prompt required, 1 to 5000 characters; negative_prompt at most 500; audio_url; resolution 720p or 1080p (default 1080p); ratio 16:9, 9:16, 1:1, 4:3 or 3:4 (default 16:9); duration a whole number 2 to 15 (default 5); prompt_extend (default on); watermark (default off); seed 0 to 2147483647; nsfw_checker. Other copy: id 66393678930, the same page. Changed: ratio 16:9 and duration 5 are left out as kie.ai's defaults; Prompt Rewriting and Seed added`,
		},
	}),
];
