import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonObject } from '../../jsonObject';
import { checkBinaryInput } from '../../upload/binaryInput';
import type { CreateTaskRequest } from '../types';
import { findStudioModel, liveModels } from './liveModels';
import { normaliseDuration, type StudioModel } from './models';

/** Node parameters of the Revid AI Studio create form (see studioFields.description.ts). */
export const STUDIO = {
	model: 'studioModel',
	prompt: 'studioPrompt',
	duration: 'studioDuration',
	aspectRatio: 'studioAspectRatio',
	resolution: 'studioResolution',
	audio: 'studioAudio',
	imageSource: 'studioImageSource',
	imageUrl: 'studioImageUrl',
	imageBinary: 'studioImageBinaryProperty',
	options: 'studioOptions',
} as const;

interface Reader {
	fx: IExecuteFunctions;
	itemIndex: number;
}

function invalid({ fx, itemIndex }: Reader, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "${field}" ${problem}`, {
		itemIndex,
		description: `Fix the "${field}" field of item ${itemIndex + 1}. Nothing was sent to Revid AI Studio.`,
	});
}

function text({ fx, itemIndex }: Reader, name: string, options?: { extractValue: boolean }): string {
	const value = fx.getNodeParameter(name, itemIndex, '', options) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

function httpUrl(reader: Reader, label: string, value: string): string {
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw invalid(reader, label, `must be a full http(s) URL, but got "${value.slice(0, 80)}"`);
	}
	return value;
}

function additionalInput(reader: Reader): IDataObject {
	const read = parseJsonObject(reader.fx.getNodeParameter('additionalInput', reader.itemIndex, '{}'), '{"server_id": "1"}');
	if ('problem' in read) throw invalid(reader, 'Additional Input (JSON)', read.problem);
	return read.object;
}

function listed(values: string[]): string {
	return values.map((value) => `"${value}"`).join(', ');
}

/** Refuses what the live list says Revid would refuse; a list that does not say lets it through. */
function checkAgainst(reader: Reader, model: StudioModel, input: IDataObject, hasImage: boolean): void {
	const check = (label: string, value: unknown, allowed: string[]) => {
		if (value === undefined || allowed.length === 0 || allowed.includes(String(value))) return;
		throw invalid(reader, label, `cannot be "${String(value)}" for ${model.name}: Revid AI Studio offers ${listed(allowed)}`);
	};
	check('Duration', input.duration, model.durations);
	check('Aspect Ratio', input.aspect_ratio, model.aspectRatios);
	check('Resolution', input.resolution, model.resolutions);
	if (input.audio === true && model.audio === false) throw invalid(reader, 'Audio', `cannot be on: ${model.name} makes videos without sound`);
	if (hasImage && model.imageToVideo === false) throw invalid(reader, 'Image', `cannot be used: ${model.name} makes videos from text only`);
}

/**
 * Reads and checks one item's create fields for Revid AI Studio, before anything is sent: the
 * model and its options against Revid's live model list (GET /v1/models, cached a few minutes).
 * When the list cannot be fetched the request goes out unchecked: Revid stays the judge.
 */
export async function readStudioRequest(fx: IExecuteFunctions, itemIndex: number): Promise<CreateTaskRequest> {
	const reader = { fx, itemIndex };
	const model = text(reader, STUDIO.model, { extractValue: true });
	if (model === '') throw invalid(reader, 'Model', 'is required: choose a model from the list or enter its ID');
	const prompt = text(reader, STUDIO.prompt);
	if (prompt === '') throw invalid(reader, 'Prompt', 'is required');

	const input: IDataObject = { prompt };
	const duration = text(reader, STUDIO.duration);
	if (duration !== '') input.duration = normaliseDuration(duration) ?? duration;
	const aspectRatio = text(reader, STUDIO.aspectRatio);
	if (aspectRatio !== '') input.aspect_ratio = aspectRatio;
	const resolution = text(reader, STUDIO.resolution);
	if (resolution !== '') input.resolution = resolution.toLowerCase();
	const audio = text(reader, STUDIO.audio);
	if (audio === 'true' || audio === 'false') input.audio = audio === 'true';
	const options = fx.getNodeParameter(STUDIO.options, itemIndex, {}) as { speed?: string; serverId?: string };
	if (options.speed?.trim()) input.speed = options.speed.trim();
	if (options.serverId?.trim()) input.server_id = options.serverId.trim();

	let file: CreateTaskRequest['file'];
	const source = text(reader, STUDIO.imageSource) || 'none';
	if (source === 'url') {
		input.img_url = httpUrl(reader, 'Image URL', text(reader, STUDIO.imageUrl));
	} else if (source === 'binary') {
		const property = text(reader, STUDIO.imageBinary) || 'data';
		file = { field: 'input_image', binary: await checkBinaryInput(fx, itemIndex, { label: 'Image', kinds: ['image'] }, property) };
	}
	// Revid's form pairs an input image with mode "i2v"; text to video needs no mode.
	if (source === 'url' || source === 'binary') input.mode = 'i2v';
	if (file && /^seedance/i.test(model)) {
		throw invalid(reader, 'Image', `takes a link for ${model}: Seedance models are created with a JSON body, which cannot carry a file. Choose "Image URL"`);
	}
	Object.assign(input, additionalInput(reader));

	const models = await liveModels(fx, itemIndex);
	if (models) {
		const known = findStudioModel(models, model);
		if (!known) {
			const names = models.slice(0, 12).map((entry) => entry.id);
			throw invalid(reader, 'Model', `"${model}" is not among Revid AI Studio's video models today (${listed(names)}${models.length > 12 ? ', …' : ''})`);
		}
		checkAgainst(reader, known, input, source !== 'none');
		return { model: known.id, input, ...(file ? { file } : {}) };
	}
	return { model, input, ...(file ? { file } : {}) };
}
