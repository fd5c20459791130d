'use strict';

// Recognisable keys, every kind of outcome: not one output, error or log line may carry them.
const { createSimulator } = require('./simulator');
const { runSora, TEXT, textFor, everythingSaid } = require('./support/soraNode');

jest.setTimeout(30_000);

const KEYS = { revid: 'SECRET-revid-1234567890', sora2api: 'SECRET-sora2-1234567890', kie: 'SECRET-kie-1234567890' };
const HMAC = 'SECRET-hmac-1234567890';
const CREDENTIAL_OF = { revid: 'revidApi', sora2api: 'sora2Api', kie: 'kieAiApi' };

let sim;
beforeAll(async () => {
	sim = await createSimulator({ taskDurationMs: 300, apiKeys: KEYS });
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

const scenarios = [
	['success with download', {}, { ...TEXT, waitForCompletion: true, downloadVideo: true, waitOptions: { pollingMode: 'fixed', pollInterval: 1 } }],
	['402 from the provider', { route: 'create', action: { type: 'code', code: 402, http: true } }, TEXT],
	['reset on create', { route: 'create', action: { type: 'reset' } }, TEXT],
	['HTML error page on create', { route: 'create', action: { type: 'html' } }, TEXT],
	['unknown task', {}, { operation: 'query', taskId: 'missing-task' }],
];

describe.each(Object.keys(KEYS))('%s', (provider) => {
	test.each(scenarios)('%s', async (_name, fault, parameters) => {
		if (fault.action) sim.addFault({ provider, ...fault });
		for (const continueOnFail of [false, true]) {
			const result = await runSora(sim, {
				provider,
				parameters: { ...parameters, model: textFor(provider).model },
				continueOnFail,
				credentialOverrides: { [CREDENTIAL_OF[provider]]: { apiKey: KEYS[provider], ...(provider === 'kie' ? { webhookHmacSecret: HMAC } : {}) } },
			});
			const said = everythingSaid(result);
			expect(said.length).toBeGreaterThan(100);
			for (const secret of [...Object.values(KEYS), HMAC]) expect(said).not.toContain(secret);
		}
	});

	test('a wrong key that the provider echoes back is masked', async () => {
		sim.addFault({ provider, route: 'create', action: { type: 'code', code: 401, msg: `Invalid key ${KEYS[provider]}` } });
		const result = await runSora(sim, { provider, parameters: textFor(provider), continueOnFail: true });
		expect(result.items[0].json.error.description).toContain('[redacted]');
		expect(everythingSaid(result)).not.toContain(KEYS[provider]);
	});
});
