import type { ModelSpec } from '../types';
import { EXPORTS, market, prompt, RECHECKED, singleImage } from './common';
import { choices } from './options';

const RECHECK = {
	standard: `Re-checked against ${EXPORTS}. Used: id 59319555187 (the Chinese page; no English export was found): prompt and image_url required; prompt at most 5000 characters; image_url one JPEG, PNG or WebP link of up to 10 MB; duration "6" or "10" as strings (default "6"), no 10 s at 1080P; resolution 768P or 1080P (default 768P); nsfw_checker. Changed: the prompt is required (it was optional and left out when empty); duration 6 s and resolution 768P are left out as kie.ai's defaults. Before: `,
	pro: `Re-checked on 2026-12-06 (issue 19, second round) against a markdown summary of this page kept in a public repository (code corpus id 52646240617, undated; no kie.ai export of the Pro page was found) and a client's transcription of it (id 4848783458): prompt required (at most 5000 characters), image_url required (JPEG, PNG or WebP, 10 MB), duration "6" or "10", resolution 768P or 1080P with no 10 s at 1080P; the transcription gives 768P as the default, another client 1080P, so the resolution is always sent. They agree with the Standard page's export (id 59319555187). Round one: Changed: the prompt is required; duration 6 s is left out as kie.ai's default, resolution is always sent (one client gives 1080P as the Pro page's default, so there 768P is always sent). Before: `,
};

const NOTES = {
	standard:
		'Checked against a stored copy of this page\'s example (prompt, image_url, duration "6" as a string, resolution "768P"). The 10 s / 1080P rule and the 5000-character prompt are from a public field-by-field audit of the page dated 2026-08-05 (a secondary source).',
	pro: 'No copy of this page is in the search corpora (queries in the report of the models-verify branch). A public field-by-field audit of it dated 2026-08-05 (a secondary source) gives the Standard page\'s fields: prompt up to 5000 characters, image_url, duration "6" or "10", resolution 768P or 1080P with no 10 s at 1080P; a kie.ai client\'s table of the page agrees (image up to 10 MB, strings for the duration) and gives 1080P as the page\'s default resolution. No change (768P, the cheaper one, stays the form\'s default).',
};

function hailuo(tier: 'pro' | 'standard', name: string): ModelSpec {
	const id = `hailuo/2-3-image-to-video-${tier}`;
	return market({
		id,
		name,
		description: 'A 6 or 10 s video that starts from one image',
		fields: {
			prompt: prompt(5000),
			imageUrl: singleImage('image_url', true, 'JPEG, PNG or WebP'),
			duration: { key: 'duration', default: '6', providerDefault: '6', options: choices(['6', '10'], ' s') },
			resolution: {
				key: 'resolution',
				default: '768P',
				// The Pro page's default is not in any export: 768P is sent there.
				...(tier === 'standard' ? { providerDefault: '768P' } : {}),
				options: choices(['768P', '1080P']),
				note: '1080P only for 6 s',
			},
		},
		rules: [
			{
				when: { resolution: '1080P' },
				forbid: { duration: '10' },
				message: 'takes 10 s only at 768P; choose 6 s or 768P',
			},
		],
		docs: { url: `https://docs.kie.ai/market/hailuo/2-3-image-to-video-${tier}`, checked: RECHECKED, note: RECHECK[tier] + NOTES[tier] },
	});
}

export const HAILUO_MODELS = [
	hailuo('pro', 'Hailuo 2.3 Pro: Image to Video'),
	hailuo('standard', 'Hailuo 2.3 Standard: Image to Video'),
];
