import type { ModelField } from '../types';
import { EXPORTS, market, prompt, RECHECKED, singleImage } from './common';
import { ratios, secondsRange } from './options';

const RECHECK = (id: string, page: string) =>
	`Re-checked against ${EXPORTS}. Used: id ${id} (${page}); no other kie.ai copy was found. It has no resolution field, which the node always sent ("2K"): Resolution is gone. Before: `;

const NOTE =
	'No copy of this page is in the search corpora (queries in the report of the models-verify branch). Fields follow two secondary sources that agree: a public field-by-field audit of the page dated 2026-08-05 and a kie.ai client\'s schema written from it (prompt 1 to 7000 characters, duration a required whole number 4 to 15 with 6 the page\'s default, resolution 768P or 2K with 2K the default)';

/** The page's limit for a frame (JPEG, PNG, WebP, HEIC or HEIF). */
const FRAME_BYTES = 30_000_000;

const duration: ModelField = { key: 'duration', required: true, default: 6, options: secondsRange(4, 15, 'number') };

export const MINIMAX_MODELS = [
	market({
		id: 'minimax-h3/text-to-video',
		name: 'MiniMax H3: Text to Video',
		description: 'A 4–15 s video from a text prompt',
		fields: {
			prompt: prompt(7000),
			aspectRatio: { key: 'aspect_ratio', required: true, default: '16:9', options: ratios(['16:9', '9:16', '1:1', '4:3', '3:4', '21:9']) },
			duration,
		},
		docs: {
			url: 'https://docs.kie.ai/market/minimax-h3/text-to-video',
			checked: RECHECKED,
			note: `${RECHECK('61674687889', 'prompt 1 to 7000 characters, aspect_ratio 21:9, 16:9, 4:3, 1:1, 3:4 or 9:16 and duration a whole number 4 to 15 (default 6), all three required')}${NOTE}; aspect_ratio is required. Changed: the default resolution is now 2K, as the page gives, and the docs path is /market/minimax-h3/.`,
		},
	}),
	market({
		id: 'minimax-h3/image-to-video',
		name: 'MiniMax H3: Image to Video',
		description: 'A 4–15 s video from a first and/or last frame',
		fields: {
			prompt: prompt(7000),
			firstFrameUrl: { ...singleImage('first_frame_url', false, 'Give a first frame, a last frame or both'), maxBytes: FRAME_BYTES },
			lastFrameUrl: { ...singleImage('last_frame_url', false), maxBytes: FRAME_BYTES },
			duration,
		},
		rules: [{ atLeastOne: ['firstFrameUrl', 'lastFrameUrl'], message: 'needs a first frame, a last frame or both' }],
		docs: {
			url: 'https://docs.kie.ai/market/minimax-h3/image-to-video',
			checked: RECHECKED,
			note: `${RECHECK('61437593882', 'prompt 1 to 7000 characters and duration a whole number 4 to 15 required; first_frame_url and/or last_frame_url, http(s) or oss links to JPG, PNG, WebP, HEIC or HEIF images of up to 30 MB')}${NOTE}; a first frame, a last frame or both (JPEG, PNG, WebP, HEIC or HEIF, up to 30 MB). Changed: the page has no aspect_ratio here (the frames give the shape), so it is no longer sent; the default resolution is 2K; frames may be up to 30 MB (were 10 MB).`,
		},
	}),
];
