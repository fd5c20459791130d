'use strict';

// kie.ai's current Market video models and the `input` each takes, written from their
// docs.kie.ai pages (see ../shared/video-models.md), independently of the node's catalogue:
// the point is to catch the node sending a field with the wrong name or type.
// A spec: type 'string' | 'number' | 'boolean' | 'array' | 'object'; enum; required; min/max
// (numbers); maxLength (strings); minItems/maxItems (arrays).

const str = (extra = {}) => ({ type: 'string', ...extra });
const bool = (extra = {}) => ({ type: 'boolean', ...extra });
const num = (extra = {}) => ({ type: 'number', ...extra });
const urls = (maxItems, extra = {}) => ({ type: 'array', items: 'string', maxItems, ...extra });
const seconds = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

const KLING_RATIOS = ['16:9', '9:16', '1:1'];

const KLING_3 = {
	prompt: str({ maxLength: 2500 }),
	image_urls: urls(2),
	sound: bool(),
	duration: str({ enum: seconds(3, 15) }),
	aspect_ratio: str({ enum: KLING_RATIOS }),
	mode: str({ enum: ['std', 'pro'], required: true }),
	multi_shots: bool({ required: true }),
	multi_prompt: { type: 'array', items: 'object', maxItems: 6 },
	kling_elements: { type: 'array', items: 'object' },
};

const WAN_26 = {
	prompt: str({ required: true, maxLength: 5000 }),
	duration: str({ enum: ['5', '10', '15'] }),
	resolution: str({ enum: ['720p', '1080p'] }),
	multi_shots: bool(),
};

const SEEDANCE = (resolutions) => ({
	prompt: str({ required: true }),
	first_frame_url: str(),
	last_frame_url: str(),
	reference_image_urls: urls(9),
	reference_video_urls: urls(3),
	reference_audio_urls: urls(3),
	generate_audio: bool(),
	web_search: bool({ required: true }),
	resolution: str({ enum: resolutions }),
	aspect_ratio: str({ enum: ['1:1', '4:3', '3:4', '16:9', '9:16', '21:9', 'adaptive'] }),
	duration: num({ min: 4, max: 15 }),
});

const HAILUO = {
	prompt: str({ maxLength: 5000 }),
	image_url: str({ required: true }),
	duration: str({ enum: ['6', '10'] }),
	resolution: str({ enum: ['768P', '1080P'] }),
};

const MINIMAX = {
	prompt: str({ required: true, maxLength: 7000 }),
	duration: num({ min: 4, max: 15, required: true }),
	resolution: str({ enum: ['768P', '2K'] }),
};

const GROK = {
	mode: str({ enum: ['fun', 'normal', 'spicy'] }),
	duration: num({ min: 6, max: 30 }),
	resolution: str({ enum: ['480p', '720p', '1080p'] }),
	aspect_ratio: str({ enum: ['2:3', '3:2', '1:1', '16:9', '9:16'] }),
};

const KIE_MODELS = {
	'kling-3.0/video': KLING_3,
	'kling-2.6/text-to-video': {
		prompt: str({ required: true, maxLength: 2500 }),
		sound: bool({ required: true }),
		aspect_ratio: str({ enum: KLING_RATIOS }),
		duration: str({ enum: ['5', '10'] }),
	},
	'kling-2.6/image-to-video': {
		prompt: str({ required: true, maxLength: 1000 }),
		image_urls: urls(1, { minItems: 1, required: true }),
		sound: bool({ required: true }),
		duration: str({ enum: ['5', '10'] }),
	},
	'wan/2-6-text-to-video': WAN_26,
	'wan/2-6-image-to-video': { ...WAN_26, image_urls: urls(1, { minItems: 1, required: true }) },
	'wan/2-7-text-to-video': {
		prompt: str({ required: true, maxLength: 5000 }),
		negative_prompt: str({ maxLength: 500 }),
		resolution: str({ enum: ['720p', '1080p'] }),
		ratio: str({ enum: ['16:9', '9:16', '1:1', '4:3', '3:4'] }),
		duration: num({ min: 2, max: 15 }),
		prompt_extend: bool(),
		watermark: bool(),
		seed: num(),
	},
	'bytedance/seedance-2': SEEDANCE(['480p', '720p', '1080p']),
	'bytedance/seedance-2-fast': SEEDANCE(['480p', '720p']),
	'hailuo/2-3-image-to-video-pro': HAILUO,
	'hailuo/2-3-image-to-video-standard': HAILUO,
	'minimax-h3/text-to-video': { ...MINIMAX, aspect_ratio: str({ required: true, enum: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] }) },
	// No aspect_ratio: the frames give the shape.
	'minimax-h3/image-to-video': { ...MINIMAX, first_frame_url: str(), last_frame_url: str() },
	'grok-imagine/text-to-video': { ...GROK, prompt: str({ required: true, maxLength: 5000 }) },
	'grok-imagine/image-to-video': { ...GROK, prompt: str({ maxLength: 4096 }), image_urls: urls(7), task_id: str(), index: num({ min: 0, max: 5 }) },
	'gemini-omni-video': {
		prompt: str({ required: true, maxLength: 20000 }),
		duration: str({ enum: ['4', '6', '8', '10'], required: true }),
		image_urls: urls(7),
		aspect_ratio: str({ enum: ['16:9', '9:16'] }),
		resolution: str({ enum: ['720p', '1080p', '4k'] }),
	},
};

// Checks across fields that the pages state in words.
const RULES = {
	'kling-3.0/video': (input) => {
		if (input.multi_shots && !Array.isArray(input.multi_prompt)) return 'input.multi_prompt is required when multi_shots is true';
		if (!input.multi_shots && typeof input.prompt !== 'string') return 'input.prompt is required';
		return null;
	},
	'minimax-h3/image-to-video': (input) =>
		input.first_frame_url || input.last_frame_url ? null : 'input.first_frame_url or input.last_frame_url is required',
	'grok-imagine/image-to-video': (input) => {
		if (input.mode === 'spicy' && input.image_urls) return 'spicy mode needs task_id, not image_urls';
		if (input.resolution === '1080p' && (input.image_urls ?? []).length > 1) return 'only one image at 1080p';
		return null;
	},
	'hailuo/2-3-image-to-video-pro': (input) => (input.resolution === '1080P' && input.duration === '10' ? '1080P supports only 6 s' : null),
	'hailuo/2-3-image-to-video-standard': (input) => (input.resolution === '1080P' && input.duration === '10' ? '1080P supports only 6 s' : null),
};

const COMMON = { upload_method: str({ enum: ['s3', 'oss'] }) };

function typeOf(value) {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	return typeof value;
}

/** Checks one value against its spec; returns kie.ai's 422 message or null. */
function checkValue(key, value, spec) {
	const got = typeOf(value);
	if (got !== spec.type) return `input.${key} must be of type ${spec.type}, but is ${got}`;
	if (spec.enum && !spec.enum.includes(value)) return `input.${key} must be one of ${spec.enum.join(', ')}`;
	if (spec.type === 'number' && ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))) {
		return `input.${key} must be between ${spec.min} and ${spec.max}`;
	}
	if (spec.type === 'string' && spec.maxLength !== undefined && value.length > spec.maxLength) {
		return `input.${key} exceeds ${spec.maxLength} characters`;
	}
	if (spec.type === 'array') {
		if (spec.minItems !== undefined && value.length < spec.minItems) return `input.${key} needs at least ${spec.minItems} items`;
		if (spec.maxItems !== undefined && value.length > spec.maxItems) return `input.${key} takes at most ${spec.maxItems} items`;
		const itemType = spec.items === 'object' ? 'object' : 'string';
		if (value.some((item) => typeOf(item) !== itemType)) return `input.${key} must be a list of ${itemType}s`;
	}
	return null;
}

/** Validates a Market create's input; returns the 422 message, or null when the input is valid. */
function validateKieInput(model, input) {
	const schema = KIE_MODELS[model];
	if (!schema) return null;
	const fields = { ...COMMON, ...schema };
	for (const [key, value] of Object.entries(input)) {
		const spec = fields[key];
		if (!spec) return `input.${key} is not a parameter of ${model}`;
		const problem = checkValue(key, value, spec);
		if (problem) return problem;
	}
	for (const [key, spec] of Object.entries(fields)) {
		if (spec.required && !(key in input)) return `input.${key} is required`;
	}
	return RULES[model] ? RULES[model](input) : null;
}

module.exports = { KIE_MODELS, validateKieInput };
