import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJsonObject } from '../../shared/jsonObject';
import { CUSTOM_MODEL, fieldsOf, findModel } from '../../shared/models/catalogue';
import { fieldDefinition } from '../../shared/models/fields';
import type { FieldValue, ModelField, ModelRule, ModelSpec } from '../../shared/models/types';
import type { CreateTaskRequest, ProviderId } from '../../shared/providers/types';
import {
	httpUrl,
	invalid,
	maxLength,
	rawParameter,
	readFieldValue,
	textParameter,
	type ItemReader,
} from './readFieldValue';

const MAX_CUSTOM_PROMPT = 10_000;

function readAdditionalInput(reader: ItemReader): IDataObject {
	const read = parseJsonObject(rawParameter(reader, 'additionalInput', '{}'), '{"upload_method": "s3"}');
	if ('problem' in read) throw invalid(reader, 'Additional Input (JSON)', read.problem);
	return read.object;
}

/** Reads every field the model takes; returns the values by field name, for the cross-field rules. */
function readModelInput(reader: ItemReader, model: ModelSpec, input: IDataObject): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const [name, use] of fieldsOf(model, reader.provider)) {
		const field = fieldDefinition(name);
		if (!field) throw new Error(`The catalogue entry "${model.id}" uses the unknown field "${name}"`);
		const value = readFieldValue(reader, field, use);
		values[name] = value;
		if (value !== undefined && !use.nodeOption && !isProviderDefault(use, value)) input[use.key] = value;
	}
	Object.assign(input, model.fixedInput ?? {});
	return values;
}

/** An optional value the provider would pick anyway: leaving it out lets the provider apply its own default. */
function isProviderDefault(use: ModelField, value: unknown): boolean {
	return !use.required && use.providerDefault !== undefined && String(value) === String(use.providerDefault);
}

function labelOf(name: string): string {
	return fieldDefinition(name)?.label ?? name;
}

function checkRule(reader: ItemReader, model: ModelSpec, rule: ModelRule, values: Record<string, unknown>): void {
	const same = (name: string, value: FieldValue) => String(values[name]) === String(value);
	if ('atLeastOne' in rule) {
		if (rule.atLeastOne.some((name) => values[name] !== undefined)) return;
		throw invalid(reader, rule.atLeastOne.map(labelOf).join('" or "'), `is required: ${model.name} ${rule.message}`);
	}
	const applies = Object.entries(rule.when).every(([name, value]) => same(name, value));
	const forbidden = Object.entries(rule.forbid).find(([name, value]) => same(name, value));
	if (applies && forbidden) throw invalid(reader, labelOf(forbidden[0]), `cannot be ${forbidden[1]} here: ${model.name} ${rule.message}`);
}

/** Shots that must fill the video exactly (Sora's storyboard). */
function checkShotTotals(reader: ItemReader, model: ModelSpec, input: IDataObject): void {
	for (const [name, use] of Object.entries(model.fields)) {
		const shots = input[use.key];
		if (!use.sumEquals || !Array.isArray(shots)) continue;
		const durationKey = use.shotKeys?.duration ?? 'duration';
		const total = (shots as IDataObject[]).reduce((sum, shot) => sum + Number(shot[durationKey]), 0);
		const expected = Number(input[use.sumEquals]);
		if (Math.abs(total - expected) > 0.05) {
			throw invalid(reader, labelOf(name), `durations add up to ${Math.round(total * 10) / 10} s, but the video lasts ${expected} s`);
		}
	}
}

/** Provider-only options that have no place in the model catalogue. */
function readProviderInput(reader: ItemReader, input: IDataObject): void {
	if (reader.provider !== 'sora2api') return;
	input.quality = textParameter(reader, 'quality') || 'standard';
	const watermark = textParameter(reader, 'watermarkText');
	if (watermark !== '') input.watermark = watermark;
}

function readCustomModel(reader: ItemReader, input: IDataObject): string {
	const model = textParameter(reader, 'customModelId');
	if (model === '') throw invalid(reader, 'Custom Model ID', 'is required');
	const prompt = textParameter(reader, 'prompt');
	if (prompt !== '') input.prompt = maxLength(reader, 'Prompt', prompt, MAX_CUSTOM_PROMPT);
	return model;
}

/**
 * Reads and checks one item's create fields. Every problem is reported here, naming the
 * field and the item, before anything is sent: a rejected request can still cost credits.
 */
export function readCreateRequest(fx: IExecuteFunctions, itemIndex: number, provider: ProviderId): CreateTaskRequest {
	const choice = textParameter({ fx, itemIndex, provider }, 'model');
	const reader: ItemReader = { fx, itemIndex, provider, model: findModel(choice) };
	const input: IDataObject = {};
	let model: string;
	let fullResolution = false;

	if (choice === CUSTOM_MODEL) {
		model = readCustomModel(reader, input);
	} else if (!reader.model) {
		throw invalid(reader, 'Model', `"${choice}" is not in the list; choose "Custom Model ID" to use another model`);
	} else if (!reader.model.providers.includes(provider)) {
		throw invalid(reader, 'Model', `"${reader.model.name}" is not offered through this provider; choose another model or provider`);
	} else {
		const values = readModelInput(reader, reader.model, input);
		for (const rule of reader.model.rules ?? []) checkRule(reader, reader.model, rule, values);
		checkShotTotals(reader, reader.model, input);
		model = reader.model.model;
		fullResolution = Object.entries(reader.model.fields).some(([name, use]) => use.nodeOption === 'fullResolution' && values[name] === true);
	}
	readProviderInput(reader, input);
	Object.assign(input, readAdditionalInput(reader));

	const callBackUrl = textParameter(reader, 'callbackUrl');
	return {
		model,
		input,
		...(callBackUrl ? { callBackUrl: httpUrl(reader, 'Callback URL', callBackUrl) } : {}),
		...(fullResolution ? { fullResolution } : {}),
	};
}
