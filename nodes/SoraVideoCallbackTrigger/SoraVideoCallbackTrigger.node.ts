import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { callbackTriggerDescription, callbackTriggerSubtitle } from '../shared/trigger/description';
import { handleCallback } from '../shared/trigger/handleCallback';
import { webhookMethods } from '../shared/trigger/webhookMethods';

/**
 * The trigger the node panel offers. Its parameters are in nodes/shared/trigger/description.ts and what it does
 * with a callback (checks, confirmation with the provider, deduplication, download) in
 * nodes/shared/trigger/handleCallback.ts, shared with the hidden first type name (nodes/SoraVideoTrigger).
 */
export class SoraVideoCallbackTrigger implements INodeType {
	description: INodeTypeDescription = {
		// n8n's node panel lists a trigger without the word "Trigger" ("Sora Video Callback"); "Sora Video
		// Trigger" would be listed as a second "Sora Video" beside the node that makes the videos.
		displayName: 'Sora Video Callback Trigger',
		// The type name must not be Sora Video's plus "Trigger": n8n's node panel would merge the two into one entry
		// and show this description on it (see SoraVideoTrigger.node.ts).
		name: 'soraVideoCallbackTrigger',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		subtitle: callbackTriggerSubtitle,
		...callbackTriggerDescription(),
	};

	webhookMethods = webhookMethods;

	webhook = handleCallback;
}
