'use strict';

// The editor as a user meets it, in a real browser (see editor.js), against the n8n that run.js
// started: finding the nodes, every example's Sora Video panels, and executing an example.

const assert = require('node:assert/strict');
const path = require('node:path');

const { Editor, sleep } = require('./editor');
const { OWNER } = require('../lib/n8n');
const W = require('../workflows');

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');
const SORA = 'n8n-nodes-sora-video.soraVideo';
const TRIGGER = 'n8n-nodes-sora-video.soraVideoCallbackTrigger';
const LEGACY_TRIGGER = 'n8n-nodes-sora-video.soraVideoTrigger';
const BROWSER_TIMEOUT_S = 420;
const TRIGGER_DESCRIPTION = /Starts a workflow when kie\.ai, Revid API or Sora2API reports/;

function descriptions() {
	const { SoraVideo } = require(path.join(DIST, 'nodes', 'SoraVideo', 'SoraVideo.node.js'));
	const { SoraVideoCallbackTrigger } = require(path.join(DIST, 'nodes', 'SoraVideoCallbackTrigger', 'SoraVideoCallbackTrigger.node.js'));
	const { SoraVideoTrigger } = require(path.join(DIST, 'nodes', 'SoraVideoTrigger', 'SoraVideoTrigger.node.js'));
	return {
		[SORA]: new SoraVideo().description,
		[TRIGGER]: new SoraVideoCallbackTrigger().description,
		[LEGACY_TRIGGER]: new SoraVideoTrigger().description,
	};
}

/** Credential type name → the display name n8n shows ("Kie.ai API"). */
function credentialNames() {
	const names = {};
	for (const file of require(path.join(DIST, '..', 'package.json')).n8n.credentials) {
		const exported = require(path.join(DIST, '..', file));
		for (const Type of Object.values(exported)) {
			const credential = new Type();
			names[credential.name] = credential.displayName;
		}
	}
	return names;
}

/** The subtitle n8n should draw under a node: its expression over the node's parameters with defaults. */
function expectedSubtitle(description, parameters) {
	const values = {};
	for (const property of description.properties) {
		if (['provider', 'operation', 'events'].includes(property.name) && values[property.name] === undefined) {
			values[property.name] = parameters[property.name] ?? property.default;
		}
	}
	const body = description.subtitle.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$parameter', `return (${body});`)(values);
}

/** Opens a browser, signs in through the form, runs `fn`, and fails on errors from this package's code. */
async function withEditor(ctx, fn) {
	const editor = await Editor.open({ url: ctx.n8n.url, version: ctx.version });
	try {
		await editor.step('01-sign-in', () => editor.signIn(OWNER));
		await fn(editor);
		assert.deepEqual(editor.packageErrors(), [], 'page errors from this package');
	} finally {
		await editor.close();
	}
}

function browserScenarios() {
	const list = [];
	const add = (name, fn) => list.push({ name, fn, timeoutS: BROWSER_TIMEOUT_S });

	add('editor: sign-in form; the node panel finds Sora Video by "sora", "video", "kie" and the model families; the trigger list finds the trigger', (ctx) =>
		withEditor(ctx, async (editor) => {
			await editor.step('02-trigger-list-search-sora', async () => {
				await editor.newWorkflow();
				await editor.page.click('[data-test-id="canvas-add-button"]');
				const names = await editor.searchNodePanel('sora');
				// n8n lists a trigger without the word "Trigger".
				assert.ok(names.includes('Sora Video Callback'), `the trigger list for "sora" shows: ${names.slice(0, 8).join(', ')}`);
				assert.equal(names.filter((n) => n === 'Sora Video').length, 1, 'one entry for Sora Video, one for the trigger');
			});
			await editor.step('03-trigger-details', async () => {
				const details = await editor.openNodePanelItem('Sora Video Callback');
				assert.match(details, /On succeeded/);
				assert.match(details, TRIGGER_DESCRIPTION, "the trigger's own description");
				assert.doesNotMatch(details, /Make AI videos/, "not Sora Video's description");
				assert.doesNotMatch(details, /Actions \(\d\)/, "not Sora Video's actions");
			});
			await editor.step('03-trigger-added', async () => {
				await editor.page.click('[data-test-id="node-creator"] ::-p-text(On succeeded)');
				await editor.page.waitForSelector('[data-test-id="node-parameters"]');
				await sleep(700);
				// Closes the dropdown by picking the operation the node already has.
			await editor.page.evaluate(() => {
				const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
				const item = [...document.querySelectorAll('.el-select-dropdown__item')].filter(visible).find((el) => el.innerText.split('\n')[0].trim() === 'Extend');
				if (item) item.click();
			});
				await sleep(500);
				const names = (await editor.canvasNodes()).map((n) => n.name);
				assert.deepEqual(names, ['Sora Video Trigger'], 'the first step is the trigger, under its usual name');
			});
			await editor.openWorkflow(W.exampleWorkflows().find((e) => e.file === 'create-and-wait.json').workflow.id);
			for (const query of ['sora', 'video', 'kie', 'kling', 'veo', 'wan', 'seedance', 'hailuo']) {
				await editor.step(`04-node-panel-search-${query}`, async () => {
					if (!(await editor.page.$('[data-test-id="node-creator-search-bar"]'))) {
						await editor.page.click('[data-test-id="node-creator-plus-button"]');
					}
					const found = await editor.searchNodePanel(query);
					assert.ok(found.includes('Sora Video'), `the node panel for "${query}" shows: ${found.slice(0, 8).join(', ')}`);
				});
			}
			await editor.step('05-node-details', async () => {
				await editor.searchNodePanel('sora');
				const details = await editor.openNodePanelItem('Sora Video');
				// Version 1.2's Resources: Video (Create, Query, Wait Until Done, Extend, Upscale to 4K, Get
				// Download Link) and Account (Get Credits).
				assert.match(details, /Actions \(7\)/);
				assert.match(details, /Create a video generation task/);
				assert.match(details, /Make AI videos/, "Sora Video's own description");
				assert.doesNotMatch(details, /Starts a workflow/, "not the trigger's description");
				assert.doesNotMatch(details, /sub-nodes/i);
			});
			await editor.closeNodePanel();
		}),
	);

	add('editor: every example workflow: each Sora Video panel shows Provider, one labelled credential selector per provider, a plain subtitle, no warnings, no field left unexplained', (ctx) =>
		withEditor(ctx, async (editor) => {
			const types = descriptions();
			const credentialLabel = credentialNames();
			let panels = 0;
			for (const { file, workflow } of W.exampleWorkflows()) {
				const ours = workflow.nodes.filter((n) => types[n.type]);
				if (!ours.length) continue;
				await editor.openWorkflow(workflow.id);
				const onCanvas = await editor.canvasNodes();
				for (const node of ours) {
					const step = `10-${path.basename(file, '.json')}-${node.name}`;
					await editor.step(step, async () => {
						const description = types[node.type];
						const subtitle = expectedSubtitle(description, node.parameters);
						const drawn = onCanvas.find((n) => n.name === node.name);
						assert.ok(drawn && drawn.text.includes(subtitle), `${file} "${node.name}": subtitle "${subtitle}" not in "${drawn && drawn.text}"`);
						await editor.openNode(node.name);
						const panel = await editor.readPanel();
						assert.ok(panel.parameters.includes('provider'), `${file} "${node.name}": no Provider field (${panel.parameters.join(', ')})`);
						const provider = node.parameters.provider ?? 'kie';
						const expected = description.credentials
							// Under the trigger's Auto-Detect too: a provider that never calls back (Revid AI Studio) hides its credential there.
							.filter((c) => !(c.displayOptions.hide.provider || []).includes(provider))
							.map((c) => `Credential for ${credentialLabel[c.name]}`);
						assert.deepEqual(panel.credentials.map((c) => c.label), expected, `${file} "${node.name}": credential selectors`);
						assert.deepEqual(panel.warnings, [], `${file} "${node.name}": parameter warnings`);
						// "Operation" is n8n's own convention: its options and the subtitle say what it does.
						const unexplained = panel.labels.filter((l) => !l.explained && l.name !== 'operation').map((l) => l.text);
						assert.deepEqual(unexplained, [], `${file} "${node.name}": fields with neither a description nor a hint`);
					});
					await editor.closeNode();
					panels += 1;
				}
			}
			assert.ok(panels >= 5, `only ${panels} Sora Video panels in examples/`);

			// Version 1.2: the Resource choice, and the Video operations with their explanations.
			const extendExample = W.exampleWorkflows().find((e) => e.workflow.nodes.some((n) => n.parameters.operation === 'extend'));
			const extendNode = extendExample.workflow.nodes.find((n) => n.parameters.operation === 'extend');
			await editor.openWorkflow(extendExample.workflow.id);
			await editor.openNode(extendNode.name);
			await editor.step('13-resource-video-operations', async () => {
				const panel = await editor.readPanel();
				assert.ok(panel.parameters.includes('resource'), `no Resource field (${panel.parameters.join(', ')})`);
				const options = await editor.listOptions('operation');
				assert.deepEqual(
					options.map((o) => o.name),
					['Create', 'Query', 'Wait Until Done', 'Extend', 'Upscale to 4K', 'Get Download Link'],
					'the Video operations',
				);
				for (const option of options) assert.ok(option.description, `operation "${option.name}" has no explanation`);
			});
			await editor.page.keyboard.press('Escape');
			await editor.step('14-resource-account', async () => {
				assert.equal(await editor.chooseOption('resource', 'Account'), 'Account');
				assert.equal(await editor.page.$eval('[data-test-id="parameter-input-operation"] input', (el) => el.value), 'Get Credits');
			});
			await editor.closeNode();

			// The trigger's Auto-Detect can be left and chosen again; only the Provider field changes the provider.
			const { workflow } = W.exampleWorkflows().find((e) => e.workflow.nodes.some((n) => n.type === TRIGGER && n.parameters.provider === 'auto'));
			const trigger = workflow.nodes.find((n) => n.type === TRIGGER);
			await editor.openWorkflow(workflow.id);
			await editor.openNode(trigger.name);
			await editor.step('11-trigger-provider-kie', async () => {
				assert.equal(await editor.chooseOption('provider', 'kie.ai'), 'kie.ai');
				const panel = await editor.readPanel();
				assert.deepEqual(panel.credentials.map((c) => c.label), [`Credential for ${credentialLabel.kieAiApi}`]);
			});
			await editor.step('12-trigger-provider-auto-again', async () => {
				assert.equal(await editor.chooseOption('provider', 'Auto-Detect'), 'Auto-Detect');
				const panel = await editor.readPanel();
				const underAuto = types[TRIGGER].credentials.filter((c) => !(c.displayOptions.hide.provider || []).includes('auto'));
				assert.deepEqual(panel.credentials.map((c) => c.label), underAuto.map((c) => `Credential for ${credentialLabel[c.name]}`));
				assert.equal(await editor.page.$eval('[data-test-id="parameter-input-provider"] input', (el) => el.value), 'Auto-Detect');
			});
			await editor.closeNode();
		}),
	);

	add('editor: "Execute workflow" on the create-and-wait example shows the task JSON and a binary video/mp4 with its View button', (ctx) =>
		withEditor(ctx, async (editor) => {
			const { workflow } = W.exampleWorkflows().find((e) => e.file === 'create-and-wait.json');
			const node = workflow.nodes.find((n) => n.type === SORA);
			await editor.openWorkflow(workflow.id);
			await editor.step('20-execute-workflow', async () => {
				await editor.executeWorkflow();
				await editor.page.waitForSelector(
					`[data-test-id="canvas-node"][data-node-name="${node.name}"] [data-test-id="canvas-node-status-success"]`,
					{ timeout: 120_000 },
				);
			});
			await editor.openNode(node.name);
			await editor.step('21-output-json', async () => {
				await editor.page.click('[data-test-id="output-panel"] [data-test-id="radio-button-json"]');
				await sleep(700);
				const text = await editor.page.$eval('[data-test-id="output-panel"]', (el) => el.innerText);
				// n8n draws the JSON with its own spacing.
				assert.match(text, /"status"\s*:\s*"succeeded"/);
				assert.match(text, /"taskId"\s*:\s*"[^"]+"/);
				assert.match(text, /"provider"\s*:\s*"kie"/);
				assert.match(text, /"videoUrl"\s*:\s*"http/);
			});
			await editor.step('22-output-binary', async () => {
				await editor.page.click('[data-test-id="output-panel"] [data-test-id="radio-button-binary"]');
				const card = await editor.page.waitForSelector('[data-test-id="ndv-binary-data_0"]');
				assert.match(await card.evaluate((el) => el.innerText), /video\/mp4/);
				const view = await editor.page.waitForSelector('[data-test-id="ndv-view-binary-data"]', { visible: true });
				assert.match(await view.evaluate((el) => el.innerText), /View/);
				await view.click();
				await editor.page.waitForSelector('video', { timeout: 30_000 });
				await sleep(1000);
			});
		}),
	);

	add('editor: Revid AI Studio lists the live models from the simulator with their prices, and the durations the chosen model allows', (ctx) =>
		withEditor(ctx, async (editor) => {
			const { workflow } = W.exampleWorkflows().find((e) => e.file === 'revid-ai-studio.json');
			await editor.openWorkflow(workflow.id);
			await editor.openNode('Create video');
			await editor.step('30-studio-model-list', async () => {
				await editor.page.click('[data-test-id="parameter-input-studioModel"] [data-test-id="rlc-input"]');
				// The list first shows the saved choice, then the models once the editor has loaded them.
				await editor.page.waitForFunction(
					() => [...document.querySelectorAll('[data-test-id="rlc-item"]')].filter((el) => /credits/.test(el.innerText)).length >= 2,
					{ timeout: 30_000 },
				);
				await sleep(700);
				const items = await editor.page.$$eval('[data-test-id="rlc-item"]', (els) => els.map((el) => el.innerText.trim()));
				// IDs only the simulator's live list has (the built-in list says kling-3.0), with prices from pricing[].
				assert.ok(items.some((text) => /kling-3\.0-video/.test(text) && /150–420 credits/.test(text)), `model list: ${items.join(' | ')}`);
				assert.ok(items.some((text) => /kling-2\.6/.test(text) && /70–220 credits/.test(text)), `model list: ${items.join(' | ')}`);
				assert.ok(!items.some((text) => /nano-banana|Built-In/.test(text)), `no image models, no fallback: ${items.join(' | ')}`);
				// Closed by a click beside the panel: 1.x keeps the list open on Escape, over the fields below.
				await editor.page.mouse.click(60, 300);
				await sleep(700);
				assert.equal(await editor.page.$$eval('[data-test-id="rlc-item"]', (els) => els.filter((el) => el.offsetParent !== null).length), 0, 'the list closed');
			});
			await editor.step('31-studio-durations', async () => {
				await editor.page.click('[data-test-id="parameter-input-studioDuration"] input');
				await sleep(1500);
				const options = await editor.page.evaluate(() =>
					[...document.querySelectorAll('.el-select-dropdown__item')]
						.filter((el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length))
						.map((el) => el.innerText.split('\n')[0].trim()),
				);
				assert.deepEqual(options, ["Model's Default", '5 s · 70–110 credits', '10 s · 140–220 credits'], `duration options: ${options.join(' | ')}`);
				await editor.page.keyboard.press('Escape');
			});
			await editor.closeNode();
		}),
	);

	return list;
}

module.exports = { browserScenarios };
