'use strict';

// Adding a Market model takes one catalogue entry and no code: an entry added here, before the
// node is loaded, gets its own Model option, its fields with hints, the checks before sending,
// and a request body built from its data alone. (Its own jest module registry keeps the entry
// out of every other test file.)
const path = require('node:path');

const { createSimulator } = require('./simulator');
const { catalogueMismatches } = require('./support/contractChecks');

const catalogue = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'models', 'catalogue.js'));

const ENTRY = {
	id: 'pixverse/v6-text-to-video',
	model: 'pixverse/v6-text-to-video',
	name: 'PixVerse V6: Text to Video',
	description: 'A test entry',
	providers: ['kie'],
	fields: {
		prompt: { key: 'prompt', required: true, maxLength: 2048 },
		negativePrompt: { key: 'negative_prompt', maxLength: 2048 },
		duration: { key: 'duration', default: 5, options: [{ value: 5 }, { value: 8 }] },
		resolution: { key: 'quality', default: '540p', options: [{ value: '360p' }, { value: '540p' }, { value: '720p' }] },
		imageUrl: { key: 'image_url', maxBytes: 20_000_000 },
	},
	fixedInput: { motion_mode: 'normal' },
	docs: { url: 'https://docs.kie.ai/market/pixverse/v6-text-to-video', checked: '2026-12-02' },
};
catalogue.MODELS.push(ENTRY);

// Its contract: kie.ai's rules for the model, written from its docs page (test/contracts/kie's
// format). Without one, the contract tests fail and the simulator does not know the model.
const CONTRACT = {
	model: ENTRY.model,
	api: 'market',
	source: { copy: 'a test entry', date: '2026-12-06', others: 'none' },
	fields: {
		prompt: { type: 'string', required: true, maxLength: 2048 },
		negative_prompt: { type: 'string', maxLength: 2048 },
		duration: { type: 'integer', enum: [5, 8] },
		quality: { type: 'string', enum: ['360p', '540p', '720p'] },
		image_url: { type: 'string' },
		motion_mode: { type: 'string', enum: ['normal', 'fast'] },
	},
};

// Loaded after the entry exists, as n8n loads the package after it was published with the entry.
const { runSora } = require('./support/soraNode');
const { SoraVideo } = require('./support/dist');

jest.setTimeout(30_000);

let sim;
beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 300, extraContracts: [CONTRACT] });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

test('the entry appears in the Model list and its fields show, with hints, only for it', () => {
	const properties = new (SoraVideo())().description.properties;
	const modelList = properties.find((p) => p.name === 'model' && p.default === 'kling-3.0/video');
	expect(modelList.options.map((o) => o.value)).toContain(ENTRY.id);
	const mine = properties.filter((p) => p.displayOptions?.show?.model?.includes(ENTRY.id));
	// The image field also gets its Source (URL or binary property), generated from its media kind.
	expect(mine.map((p) => p.name).sort()).toEqual(['duration', 'imageUrl', 'imageUrlBinaryProperty', 'imageUrlSource', 'negativePrompt', 'prompt', 'resolution']);
	const duration = mine.find((p) => p.name === 'duration');
	expect(duration.options.map((o) => o.value)).toEqual([5, 8]);
	expect(duration.displayOptions.show.model).toEqual([ENTRY.id]);
	expect(mine.find((p) => p.name === 'imageUrl').description).toMatch(/one image link; at most 20 MB/);
	expect(mine.every((p) => p.description)).toBe(true);
});

test('its request is built from the data alone', async () => {
	const result = await runSora(sim, {
		parameters: { operation: 'create', model: ENTRY.id, prompt: 'a fox', resolution: '720p', imageUrl: 'https://a/b.png' },
	});
	expect(result.error).toBeUndefined();
	expect(sim.getTask(result.items[0].json.taskId).body).toEqual({
		model: ENTRY.model,
		input: { prompt: 'a fox', duration: 5, quality: '720p', image_url: 'https://a/b.png', motion_mode: 'normal' },
	});
});

test.each([
	['a missing prompt', { prompt: '={{ "" }}' }, /"Prompt" is required/],
	['a prompt over its limit', { prompt: 'x'.repeat(2049) }, /"Prompt" is 2049 characters long; the limit is 2048/],
	['a duration it does not take', { prompt: 'a', duration: '={{ 6 }}' }, /"Duration \(Seconds\)" must be one of 5, 8 for PixVerse V6/],
	['two images', { prompt: 'a', imageUrl: 'https://a/1.png https://a/2.png' }, /"Image URL" takes exactly one image URL, but got 2/],
])('its checks run before sending: %s', async (_name, parameters, message) => {
	const result = await runSora(sim, { parameters: { operation: 'create', model: ENTRY.id, ...parameters } });
	expect(result.error.message).toMatch(message);
	expect(sim.stats.tasksCreated).toBe(0);
});

test('its contract holds every field it offers, and the simulator judges its requests by it', async () => {
	expect(catalogueMismatches(ENTRY, CONTRACT)).toEqual([]);
	expect(catalogueMismatches(ENTRY, undefined)).toEqual([`${ENTRY.id}: no contract for ${ENTRY.model} in test/contracts/kie`]);
	// A field the contract lacks, sent through Additional Input, is refused as kie.ai would.
	const result = await runSora(sim, {
		parameters: { operation: 'create', model: ENTRY.id, prompt: 'a fox', additionalInput: '{"style": "anime"}' },
	});
	expect(result.error.message).toMatch(/rejected the input \(422\)/);
	expect(result.error.description).toMatch(/input\.style is not a parameter of pixverse\/v6-text-to-video/);
	expect(sim.stats.tasksCreated).toBe(0);
});
