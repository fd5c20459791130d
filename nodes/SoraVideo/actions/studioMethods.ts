import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { findStudioModel, liveModels } from '../../shared/providers/revidStudio/liveModels';
import { FALLBACK_MODELS, priceOf, type PricedField, type StudioModel } from '../../shared/providers/revidStudio/models';
import { STUDIO } from '../../shared/providers/revidStudio/request';

/*
 * The editor's lists for Revid AI Studio: models from the live list with their prices, and per
 * model only the options it allows. Without a connection (no credential yet, Revid unreachable)
 * a short built-in list keeps the node usable, and the run checks against the live list.
 */

async function models(fx: ILoadOptionsFunctions): Promise<{ list: StudioModel[]; live: boolean }> {
	try {
		const list = await liveModels(fx);
		if (list && list.length > 0) return { list, live: true };
	} catch {
		// No credential yet, or a broken one: fall through to the built-in list.
	}
	return { list: FALLBACK_MODELS, live: false };
}

function chosenModelId(fx: ILoadOptionsFunctions): string {
	const value = fx.getCurrentNodeParameter(STUDIO.model, { extractValue: true }) as unknown;
	return typeof value === 'string' ? value.trim() : '';
}

async function chosenModel(fx: ILoadOptionsFunctions): Promise<StudioModel | undefined> {
	const id = chosenModelId(fx);
	if (!id) return undefined;
	return findStudioModel((await models(fx)).list, id);
}

function withPrice(label: string, price: string): string {
	return price ? `${label} · ${price}` : label;
}

const MODEL_DEFAULT: INodePropertyOptions = { name: "Model's Default", value: '', description: 'Not sent: Revid uses the model\'s default' };

function optionsOf(model: StudioModel | undefined, values: string[] | undefined, field?: PricedField, label = (value: string) => value): INodePropertyOptions[] {
	return [
		MODEL_DEFAULT,
		...(values ?? []).map((value) => ({
			name: withPrice(label(value), model && field ? priceOf(model, field, value) : ''),
			value,
		})),
	];
}

export async function searchRevidStudioModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { list, live } = await models(this);
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = list
		.filter((model) => !wanted || model.id.toLowerCase().includes(wanted) || model.name.toLowerCase().includes(wanted))
		.map((model) => {
			const price = priceOf(model);
			return { name: withPrice(model.name === model.id ? model.id : `${model.name} (${model.id})`, price), value: model.id };
		});
	if (!live) results.forEach((result) => (result.name = `${result.name} (Built-In List)`));
	return { results };
}

export async function revidStudioDurations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = await chosenModel(this);
	return optionsOf(model, model?.durations, 'duration', (value) => value.replace(/s$/, ' s'));
}

export async function revidStudioAspectRatios(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = await chosenModel(this);
	return optionsOf(model, model?.aspectRatios);
}

export async function revidStudioResolutions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = await chosenModel(this);
	return optionsOf(model, model?.resolutions, 'resolution');
}

export async function revidStudioAudio(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = await chosenModel(this);
	const options = [MODEL_DEFAULT];
	if (model?.audio !== false) options.push({ name: withPrice('On', model ? priceOf(model, 'audio', true) : ''), value: 'true' });
	options.push({ name: withPrice('Off', model ? priceOf(model, 'audio', false) : ''), value: 'false' });
	return options;
}

export async function revidStudioImageSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = await chosenModel(this);
	const options: INodePropertyOptions[] = [{ name: 'None (Text to Video)', value: 'none' }];
	if (model?.imageToVideo === false) return options;
	options.push({ name: 'Image URL', value: 'url', description: 'A public link, sent as img_url' });
	options.push({ name: 'Binary Data', value: 'binary', description: "A file from the item's binary data, sent as input_image" });
	return options;
}

export const studioListSearch = { searchRevidStudioModels };
export const studioLoadOptions = {
	revidStudioDurations,
	revidStudioAspectRatios,
	revidStudioResolutions,
	revidStudioAudio,
	revidStudioImageSources,
};
