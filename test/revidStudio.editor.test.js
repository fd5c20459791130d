'use strict';

// The editor's lists for Revid AI Studio, run in n8n-core's LoadOptionsContext over real HTTP to
// the simulator: the live video models with their prices, per model only the options it allows,
// and the built-in list when there is no connection.
const { useSimulator } = require('./support/useSimulator');
const { loadOptions } = require('./support/loadOptions');
const { SoraVideo, credentialTypes } = require('./support/dist');
const { credentialFor } = require('./support/credentials');

jest.setTimeout(30_000);

const sim = useSimulator();

const model = (value) => ({ __rl: true, mode: 'list', value });
const run = (method, parameters = {}, { kind = 'loadOptions', filter, credentials = credentialFor(sim, 'revidStudio') } = {}) =>
	loadOptions({
		nodeClass: SoraVideo(),
		credentialTypes: credentialTypes(),
		credentials,
		parameters: { provider: 'revidStudio', operation: 'create', ...parameters },
		method,
		kind,
		filter,
	});

test('the model list is Revid\'s live video models with their price ranges, searchable', async () => {
	const { results } = await run('searchRevidStudioModels', {}, { kind: 'listSearch' });
	expect(results).toEqual([
		{ name: 'Kling 2.6 (kling-2.6) · 70–220 credits', value: 'kling-2.6' },
		{ name: 'Kling 3.0 (kling-3.0-video) · 150–420 credits', value: 'kling-3.0-video' },
		{ name: 'Veo 3.1 Fast (veo3.1-low) · 60 credits', value: 'veo3.1-low' },
		{ name: 'Seedance 1.5 Pro (seedance-1.5-pro) · 40–80 credits', value: 'seedance-1.5-pro' },
	]);
	const search = await run('searchRevidStudioModels', {}, { kind: 'listSearch', filter: 'veo' });
	expect(search.results.map((result) => result.value)).toEqual(['veo3.1-low']);
});

test('durations, resolutions and aspect ratios follow the chosen model, each with its price', async () => {
	expect(await run('revidStudioDurations', { studioModel: model('kling-2.6') })).toEqual([
		{ name: "Model's Default", value: '', description: "Not sent: Revid uses the model's default" },
		{ name: '5 s · 70–110 credits', value: '5s' },
		{ name: '10 s · 140–220 credits', value: '10s' },
	]);
	expect((await run('revidStudioDurations', { studioModel: model('kling-3.0-video') })).map((o) => o.name)).toEqual([
		"Model's Default",
		'5 s · 150 credits',
		'10 s · 300 credits',
		'15 s · 420 credits',
	]);
	expect((await run('revidStudioResolutions', { studioModel: model('seedance-1.5-pro') })).map((o) => o.name)).toEqual(["Model's Default", '480p · 40 credits', '720p · 80 credits']);
	expect((await run('revidStudioAspectRatios', { studioModel: model('veo3.1-low') })).map((o) => o.value)).toEqual(['', '16:9', '9:16']);
});

test('audio and the image field offer only what the model allows', async () => {
	expect((await run('revidStudioAudio', { studioModel: model('seedance-1.5-pro') })).map((o) => o.value)).toEqual(['', 'false']);
	expect((await run('revidStudioAudio', { studioModel: model('kling-2.6') })).map((o) => o.name)).toEqual(["Model's Default", 'On · 90–180 credits', 'Off · 70–220 credits']);
	expect((await run('revidStudioImageSources', { studioModel: model('veo3.1-low') })).map((o) => o.value)).toEqual(['none']);
	expect((await run('revidStudioImageSources', { studioModel: model('kling-2.6') })).map((o) => o.value)).toEqual(['none', 'url', 'binary']);
});

test('without a connection the editor falls back to a short built-in list', async () => {
	const { results } = await run('searchRevidStudioModels', {}, {
		kind: 'listSearch',
		credentials: credentialFor(sim, 'revidStudio', { revidAiStudioApi: { baseUrl: 'http://127.0.0.1:9/v1' } }),
	});
	expect(results.length).toBeGreaterThan(3);
	expect(results.every((result) => result.name.endsWith('(Built-In List)'))).toBe(true);
	expect(results.map((result) => result.value)).toContain('kling-2.6');
});

test('the Callback Trigger refuses to be activated for Revid AI Studio, which never calls back', async () => {
	const { createWebhookRunner } = require('./harness');
	const { SoraVideoCallbackTrigger } = require('./support/dist');
	const runner = createWebhookRunner({
		nodeClass: SoraVideoCallbackTrigger(),
		credentialTypes: credentialTypes(),
		credentials: credentialFor(sim, 'revidStudio'),
		parameters: { provider: 'revidStudio', events: ['succeeded'] },
	});
	await expect(runner.activate()).rejects.toThrow('This trigger cannot fire for Revid AI Studio');
});
