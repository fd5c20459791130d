import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CUSTOM_MODEL, KIE_DEFAULT_MODEL, MODELS, currentModelNames } from '../../shared/models/catalogue';
import type { ModelSpec } from '../../shared/models/types';
import type { ProviderId } from '../../shared/providers/types';

/** The Model dropdowns, the notice a retired model shows, and Custom Model ID. */

const SORA_DEFAULT = 'sora-2-text-to-video';

function modelOptions(models: ModelSpec[], provider: ProviderId): INodePropertyOptions[] {
	return [
		...models
			.filter((model) => model.providers.includes(provider))
			.map((model) => ({
				name: model.retired ? `${model.name} (Retired)` : model.name,
				value: model.id,
				description: model.retired ? `${model.retired}. ${model.description}.` : model.description,
			})),
		{
			name: 'Custom Model ID',
			value: CUSTOM_MODEL,
			description: 'Any other model the provider offers, by its ID',
		},
	];
}

function modelProperty(
	models: ModelSpec[],
	provider: ProviderId,
	defaultModel: string,
	show: NonNullable<IDisplayOptions['show']>,
	description: string,
): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'options',
		// Fixed, not an expression: each model shows its own fields. Per-item models go through Custom Model ID.
		noDataExpression: true,
		options: modelOptions(models, provider),
		default: defaultModel,
		description,
		displayOptions: { show: { operation: ['create'], provider: [provider], ...show } },
	};
}

function retiredNotice(models: ModelSpec[], providers: ProviderId[], text: string): INodeProperties {
	return {
		displayName: text,
		name: 'retiredModelNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: {
				operation: ['create'],
				provider: providers,
				model: models.filter((model) => model.retired).map((model) => model.id),
			},
		},
	};
}

export function modelProperties(models: ModelSpec[] = MODELS): INodeProperties[] {
	const instead = currentModelNames('kie').join(', ');
	const kieHint = 'The video model. Current models come first; Sora 2 models are retired and listed last.';
	return [
		// Version 1 saved kie.ai nodes without the model when it was the old default (Sora 2), so
		// version 1 keeps that default: such a node gets the plain "retired" error, not a model
		// (and a bill) its owner never chose. New nodes (1.1) default to a current model.
		modelProperty(models, 'kie', SORA_DEFAULT, { '@version': [1] }, kieHint),
		modelProperty(models, 'kie', KIE_DEFAULT_MODEL, { '@version': [{ _cnd: { gte: 1.1 } }] }, kieHint),
		modelProperty(models, 'revid', SORA_DEFAULT, {}, 'Revid API documents only Sora 2, which OpenAI retired on 2026-09-24'),
		modelProperty(
			models,
			'sora2api',
			SORA_DEFAULT,
			{},
			'Sora2API documents only Sora 2, which OpenAI retired on 2026-09-24. It chooses text or image to video by whether an image URL is given.',
		),
		retiredNotice(
			models,
			['kie'],
			`OpenAI retired Sora 2 on 2026-09-24 and kie.ai no longer serves it: this model gets an error. Use a current model instead, such as ${instead}.`,
		),
		retiredNotice(
			models,
			['revid', 'sora2api'],
			`OpenAI retired Sora 2 on 2026-09-24; this provider may no longer serve it. For current models (${instead}), use the kie.ai provider.`,
		),
		{
			displayName: 'Custom Model ID',
			name: 'customModelId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. bytedance/seedance-1.5-pro',
			description:
				"The provider's model ID, for a model the list does not have. Put the model's fields in Additional Input (JSON); the prompt below is added as \"prompt\" when set.",
			displayOptions: { show: { operation: ['create'], model: [CUSTOM_MODEL] } },
		},
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'What the video should show; sent as "prompt" when set',
			displayOptions: { show: { operation: ['create'], model: [CUSTOM_MODEL] } },
		},
	];
}
