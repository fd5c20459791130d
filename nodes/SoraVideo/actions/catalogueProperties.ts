import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FIELDS } from '../../shared/models/fields';
import { fieldHint } from '../../shared/models/fieldHint';
import { zeroMeansNotSet } from '../../shared/models/optionalNumber';
import type { FieldDefinition, ModelField, ModelSpec } from '../../shared/models/types';
import type { ProviderId } from '../../shared/providers/types';
import { binarySourceProperties, hiddenWhenBinary } from './binarySource.description';

/*
 * The create form's model fields, generated from the catalogue: one property per field meaning,
 * or one per distinct set of allowed values when models differ, each shown only for its models.
 */

interface Group {
	use: ModelField;
	providers: ProviderId[];
	models: string[];
}

function providersOf(model: ModelSpec, use: ModelField): ProviderId[] {
	return model.providers.filter((provider) => !use.providers || use.providers.includes(provider));
}

/** What makes two models' use of a field look the same in the form. */
function signature(use: ModelField, providers: ProviderId[]): string {
	// The key sent does not show in the form: two models that name a field differently share it.
	return JSON.stringify({ ...use, key: undefined, providers });
}

function groupsFor(name: string, models: ModelSpec[]): Group[] {
	const groups = new Map<string, Group>();
	for (const model of models) {
		const use = model.fields[name];
		if (!use) continue;
		const providers = providersOf(model, use);
		if (providers.length === 0) continue;
		const key = signature(use, providers);
		const group = groups.get(key) ?? { use, providers, models: [] };
		group.models.push(model.id);
		groups.set(key, group);
	}
	return [...groups.values()];
}

function choiceOptions(use: ModelField): INodePropertyOptions[] {
	return (use.options ?? []).map((option) => ({ name: option.label ?? String(option.value), value: option.value }));
}

function shotsProperty(use: ModelField): Partial<INodeProperties> {
	return {
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Shot',
		default: {},
		options: [
			{
				displayName: 'Shot',
				name: 'shot',
				values: [
					{
						displayName: 'Scene',
						name: 'scene',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						description: 'What happens in this shot',
					},
					{
						displayName: 'Duration (Seconds)',
						name: 'duration',
						type: 'number',
						typeOptions: { minValue: use.min, maxValue: use.max, numberPrecision: use.integer ? 0 : 1 },
						default: Math.min(use.max ?? 5, 5),
						description: `Length of this shot, ${use.min} to ${use.max} seconds`,
					},
				],
			},
		],
	};
}

function typeParts(field: FieldDefinition, use: ModelField): Partial<INodeProperties> {
	switch (field.type) {
		case 'boolean':
			return { type: 'boolean', default: use.default ?? false };
		case 'number':
			return {
				type: 'number',
				default: use.default ?? 0,
				typeOptions: { minValue: zeroMeansNotSet(use) ? 0 : use.min, maxValue: use.max, numberPrecision: use.integer ? 0 : undefined },
			};
		case 'choice':
			return { type: 'options', options: choiceOptions(use), default: use.default ?? use.options?.[0]?.value ?? '' };
		case 'json':
			// An empty editor shows a red syntax marker in n8n's JSON editor; an empty list or object does not.
			return { type: 'json', default: use.jsonKind === 'array' ? '[]' : '{}' };
		case 'shots':
			return shotsProperty(use);
		default:
			return {
				type: 'string',
				default: use.default ?? '',
				...(field.rows ? { typeOptions: { rows: field.rows } } : {}),
			};
	}
}

function propertyFor(field: FieldDefinition, group: Group): INodeProperties {
	const { use } = group;
	const parts = typeParts(field, use);
	return {
		displayName: field.label,
		name: field.param,
		...parts,
		default: parts.default as INodeProperties['default'],
		...(use.required && field.type !== 'boolean' ? { required: true } : {}),
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
		description: fieldHint(field, use),
		displayOptions: { show: { operation: ['create'], provider: group.providers, model: group.models }, ...hiddenWhenBinary(field) },
	} as INodeProperties;
}

export function catalogueProperties(models: ModelSpec[]): INodeProperties[] {
	return Object.entries(FIELDS).flatMap(([name, field]) => [
		...binarySourceProperties(name, field as FieldDefinition, models),
		...groupsFor(name, models).map((group) => propertyFor(field as FieldDefinition, group)),
	]);
}
