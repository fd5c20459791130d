import type { ProviderId } from '../../providers/types';
import type { ModelField, ModelSpec } from '../types';
import { choices } from './options';

/*
 * Sora 2: OpenAI shut its API down on 2026-09-24; kie.ai paused the eight models on 2026-06-11
 * and has dropped them. They stay so that saved workflows keep their settings and Revid and
 * Sora2API (which document only Sora) keep a list; they are listed after the current models.
 */

export const SORA_RETIRED = 'Retired by OpenAI on 2026-09-24';

const MARKET: ProviderId[] = ['revid', 'kie'];
const ALL: ProviderId[] = ['revid', 'sora2api', 'kie'];
const RECHECKED = '2026-12-06';
const DOCS_URL = 'https://docs.kie.ai/market/sora2/';
const SEND_AS_BEFORE =
	'The ratio, length, size and watermark switch left untouched are still sent, as before, so saved workflows keep their shape on every provider';

const prompt: ModelField = { key: 'prompt', required: true, maxLength: 10_000 };
const aspectRatio: ModelField = {
	key: 'aspect_ratio',
	default: 'landscape',
	options: [
		{ value: 'landscape', label: 'Landscape' },
		{ value: 'portrait', label: 'Portrait' },
	],
};
const shortDuration: ModelField = { key: 'n_frames', default: '10', options: choices(['10', '15'], ' s'), providers: MARKET };
const image: ModelField = { key: 'image_urls', required: true, list: true, count: { min: 1, max: 1 }, maxBytes: 10_000_000, note: 'JPEG, PNG or WebP' };
const size: ModelField = {
	key: 'size',
	default: 'standard',
	options: [
		{ value: 'standard', label: 'Standard (720p)' },
		{ value: 'high', label: 'High (1080p)' },
	],
};
const removeWatermark: ModelField = { key: 'remove_watermark', default: true, providers: MARKET };
const characterIds: ModelField = { key: 'character_id_list', list: true, count: { min: 0, max: 5 }, providers: MARKET };
const characterText: ModelField = { key: 'character_prompt', maxLength: 5000 };

const textToVideo = { prompt, aspectRatio, duration: shortDuration, removeWatermark, characterIds };

/** `copy` names the kie.ai export the entry was re-checked against (issue 19), and what others said. */
function sora(spec: Omit<ModelSpec, 'model' | 'retired' | 'docs'>, copy: string): ModelSpec {
	const note = `Re-checked on ${RECHECKED} against ${copy}. kie.ai no longer serves the model. ${SEND_AS_BEFORE}`;
	return { ...spec, model: spec.id, retired: SORA_RETIRED, docs: { url: DOCS_URL + spec.id, checked: RECHECKED, note } };
}

export const SORA_MODELS: ModelSpec[] = [
	sora({
		id: 'sora-2-text-to-video',
		name: 'Sora 2: Text to Video',
		description: 'A video from a text prompt',
		providers: ALL,
		fields: textToVideo,
	}, 'kie.ai\'s Chinese copy of the page (code corpus id 8184004381, undated): prompt up to 10,000 characters, landscape or portrait, 10 or 15 s, the watermark switch. That copy lacks the character ID list; the sibling exports (ids 52614641046, 53847735180) and a client transcription of the English page (id 4848783458) give it as at most 5 IDs, so it stays, sent only when given'),
	sora({
		id: 'sora-2-image-to-video',
		name: 'Sora 2: Image to Video',
		description: 'A video that starts from one image',
		providers: ALL,
		fields: { ...textToVideo, imageUrl: image },
	}, 'kie.ai\'s released export (code corpus id 52614641046, undated): exactly one image, at most 10 MB, JPEG, PNG or WebP; at most 5 character IDs. A client transcription (id 4848783458) agrees'),
	sora({
		id: 'sora-2-pro-text-to-video',
		name: 'Sora 2 Pro: Text to Video',
		description: 'Higher quality, 720p or 1080p',
		providers: MARKET,
		fields: { ...textToVideo, size },
	}, 'kie.ai\'s released export (code corpus id 53847735180, undated): size standard or high, high by kie.ai\'s default (this node shows Standard, and sends it). A client transcription (id 4848783458) agrees'),
	sora({
		id: 'sora-2-pro-image-to-video',
		name: 'Sora 2 Pro: Image to Video',
		description: 'Higher quality, starting from one image',
		providers: MARKET,
		fields: { ...textToVideo, size, imageUrl: image },
	}, 'kie.ai\'s released export (code corpus id 53119870225, undated): one image, size standard (kie.ai\'s default) or high. A client transcription (id 4848783458) agrees'),
	sora({
		id: 'sora-2-pro-storyboard',
		name: 'Sora 2 Pro: Storyboard',
		description: 'A video made of up to 10 scenes',
		providers: MARKET,
		fields: {
			shots: {
				key: 'shots',
				required: true,
				count: { min: 1, max: 10 },
				min: 0.1,
				max: 15,
				maxLength: 10_000,
				// The API's key really is capitalised.
				shotKeys: { text: 'Scene', duration: 'duration' },
				sumEquals: 'n_frames',
			},
			duration: { ...shortDuration, options: choices(['10', '15', '25'], ' s') },
			aspectRatio,
			imageUrl: { ...image, required: false, count: { min: 0, max: 1 } },
		},
	}, 'kie.ai\'s released export (code corpus id 53315848038, undated): 1 to 10 shots keyed Scene and duration (0.1 to 15 s) whose total may not exceed the length (10, 15 or 25 s, 15 by kie.ai\'s default; this node asks for an exact fill); an optional list of exactly one image. A client transcription (id 4848783458) agrees'),
	sora({
		id: 'sora-watermark-remover',
		name: 'Sora Watermark Remover',
		description: 'Removes the watermark from a Sora video link',
		providers: MARKET,
		fields: { videoUrl: { key: 'video_url', required: true, maxLength: 500, note: 'A sora.chatgpt.com link' } },
	}, 'kie.ai\'s released export (code corpus id 52480309267, undated): one public sora.chatgpt.com link of at most 500 characters'),
	sora({
		id: 'sora-2-characters',
		name: 'Sora 2: Characters',
		description: 'A reusable character from a short video',
		providers: MARKET,
		fields: {
			// kie.ai's export (code corpus id 53162286611) types it as a list of exactly one video link.
			characterFileUrl: { key: 'character_file_url', required: true, list: true, count: { min: 1, max: 1 }, maxBytes: 10_000_000, note: 'MP4, WebM or AVI' },
			characterPrompt: characterText,
			safetyInstruction: { key: 'safety_instruction', maxLength: 5000 },
		},
	}, 'kie.ai\'s released export (code corpus id 53162286611, undated): the video link is a list of exactly one (MP4, WebM or AVI, at most 10 MB, 1 to 4 s); prompt and safety text up to 5,000 characters each. A client transcription (id 4848783458) agrees'),
	sora({
		id: 'sora-2-characters-pro',
		name: 'Sora 2: Characters Pro',
		description: 'A reusable character from a slice of an earlier task',
		providers: MARKET,
		fields: {
			originTaskId: { key: 'origin_task_id', required: true },
			timestamps: { key: 'timestamps', required: true, check: 'timeSlice' },
			characterUserName: { key: 'character_user_name', maxLength: 40 },
			characterPrompt: { ...characterText, required: true },
			safetyInstruction: { key: 'safety_instruction', maxLength: 5000 },
		},
	}, 'kie.ai\'s released export (code corpus id 53140671525, undated): origin task ID, a 1 to 4 s "start,end" slice and the character prompt are required (the prompt was optional here before: kie.ai refuses a request without it); user name up to 40 characters; no other copy found'),
];
