import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	CUSTOM_MODEL,
	durationGroups,
	modelsFor,
	modelsWithField,
	providersWithField,
	type CreateField,
} from '../../shared/models/catalogue';
import type { ProviderId } from '../../shared/providers/types';

/*
 * The create form is generated from the model catalogue: a field shows only for the
 * providers and models that accept it, so adding a model never means editing this file.
 */

function showFor(field: CreateField): IDisplayOptions {
	return {
		show: {
			operation: ['create'],
			provider: providersWithField(field),
			model: modelsWithField(field),
		},
	};
}

function modelOptions(provider: ProviderId) {
	return [
		...modelsFor(provider).map((model) => ({
			name: model.name,
			value: model.id,
			description: model.description,
		})),
		{
			name: 'Custom Model ID',
			value: CUSTOM_MODEL,
			description: 'Any other model the provider offers, by its ID',
		},
	];
}

const modelProperties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		// Fixed, not an expression: each model shows its own required fields. Per-item models go through Custom Model ID.
		noDataExpression: true,
		options: modelOptions('kie'),
		default: 'sora-2-text-to-video',
		displayOptions: { show: { operation: ['create'], provider: ['revid', 'kie'] } },
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		options: modelOptions('sora2api'),
		default: 'sora-2-text-to-video',
		description: 'Sora2API chooses text or image to video by whether an image URL is given',
		displayOptions: { show: { operation: ['create'], provider: ['sora2api'] } },
	},
	{
		displayName: 'Custom Model ID',
		name: 'customModelId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. veo3_fast',
		description:
			"The provider's model ID. Put the model's fields in Additional Input (JSON); the prompt below is added as \"prompt\" when set.",
		displayOptions: { show: { operation: ['create'], model: [CUSTOM_MODEL] } },
	},
];

const textProperties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. A red fox runs through fresh snow at dawn, slow motion',
		description: 'What the video should show, at most 10000 characters',
		displayOptions: showFor('prompt'),
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Sent as "prompt" when set',
		displayOptions: { show: { operation: ['create'], model: [CUSTOM_MODEL] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/first-frame.png',
		description: 'One public http(s) link to a JPEG, PNG or WebP image of at most 10 MB',
		displayOptions: showFor('imageUrl'),
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/reference.png',
		description: 'Optional: one public http(s) link to an image the storyboard starts from',
		displayOptions: showFor('optionalImageUrl'),
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: [
			{ name: 'Landscape', value: 'landscape' },
			{ name: 'Portrait', value: 'portrait' },
		],
		default: 'landscape',
		displayOptions: showFor('aspectRatio'),
	},
	...durationGroups().map(
		(group): INodeProperties => ({
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'options',
			options: group.durations.map((seconds) => ({ name: `${seconds} s`, value: seconds })),
			// Every Sora model takes 10 s; a literal keeps n8n's lint able to see the default.
			default: '10',
			displayOptions: {
				show: { operation: ['create'], provider: providersWithField('duration'), model: group.models },
			},
		}),
	),
	{
		displayName: 'Size',
		name: 'size',
		type: 'options',
		options: [
			{ name: 'Standard (720p)', value: 'standard' },
			{ name: 'High (1080p)', value: 'high' },
		],
		default: 'standard',
		description: 'High costs about 2.5 times as much',
		displayOptions: showFor('size'),
	},
	{
		displayName: 'Remove Watermark',
		name: 'removeWatermark',
		type: 'boolean',
		default: true,
		displayOptions: showFor('removeWatermark'),
	},
	{
		displayName: 'Character IDs',
		name: 'characterIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. char_123, char_456',
		description: 'Up to 5 character IDs from earlier "Characters" tasks, separated by commas',
		displayOptions: showFor('characterIds'),
	},
	{
		displayName: 'Quality',
		name: 'quality',
		type: 'options',
		options: [
			{ name: 'Standard', value: 'standard' },
			{ name: 'HD', value: 'hd' },
		],
		default: 'standard',
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

const storyboardProperties: INodeProperties[] = [
	{
		displayName: 'Shots',
		name: 'shots',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Shot',
		default: {},
		description: '1 to 10 scenes; their durations must add up to the video duration',
		displayOptions: showFor('shots'),
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
						typeOptions: { minValue: 0.1, maxValue: 15, numberPrecision: 1 },
						default: 5,
					},
				],
			},
		],
	},
];

const otherModelProperties: INodeProperties[] = [
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://sora.chatgpt.com/p/s_...',
		description: 'A public sora.chatgpt.com video link, at most 500 characters',
		displayOptions: showFor('videoUrl'),
	},
	{
		displayName: 'Character Video URL',
		name: 'characterFileUrl',
		type: 'string',
		required: true,
		default: '',
		description: 'A public link to one video of 1 to 4 seconds showing the character',
		displayOptions: showFor('characterFileUrl'),
	},
	{
		displayName: 'Origin Task ID',
		name: 'originTaskId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the earlier task whose video contains the character',
		displayOptions: showFor('originTaskId'),
	},
	{
		displayName: 'Timestamps',
		name: 'timestamps',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1.5,4',
		description: 'Start and end, in seconds, of a 1 to 4 second slice: "start,end"',
		displayOptions: showFor('timestamps'),
	},
	{
		displayName: 'Character User Name',
		name: 'characterUserName',
		type: 'string',
		default: '',
		description: 'At most 40 characters',
		displayOptions: showFor('characterUserName'),
	},
	{
		displayName: 'Character Prompt',
		name: 'characterPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'How the character looks and behaves, at most 5000 characters',
		displayOptions: showFor('characterPrompt'),
	},
	{
		displayName: 'Safety Instruction',
		name: 'safetyInstruction',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'At most 5000 characters',
		displayOptions: showFor('safetyInstruction'),
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
		// Wait Mode "Callback" sends this execution's resume URL as the callback URL.
		displayOptions: { show: { operation: ['create'] }, hide: { waitMode: ['callback'] } },
	},
	{
		displayName: 'Additional Input (JSON)',
		name: 'additionalInput',
		type: 'json',
		default: '{}',
		description:
			'More fields for the model, merged into "input" (for Sora2API, into the request body). Overrides the fields above.',
		displayOptions: { show: { operation: ['create'] } },
	},
];

export const createFieldProperties: INodeProperties[] = [
	...modelProperties,
	...textProperties,
	...storyboardProperties,
	...otherModelProperties,
	...requestProperties,
];
