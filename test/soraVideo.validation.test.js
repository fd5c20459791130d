'use strict';

// Bad input is refused before any request, naming the field and the item; provider errors
// become readable NodeApiErrors; continueOnFail and pairedItem hold throughout.
// @duration 25 s (test/support/sequencer.js: a connection that never opens is retried after 2, 4 and 8 s)
const { useSimulator } = require('./support/useSimulator');
const { runSora, TEXT, SORA_TEXT } = require('./support/soraNode');

jest.setTimeout(30_000);

const sim = useSimulator();

const requestsSent = () => Object.entries(sim.stats.requests).filter(([key]) => key !== 'file').reduce((sum, [, n]) => sum + n, 0);

describe('validation before any request', () => {
	const cases = [
		['a missing prompt', { ...TEXT, prompt: '={{ $json.prompt }}' }, /"Prompt" is required/],
		['a Sora prompt over 10000 characters', { ...SORA_TEXT, prompt: '={{ "x".repeat(10001) }}' }, /"Prompt" is 10001 characters long; the limit is 10000/],
		['a Kling 3.0 prompt over 2500 characters', { ...TEXT, prompt: '={{ "x".repeat(2501) }}' }, /"Prompt" is 2501 characters long; the limit is 2500/],
		['two image URLs', { ...TEXT, model: 'sora-2-image-to-video', imageUrl: 'https://a/1.png https://a/2.png' }, /"Image URL" takes exactly one image URL, but got 2/],
		['a non-http image URL', { ...TEXT, model: 'sora-2-image-to-video', imageUrl: 'ftp://a/1.png' }, /"Image URL" must be an http\(s\) URL/],
		['a duration the model does not take', { ...SORA_TEXT, duration: '={{ "25" }}' }, /"Duration \(Seconds\)" must be one of 10, 15/],
		['a Kling 3.0 duration out of range', { ...TEXT, duration: '={{ 2 }}' }, /"Duration \(Seconds\)" must be one of 3, 4, .*15 for Kling 3.0, but got "2"/],
		['no storyboard shots', { operation: 'create', model: 'sora-2-pro-storyboard', duration: '10', shots: {} }, /"Shots" needs 1 to 10 shots, but has 0/],
		[
			'eleven storyboard shots',
			{ operation: 'create', model: 'sora-2-pro-storyboard', duration: '10', shots: { shot: Array.from({ length: 11 }, () => ({ scene: 's', duration: 1 })) } },
			/needs 1 to 10 shots, but has 11/,
		],
		['a shot longer than 15 s', { operation: 'create', model: 'sora-2-pro-storyboard', duration: '25', shots: { shot: [{ scene: 'a', duration: 16 }, { scene: 'b', duration: 9 }] } }, /shot 1 lasts 16 s/],
		['shots that do not add up', { operation: 'create', model: 'sora-2-pro-storyboard', duration: '15', shots: { shot: [{ scene: 'a', duration: 5 }] } }, /add up to 5 s, but the video lasts 15 s/],
		['a watermark-remover URL over 500 characters', { operation: 'create', model: 'sora-watermark-remover', videoUrl: `https://sora.chatgpt.com/${'a'.repeat(500)}` }, /"Video URL" is 525 characters long; the limit is 500/],
		['Additional Input that is not JSON', { ...TEXT, additionalInput: '{"a":' }, /"Additional Input \(JSON\)" is not valid JSON/],
		['a timeout out of range', { ...TEXT, waitForCompletion: true, waitOptions: { timeout: '={{ -5 }}' } }, /"Timeout \(Seconds\)" must be between 1 and 86400/],
	];

	test.each(cases)('%s', async (_name, parameters, message, provider = 'kie') => {
		const result = await runSora(sim, { provider, parameters, items: [{ json: {} }] });
		expect(result.error).toBeDefined();
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toMatch(/^Item 1: /);
		expect(result.error.message).toMatch(message);
		expect(requestsSent()).toBe(0);
	});

	test('one bad item stops the run before any item is sent', async () => {
		const result = await runSora(sim, {
			parameters: { ...TEXT, prompt: '={{ $json.prompt }}' },
			items: [{ json: { prompt: 'ok' } }, { json: { prompt: 'fine' } }, { json: {} }],
		});
		expect(result.error.message).toMatch(/^Item 3: "Prompt" is required/);
		expect(requestsSent()).toBe(0);
	});

	test('with continueOnFail the bad item becomes an error item and the others run', async () => {
		const result = await runSora(sim, {
			continueOnFail: true,
			parameters: { ...TEXT, prompt: '={{ $json.prompt }}' },
			items: [{ json: { prompt: 'ok' } }, { json: {} }, { json: { prompt: 'fine' } }],
		});
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.status).toBe('queued');
		expect(result.items[1].json.error).toMatchObject({ code: 'INVALID_INPUT', message: 'Item 2: "Prompt" is required' });
		expect(result.items[2].json.status).toBe('queued');
		expect(sim.stats.tasksCreated).toBe(2);
	});

	test('query without a task ID names the field', async () => {
		const result = await runSora(sim, { parameters: { operation: 'query', taskId: '={{ $json.missing }}' } });
		expect(result.error.message).toBe('Item 1: "Task ID" is required');
		expect(requestsSent()).toBe(0);
	});
});

describe('provider errors become actionable NodeApiErrors', () => {
	const cases = [
		[401, false, /rejected the API key \(401\)/, /credential/],
		[402, true, /Not enough credits in your kie\.ai account \(402\)/, /Top up/],
		[402, false, /Not enough credits/, /Top up/],
		[422, false, /rejected the input \(422\)/, /Check the prompt/],
		[455, true, /under maintenance \(455\)/, /Try again later/],
		[500, true, /server error \(500\)/, /provider's side/],
		[505, false, /disabled this feature \(505\)/, /another model/],
	];

	test.each(cases)('create answered %i (real HTTP status: %s)', async (code, http, message, description) => {
		sim.addFault({ provider: 'kie', route: 'create', action: { type: 'code', code, http } });
		const result = await runSora(sim, { parameters: TEXT });
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toMatch(message);
		expect(result.error.description).toMatch(description);
		expect(result.error.httpCode).toBe(String(code));
		// Not a 429 and the connection opened: never sent twice.
		expect(sim.stats.requests['kie.create']).toBe(1);
	});

	test('a real 401 from a wrong key, under continueOnFail, is an item with error set', async () => {
		const result = await runSora(sim, {
			continueOnFail: true,
			parameters: TEXT,
			items: [{ json: {} }, { json: {} }],
			credentialOverrides: { kieAiApi: { apiKey: 'wrong-key-123' } },
		});
		expect(result.items).toHaveLength(2);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatchObject({ code: '401' });
			expect(item.json.error.message).toMatch(/rejected the API key/);
			expect(item.json.taskId).toBeNull();
		});
		expect(JSON.stringify(result.items)).not.toContain('wrong-key-123');
	});

	test('an unconfirmed create (connection reset after sending) is not retried and says why', async () => {
		sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'reset', created: true } });
		const result = await runSora(sim, { parameters: TEXT });
		expect(result.error.message).toMatch(/did not confirm the new task/);
		expect(result.error.description).toMatch(/not sent again/);
		expect(sim.stats.requests['kie.create']).toBe(1);
	});

	test('malformed JSON on create is not retried either', async () => {
		sim.addFault({ provider: 'kie', route: 'create', times: 1, action: { type: 'malformed' } });
		const result = await runSora(sim, { parameters: TEXT });
		expect(result.error.message).toMatch(/malformed JSON/);
		expect(sim.stats.requests['kie.create']).toBe(1);
	});

	test('a 429 on create waits for Retry-After and then retries', async () => {
		sim.addFault({ provider: 'kie', route: 'create', times: 2, action: { type: 'rateLimit', retryAfter: 1 } });
		const started = Date.now();
		const result = await runSora(sim, { parameters: TEXT });
		expect(result.error).toBeUndefined();
		// At least the two Retry-After waits; longer when the pacer, shared by every run on this
		// credential, has slowed down after the 429s.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(sim.stats.requests['kie.create']).toBe(3);
		expect(sim.stats.tasksCreated).toBe(1);
	});

	test('a connection that never opened is retried and then reported as nothing started', async () => {
		const result = await runSora(sim, {
			parameters: TEXT,
			credentialOverrides: { kieAiApi: { baseUrl: 'http://127.0.0.1:9' } },
		});
		expect(result.error.message).toMatch(/Could not connect to kie\.ai \(ECONNREFUSED\)/);
		expect(result.error.description).toMatch(/No task was started/);
	});
});
