'use strict';

// The workflows and credentials the e2e suite imports into n8n (CLI import:workflow / import:credentials).
// Node types and parameters are those a user gets in the editor; ids are fixed so the suite can find them.

const SORA = 'n8n-nodes-sora-video.soraVideo';
const TRIGGER = 'n8n-nodes-sora-video.soraVideoCallbackTrigger';
// The trigger's first type name, hidden from the node panel: workflows saved with it must keep working.
const LEGACY_TRIGGER = 'n8n-nodes-sora-video.soraVideoTrigger';
const PROVIDERS = ['kie', 'revid', 'sora2api'];

/** Credential ids: the ones examples/*.json refer to. */
const CREDENTIALS = {
	kie: { id: 'kieSimulator0001', name: 'Kie.ai (simulator)', type: 'kieAiApi' },
	revid: { id: 'revidSimulator01', name: 'Revid API (simulator)', type: 'revidApi' },
	sora2api: { id: 'sora2apiSimula01', name: 'Sora2API (simulator)', type: 'sora2Api' },
};

const HMAC_KEY = 'e2e-kie-webhook-hmac-key';
const TRIGGER_TOKEN = 'e2e-secret-token-0001';

/** Credentials pointing at the simulator, for `n8n import:credentials` (plain data; n8n encrypts it). */
function simulatorCredentials(sim, { hmacKey = HMAC_KEY } = {}) {
	const data = {
		kie: { apiKey: sim.apiKeys.kie, baseUrl: sim.baseUrls.kie, uploadBaseUrl: sim.url, webhookHmacSecret: hmacKey || '' },
		revid: { apiKey: sim.apiKeys.revid, baseUrl: sim.baseUrls.revid },
		sora2api: { apiKey: sim.apiKeys.sora2api, baseUrl: sim.baseUrls.sora2api },
	};
	return PROVIDERS.map((p) => ({ ...CREDENTIALS[p], data: data[p] }));
}

function credentialRef(provider) {
	const { type, id, name } = CREDENTIALS[provider];
	return { [type]: { id, name } };
}

let counter = 0;
function uuid(seed) {
	counter += 1;
	const hex = Buffer.from(`${seed}:${counter}`).toString('hex').padEnd(32, '0').slice(0, 32);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function node(name, type, typeVersion, parameters, extra = {}) {
	return { parameters, id: uuid(name), name, type, typeVersion, position: [0, 0], ...extra };
}

function chain(nodes) {
	const connections = {};
	nodes.forEach((n, i) => {
		n.position = [i * 240, 0];
		if (i < nodes.length - 1) {
			connections[n.name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
		}
	});
	return connections;
}

function workflow(id, name, nodes) {
	return {
		id,
		name,
		nodes,
		connections: chain(nodes),
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		pinData: {},
		active: false,
	};
}

/** Webhook (respond with all items of the last node) → Split Out body.items: one item per entry. */
function webhookStart(path) {
	return [
		node('Webhook', 'n8n-nodes-base.webhook', 2, {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		}, { webhookId: uuid(`webhook-${path}`) }),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} }),
	];
}

/** The model each provider serves: kie.ai's default (Kling 3.0); Revid and Sora2API document only Sora 2. */
const MODEL_OF = { kie: 'kling-3.0/video', revid: 'sora-2-text-to-video', sora2api: 'sora-2-text-to-video' };

function createParameters(provider, extra = {}) {
	const base = {
		provider,
		operation: 'create',
		model: MODEL_OF[provider],
		prompt: '={{ $json.prompt }}',
		aspectRatio: provider === 'kie' ? '16:9' : 'landscape',
	};
	if (provider === 'kie') base.duration = '5';
	else if (provider === 'revid') base.duration = '10';
	else base.quality = 'standard';
	return { ...base, ...extra };
}

const ids = {
	create: { kie: 'e2eCreateKie0001', revid: 'e2eCreateRevid01', sora2api: 'e2eCreateSora201' },
	chain: { kie: 'e2eChainKie00001', revid: 'e2eChainRevid001', sora2api: 'e2eChainSora2001' },
	callback: { kie: 'e2eCallbackKie01', revid: 'e2eCallbackRevid', sora2api: 'e2eCallbackSora2' },
	trigger: 'e2eTriggerAuto01',
	triggerToken: 'e2eTriggerToken1',
	error: 'e2eError40200001',
	errorContinue: 'e2eErrorContinue',
	reliability: 'e2eReliability01',
	reliabilityProgress: 'e2eReliabilityP1',
	callbackWait: 'e2eCallbackWait1',
};

const webhookPaths = {
	create: (p) => `e2e-create-${p}`,
	chain: (p) => `e2e-chain-${p}`,
	callback: (p) => `e2e-callback-${p}`,
	error: 'e2e-error-402',
	errorContinue: 'e2e-error-402-continue',
	reliability: 'e2e-reliability',
	reliabilityProgress: 'e2e-reliability-progress',
	callbackWait: 'e2e-callback-wait',
};

const TRIGGER_WEBHOOK_IDS = {
	trigger: '5e2e0000-0000-4000-8000-00000000a001',
	triggerToken: '5e2e0000-0000-4000-8000-00000000a002',
};

/** Scenario 1: create with Wait for Completion and Download Video. */
function createAndWait(provider) {
	return workflow(ids.create[provider], `e2e: create and wait (${provider})`, [
		...webhookStart(webhookPaths.create(provider)),
		node('Create video', SORA, 1, createParameters(provider, {
			waitForCompletion: true,
			downloadVideo: true,
			binaryPropertyName: 'data',
		}), { credentials: credentialRef(provider) }),
	]);
}

/** Scenario 2: create (no wait) → Query → Wait Until Done, task IDs passed by expression. */
function createQueryWait(provider) {
	return workflow(ids.chain[provider], `e2e: create, query, wait (${provider})`, [
		...webhookStart(webhookPaths.chain(provider)),
		node('Start video', SORA, 1, createParameters(provider), { credentials: credentialRef(provider) }),
		node('Query task', SORA, 1, { provider, operation: 'query', taskId: '={{ $json.taskId }}' }, {
			credentials: credentialRef(provider),
		}),
		node('Wait until done', SORA, 1, {
			provider,
			operation: 'waitUntilDone',
			taskId: '={{ $json.taskId }}',
			downloadVideo: true,
			binaryPropertyName: 'video',
			waitOptions: { timeout: 120 },
		}, { credentials: credentialRef(provider) }),
	]);
}

/** Scenario 3, part 1: create with the trigger's production URL as callback URL. */
function createWithCallback(provider) {
	return workflow(ids.callback[provider], `e2e: create with callback (${provider})`, [
		...webhookStart(webhookPaths.callback(provider)),
		node('Start video with callback', SORA, 1, createParameters(provider, { callbackUrl: '={{ $json.callbackUrl }}' }), {
			credentials: credentialRef(provider),
		}),
	]);
}

/** An HTTP Request node that posts what the trigger emitted (JSON and binary metadata) to the simulator's recorder. */
function recorder(simUrl, tag) {
	return node('Record', 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: `${simUrl}/__sim/record`,
		sendBody: true,
		specifyBody: 'json',
		jsonBody:
			`={{ JSON.stringify({ tag: ${JSON.stringify(tag)}, json: $json, ` +
			'binary: $binary.data ? { fileName: $binary.data.fileName, mimeType: $binary.data.mimeType, fileSize: $binary.data.fileSize, fileExtension: $binary.data.fileExtension } : null }) }}',
		options: {},
	});
}

/** Scenario 3, part 2: the active trigger workflow (auto-detect, all three credentials, download on). */
function triggerWorkflow(simUrl) {
	return workflow(ids.trigger, 'e2e: Sora Video Trigger → recorder', [
		node('Sora Video Trigger', TRIGGER, 1, {
			provider: 'auto',
			events: ['succeeded', 'failed'],
			options: { downloadVideo: true },
		}, {
			webhookId: TRIGGER_WEBHOOK_IDS.trigger,
			credentials: { ...credentialRef('kie'), ...credentialRef('revid'), ...credentialRef('sora2api') },
		}),
		recorder(simUrl, 'auto'),
	]);
}

/**
 * A trigger that requires a secret token (Revid, which does not sign its callbacks), saved with the trigger's
 * first type name, as workflows made before the node panel fix are.
 */
function tokenTriggerWorkflow(simUrl) {
	return workflow(ids.triggerToken, 'e2e: Sora Video Trigger with a secret token → recorder', [
		node('Sora Video Trigger', LEGACY_TRIGGER, 1, {
			provider: 'revid',
			events: ['succeeded', 'failed'],
			options: { downloadVideo: true, secretToken: TRIGGER_TOKEN },
		}, { webhookId: TRIGGER_WEBHOOK_IDS.triggerToken, credentials: credentialRef('revid') }),
		recorder(simUrl, 'token'),
	]);
}

/** Scenario 4: a create that the provider refuses (402); the second one continues on fail. */
function errorWorkflow(continueOnFail) {
	const sora = node('Create video', SORA, 1, createParameters('kie'), { credentials: credentialRef('kie') });
	if (continueOnFail) sora.onError = 'continueRegularOutput';
	return workflow(
		continueOnFail ? ids.errorContinue : ids.error,
		continueOnFail ? 'e2e: provider error, continue on fail' : 'e2e: provider error',
		[...webhookStart(continueOnFail ? webhookPaths.errorContinue : webhookPaths.error), sora],
	);
}

/**
 * The SIGKILL check: Webhook (Respond Immediately) → Create (kie.ai, no wait) → Wait Until Done on
 * {{ $json.taskId }}, the way a user splits a long wait from the create. `saveProgress` turns on the
 * workflow setting "Save execution progress" (n8n saves the run data after every node).
 */
function reliabilityWorkflow(saveProgress) {
	const id = saveProgress ? ids.reliabilityProgress : ids.reliability;
	const path = saveProgress ? webhookPaths.reliabilityProgress : webhookPaths.reliability;
	const wf = workflow(id, `e2e: create, then Wait Until Done, killed mid-wait${saveProgress ? ' (save execution progress)' : ''}`, [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, {
			webhookId: uuid(`webhook-${path}`),
		}),
		node('Start video', SORA, 1, createParameters('kie', { prompt: '={{ $json.body.prompt }}' }), { credentials: credentialRef('kie') }),
		node('Wait until done', SORA, 1, {
			provider: 'kie',
			operation: 'waitUntilDone',
			taskId: '={{ $json.taskId }}',
			waitOptions: { timeout: 600 },
		}, { credentials: credentialRef('kie') }),
	]);
	if (saveProgress) wf.settings.saveExecutionProgress = true;
	return wf;
}

/**
 * Wait Mode "Callback": Webhook (Respond Immediately) → one item per body.items entry → Create
 * (kie.ai, Wait for Completion, callback mode; confirmation and download per item) → recorder.
 */
function callbackWaitWorkflow(simUrl) {
	const path = webhookPaths.callbackWait;
	return workflow(ids.callbackWait, 'e2e: create and wait by callback → recorder', [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, {
			webhookId: '5e2e0000-0000-4000-8000-00000000c0b1',
		}),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} }),
		node('Create video', SORA, 1, createParameters('kie', {
			waitForCompletion: true,
			waitMode: 'callback',
			downloadVideo: '={{ $json.download }}',
			binaryPropertyName: 'data',
			waitOptions: { timeout: 600, confirmCallback: '={{ $json.confirm }}', pollingMode: 'fixed', pollInterval: 1 },
		}), { credentials: credentialRef('kie') }),
		recorder(simUrl, 'callbackWait'),
	]);
}

/** examples/*.json as shipped (the demo imports them too). */
function exampleWorkflows() {
	const fs = require('node:fs');
	const path = require('node:path');
	const dir = path.resolve(__dirname, '..', '..', 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, workflow: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

function allWorkflows(simUrl) {
	return [
		...PROVIDERS.map(createAndWait),
		...PROVIDERS.map(createQueryWait),
		...PROVIDERS.map(createWithCallback),
		triggerWorkflow(simUrl),
		tokenTriggerWorkflow(simUrl),
		errorWorkflow(false),
		errorWorkflow(true),
		reliabilityWorkflow(false),
		reliabilityWorkflow(true),
		callbackWaitWorkflow(simUrl),
		...require('./scenarios/models').workflows(),
		...require('./scenarios/binaryInput').workflows(),
		...require('./scenarios/costSafety').workflows(),
		...require('./scenarios/afterClip').workflows(),
	];
}

/** Workflows that must be active (production webhooks). All of them start with a webhook or the trigger. */
function activeWorkflowIds() {
	return [
		...PROVIDERS.map((p) => ids.create[p]),
		...PROVIDERS.map((p) => ids.chain[p]),
		...PROVIDERS.map((p) => ids.callback[p]),
		ids.trigger,
		ids.triggerToken,
		ids.error,
		ids.errorContinue,
		ids.reliability,
		ids.reliabilityProgress,
		ids.callbackWait,
		...require('./scenarios/models').activeIds,
		...require('./scenarios/binaryInput').activeIds,
		...require('./scenarios/costSafety').activeIds,
		...require('./scenarios/afterClip').activeIds,
	];
}

module.exports = {
	PROVIDERS,
	MODEL_OF,
	CREDENTIALS,
	HMAC_KEY,
	TRIGGER_TOKEN,
	TRIGGER_WEBHOOK_IDS,
	ids,
	webhookPaths,
	simulatorCredentials,
	allWorkflows,
	exampleWorkflows,
	activeWorkflowIds,
	recorderNode: recorder,
	createAndWaitWorkflow: createAndWait,
	// For the checks in scenarios/.
	SORA,
	node,
	workflow,
	webhookStart,
	credentialRef,
};
