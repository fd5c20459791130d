import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CUSTOM_MODEL, fieldApplies, findModel, type CreateField, type ModelSpec } from '../../shared/models/catalogue';
import type { CreateTaskRequest, ProviderId } from '../../shared/providers/types';

const MAX_PROMPT = 10_000;
const MAX_CHARACTER_TEXT = 5_000;
const MAX_VIDEO_URL = 500;
const MAX_CHARACTERS = 5;
const MAX_SHOTS = 10;

type Reader = {
	fx: IExecuteFunctions;
	itemIndex: number;
	provider: ProviderId;
	model?: ModelSpec;
};

function invalid(reader: Reader, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(
		reader.fx.getNode(),
		`Item ${reader.itemIndex + 1}: "${field}" ${problem}`,
		{
			itemIndex: reader.itemIndex,
			description: `Fix the "${field}" field of item ${reader.itemIndex + 1}. Nothing was sent to the provider.`,
		},
	);
}

function applies(reader: Reader, field: CreateField): boolean {
	return reader.model !== undefined && fieldApplies(field, reader.provider, reader.model);
}

function text(reader: Reader, name: string): string {
	const value = reader.fx.getNodeParameter(name, reader.itemIndex, '') as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

function httpUrl(reader: Reader, field: string, value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalid(reader, field, `must be a full http(s) URL, but got "${value.slice(0, 80)}"`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw invalid(reader, field, `must be an http(s) URL, not ${url.protocol}`);
	}
	return value;
}

function maxLength(reader: Reader, field: string, value: string, max: number): string {
	if (value.length > max) {
		throw invalid(reader, field, `is ${value.length} characters long; the limit is ${max}`);
	}
	return value;
}

function required(reader: Reader, field: string, value: string): string {
	if (value === '') throw invalid(reader, field, 'is required');
	return value;
}

function readImage(reader: Reader, input: IDataObject, isRequired: boolean): void {
	const raw = text(reader, 'imageUrl');
	if (raw === '' && !isRequired) return;
	const urls = raw.split(/[\s,]+/).filter(Boolean);
	if (urls.length !== 1) {
		throw invalid(reader, 'Image URL', `takes exactly one image URL, but got ${urls.length}`);
	}
	input.image_urls = [httpUrl(reader, 'Image URL', urls[0])];
}

function readDuration(reader: Reader, input: IDataObject): void {
	const seconds = text(reader, 'duration');
	const allowed = reader.model?.durations ?? [];
	if (!allowed.includes(seconds)) {
		throw invalid(reader, 'Duration (Seconds)', `must be one of ${allowed.join(', ')} for ${reader.model?.name}, but got "${seconds}"`);
	}
	input.n_frames = seconds;
}

function readShots(reader: Reader, input: IDataObject): void {
	const collection = reader.fx.getNodeParameter('shots', reader.itemIndex, {}) as {
		shot?: Array<{ scene?: string; duration?: number | string }>;
	};
	const shots = collection.shot ?? [];
	if (shots.length < 1 || shots.length > MAX_SHOTS) {
		throw invalid(reader, 'Shots', `needs 1 to ${MAX_SHOTS} shots, but has ${shots.length}`);
	}
	let total = 0;
	input.shots = shots.map((shot, index) => {
		const scene = String(shot.scene ?? '').trim();
		const duration = Number(shot.duration);
		if (scene === '') throw invalid(reader, 'Shots', `shot ${index + 1} has no scene text`);
		if (!Number.isFinite(duration) || duration < 0.1 || duration > 15) {
			throw invalid(reader, 'Shots', `shot ${index + 1} lasts ${shot.duration} s; each shot must last 0.1 to 15 s`);
		}
		total += duration;
		// The API's key really is capitalised.
		return { Scene: maxLength(reader, 'Shots', scene, MAX_PROMPT), duration };
	});
	const expected = Number(input.n_frames);
	if (Math.abs(total - expected) > 0.05) {
		throw invalid(reader, 'Shots', `durations add up to ${Math.round(total * 10) / 10} s, but the video lasts ${expected} s`);
	}
}

function readCharacterIds(reader: Reader, input: IDataObject): void {
	const ids = text(reader, 'characterIds').split(',').map((id) => id.trim()).filter(Boolean);
	if (ids.length > MAX_CHARACTERS) {
		throw invalid(reader, 'Character IDs', `lists ${ids.length} characters; at most ${MAX_CHARACTERS} are allowed`);
	}
	if (ids.length > 0) input.character_id_list = ids;
}

function readAdditionalInput(reader: Reader): IDataObject {
	const value = reader.fx.getNodeParameter('additionalInput', reader.itemIndex, '{}') as unknown;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw invalid(reader, 'Additional Input (JSON)', `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw invalid(reader, 'Additional Input (JSON)', 'must be a JSON object, like {"upload_method": "s3"}');
	}
	return parsed as IDataObject;
}

function readModelInput(reader: Reader, input: IDataObject): void {
	const set = (key: string, value: string) => {
		if (value !== '') input[key] = value;
	};
	if (applies(reader, 'prompt')) {
		input.prompt = maxLength(reader, 'Prompt', required(reader, 'Prompt', text(reader, 'prompt')), MAX_PROMPT);
	}
	if (applies(reader, 'imageUrl')) readImage(reader, input, true);
	if (applies(reader, 'optionalImageUrl')) readImage(reader, input, false);
	if (applies(reader, 'aspectRatio')) input.aspect_ratio = text(reader, 'aspectRatio') || 'landscape';
	if (applies(reader, 'duration')) readDuration(reader, input);
	if (applies(reader, 'size')) input.size = text(reader, 'size') || 'standard';
	if (applies(reader, 'removeWatermark')) {
		input.remove_watermark = reader.fx.getNodeParameter('removeWatermark', reader.itemIndex, true) as boolean;
	}
	if (applies(reader, 'characterIds')) readCharacterIds(reader, input);
	if (applies(reader, 'shots')) readShots(reader, input);
	if (applies(reader, 'videoUrl')) {
		const url = required(reader, 'Video URL', text(reader, 'videoUrl'));
		input.video_url = httpUrl(reader, 'Video URL', maxLength(reader, 'Video URL', url, MAX_VIDEO_URL));
	}
	if (applies(reader, 'characterFileUrl')) {
		input.character_file_url = httpUrl(reader, 'Character Video URL', required(reader, 'Character Video URL', text(reader, 'characterFileUrl')));
	}
	if (applies(reader, 'originTaskId')) input.origin_task_id = required(reader, 'Origin Task ID', text(reader, 'originTaskId'));
	if (applies(reader, 'timestamps')) {
		const slice = required(reader, 'Timestamps', text(reader, 'timestamps'));
		const [start, end] = slice.split(',').map(Number);
		if (!(end - start >= 1 && end - start <= 4)) {
			throw invalid(reader, 'Timestamps', `must be "start,end" for a 1 to 4 second slice, but got "${slice}"`);
		}
		input.timestamps = slice;
	}
	if (applies(reader, 'characterUserName')) set('character_user_name', maxLength(reader, 'Character User Name', text(reader, 'characterUserName'), 40));
	if (applies(reader, 'characterPrompt')) set('character_prompt', maxLength(reader, 'Character Prompt', text(reader, 'characterPrompt'), MAX_CHARACTER_TEXT));
	if (applies(reader, 'safetyInstruction')) set('safety_instruction', maxLength(reader, 'Safety Instruction', text(reader, 'safetyInstruction'), MAX_CHARACTER_TEXT));
}

/** Provider-only options that have no place in the model catalogue. */
function readProviderInput(reader: Reader, input: IDataObject): void {
	if (reader.provider !== 'sora2api') return;
	input.quality = text(reader, 'quality') || 'standard';
	const watermark = text(reader, 'watermarkText');
	if (watermark !== '') input.watermark = watermark;
}

/**
 * Reads and checks one item's create fields. Every problem is reported here, naming the
 * field and the item, before anything is sent: a rejected request can still cost credits.
 */
export function readCreateRequest(fx: IExecuteFunctions, itemIndex: number, provider: ProviderId): CreateTaskRequest {
	const modelChoice = text({ fx, itemIndex, provider }, 'model');
	const reader: Reader = { fx, itemIndex, provider, model: findModel(modelChoice) };
	const input: IDataObject = {};
	let model = modelChoice;

	if (modelChoice === CUSTOM_MODEL) {
		model = required(reader, 'Custom Model ID', text(reader, 'customModelId'));
		const prompt = text(reader, 'prompt');
		if (prompt !== '') input.prompt = maxLength(reader, 'Prompt', prompt, MAX_PROMPT);
	} else if (!reader.model) {
		throw invalid(reader, 'Model', `"${modelChoice}" is not in the list; choose "Custom Model ID" to use another model`);
	} else if (!reader.model.providers.includes(provider)) {
		throw invalid(reader, 'Model', `"${reader.model.name}" is not offered through this provider; choose another model or provider`);
	} else {
		readModelInput(reader, input);
	}
	readProviderInput(reader, input);
	Object.assign(input, readAdditionalInput(reader));

	const callBackUrl = text(reader, 'callbackUrl');
	return {
		model,
		input,
		...(callBackUrl ? { callBackUrl: httpUrl(reader, 'Callback URL', callBackUrl) } : {}),
	};
}
