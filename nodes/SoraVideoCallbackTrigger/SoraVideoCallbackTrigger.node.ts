import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { providerCredentials, providerProperty, providerSubtitle } from '../shared/providerProperty';
import { getProvider } from '../shared/providers/registry';
import { handleCallback } from '../SoraVideoTrigger/handleCallback';

const EVENTS_LABEL =
	'($parameter["events"].length > 1 ? "Succeeded or Failed" : $parameter["events"][0] === "failed" ? "Failed" : "Succeeded")';

export class SoraVideoCallbackTrigger implements INodeType {
	description: INodeTypeDescription = {
		// n8n's node panel lists a trigger without the word "Trigger" ("Sora Video Callback"); "Sora Video
		// Trigger" would be listed as a second "Sora Video" beside the node that makes the videos.
		displayName: 'Sora Video Callback Trigger',
		name: 'soraVideoCallbackTrigger',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: providerSubtitle(EVENTS_LABEL),
		// The type name must not be Sora Video's plus "Trigger": n8n's node panel would merge the two into one entry
		// and show this description on it (see SoraVideoTrigger.node.ts).
		description:
			'Starts a workflow when kie.ai, Revid API or Sora2API reports that a video (Kling, Veo, Wan, Seedance, Hailuo, Sora and more) is ready or has failed',
		defaults: { name: 'Sora Video Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// With Auto-Detect, each provider's credential has its own labelled selector, for the callbacks from that provider.
		credentials: providerCredentials({ required: false, alsoFor: ['auto'] }),
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'callback',
			},
		],
		properties: [
			{
				displayName:
					'Paste this node\'s Production URL into the "Callback URL" of a Sora Video Create node, or send it as callBackUrl when you start a task elsewhere. The providers have no way to register a webhook, so nothing is set up at the provider. Attach the credential so each callback is confirmed with the provider before the workflow runs.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			providerProperty([
				{
					name: 'Auto-Detect',
					value: 'auto',
					description:
						"Tell the provider by the shape of each callback; attach the credential of every provider that calls back here",
				},
			]),
			{
				displayName:
					'Revid AI Studio does not call back when a job ends, so this trigger never fires for it. Use the Sora Video node with Wait Mode "Poll" instead.',
				name: 'noCallbackNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: ['revidStudio'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Succeeded', value: 'succeeded', description: 'The video is ready' },
					{ name: 'Failed', value: 'failed', description: 'The provider could not make the video' },
				],
				default: ['succeeded', 'failed'],
				required: true,
				description: 'Which outcomes of a task start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: '1080p Video (Veo 3.1)',
						name: 'fullResolution',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the 1080p version of a Veo 3.1 video before the workflow starts. kie.ai renders it 1 to 3 minutes after the callback, so the workflow starts that much later. Needs the kie.ai credential and Confirm With Provider; other tasks ignore it.',
					},
					{
						displayName: 'Confirm With Provider',
						name: 'confirmWithProvider',
						type: 'boolean',
						default: true,
						description:
							"Whether to look the task up at the provider (needs the credential) and output the provider's answer rather than the callback body, so a forged callback cannot fake a result",
					},
					{
						displayName: 'Deduplication Window (Seconds)',
						name: 'dedupeWindowSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 86400,
						description: 'A task that already fired within this time does not fire again',
					},
					{
						displayName: 'Download Video',
						name: 'downloadVideo',
						type: 'boolean',
						default: false,
						description: 'Whether to download the finished video as binary data',
					},
					{
						displayName: 'Put Output File in Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the output binary field to put the video in',
					},
					{
						displayName: 'Secret Token',
						name: 'secretToken',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description:
							'When set, callbacks must carry it as ?token=... in the URL or in an X-Webhook-Token header. Use it for providers that do not sign callbacks.',
					},
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'signatureToleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 300,
						description: 'How old a signed kie.ai callback may be before it counts as a replay',
					},
				],
			},
		],
	};

	// Providers have no webhook registration API, so these only remember which URL is live.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				return data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const adapter = getProvider(String(this.getNodeParameter('provider', 'auto')));
				if (adapter?.noCallbacks) {
					throw new NodeOperationError(this.getNode(), `This trigger cannot fire for ${adapter.displayName}`, {
						description: adapter.noCallbacks,
					});
				}
				const data = this.getWorkflowStaticData('node');
				data.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				delete data.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback.call(this);
	}
}
