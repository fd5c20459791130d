'use strict';

const RULE = '='.repeat(76);

/** What `npm run demo` prints once n8n is ready: one block, no empty lines, the login up front. */
function demoBanner({ version, nodeVersion, editorUrl, owner, loginNote, simUrl, taskSeconds, hook, readySeconds }) {
	return [
		RULE,
		` n8n ${version} (Node ${nodeVersion}) is running with Sora Video and Sora Video Trigger`,
		`   Editor:    ${editorUrl}`,
		`   Login:     ${owner.email}`,
		`   Password:  ${owner.password}`,
		...(loginNote ? [`   ${loginNote}`] : []),
		' AI Agent: the Sora Video tool is allowed (N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true).',
		` Credentials "Kie.ai (simulator)", "Revid AI Studio (simulator)", "Revid API (simulator)" and`,
		` "Sora2API (simulator)" point at`,
		` the provider simulator on ${simUrl} (no API key needed; a task takes`,
		` ${taskSeconds} s). Open a workflow under Overview and click "Execute workflow".`,
		` "Sora Video Trigger: run when a video is ready" is active; its production URL is`,
		`   ${hook}`,
		` and "start a task that calls the trigger back" sends it as the callback URL.`,
		' With a real provider: add a credential with your own API key in n8n (Credentials ->',
		' Create credential -> "Kie.ai API", "Revid AI Studio API", "Revid API" (retired Sora 2 only)',
		' or "Sora2API.ai API", default base URL)',
		' and pick it in the Sora Video node. For callbacks, n8n must be reachable from the',
		' internet: restart with --webhook-url https://<your public URL>/.',
		` Ready in ${readySeconds} s. Ctrl-C stops n8n and the simulator.`,
		RULE,
	].join('\n');
}

module.exports = { demoBanner };
