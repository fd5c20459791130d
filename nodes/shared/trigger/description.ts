import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { providerCredentials, providerProperty, providerSubtitle } from '../providerProperty';

const EVENTS_LABEL =
	'($parameter["events"].length > 1 ? "Succeeded or Failed" : $parameter["events"][0] === "failed" ? "Failed" : "Succeeded")';

export const callbackTriggerSubtitle = providerSubtitle(EVENTS_LABEL);

// Names, icon and subtitle stay written in each node file, where n8n's lint rules look for them.
type SharedDescription = Omit<INodeTypeDescription, 'displayName' | 'name' | 'icon' | 'subtitle'>;

/**
 * The trigger's description, the same under each of its type names (the one the node panel offers, and the
 * first one, hidden, that saved workflows use).
 * A new object on each call, as a description written in the class would be: n8n's loader may change a
 * node type's properties in place, which must not reach the other type name.
 */
export function callbackTriggerDescription(): SharedDescription {
	return {
		group: ['trigger'],
		version: 1,
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
}
