import type { ModelField, ModelSpec } from '../types';
import { EXPORTS, market, prompt, RECHECKED, singleImage } from './common';
import { choices, ratios, secondsRange } from './options';

const NOTES: Record<string, string> = {
	'bytedance/seedance-2':
		`Re-checked against ${EXPORTS}. Used: id 51867943091: prompt 3 to 20000 characters; first_frame_url and last_frame_url (a link or asset://id); reference_image_urls at most 9 images under 30 MB each (JPEG, PNG, WebP, BMP, TIFF or GIF); reference_video_urls at most 3 (MP4 or MOV, 2 to 15 s, 50 MB); reference_audio_urls at most 3 (WAV or MP3, 2 to 15 s, 15 MB); return_last_frame (deprecated); generate_audio (default on); resolution 480p, 720p or 1080p (default 720p); aspect_ratio (said to be required; default 16:9; 1:1, 4:3, 3:4, 16:9, 9:16, 21:9, adaptive); duration a whole number 4 to 15 (default 5); web_search, neither required nor given a default; nsfw_checker. The export names the video list "reference_video_urls " with a trailing space, a slip its example does not repeat: "reference_video_urls" is sent. Other copies: ids 61380086918 and 55358051465, the same page. Changed: prompt up to 20000 characters (was 5000), reference images up to 30 MB (were 10 MB); Web Search is sent only when switched on; duration 5 s and resolution 720p are left out as kie.ai's defaults; Sound stays off by default (kie.ai's default is on) so saved workflows keep their cost. Before: ` +
		'No copy of this page is in the search corpora (queries in the report of the models-verify branch); two secondary sources were compared. A kie.ai client that checked the page on 2026-04-04 lists prompt, first_frame_url, last_frame_url, reference_image_urls (9), reference_video_urls (3), reference_audio_urls (3), return_last_frame, generate_audio, resolution 480p/720p/1080p, aspect_ratio, duration 4 to 15 and web_search; a field-by-field audit dated 2026-08-05 adds 4k and nsfw_checker; a kie.ai client\'s schema written from the page has 480p/720p/1080p, duration a number 4 to 15, web_search required, and reference images not combined with first/last frames. 4k is not offered until the page itself confirms it; return_last_frame (deprecated) goes through Additional Input. Changed: Web Search is a form field, always sent',
	'bytedance/seedance-2-fast':
		`Re-checked on ${RECHECKED} (issue 19, second round) against a markdown summary of this page kept in a public repository (code corpus id 52816327524, undated; no kie.ai export of the page was found): prompt 3 to 2500 characters, web_search required, duration 4 to 15 with 8 by default, aspect_ratio optional (16:9 by default), resolution 480p or 720p (720p by default). Round one had followed kie.ai's Seedance 2 export (id 51867943091): prompt up to 20000, web_search optional, duration 5 by default, aspect_ratio required. Where the two disagree the node takes the safe side: prompt at most 2500 characters; Web Search always sent (off unless switched on); Duration always sent, since kie.ai's default is 5 or 8 s depending on the copy; the ratio always sent. Before: ` +
		'No copy of this page is in the search corpora (queries in the report of the models-verify branch). A field-by-field audit dated 2026-08-05 (a secondary source) gives the Seedance 2 fields with resolution 480p or 720p only; a kie.ai client notes that the page\'s example body names the model "bytedance/seedance-2" by mistake ("bytedance/seedance-2-fast" is sent); another client\'s schema has web_search required (the page says it applies to text-to-video only). Changed: Web Search is a form field, always sent',
};

/** The export's limit for each reference image. */
const REFERENCE_IMAGE_BYTES = 30_000_000;

/** Fast's only copy disagrees with Seedance 2's export: the stricter reading of each field. */
const FAST = { maxPrompt: 2500, durationDefaultKnown: false, webSearchRequired: true };
const FULL = { maxPrompt: 20_000, durationDefaultKnown: true, webSearchRequired: false };

function seedance(id: string, name: string, resolutions: string[]): ModelSpec {
	const rules = id === 'bytedance/seedance-2-fast' ? FAST : FULL;
	const fields: Record<string, ModelField> = {
		prompt: prompt(rules.maxPrompt, true, 3),
		firstFrameUrl: singleImage('first_frame_url', false),
		lastFrameUrl: singleImage('last_frame_url', false),
		referenceImageUrls: { key: 'reference_image_urls', list: true, count: { min: 0, max: 9 }, maxBytes: REFERENCE_IMAGE_BYTES },
		referenceVideoUrls: { key: 'reference_video_urls', list: true, count: { min: 0, max: 3 } },
		referenceAudioUrls: { key: 'reference_audio_urls', list: true, count: { min: 0, max: 3 } },
		aspectRatio: {
			key: 'aspect_ratio',
			// The export's text calls it required.
			required: true,
			default: '16:9',
			options: ratios(['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', 'adaptive']),
		},
		duration: { key: 'duration', default: 5, ...(rules.durationDefaultKnown ? { providerDefault: 5 } : {}), options: secondsRange(4, 15, 'number') },
		resolution: { key: 'resolution', default: '720p', providerDefault: '720p', options: choices(resolutions) },
		sound: { key: 'generate_audio', default: false, providerDefault: true },
		// Seedance 2: no copy marks it required, so it is sent only when switched on. Fast: its copy does.
		webSearch: rules.webSearchRequired ? { key: 'web_search', default: false, required: true } : { key: 'web_search', default: false, providerDefault: false },
	};
	return market({
		id,
		name,
		description: 'Text, frames or reference images, videos and audio to a 4–15 s video',
		fields,
		docs: { url: `https://docs.kie.ai/market/bytedance/${id.split('/')[1]}`, checked: RECHECKED, note: NOTES[id] },
	});
}

export const SEEDANCE_MODELS = [
	seedance('bytedance/seedance-2', 'Seedance 2', ['480p', '720p', '1080p']),
	seedance('bytedance/seedance-2-fast', 'Seedance 2 Fast', ['480p', '720p']),
];
