import type { ProviderCall } from '../types';
import type { RequestHost } from '../../transport/send';
import { sendOnce } from '../../transport/send';
import { parseModelList, type StudioModel } from './models';

export const CREDENTIAL_TYPE = 'revidAiStudioApi';
export const MODELS_CALL: ProviderCall = { method: 'GET', path: '/models', plain: true };

/** Prices change, models come and go: an hour-old list is no guide to what Revid accepts now. */
const CACHE_MS = 5 * 60_000;
const TIMEOUT_MS = 20_000;

/** Per process and per Base URL: every key of one Revid host sees the same models. */
const cache = new Map<string, { at: number; models: StudioModel[] }>();

/** What the list needs of its caller: a node run, or the editor's option loader. */
export interface ModelsHost {
	getCredentials: RequestHost['getCredentials'];
	helpers: Pick<RequestHost['helpers'], 'httpRequestWithAuthentication'>;
}

/**
 * The live list of video models, cached for a few minutes; undefined when Revid could not be
 * asked (no connection, an error answer), so the caller can fall back rather than fail.
 */
export async function liveModels(host: ModelsHost, itemIndex = 0): Promise<StudioModel[] | undefined> {
	const credentials = await host.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	const cached = cache.get(baseUrl);
	if (cached && Date.now() - cached.at < CACHE_MS) return cached.models;
	const exchange = await sendOnce(host as unknown as RequestHost, CREDENTIAL_TYPE, baseUrl, MODELS_CALL, TIMEOUT_MS);
	if (exchange.kind !== 'envelope' || exchange.code !== 200) return undefined;
	const models = parseModelList(exchange.data);
	// No video model at all means an answer this reading does not understand, not an empty shop.
	if (!models || models.length === 0) return undefined;
	cache.set(baseUrl, { at: Date.now(), models });
	return models;
}

export function findStudioModel(models: StudioModel[], id: string): StudioModel | undefined {
	const wanted = id.trim().toLowerCase();
	return models.find((model) => model.id.toLowerCase() === wanted);
}
