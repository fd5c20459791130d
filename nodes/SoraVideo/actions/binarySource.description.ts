import type { INodeProperties } from 'n8n-workflow';

import { FIELDS } from '../../shared/models/fields';
import type { FieldDefinition, ModelSpec } from '../../shared/models/types';
import type { ProviderId } from '../../shared/providers/types';
import { BINARY_SOURCE, binaryParam, sourceParam, UPLOAD_PROVIDERS } from './binarySource';

/*
 * For each image or video field of the catalogue, the kie.ai-only choice between a link and a
 * file from the item's binary data, generated from the catalogue like the fields themselves.
 */

function takes(model: ModelSpec, name: string, provider: ProviderId): boolean {
	const use = model.fields[name];
	return Boolean(use) && model.providers.includes(provider) && (!use.providers || use.providers.includes(provider));
}

function modelsTaking(models: ModelSpec[], name: string, providers: ProviderId[]): string[] {
	return models.filter((model) => providers.some((provider) => takes(model, name, provider))).map((model) => model.id);
}

/** "Reference Image URLs" → "Reference Image". */
function baseLabel(field: FieldDefinition): string {
	return field.label.replace(/ URLs?$/, '');
}

/** The Source choice and the binary field name(s) for one URL field, shown just before it. */
export function binarySourceProperties(name: string, field: FieldDefinition, models: ModelSpec[]): INodeProperties[] {
	if (field.type !== 'url') return [];
	const shown = modelsTaking(models, name, UPLOAD_PROVIDERS);
	if (shown.length === 0) return [];
	const several = models.some((model) => {
		const use = model.fields[name];
		return shown.includes(model.id) && use?.list && (use.count?.max ?? 2) > 1;
	});
	const media = field.media ?? 'file';
	const show = { operation: ['create'], provider: UPLOAD_PROVIDERS, model: shown };
	return [
		{
			displayName: `${baseLabel(field)} Source`,
			name: sourceParam(field),
			type: 'options',
			options: [
				{ name: 'URL', value: 'url', description: `A public link to the ${media}` },
				{
					name: 'Binary Property',
					value: BINARY_SOURCE,
					description: "A file in the input item's binary data, uploaded to kie.ai first (free; kept about a day)",
				},
			],
			default: 'url',
			description: `Where the ${media} comes from`,
			displayOptions: { show },
		},
		{
			displayName: several ? `${baseLabel(field)} Binary Properties` : `${baseLabel(field)} Binary Property`,
			name: binaryParam(field),
			type: 'string',
			default: 'data',
			placeholder: several ? 'e.g. data, data_1' : 'e.g. data',
			description: several
				? `Names of the input item's binary fields that hold the ${media} files, separated by commas; each item uses its own files`
				: `Name of the input item's binary field that holds the ${media}; each item uses its own file`,
			displayOptions: { show: { ...show, [sourceParam(field)]: [BINARY_SOURCE] } },
		},
	];
}

/** A URL field hides when its file comes from binary data. */
export function hiddenWhenBinary(field: FieldDefinition): { hide?: Record<string, string[]> } {
	return field.type === 'url' ? { hide: { [sourceParam(field)]: [BINARY_SOURCE] } } : {};
}

/** Tells users of the other providers why their image and video fields take links only. */
export function urlOnlyNotice(models: ModelSpec[]): INodeProperties[] {
	const others: ProviderId[] = (['revid', 'sora2api'] as ProviderId[]).filter((p) => !UPLOAD_PROVIDERS.includes(p));
	const urlFields = Object.entries(FIELDS as Record<string, FieldDefinition>)
		.filter(([, field]) => field.type === 'url')
		.map(([name]) => name);
	const shown = [...new Set(urlFields.flatMap((name) => modelsTaking(models, name, others)))];
	if (shown.length === 0) return [];
	return [
		{
			displayName:
				'Revid API and Sora2API take public links only: they have no upload API. To use an image or video from this workflow (binary data), choose kie.ai, which uploads it first.',
			name: 'urlOnlyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { operation: ['create'], provider: others, model: shown } },
		},
	];
}
