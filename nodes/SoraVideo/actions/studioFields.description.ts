import type { INodeProperties } from 'n8n-workflow';

import { STUDIO } from '../../shared/providers/revidStudio/request';

/*
 * The create form of Revid AI Studio. Its models come from Revid's live list (GET /v1/models), not
 * from the catalogue, so the model is a searchable list with a "By ID" mode, and every option
 * below offers what the chosen model allows, with its price in credits (see studioMethods.ts).
 */

const show = { operation: ['create'], provider: ['revidStudio'] };
const DYNAMIC = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';
const dependsOnModel = { loadOptionsDependsOn: [`${STUDIO.model}.value`] };

function choice(displayName: string, name: string, method: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: method, ...dependsOnModel },
		default: '',
		description: DYNAMIC,
		displayOptions: { show },
		...extra,
	};
}

export const studioFieldProperties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: STUDIO.model,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: "Revid AI Studio's current video models, with their prices, as Revid lists them today",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRevidStudioModels', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. kling-2.6',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Prompt',
		name: STUDIO.prompt,
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'What the video should show',
		displayOptions: { show },
	},
	choice('Duration Name or ID', STUDIO.duration, 'revidStudioDurations'),
	choice('Aspect Ratio Name or ID', STUDIO.aspectRatio, 'revidStudioAspectRatios'),
	choice('Resolution Name or ID', STUDIO.resolution, 'revidStudioResolutions'),
	choice('Audio Name or ID', STUDIO.audio, 'revidStudioAudio'),
	choice('Image Name or ID', STUDIO.imageSource, 'revidStudioImageSources', { default: 'none' }),
	{
		displayName: 'Image URL',
		name: STUDIO.imageUrl,
		type: 'string',
		default: '',
		placeholder: 'https://example.com/first-frame.jpg',
		description: 'A public link to the image the video starts from (sent as img_url)',
		displayOptions: { show: { ...show, [STUDIO.imageSource]: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: STUDIO.imageBinary,
		type: 'string',
		default: 'data',
		description: "The item's binary field that holds the image; it is sent with the request as input_image",
		displayOptions: { show: { ...show, [STUDIO.imageSource]: ['binary'] } },
	},
	{
		displayName: 'Options',
		name: STUDIO.options,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: "More of Revid's create fields, sent only when set",
		displayOptions: { show },
		options: [
			{
				displayName: 'Server ID',
				name: 'serverId',
				type: 'string',
				default: '',
				description: "Revid's routing tier (server_id). Left empty, Revid picks the best available server.",
			},
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'string',
				default: '',
				placeholder: 'e.g. fast',
				description: 'Sent as "speed" when set',
			},
		],
	},
	{
		displayName:
			'Revid AI Studio does not call back when a job ends. Use Wait Mode "Poll": the node first asks about the job about 45 s after creating it, as Revid suggests.',
		name: 'studioNoCallbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, waitMode: ['callback'] } },
	},
];
