'use strict';

function price(server, credits, resolution, duration, audio) {
	return { server, key: `${resolution}-${duration}-${audio ? 'audio' : 'mute'}`, credits, resolution, duration, audio };
}

/** The simulator's "live" list: IDs differ from the docs' table on purpose, as they do at Revid. */
const STUDIO_MODELS = Object.freeze([
	{
		id: 'kling-2.6',
		name: 'Kling 2.6',
		type: 'video',
		capabilities: { resolutions: ['720p', '1080p'], durations: ['5s', '10s'], aspect_ratios: ['16:9', '9:16', '1:1'], audio: true, image_to_video: true },
		servers: ['1'],
		pricing: [price('1', 70, '720p', '5s', false), price('1', 140, '720p', '10s', false), price('1', 110, '1080p', '5s', false), price('1', 220, '1080p', '10s', false), price('1', 90, '720p', '5s', true), price('1', 180, '720p', '10s', true)],
	},
	{
		id: 'kling-3.0-video',
		name: 'Kling 3.0',
		type: 'video',
		capabilities: { resolutions: ['1080p'], durations: ['5s', '10s', '15s'], aspect_ratios: ['16:9', '9:16'], audio: true, image_to_video: true },
		servers: ['1', '2'],
		pricing: [price('1', 150, '1080p', '5s', true), price('1', 300, '1080p', '10s', true), price('2', 420, '1080p', '15s', true)],
	},
	{
		id: 'veo3.1-low',
		name: 'Veo 3.1 Fast',
		type: 'video',
		capabilities: { resolutions: ['720p'], durations: ['8s'], aspect_ratios: ['16:9', '9:16'], audio: true, image_to_video: false },
		servers: ['1'],
		pricing: [price('1', 60, '720p', '8s', true)],
	},
	{
		id: 'seedance-1.5-pro',
		name: 'Seedance 1.5 Pro',
		type: 'video',
		capabilities: { resolutions: ['480p', '720p'], durations: ['5s', '10s'], aspect_ratios: ['16:9', '9:16', '1:1'], audio: false, image_to_video: true },
		servers: ['1'],
		pricing: [price('1', 40, '480p', '5s', false), price('1', 80, '720p', '10s', false)],
	},
	{
		id: 'nano-banana-pro',
		name: 'Nano Banana Pro',
		type: 'image',
		capabilities: { resolutions: ['1k', '2k'] },
		servers: ['1'],
		pricing: [{ server: '1', key: '1k', credits: 30, resolution: '1k' }],
	},
]);

module.exports = { STUDIO_MODELS };
