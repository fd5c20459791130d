'use strict';

// n8n's AI Agent uses Sora Video as a tool, in real n8n: its OpenAI Chat Model points at the
// simulator's /v1/chat/completions (test/simulator/routes/chat.js), which asks for the video tool
// once and then answers with what the tool returned.

const assert = require('node:assert/strict');

const { request, sleep } = require('../lib/http');
const W = require('../workflows');

const WORKFLOW_ID = 'soraAgentToolE2E';
const WEBHOOK_PATH = 'sora-agent-tool';
const OPENAI_CREDENTIAL = { id: 'openAiSimulator1', name: 'OpenAI (simulator)', type: 'openAiApi' };

/** The example's Sora Video node (whatever model examples/ use today) as a tool, with the prompt from the agent. */
function exampleTool() {
	const { workflow } = W.exampleWorkflows().find((e) => e.file === 'create-and-wait.json');
	const { parameters, typeVersion } = workflow.nodes.find((n) => n.type === 'n8n-nodes-sora-video.soraVideo');
	const { waitForCompletion, downloadVideo, binaryPropertyName, waitMode, waitOptions, ...create } = parameters;
	return { typeVersion, parameters: { ...create, prompt: "={{ $fromAI('prompt', 'What the video should show', 'string') }}" } };
}

function agentWorkflow() {
	const node = (name, type, typeVersion, parameters, position, extra = {}) => ({
		id: `0000000${position[0]}-aaaa-4000-8000-${String(position[1] + 500).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position,
		parameters,
		...extra,
	});
	return {
		id: WORKFLOW_ID,
		name: 'e2e: AI Agent with the Sora Video tool',
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} }, [0, 0], {
				webhookId: '5f0c2c1e-8a57-4c1b-9a7e-0d1f2e3a4b99',
			}),
			node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 2.2, {
				promptType: 'define',
				text: 'Make a short video of a red fox running through fresh snow at dawn.',
				options: {},
			}, [240, 0]),
			node('OpenAI Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.2, {
				model: { __rl: true, mode: 'list', value: 'gpt-4o-mini', cachedResultName: 'gpt-4o-mini' },
				options: {},
			}, [120, 200], { credentials: { openAiApi: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name } } }),
			node('Sora Video', 'n8n-nodes-sora-video.soraVideoTool', exampleTool().typeVersion, exampleTool().parameters, [360, 200], {
				credentials: { kieAiApi: { id: W.CREDENTIALS.kie.id, name: W.CREDENTIALS.kie.name } },
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'Sora Video': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		pinData: {},
		active: false,
	};
}

function agentScenarios() {
	return [
		{
			name: 'AI Agent: the Sora Video tool is offered, called once through the OpenAI Chat Model, and the answer carries the task',
			fn: async ({ n8n, sim }) => {
				// The node types the editor's panels list, tools included.
				const types = await request('GET', `${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie, 'browser-id': n8n.browserId } });
				assert.equal(types.status, 200, `/types/nodes.json: HTTP ${types.status}`);
				const tool = types.json.find((t) => t.name === 'n8n-nodes-sora-video.soraVideoTool');
				assert.ok(tool, 'the AI Agent\'s tool list offers the Sora Video tool');
				assert.equal(tool.displayName, 'Sora Video Tool');
				assert.ok(tool.codex.subcategories.AI.includes('Tools'), 'filed under AI → Tools');

				await n8n.importCredentials([{ ...OPENAI_CREDENTIAL, data: { apiKey: sim.apiKeys.openai, url: `${sim.url}/v1` } }]);
				await n8n.importWorkflows([agentWorkflow()]);
				await n8n.activate(WORKFLOW_ID);

				// n8n may answer the activation before its webhook is served (seen on 2.40.5 after the
				// reliability checks restarted it); an unregistered path starts nothing, so asking again is safe.
				const before = await sim.stats();
				let res = await n8n.webhook(WEBHOOK_PATH, {});
				for (let tries = 0; res.status === 404 && /not registered/.test(res.text) && tries < 30; tries += 1) {
					await sleep(1000);
					res = await n8n.webhook(WEBHOOK_PATH, {});
				}
				assert.equal(res.status, 200, `agent webhook: HTTP ${res.status} ${String(res.text).slice(0, 500)}`);
				const after = await sim.stats();

				assert.equal(after.tasksCreated - before.tasksCreated, 1, 'creates the simulator saw');
				const chats = (after.requests['openai.chat'] || 0) - (before.requests['openai.chat'] || 0);
				assert.equal(chats, 2, 'chat completions: one asking for the tool, one answering');
				const [taskId] = Object.keys(after.perTask).filter((id) => !(id in before.perTask));
				const answer = JSON.stringify(res.json);
				assert.ok(answer.includes(taskId), `the agent's answer carries task ${taskId}: ${answer.slice(0, 500)}`);
			},
		},
	];
}

module.exports = { agentScenarios };
