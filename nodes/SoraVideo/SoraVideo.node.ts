import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as create from './actions/create.operation';
import * as query from './actions/query.operation';
import { router } from './actions/router';
import { resumeOnCallback } from './actions/callbackWait/resumeOnCallback';
import * as waitUntilDone from './actions/waitUntilDone.operation';
import { studioListSearch, studioLoadOptions } from './actions/studioMethods';
import { providerCredentials, providerProperty } from '../shared/providerProperty';

const operations = [
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
];

export class SoraVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video',
		name: 'soraVideo',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		group: ['transform'],
		// 1.1: kie.ai's default model is a current one (version 1 keeps Sora 2, see modelProperties.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		// "Create · kie.ai": option labels, not values (n8n's lint needs the literal; a test checks it against the options).
		subtitle:
			'={{ ($parameter["operation"] === "create" ? "Create" : $parameter["operation"] === "query" ? "Query" : "Wait Until Done") + " · " + ($parameter["provider"] === "revid" ? "Revid API" : $parameter["provider"] === "revidStudio" ? "Revid AI Studio" : $parameter["provider"] === "sora2api" ? "Sora2API" : "kie.ai") }}',
		description:
			'Make AI videos (Kling, Veo, Wan, Seedance, Hailuo, Sora and more) through kie.ai, Revid AI Studio, Revid API or Sora2API',
		defaults: { name: 'Sora Video' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Only for Wait Mode "Callback": n8n serves a restart webhook on the resume URL of a paused
		// execution and never registers it when a workflow is activated.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
				ndvHideUrl: true,
				ndvHideMethod: true,
			},
		],
		credentials: providerCredentials({ required: true }),
		properties: [
			providerProperty(),
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: operations,
				default: 'create',
			},
			...create.description,
			...query.description,
			...waitUntilDone.description,
		],
	};

	methods = {
		listSearch: studioListSearch,
		loadOptions: studioLoadOptions,
	};

	/**
	 * Lifecycle methods for the lint's sake only: the one webhook is a restart webhook, which n8n
	 * never registers, and a provider's callback URL is sent with each task, not set up beforehand.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnCallback.call(this);
	}
}
