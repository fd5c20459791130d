import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { zeroMeansNotSet } from '../../shared/models/optionalNumber';
import type { FieldDefinition, FieldValue, ModelField, ModelSpec } from '../../shared/models/types';
import type { ProviderId } from '../../shared/providers/types';
import { binaryPropertyNames, readsBinary } from './binarySource';

/*
 * One reader per field type. Each reads one item's value of one field, checks it against what
 * the model allows, and returns it as the provider wants it, or undefined to leave it out.
 */

export interface ItemReader {
	fx: IExecuteFunctions;
	itemIndex: number;
	provider: ProviderId;
	model?: ModelSpec;
}

type Value = FieldValue | string[] | IDataObject | IDataObject[] | undefined;

export function invalid(reader: ItemReader, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(reader.fx.getNode(), `Item ${reader.itemIndex + 1}: "${field}" ${problem}`, {
		itemIndex: reader.itemIndex,
		description: `Fix the "${field}" field of item ${reader.itemIndex + 1}. Nothing was sent to the provider.`,
	});
}

export function rawParameter(reader: ItemReader, name: string, fallback: unknown = ''): unknown {
	return reader.fx.getNodeParameter(name, reader.itemIndex, fallback) as unknown;
}

export function textParameter(reader: ItemReader, name: string): string {
	const value = rawParameter(reader, name);
	return value === undefined || value === null ? '' : String(value).trim();
}

export function httpUrl(reader: ItemReader, label: string, value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalid(reader, label, `must be a full http(s) URL, but got "${value.slice(0, 80)}"`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw invalid(reader, label, `must be an http(s) URL, not ${url.protocol}`);
	}
	return value;
}

export function maxLength(reader: ItemReader, label: string, value: string, max: number | undefined): string {
	if (max !== undefined && value.length > max) {
		throw invalid(reader, label, `is ${value.length} characters long; the limit is ${max}`);
	}
	return value;
}

function countCheck(reader: ItemReader, label: string, what: string, count: ModelField['count'], got: number): void {
	if (!count || (got >= count.min && got <= count.max)) return;
	const wanted =
		count.min === count.max
			? `exactly ${count.max === 1 ? 'one' : count.max}`
			: count.min === 0
				? `at most ${count.max}`
				: `${count.min} to ${count.max}`;
	throw invalid(reader, label, `takes ${wanted} ${what}${count.max === 1 ? '' : 's'}, but got ${got}`);
}

function splitList(value: string): string[] {
	return value.split(/[\s,]+/).filter(Boolean);
}

function readText(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	const value = textParameter(reader, field.param);
	if (use.list) {
		const items = value.split(',').map((item) => item.trim()).filter(Boolean);
		countCheck(reader, field.label, 'entry', use.count, items.length);
		return items.length > 0 ? items : undefined;
	}
	if (value === '') {
		if (use.required) throw invalid(reader, field.label, 'is required');
		return undefined;
	}
	if (use.check === 'timeSlice') {
		const [start, end] = value.split(',').map(Number);
		if (!(end - start >= 1 && end - start <= 4)) {
			throw invalid(reader, field.label, `must be "start,end" for a 1 to 4 second slice, but got "${value}"`);
		}
	}
	if (use.minLength !== undefined && value.length < use.minLength) {
		throw invalid(reader, field.label, `is ${value.length} characters long; it needs at least ${use.minLength}`);
	}
	return maxLength(reader, field.label, value, use.maxLength);
}

/**
 * Public links of one media kind. The one place URL fields are read. On kie.ai a field may take
 * its files from binary data instead: then this reads and counts the binary field names, which
 * stand in for the links until the files are checked and uploaded (binarySource.ts).
 */
export function readUrls(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	const binary = readsBinary(reader, field);
	const urls = binary ? binaryPropertyNames(reader, field) : splitList(textParameter(reader, field.param));
	if (urls.length === 0 && !use.required) return undefined;
	const what = `${field.media ?? 'file'} ${binary ? 'file' : 'URL'}`;
	if (urls.length === 0) throw invalid(reader, field.label, 'is required');
	countCheck(reader, field.label, what, use.list ? use.count : { min: 1, max: 1 }, urls.length);
	if (binary) return use.list ? urls : urls[0];
	const checked = urls.map((url) => httpUrl(reader, field.label, maxLength(reader, field.label, url, use.maxLength)));
	return use.list ? checked : checked[0];
}

function readBoolean(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	const value = rawParameter(reader, field.param, use.default ?? false);
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false' || value === '' || value === undefined || value === null) return false;
	throw invalid(reader, field.label, `must be true or false, but got "${String(value)}"`);
}

function readChoice(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	const value = rawParameter(reader, field.param, use.default);
	const options = use.options ?? [];
	// An expression may give "5" for 5: match by text, send the option's own value and type.
	const option = options.find((candidate) => String(candidate.value) === String(value ?? '').trim());
	if (!option) {
		const allowed = options.map((candidate) => candidate.value).join(', ');
		throw invalid(reader, field.label, `must be one of ${allowed} for ${reader.model?.name}, but got "${String(value ?? '')}"`);
	}
	return option.value;
}

function readNumber(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	const value = rawParameter(reader, field.param, use.default);
	const empty = value === '' || value === undefined || value === null;
	if ((empty || (zeroMeansNotSet(use) && Number(value) === 0)) && !use.required) return undefined;
	const number = Number(value);
	const outOfRange = (use.min !== undefined && number < use.min) || (use.max !== undefined && number > use.max);
	if (!Number.isFinite(number) || outOfRange || (use.integer && !Number.isInteger(number))) {
		const range = use.min !== undefined && use.max !== undefined ? ` from ${use.min} to ${use.max}` : '';
		throw invalid(reader, field.label, `must be a${use.integer ? ' whole' : ''} number${range}, but got "${String(value)}"`);
	}
	return use.sendAs === 'string' ? String(number) : number;
}

function readJson(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	const value = rawParameter(reader, field.param);
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') {
			if (use.required) throw invalid(reader, field.label, 'is required');
			return undefined;
		}
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw invalid(reader, field.label, `is not valid JSON (${(error as Error).message})`);
		}
	}
	const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'object' && parsed !== null ? 'object' : 'other';
	if (kind !== (use.jsonKind ?? 'object')) {
		throw invalid(reader, field.label, `must be a JSON ${use.jsonKind === 'array' ? 'list, like [{...}]' : 'object, like {...}'}`);
	}
	// The field's default is an empty list or object: that means "not set", as an empty text does.
	if (Object.keys(parsed as object).length === 0) {
		if (use.required) throw invalid(reader, field.label, 'is required');
		return undefined;
	}
	if (Array.isArray(parsed)) checkJsonEntries(reader, field, use, parsed);
	return parsed as IDataObject | IDataObject[];
}

function checkJsonEntries(reader: ItemReader, field: FieldDefinition, use: ModelField, entries: unknown[]): void {
	countCheck(reader, field.label, 'list item', use.count, entries.length);
	entries.forEach((entry, index) => {
		const missing = (use.itemKeys ?? []).filter((key) => !(typeof entry === 'object' && entry !== null && key in entry));
		if (missing.length > 0) throw invalid(reader, field.label, `entry ${index + 1} lacks "${missing.join('", "')}"`);
	});
}

function readShots(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	const collection = rawParameter(reader, field.param, {}) as { shot?: Array<{ scene?: string; duration?: number | string }> };
	const shots = collection?.shot ?? [];
	if (shots.length === 0 && !use.required) return undefined;
	const count = use.count ?? { min: 1, max: shots.length };
	if (shots.length < count.min || shots.length > count.max) {
		throw invalid(reader, field.label, `needs ${count.min} to ${count.max} shots, but has ${shots.length}`);
	}
	const keys = use.shotKeys ?? { text: 'prompt', duration: 'duration' };
	return shots.map((shot, index) => {
		const text = String(shot.scene ?? '').trim();
		const duration = Number(shot.duration);
		if (text === '') throw invalid(reader, field.label, `shot ${index + 1} has no scene text`);
		const outOfRange = !Number.isFinite(duration) || duration < (use.min ?? 0) || duration > (use.max ?? Infinity);
		if (outOfRange || (use.integer && !Number.isInteger(duration))) {
			throw invalid(
				reader,
				field.label,
				`shot ${index + 1} lasts ${shot.duration} s; each shot must last ${use.min} to ${use.max} s${use.integer ? ', in whole seconds' : ''}`,
			);
		}
		return { [keys.text]: maxLength(reader, field.label, text, use.maxLength), [keys.duration]: duration };
	});
}

const READERS: Record<FieldDefinition['type'], (reader: ItemReader, field: FieldDefinition, use: ModelField) => Value> = {
	text: readText,
	url: readUrls,
	boolean: readBoolean,
	choice: readChoice,
	number: readNumber,
	json: readJson,
	shots: readShots,
};

export function readFieldValue(reader: ItemReader, field: FieldDefinition, use: ModelField): Value {
	return READERS[field.type](reader, field, use);
}
