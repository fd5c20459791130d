'use strict';

// The example workflows in examples/ import and run: their Sora Video nodes execute against
// the simulator through n8n-core, with n8n's own start node replaced by a stand-in.
const fs = require('node:fs');
const path = require('node:path');

const { createSimulator } = require('./simulator');
const { runWorkflow } = require('./harness');
const { SoraVideo, SoraVideoCallbackTrigger, credentialTypes } = require('./support/dist');
const { simCredentials } = require('./support/credentials');

jest.setTimeout(60_000);

const DIR = path.join(__dirname, '..', 'examples');
const files = fs.readdirSync(DIR).filter((file) => file.endsWith('.json'));

class ManualTrigger {
	constructor() {
		this.description = {
			displayName: 'Manual Trigger', name: 'manualTrigger', group: ['trigger'], version: 1,
			description: 'Stand-in for n8n-nodes-base.manualTrigger', defaults: { name: 'Manual' },
			inputs: [], outputs: ['main'], properties: [],
		};
	}
	async execute() {
		return [[{ json: {} }]];
	}
}

/** Stand-in for n8n-nodes-base.httpRequest set to "Response Format: File": a JPEG in binary field "data". */
class DownloadFile {
	constructor() {
		this.description = {
			displayName: 'HTTP Request', name: 'httpRequest', group: ['transform'], version: [4.2],
			description: 'Stand-in for n8n-nodes-base.httpRequest (file response)', defaults: { name: 'HTTP Request' },
			inputs: ['main'], outputs: ['main'], properties: [],
		};
	}
	async execute() {
		const jpeg = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(2000, 7)]);
		return [[{ json: {}, binary: { data: await this.helpers.prepareBinaryData(jpeg, 'Cat03.jpg', 'image/jpeg') }, pairedItem: { item: 0 } }]];
	}
}

let sim;
beforeAll(async () => {
	// fourKDurationMs 0: a 4K copy is ready at once, so no example waits kie.ai's 30 s between asks.
	sim = await createSimulator({ taskDurationMs: 300, fourKDurationMs: 0 });
});
afterAll(async () => {
	await sim.close();
});

test('there are examples for every operation and the trigger', () => {
	const nodes = files.flatMap((file) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')).nodes);
	const operations = new Set(nodes.filter((node) => node.type.endsWith('.soraVideo')).map((node) => node.parameters.operation));
	expect([...operations].sort()).toEqual(['create', 'extend', 'query', 'upscale4k', 'waitUntilDone']);
	expect(nodes.some((node) => node.type.endsWith('.soraVideoCallbackTrigger'))).toBe(true);
});

const runnable = files.filter((file) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')).nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'));

test.each(runnable)('%s runs', async (file) => {
	const workflow = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
	// Storyboards and the like must not slow the suite: every task takes the simulator's 300 ms.
	const result = await runWorkflow({
		nodes: workflow.nodes,
		connections: workflow.connections,
		nodeTypes: {
			'n8n-nodes-base.manualTrigger': ManualTrigger,
			'n8n-nodes-base.httpRequest': DownloadFile,
			'n8n-nodes-sora-video.soraVideo': SoraVideo(),
			'n8n-nodes-sora-video.soraVideoCallbackTrigger': SoraVideoCallbackTrigger(),
		},
		credentialTypes: credentialTypes(),
		credentials: simCredentials(sim),
		settings: workflow.settings,
		timeoutMs: 50_000,
	});
	expect(result.error).toBeUndefined();
	const last = workflow.nodes[workflow.nodes.length - 1];
	const output = result.node(last.name);
	expect(output.error).toBeUndefined();
	expect(output.items.length).toBeGreaterThan(0);
	expect(output.items[0].json.taskId).toEqual(expect.any(String));
});
