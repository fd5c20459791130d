import type { IDataObject } from 'n8n-workflow';

import { PROVIDERS } from './registry';
import type { ProviderAdapter, ProviderId } from './types';

/**
 * Tells the provider of a callback by its shape, for the trigger's "auto" mode.
 * Revid resells kie.ai and sends the very same body, so those two are told apart by what
 * only kie.ai does (signing) and then by which credential the user attached.
 */
export function detectProvider(
	body: IDataObject,
	hints: { signed: boolean; withCredential: ProviderId[] },
): ProviderAdapter | undefined {
	if (PROVIDERS.sora2api.matchesCallback(body)) return PROVIDERS.sora2api;
	if (!PROVIDERS.kie.matchesCallback(body)) return undefined;
	if (hints.signed) return PROVIDERS.kie;
	if (hints.withCredential.includes('revid') && !hints.withCredential.includes('kie')) return PROVIDERS.revid;
	return PROVIDERS.kie;
}
