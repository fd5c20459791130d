'use strict';

// The package as n8n sees it: n8n-core's own PackageDirectoryLoader finds the nodes and
// credentials from package.json's `n8n` section, with codex and light/dark icons.
const fs = require('node:fs');
const path = require('node:path');

require('./harness'); // registers the DI services n8n-core's loader needs
const { PackageDirectoryLoader } = require('n8n-core');

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('package.json follows the community-node rules', () => {
	expect(pkg.name).toBe('n8n-nodes-sora-video');
	expect(pkg.license).toBe('MIT');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.files[0]).toBe('dist');
	for (const exclusion of pkg.files.slice(1)) expect(exclusion).toMatch(/^!dist\//); // what the package leaves out: pack.test.js
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
});

test("n8n's loader finds the nodes (and the trigger's first type name) and every credential", async () => {
	const loader = new PackageDirectoryLoader(ROOT);
	await loader.loadAll();
	expect(Object.keys(loader.known.nodes).sort()).toEqual(['soraVideo', 'soraVideoCallbackTrigger', 'soraVideoTrigger']);
	expect(Object.keys(loader.known.credentials).sort()).toEqual(['kieAiApi', 'revidAiStudioApi', 'revidApi', 'sora2Api']);

	const byName = Object.fromEntries(loader.types.nodes.map((node) => [node.name, node]));
	expect(byName.soraVideo.usableAsTool).toBe(true);
	for (const trigger of ['soraVideoCallbackTrigger', 'soraVideoTrigger']) {
		expect(byName[trigger].usableAsTool).toBeUndefined();
		expect(byName[trigger].group).toEqual(['trigger']);
	}
	expect(byName.soraVideoTrigger.hidden).toBe(true);
	for (const node of loader.types.nodes) {
		// which categories: editorDescription.test.js; the hidden first trigger type is never in the node panel
		if (!node.hidden) expect(node.codex.categories.length).toBeGreaterThan(0);
		expect(node.iconUrl).toEqual({ light: expect.stringMatching(/sora\.svg$/), dark: expect.stringMatching(/sora\.dark\.svg$/) });
	}
	for (const credential of loader.types.credentials) {
		expect(typeof credential.test).toBe('object');
		expect(credential.iconUrl.dark).toMatch(/sora\.dark\.svg$/);
	}
	for (const icon of ['sora.svg', 'sora.dark.svg']) expect(fs.existsSync(path.join(ROOT, 'dist', 'icons', icon))).toBe(true);
});

test('the models are data, not a closed list: a custom model ID is always offered', () => {
	const { MODELS, CUSTOM_MODEL } = require('../dist/nodes/shared/models/catalogue.js');
	const { SoraVideo } = require('../dist/nodes/SoraVideo/SoraVideo.node.js');
	const modelFields = new SoraVideo().description.properties.filter((property) => property.name === 'model');
	for (const field of modelFields) {
		expect(field.options.map((option) => option.value)).toContain(CUSTOM_MODEL);
	}
	expect(MODELS.map((model) => model.id)).toEqual(expect.arrayContaining([
		'sora-2-text-to-video', 'sora-2-image-to-video', 'sora-2-pro-text-to-video', 'sora-2-pro-image-to-video',
		'sora-2-pro-storyboard', 'sora-watermark-remover', 'sora-2-characters', 'sora-2-characters-pro',
	]));
});
