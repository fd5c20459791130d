'use strict';

// The model catalogue: every preset sends the body its docs page shows (the simulator checks
// every field's name and type as kie.ai does), the generated form shows one property per field
// with a hint, the checks run before sending, and retired Sora models get a plain error.
const path = require('node:path');

const { useSimulator } = require('./support/useSimulator');
const { runSora, TEXT } = require('./support/soraNode');
const { SoraVideo } = require('./support/dist');
const FIXTURES = require('./fixtures/modelRequests');

const catalogue = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'models', 'catalogue.js'));

jest.setTimeout(30_000);

const sim = useSimulator();

const current = catalogue.MODELS.filter((model) => !model.retired && model.providers.includes('kie'));
const created = () => sim.stats.tasksCreated;

describe('every current preset sends the body its docs page shows', () => {
	test('every preset has a fixture and a docs page checked on a date', () => {
		for (const model of current) {
			expect({ id: model.id, fixture: Boolean(FIXTURES[model.id]) }).toEqual({ id: model.id, fixture: true });
			expect(model.docs.url).toMatch(/^https:\/\/docs\.kie\.ai\//);
			expect(model.docs.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
	});

	test.each(current.map((model) => [model.id]))('%s', async (id) => {
		const { parameters, body } = FIXTURES[id];
		const result = await runSora(sim, {
			parameters: { operation: 'create', model: id, callbackUrl: 'https://example.com/cb', ...parameters },
		});
		expect(result.error).toBeUndefined();
		const task = sim.getTask(result.items[0].json.taskId);
		expect(task.body).toEqual({ ...body, callBackUrl: 'https://example.com/cb' });
		expect(result.items[0].json).toMatchObject({ provider: 'kie', status: 'queued', model: body.model });
		expect(task.api).toBe(/^veo/.test(body.model) ? 'veo' : 'market');
	});
});

describe('the simulator refuses what kie.ai refuses', () => {
	test.each([
		['a field with the wrong name', { aspect_ratio: '16:9', ratio: '16:9' }, /input\.ratio is not a parameter/],
		['a string duration sent as a number', { duration: 5 }, /input\.duration must be of type string/],
		['Kling 3.0 without mode', { mode: undefined }, /input\.mode is required/],
	])('%s', async (_name, change, message) => {
		const input = { prompt: 'x', mode: 'std', multi_shots: false, sound: false, duration: '5', aspect_ratio: '16:9', ...change };
		for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
		const answer = await fetch(`${sim.url}/api/v1/jobs/createTask`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'kling-3.0/video', input }),
		}).then((res) => res.json());
		expect(answer.code).toBe(422);
		expect(answer.msg).toMatch(message);
	});

	test.each([
		['a Veo seed sent as text', { seeds: '12345' }, /seeds must be of type integer/],
		['a Veo seed out of range', { seeds: 5 }, /seeds must be at least 10000/],
		['translation sent as text', { enableTranslation: 'true' }, /enableTranslation must be of type boolean/],
		['veo3_lite from reference images', { model: 'veo3_lite', generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://a/1.png'] }, /model must be one of veo3_fast here/],
		['reference images in the Auto shape', { generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://a/1.png'], aspect_ratio: 'Auto' }, /aspect_ratio must be one of 16:9, 9:16 here/],
	])('Veo: %s', async (_name, change, message) => {
		const answer = await fetch(`${sim.url}/api/v1/veo/generate`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.apiKeys.kie}`, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'x', model: 'veo3_fast', ...change }),
		}).then((res) => res.json());
		expect(answer.code).toBe(422);
		expect(answer.msg).toMatch(message);
	});
});

describe('checks before sending', () => {
	test.each([
		['a Kling 3.0 third image', { ...TEXT, imageUrl: 'https://a/1.png, https://a/2.png, https://a/3.png' }, /"Image URL" takes at most 2 image URLs, but got 3/],
		['a multi-shot without shots', { operation: 'create', model: 'kling-3.0/video:multi-shot', shots: {} }, /"Shots" is required|"Shots" needs 1 to 5 shots, but has 0/],
		['a multi-shot of 13 s', { operation: 'create', model: 'kling-3.0/video:multi-shot', shots: { shot: [{ scene: 'a', duration: 13 }] } }, /shot 1 lasts 13 s; each shot must last 1 to 12 s/],
		['Elements that are not a JSON list', { ...TEXT, elements: '{"name":"x"}' }, /"Elements \(JSON\)" must be a JSON list/],
		['Hailuo 10 s at 1080P', { operation: 'create', model: 'hailuo/2-3-image-to-video-pro', prompt: 'x', imageUrl: 'https://a/1.png', duration: '10', resolution: '1080P' }, /"Duration \(Seconds\)" cannot be 10 here: Hailuo 2\.3 Pro: Image to Video takes 10 s only at 768P/],
		['MiniMax H3 image to video without a frame', { operation: 'create', model: 'minimax-h3/image-to-video', prompt: 'x' }, /"First Frame URL" or "Last Frame URL" is required/],
		['a Wan 2.7 duration given as text out of range', { operation: 'create', model: 'wan/2-7-text-to-video', prompt: 'x', duration: '={{ "16" }}' }, /"Duration \(Seconds\)" must be one of 2, .*15 for Wan 2\.7/],
		['a Veo seed out of range', { operation: 'create', model: 'veo3_lite', prompt: 'x', seed: 123 }, /"Seed" must be a whole number from 10000 to 99999, but got "123"/],
		['a Kling 2.6 image-to-video prompt over 1000 characters', { operation: 'create', model: 'kling-2.6/image-to-video', prompt: 'x'.repeat(1001), imageUrl: 'https://a/1.png' }, /"Prompt" is 1001 characters long; the limit is 1000/],
		['Grok Imagine image to video in Spicy mode (it needs a Grok task ID, not links)', { operation: 'create', model: 'grok-imagine/image-to-video', imageUrl: 'https://a/1.png', style: 'spicy' }, /"Style" must be one of fun, normal for Grok Imagine: Image to Video/],
		['an eighth Grok Imagine image', { operation: 'create', model: 'grok-imagine/image-to-video', imageUrl: Array.from({ length: 8 }, (_, i) => `https://a/${i}.png`).join(',') }, /"Image URL" takes 1 to 7 image URLs, but got 8/],
		['a Hailuo image that is not an http link', { operation: 'create', model: 'hailuo/2-3-image-to-video-standard', prompt: 'x', imageUrl: 'ftp://a/1.png' }, /"Image URL" must be an http\(s\) URL/],
	])('%s', async (_name, parameters, message) => {
		const result = await runSora(sim, { parameters });
		expect(result.error && result.error.message).toMatch(message);
		expect(result.error.name).toBe('NodeOperationError');
		expect(created()).toBe(0);
		expect(sim.stats.requests['kie.create'] ?? 0).toBe(0);
	});

	test('a number typed as text by an expression is sent with the type the page shows', async () => {
		const result = await runSora(sim, {
			parameters: { operation: 'create', model: 'wan/2-7-text-to-video', prompt: 'x', duration: '={{ "8" }}' },
		});
		expect(result.error).toBeUndefined();
		expect(sim.getTask(result.items[0].json.taskId).input.duration).toBe(8);
	});
});

describe('the generated form', () => {
	const properties = new (SoraVideo())().description.properties;
	// The create form's own fields; the wait options that follow have their own tests.
	const createProps = properties.filter((p) => p.displayOptions?.show?.operation?.includes('create') && !p.displayOptions.show.waitForCompletion);

	test('every create field has a hint', () => {
		const missing = createProps.filter((p) => p.type !== 'notice' && !p.description).map((p) => p.name);
		expect(missing).toEqual([]);
	});

	const visible = (provider, model, version = 1.1) =>
		createProps.filter((p) => {
			const show = p.displayOptions.show;
			if (show.provider && !show.provider.includes(provider)) return false;
			if (show.model && !show.model.includes(model)) return false;
			if (show['@version'] && !show['@version'].some((v) => (typeof v === 'number' ? v === version : version >= v._cnd.gte))) return false;
			return !show.waitForCompletion;
		});

	test.each(catalogue.MODELS.flatMap((model) => model.providers.map((provider) => [model.id, provider])))(
		'%s (%s): one property per field, each of the model\'s fields shown',
		(id, provider) => {
			const names = visible(provider, id).map((p) => p.name);
			expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
			const model = catalogue.findModel(id);
			for (const [name, use] of Object.entries(model.fields)) {
				if (use.providers && !use.providers.includes(provider)) continue;
				expect(names).toContain(name);
			}
		},
	);

	test('the shared "Duration" offers each model its own values, with the type its page shows', () => {
		const durationFor = (model) => visible('kie', model).find((p) => p.name === 'duration');
		expect(durationFor('kling-3.0/video').options.map((o) => o.value)).toContain('15');
		expect(durationFor('wan/2-7-text-to-video').options.map((o) => o.value)).toContain(15);
		expect(durationFor('kling-3.0/video').description).toMatch(/seconds/);
	});

	test('kie.ai defaults to a current model in new nodes; version 1 keeps its saved default', () => {
		const models = properties.filter((p) => p.name === 'model' && p.displayOptions.show.provider.includes('kie'));
		const byVersion = (v) => models.find((p) => visible('kie', p.default, v).includes(p));
		expect(byVersion(1.1).default).toBe('kling-3.0/video');
		expect(byVersion(1).default).toBe('sora-2-text-to-video');
		const names = byVersion(1.1).options.map((o) => o.name);
		expect(names[0]).toBe('Kling 3.0');
		expect(names.indexOf('Sora 2: Text to Video (Retired)')).toBeGreaterThan(names.indexOf('Gemini Omni Video'));
	});

	test('a JSON field starts as valid JSON of its kind (no syntax marker in the editor) and, left so, sends nothing', async () => {
		const jsonProps = createProps.filter((p) => p.type === 'json' && p.name !== 'additionalInput');
		expect(jsonProps.length).toBeGreaterThan(0);
		for (const p of jsonProps) expect(() => JSON.parse(p.default)).not.toThrow();
		const elements = visible('kie', 'kling-3.0/video').find((p) => p.name === 'elements');
		expect(elements.default).toBe('[]');
		const result = await runSora(sim, { parameters: { operation: 'create', model: 'kling-3.0/video', prompt: 'A fox', elements: elements.default } });
		expect(result.error).toBeUndefined();
		expect(sim.getTask(result.items[0].json.taskId).body.input).not.toHaveProperty('kling_elements');
	});

	test('a retired model shows a notice naming current models', () => {
		const notice = visible('kie', 'sora-2-text-to-video').find((p) => p.type === 'notice');
		expect(notice.displayName).toMatch(/retired Sora 2 on 2026-09-24.*Kling 3\.0/);
		expect(visible('kie', 'kling-3.0/video').some((p) => p.type === 'notice')).toBe(false);
	});
});

describe('retired models', () => {
	test('kie.ai answers a Sora model with the paused error, which reads as "no longer offers", naming current models', async () => {
		const result = await runSora(sim, { parameters: { ...TEXT, model: 'sora-2-text-to-video' } });
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe('kie.ai no longer offers the model "sora-2-text-to-video" (422)');
		expect(result.error.description).toMatch(/OpenAI retired Sora 2 on 2026-09-24\. Choose a current model instead, such as Kling 3\.0, Veo 3\.1 Fast: Text to Video, Wan/);
		expect(result.error.description).toMatch(/temporarily paused/);
		expect(created()).toBe(0);
	});

	test('"model not found" from a reseller reads the same way', async () => {
		sim.addFault({ provider: 'revid', route: 'create', action: { type: 'code', code: 400, msg: 'model not found' } });
		const result = await runSora(sim, { provider: 'revid', parameters: { ...TEXT, model: 'sora-2-text-to-video' } });
		expect(result.error.message).toBe('Revid API no longer offers the model "sora-2-text-to-video" (400)');
	});

	test('with the switch on, the simulator serves Sora on kie.ai again', async () => {
		sim.configure({ serveRetiredSora: true });
		const result = await runSora(sim, { parameters: { ...TEXT, model: 'sora-2-text-to-video' } });
		expect(result.error).toBeUndefined();
	});
});
