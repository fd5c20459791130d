import type { INodeProperties } from 'n8n-workflow';

import { MODELS } from '../../shared/models/catalogue';
import type { ModelSpec } from '../../shared/models/types';
import { urlOnlyNotice } from './binarySource.description';
import { catalogueProperties } from './catalogueProperties';
import { modelProperties } from './modelProperties';
import { studioFieldProperties } from './studioFields.description';

/*
 * The create form: the Model dropdowns, then the model fields generated from the catalogue, so
 * adding a model never means editing this file, then the provider and request options.
 */

const sora2apiProperties: INodeProperties[] = [
	{
		displayName: 'Quality',
		name: 'quality',
		type: 'options',
		options: [
			{ name: 'Standard', value: 'standard' },
			{ name: 'HD', value: 'hd' },
		],
		default: 'standard',
		description: 'HD costs more credits',
		displayOptions: { show: { operation: ['create'], provider: ['sora2api'] } },
	},
	{
		displayName: 'Watermark Text',
		name: 'watermarkText',
		type: 'string',
		default: '',
		description: 'Text to show as a watermark on the video; leave empty for none',
		displayOptions: { show: { operation: ['create'], provider: ['sora2api'] } },
	},
];

const requestProperties: INodeProperties[] = [
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://your-n8n.example.com/webhook/...',
		description:
			"Where the provider POSTs the result when the task ends, e.g. a Sora Video Trigger's production URL. Leave empty for none.",
		// Wait Mode "Callback" sends this execution's resume URL as the callback URL; AI Studio takes none.
		displayOptions: { show: { operation: ['create'] }, hide: { waitMode: ['callback'], provider: ['revidStudio'] } },
	},
	{
		displayName: 'Additional Input (JSON)',
		name: 'additionalInput',
		type: 'json',
		default: '{}',
		description:
			'More fields for the model, merged into "input" (for Sora2API and Veo, into the request body). Overrides the fields above.',
		displayOptions: { show: { operation: ['create'] } },
	},
];

export function createFields(models: ModelSpec[] = MODELS): INodeProperties[] {
	return [
		...modelProperties(models),
		...urlOnlyNotice(models),
		...catalogueProperties(models),
		...studioFieldProperties,
		...sora2apiProperties,
		...requestProperties,
	];
}

export const createFieldProperties: INodeProperties[] = createFields();
