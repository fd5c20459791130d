'use strict';

// What n8n's editor makes of the node descriptions, checked without a browser: the browser suite
// (test/e2e/browser) shows the same things in the real editors; these fail fast and name the cause.
const fs = require('node:fs');
const path = require('node:path');
const { NodeHelpers } = require('n8n-workflow');

const { SoraVideo } = require('../dist/nodes/SoraVideo/SoraVideo.node.js');
const { SoraVideoCallbackTrigger } = require('../dist/nodes/SoraVideoCallbackTrigger/SoraVideoCallbackTrigger.node.js');
const { SoraVideoTrigger } = require('../dist/nodes/SoraVideoTrigger/SoraVideoTrigger.node.js');

const ROOT = path.join(__dirname, '..');
const nodes = { soraVideo: new SoraVideo().description, soraVideoCallbackTrigger: new SoraVideoCallbackTrigger().description };
const legacyTrigger = new SoraVideoTrigger().description;
const codex = (folder) => JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', folder, `${folder}.node.json`), 'utf8'));

const node = (parameters, typeVersion = 1) => ({ name: 'n', type: 't', typeVersion, position: [0, 0], parameters });
const shown = (description, property, parameters, typeVersion) =>
	NodeHelpers.displayParameter(parameters, property, node(parameters, typeVersion), description, parameters);
const versionsOf = (description) => [].concat(description.version);
const propertiesNamed = (description, name) => description.properties.filter((p) => p.name === name);

describe('the node panel finds both nodes', () => {
	test.each(['SoraVideo', 'SoraVideoCallbackTrigger'])('%s is not filed as an AI sub-node', (folder) => {
		// n8n's node creator drops AI-category nodes unless their AI subcategories include "Root Nodes".
		const { categories, subcategories = {} } = codex(folder);
		if (categories.includes('AI')) expect(subcategories.AI).toContain('Root Nodes');
	});

	test.each(['SoraVideo', 'SoraVideoCallbackTrigger'])('%s is found by the model families it serves', (folder) => {
		const words = codex(folder).alias.map((a) => a.toLowerCase());
		for (const family of ['sora', 'video', 'kie', 'kling', 'veo', 'wan', 'seedance', 'hailuo']) {
			expect(words).toContain(family);
		}
	});

	test("each node gets its own entry in the node panel, so its details show its own description", () => {
		// n8n's node creator merges a trigger into the entry of the node whose type name is the trigger's minus
		// "Trigger" (generateMergedNodesAndActions), and that entry then shows the trigger's description.
		const panel = [nodes.soraVideo, nodes.soraVideoCallbackTrigger, legacyTrigger].filter((d) => !d.hidden);
		const regular = panel.filter((d) => !d.group.includes('trigger')).map((d) => d.name);
		for (const trigger of panel.filter((d) => d.group.includes('trigger'))) {
			expect(regular).not.toContain(trigger.name.replace('Trigger', ''));
		}
		expect(panel.map((d) => d.name).sort()).toEqual(['soraVideo', 'soraVideoCallbackTrigger']);
	});

	test('the trigger is listed under a name of its own, not as a second "Sora Video"', () => {
		// The node panel lists a trigger under its display name minus "Trigger" (NodeItem, subcategoriesMapper).
		const listed = nodes.soraVideoCallbackTrigger.displayName.replace('Trigger', '').trimEnd();
		expect(listed).toBe('Sora Video Callback');
		expect(nodes.soraVideoCallbackTrigger.defaults.name).toBe('Sora Video Trigger');
		expect(codex('SoraVideoCallbackTrigger').alias).toContain('Sora Video Trigger');
	});

	test("workflows saved with the trigger's first type name load the same trigger, hidden from the panel", () => {
		expect(legacyTrigger.name).toBe('soraVideoTrigger');
		expect(legacyTrigger.hidden).toBe(true);
		expect(legacyTrigger.displayName).toBe('Sora Video Trigger');
		const { name, hidden, displayName, ...rest } = legacyTrigger;
		const { name: _n, displayName: _d, ...current } = nodes.soraVideoCallbackTrigger;
		expect(rest).toEqual(current);
		expect(new SoraVideoTrigger().webhook).toBe(new SoraVideoCallbackTrigger().webhook);
	});

	test('each node has its own description naming the families', () => {
		expect(nodes.soraVideo.description).not.toEqual(nodes.soraVideoCallbackTrigger.description);
		for (const description of Object.values(nodes)) expect(description.description).toMatch(/Kling.*Veo.*Wan.*Seedance.*Hailuo/);
	});
});

describe('Provider, then one credential, visibly', () => {
	test.each(Object.keys(nodes))('%s: the Provider field is not taken for an authentication field', (name) => {
		// The editor hides a field (and merges the credentials into one list that rewrites it) when the
		// credentials' `show` conditions name it with all of its option values.
		const description = nodes[name];
		const named = {};
		for (const credential of description.credentials) {
			for (const [key, values] of Object.entries(credential.displayOptions?.show ?? {})) {
				named[key] = [...(named[key] ?? []), ...values];
			}
		}
		for (const [key, values] of Object.entries(named)) {
			for (const property of propertiesNamed(description, key)) {
				const uncovered = (property.options ?? []).filter((option) => !values.includes(option.value));
				expect({ key, uncovered: uncovered.length > 0 }).toEqual({ key, uncovered: true });
			}
		}
	});

	test.each([
		['soraVideo', 'revid', ['revidApi']],
		['soraVideo', 'sora2api', ['sora2Api']],
		['soraVideo', 'kie', ['kieAiApi']],
		['soraVideoCallbackTrigger', 'kie', ['kieAiApi']],
		['soraVideoCallbackTrigger', 'auto', ['revidApi', 'sora2Api', 'kieAiApi']],
	])('%s with provider %s shows the credential %j', (name, provider, expected) => {
		const description = nodes[name];
		for (const version of versionsOf(description)) {
			const visible = description.credentials.filter((credential) => shown(description, credential, { provider }, version));
			expect({ version, credentials: visible.map((credential) => credential.name) }).toEqual({ version, credentials: expected });
		}
	});

	test('the trigger offers Auto-Detect and the node the three providers', () => {
		const values = (name) => propertiesNamed(nodes[name], 'provider')[0].options.map((o) => o.value);
		expect(values('soraVideo')).toEqual(['revid', 'revidStudio', 'sora2api', 'kie']);
		expect(values('soraVideoCallbackTrigger')).toEqual(['revid', 'revidStudio', 'sora2api', 'kie', 'auto']);
	});
});

describe('plain labels', () => {
	const evaluate = (subtitle, parameters) =>
		// The subtitle is an n8n expression over $parameter only; plain JavaScript evaluates it the same way.
		new Function('$parameter', `return (${subtitle.replace(/^=\{\{/, '').replace(/\}\}$/, '')});`)(parameters);

	test('the canvas subtitle shows labels, e.g. "Create · kie.ai"', () => {
		const operations = propertiesNamed(nodes.soraVideo, 'operation')[0].options;
		const providers = propertiesNamed(nodes.soraVideo, 'provider')[0].options;
		for (const operation of operations) {
			for (const provider of providers) {
				expect(evaluate(nodes.soraVideo.subtitle, { operation: operation.value, provider: provider.value })).toBe(
					`${operation.name} · ${provider.name}`,
				);
			}
		}
		const trigger = (provider, events) => evaluate(nodes.soraVideoCallbackTrigger.subtitle, { provider, events });
		expect(trigger('auto', ['succeeded', 'failed'])).toBe('Succeeded or Failed · Auto-Detect');
		expect(trigger('kie', ['failed'])).toBe('Failed · kie.ai');
		expect(trigger('revid', ['succeeded'])).toBe('Succeeded · Revid API');
	});

	test('Wait Until Done offers no Wait Mode "Callback"', () => {
		const parameters = { operation: 'waitUntilDone', provider: 'kie' };
		const offered = propertiesNamed(nodes.soraVideo, 'waitMode').filter((p) => shown(nodes.soraVideo, p, parameters));
		expect(offered.flatMap((p) => p.options.map((o) => o.value))).not.toContain('callback');
	});

	test('Create hides "Callback URL" in Wait Mode "Callback" and shows it otherwise', () => {
		const [callbackUrl] = propertiesNamed(nodes.soraVideo, 'callbackUrl');
		const create = { operation: 'create', provider: 'kie', model: 'sora-2-text-to-video' };
		expect(shown(nodes.soraVideo, callbackUrl, create)).toBe(true);
		expect(shown(nodes.soraVideo, callbackUrl, { ...create, waitForCompletion: true, waitMode: 'poll' })).toBe(true);
		expect(shown(nodes.soraVideo, callbackUrl, { ...create, waitForCompletion: true, waitMode: 'callback' })).toBe(false);
	});

	test('every field outside the create form explains itself (description or hint)', () => {
		// The create form's fields come from the model catalogue, which carries their hints.
		const createFormOnly = (p) => {
			const operations = p.displayOptions?.show?.operation;
			return operations && operations.length === 1 && operations[0] === 'create' && p.name !== 'waitForCompletion';
		};
		const missing = [];
		const walk = (nodeName, properties) => {
			for (const property of properties) {
				if (property.type === 'notice' || property.name === 'operation') continue;
				// A collection ("Add Option") is a container; its options are the fields.
				if (property.type === 'collection' || property.type === 'fixedCollection') walk(nodeName, property.options ?? []);
				else if (!property.description && !property.hint) missing.push(`${nodeName}: ${property.displayName}`);
			}
		};
		walk('soraVideo', nodes.soraVideo.properties.filter((p) => !createFormOnly(p)));
		walk('soraVideoCallbackTrigger', nodes.soraVideoCallbackTrigger.properties);
		expect(missing).toEqual([]);
	});
});

describe("the node panel's actions", () => {
	// n8n's node panel (1.x as well as 2.x) lists a resource's actions from the Operation whose '@version' names one of
	// the node's versions by value; a `_cnd` condition there matched nothing on 1.x, which then listed no actions.
	test('every Operation shown by version names the versions themselves, and each resource of the newest has one', () => {
		const description = nodes.soraVideo;
		const versions = versionsOf(description);
		const operations = propertiesNamed(description, 'operation');
		for (const operation of operations) {
			for (const version of operation.displayOptions?.show?.['@version'] ?? []) expect(versions).toContain(version);
		}
		const resources = propertiesNamed(description, 'resource')[0].options.map((o) => o.value);
		const listed = resources.map(
			(resource) => operations.find((o) => o.displayOptions?.show?.resource?.includes(resource))?.options.length ?? 0,
		);
		expect(listed.reduce((a, b) => a + b, 0)).toBe(7);
	});
});

