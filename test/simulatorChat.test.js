'use strict';

// The simulator's OpenAI-compatible chat model (routes/chat.js), as n8n's OpenAI Chat Model calls it.
const { createSimulator } = require('./simulator');

let sim;
beforeAll(async () => {
	sim = await createSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.close();
});

const TOOLS = [
	{ type: 'function', function: { name: 'Calculator', description: 'Adds numbers', parameters: { type: 'object', properties: { a: { type: 'number' } } } } },
	{
		type: 'function',
		function: { name: 'Sora_Video', description: 'Make a video', parameters: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] } },
	},
];

async function chat(body, key = 'sim-openai-key') {
	const res = await fetch(`${sim.url}/v1/chat/completions`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

test('asked with tools, it calls the video tool once with a prompt', async () => {
	const res = await chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'make a fox video' }], tools: TOOLS });
	expect(res.status).toBe(200);
	const { choices } = JSON.parse(res.text);
	expect(choices[0].finish_reason).toBe('tool_calls');
	const [call] = choices[0].message.tool_calls;
	expect(call.function.name).toBe('Sora_Video');
	expect(JSON.parse(call.function.arguments).prompt).toMatch(/fox/);
});

test("given the tool's answer, it replies with a final message quoting it", async () => {
	const messages = [
		{ role: 'user', content: 'make a fox video' },
		{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'Sora_Video', arguments: '{}' } }] },
		{ role: 'tool', tool_call_id: 'c1', content: '{"taskId":"abc123","status":"queued"}' },
	];
	const res = await chat({ model: 'gpt-4o-mini', messages, tools: TOOLS });
	const { choices } = JSON.parse(res.text);
	expect(choices[0].finish_reason).toBe('stop');
	expect(choices[0].message.content).toContain('abc123');
});

test('streams the same answer as server-sent events when asked to', async () => {
	const res = await chat({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }], tools: TOOLS });
	const events = res.text.split('\n\n').filter(Boolean);
	expect(events.at(-1)).toBe('data: [DONE]');
	const first = JSON.parse(events[0].slice('data: '.length));
	expect(first.choices[0].delta.tool_calls[0].function.name).toBe('Sora_Video');
});

test('a wrong key is refused with 401', async () => {
	const res = await chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'wrong');
	expect(res.status).toBe(401);
});
