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
import * as extend from './actions/extend.operation';
import * as getCredits from './actions/getCredits.operation';
import * as getDownloadLink from './actions/getDownloadLink.operation';
import { FROM_V1_2 } from './actions/minimumBalance.description';
import * as query from './actions/query.operation';
import * as upscale4k from './actions/upscale.operation';
import { router } from './actions/router';
import { resumeOnCallback } from './actions/callbackWait/resumeOnCallback';
import * as waitUntilDone from './actions/waitUntilDone.operation';
import { providerCredentials, providerProperty } from '../shared/providerProperty';

const basicOperations = [
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

/** Versions 1 and 1.1 (saved workflows): the operations without a Resource, unchanged. */
const UP_TO_V1_1 = [1, 1.1];

const videoOperations = [
	...basicOperations,
	{
		name: 'Extend',
		value: 'extend',
		action: 'Extend a video',
		description: 'Continue a finished Veo 3.1 video in a new paid task (kie.ai)',
	},
	{
		name: 'Upscale to 4K',
		value: 'upscale4k',
		action: 'Upscale a video to 4K',
		description: 'Get a paid 4K copy of a finished 16:9 or 9:16 Veo 3.1 video (kie.ai)',
	},
	{
		name: 'Get Download Link',
		value: 'getDownloadLink',
		action: 'Get a fresh download link',
		description: "A fresh 20-minute link for a task's video or a file URL, free (kie.ai)",
	},
];

/** What Revid API and Sora2API do not offer; listed here as data for the notice, not in operations. */
const KIE_ONLY_OPERATIONS = ['extend', 'upscale4k', 'getDownloadLink', 'getCredits'];
const WITHOUT_KIE_FEATURES = ['revid', 'sora2api'];

export class SoraVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video',
		name: 'soraVideo',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		group: ['transform'],
		// 1.1: kie.ai's default model is a current one (version 1 keeps Sora 2, see modelProperties.ts).
		// 1.2: a Resource (Video, Account) with Extend, Upscale to 4K, Get Download Link and Get Credits.
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		// "Create · kie.ai": option labels, not values (n8n's lint needs the literal; a test checks it against the options).
		subtitle:
			'={{ ({ create: "Create", query: "Query", waitUntilDone: "Wait Until Done", extend: "Extend", upscale4k: "Upscale to 4K", getDownloadLink: "Get Download Link", getCredits: "Get Credits" }[$parameter["operation"]] || "Create") + " · " + ($parameter["provider"] === "revid" ? "Revid API" : $parameter["provider"] === "sora2api" ? "Sora2API" : "kie.ai") }}',
		description:
			'Make AI videos (Kling, Veo, Wan, Seedance, Hailuo, Sora and more) through kie.ai, Revid API or Sora2API',
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
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Video', value: 'video', description: 'Make, follow, extend and upscale videos' },
					{ name: 'Account', value: 'account', description: "The provider account's credits" },
				],
				default: 'video',
				description: 'What to work on: videos, or the account at the provider',
				displayOptions: { show: { '@version': FROM_V1_2 } },
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: basicOperations,
				default: 'create',
				displayOptions: { show: { '@version': UP_TO_V1_1 } },
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: videoOperations,
				default: 'create',
				displayOptions: { show: { '@version': FROM_V1_2, resource: ['video'] } },
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get Credits',
						value: 'getCredits',
						action: 'Get the remaining credits',
						description: 'Read how many credits are left on the account (kie.ai)',
					},
				],
				default: 'getCredits',
				displayOptions: { show: { '@version': FROM_V1_2, resource: ['account'] } },
			},
			{
				displayName:
					'Revid API and Sora2API offer no Extend, Upscale to 4K, Get Download Link or Get Credits. Choose kie.ai as the provider for these operations.',
				name: 'kieOnlyNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: WITHOUT_KIE_FEATURES, operation: KIE_ONLY_OPERATIONS } },
			},
			...create.description,
			...query.description,
			...waitUntilDone.description,
			...extend.description,
			...upscale4k.description,
			...getDownloadLink.description,
			...getCredits.description,
		],
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
