'use strict';

// An OpenAI-compatible chat model for n8n's AI Agent tests (POST /v1/chat/completions). It plays a
// model that always wants a video: asked with tools, it calls the video tool once; given the tool's
// answer, it replies with a final message that quotes it. Plain and streamed (SSE) answers.

const { jsonObjectBody } = require('./common');

const VIDEO_PROMPT = 'A red fox runs through fresh snow at dawn, slow motion';

function videoTool(tools) {
	const functions = (Array.isArray(tools) ? tools : []).filter((t) => t && t.function && t.function.name);
	return functions.find((t) => /sora|video/i.test(`${t.function.name} ${t.function.description || ''}`)) || functions[0];
}

/** Arguments that satisfy the tool's JSON schema: the prompt gets a video idea, other strings a placeholder. */
function argumentsFor(tool) {
	const properties = (tool.function.parameters && tool.function.parameters.properties) || {};
	const args = {};
	for (const [name, schema] of Object.entries(properties)) {
		if (/prompt|input|query|text/i.test(name)) args[name] = VIDEO_PROMPT;
		else if (schema && (schema.type === 'number' || schema.type === 'integer')) args[name] = 1;
		else if (schema && schema.type === 'boolean') args[name] = false;
		else args[name] = 'x';
	}
	return args;
}

function reply(messages, tools) {
	const lastUser = messages.map((m) => m && m.role).lastIndexOf('user');
	const toolAnswers = messages.slice(lastUser + 1).filter((m) => m && m.role === 'tool');
	if (toolAnswers.length) {
		const said = toolAnswers.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
		return { message: { role: 'assistant', content: `The video task has started. The tool answered: ${said}` }, finish: 'stop' };
	}
	const tool = videoTool(tools);
	if (!tool) return { message: { role: 'assistant', content: 'I have no video tool.' }, finish: 'stop' };
	const call = { id: 'call_sim_video_1', type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(argumentsFor(tool)) } };
	return { message: { role: 'assistant', content: null, tool_calls: [call] }, finish: 'tool_calls' };
}

function chatCompletions(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	if (!Array.isArray(body.messages) || body.messages.length === 0) return ex.error(400, 'messages is required');
	const { message, finish } = reply(body.messages, body.tools);
	const base = { id: `chatcmpl-sim-${Date.now()}`, created: Math.floor(Date.now() / 1000), model: body.model || 'sim-model' };
	const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	if (!body.stream) {
		return ex.json(200, { ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage });
	}
	const chunk = (delta, finishReason) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] });
	const delta = message.tool_calls
		? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
		: { role: 'assistant', content: message.content };
	const events = [chunk(delta, null), { ...chunk({}, finish), usage }].map((c) => `data: ${JSON.stringify(c)}\n\n`);
	return ex.text(200, `${events.join('')}data: [DONE]\n\n`, { 'Content-Type': 'text/event-stream' });
}

module.exports = [{ provider: 'openai', route: 'chat', method: 'POST', path: '/v1/chat/completions', handler: chatCompletions }];
