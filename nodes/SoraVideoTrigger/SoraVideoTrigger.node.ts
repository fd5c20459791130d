import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { callbackTriggerDescription, callbackTriggerSubtitle } from '../shared/trigger/description';
import { handleCallback } from '../shared/trigger/handleCallback';
import { webhookMethods } from '../shared/trigger/webhookMethods';

/**
 * The trigger's first type name, kept so that workflows saved with it load and run unchanged.
 *
 * n8n's node panel merges a trigger whose type name is another node's plus "Trigger" into that node's entry,
 * and shows the trigger's description for both. So the panel now offers Sora Video Callback Trigger (same
 * parameters, same webhook, same name on the canvas), and this one is hidden from the panel only.
 */
export class SoraVideoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video Trigger',
		name: 'soraVideoTrigger',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		subtitle: callbackTriggerSubtitle,
		...callbackTriggerDescription(),
		hidden: true,
	};

	webhookMethods = webhookMethods;

	webhook = handleCallback;
}
