'use strict';

// Each credential's `test`, run the way n8n's credential tester runs it: its request goes
// through n8n-core's RoutingNode with the credential's own authentication, and then the
// test's rules are applied to the response body.
const { createSimulator } = require('./simulator');
const { runNode } = require('./harness');
const { credentialTypes } = require('./support/dist');
const { simCredentials } = require('./support/credentials');

let sim;
beforeAll(async () => {
	sim = await createSimulator();
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

const TYPES = Object.fromEntries(credentialTypes().map((Type) => [new Type().name, Type]));
const KEY_OF = { revidApi: 'revid', sora2Api: 'sora2api', kieAiApi: 'kie' };

/** A declarative node holding the test request, as n8n builds one for a credential test. */
function testNodeFor(credentialType) {
	const { test } = new TYPES[credentialType]();
	return class CredentialTestNode {
		constructor() {
			this.description = {
				displayName: 'Credential Test',
				name: 'credentialTest',
				group: ['transform'],
				version: 1,
				description: 'Runs a credential test request',
				defaults: { name: 'Credential Test' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: credentialType, required: true }],
				properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } }],
			};
		}
	};
}

async function testCredential(credentialType, data) {
	const result = await runNode({
		nodeClass: testNodeFor(credentialType),
		credentialTypes: Object.values(TYPES),
		credentials: { [credentialType]: data },
	});
	if (result.error) {
		// n8n's tester matches `responseCode` rules against the status of an HTTP error answer.
		const status = Number(result.error.cause?.response?.status ?? result.error.httpCode);
		const rule = (new TYPES[credentialType]().test.rules ?? []).find((r) => r.type === 'responseCode' && r.properties.value === status);
		return { status: 'Error', message: rule ? rule.properties.message : result.error.message };
	}
	const body = result.items[0].json;
	for (const rule of new TYPES[credentialType]().test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && body[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK' };
}

describe.each(Object.keys(KEY_OF))('%s', (credentialType) => {
	const provider = KEY_OF[credentialType];
	const good = () => simCredentials(sim)[credentialType];

	test('a valid key passes', async () => {
		expect(await testCredential(credentialType, good())).toEqual({ status: 'OK' });
		// The simulator checks each provider's own auth header, and a test must cost nothing.
		expect(sim.stats.requests[provider === 'kie' ? 'kie.credit' : `${provider}.query`]).toBe(1);
		expect(sim.stats.tasksCreated).toBe(0);
	});

	test.each(['envelope', 'http'])('a wrong key fails with a clear message (401 sent as %s)', async (style) => {
		sim.configure({ errorStyle: { [provider]: style } });
		const outcome = await testCredential(credentialType, { ...good(), apiKey: 'not-the-key' });
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/rejected the API key/);
		expect(outcome.message).not.toContain('not-the-key');
	});
});

describe('revidAiStudioApi', () => {
	const good = () => simCredentials(sim).revidAiStudioApi;

	test('a valid key passes with one free request for the model list', async () => {
		expect(await testCredential('revidAiStudioApi', good())).toEqual({ status: 'OK' });
		expect(sim.stats.requests['revidStudio.models']).toBe(1);
		expect(sim.stats.tasksCreated).toBe(0);
	});

	test('a wrong key fails with a clear message', async () => {
		const outcome = await testCredential('revidAiStudioApi', { ...good(), apiKey: 'sk_live_not_the_key' });
		expect(outcome).toEqual({ status: 'Error', message: expect.stringMatching(/Revid AI Studio rejected the API key/) });
		expect(outcome.message).not.toContain('sk_live_not_the_key');
	});
});
