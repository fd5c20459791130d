import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as create from './actions/create.operation';
import * as query from './actions/query.operation';
import { router } from './actions/router';
import * as waitUntilDone from './actions/waitUntilDone.operation';
import { providerProperty } from '../shared/providerProperty';

export class SoraVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video',
		name: 'soraVideo',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["provider"]}}',
		description: 'Generate videos with Sora 2 through Revid API, Sora2API or kie.ai',
		defaults: { name: 'Sora Video' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'revidApi', required: true, displayOptions: { show: { provider: ['revid'] } } },
			{ name: 'sora2Api', required: true, displayOptions: { show: { provider: ['sora2api'] } } },
			{ name: 'kieAiApi', required: true, displayOptions: { show: { provider: ['kie'] } } },
		],
		properties: [
			providerProperty(),
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Create',
						value: 'create',
						action: 'Create a video generation task',
						description: 'Start generating a video, optionally waiting until it is ready',
					},
					{
						name: 'Query',
						value: 'query',
						action: 'Query a task',
						description: 'Look up the status and result of a task',
					},
					{
						name: 'Wait Until Done',
						value: 'waitUntilDone',
						action: 'Wait until a task is done',
						description: 'Poll a task until it succeeds or fails, then optionally download the video',
					},
				],
				default: 'create',
			},
			...create.description,
			...query.description,
			...waitUntilDone.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
