import { kieAdapter } from './kie';
import { revidAdapter } from './revid';
import { revidStudioAdapter } from './revidStudio/adapter';
import { sora2apiAdapter } from './sora2api';
import type { ProviderAdapter, ProviderId } from './types';

export const PROVIDERS: Record<ProviderId, ProviderAdapter> = {
	revid: revidAdapter,
	revidStudio: revidStudioAdapter,
	sora2api: sora2apiAdapter,
	kie: kieAdapter,
};

export function getProvider(id: string): ProviderAdapter | undefined {
	return Object.prototype.hasOwnProperty.call(PROVIDERS, id)
		? PROVIDERS[id as ProviderId]
		: undefined;
}
