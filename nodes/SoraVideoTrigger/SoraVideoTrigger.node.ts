import type { INodeTypeDescription } from 'n8n-workflow';

import { SoraVideoCallbackTrigger } from '../SoraVideoCallbackTrigger/SoraVideoCallbackTrigger.node';

/**
 * The trigger's first type name, kept so that workflows saved with it load and run unchanged.
 *
 * n8n's node panel merges a trigger whose type name is another node's plus "Trigger" into that node's entry,
 * and shows the trigger's description for both. So the panel now offers Sora Video Callback Trigger (same
 * parameters, same webhook, same name on the canvas), and this one is hidden from the panel only.
 */
export class SoraVideoTrigger extends SoraVideoCallbackTrigger {
	description: INodeTypeDescription = {
		...new SoraVideoCallbackTrigger().description,
		displayName: 'Sora Video Trigger',
		name: 'soraVideoTrigger',
		hidden: true,
	};
}
