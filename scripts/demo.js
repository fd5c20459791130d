'use strict';

// `npm run demo`: starts the provider simulator and says how to load this package into an
// n8n you run yourself, with credentials pointing at the simulator (no API key needed).
// A later version starts n8n itself (see the open issue on the end-to-end suite).
const path = require('node:path');

const { createSimulator } = require('../test/simulator');

async function main() {
	const port = Number(process.env.SIM_PORT || 8790);
	const sim = await createSimulator({ port, taskDurationMs: Number(process.env.SIM_TASK_DURATION_MS || 20_000), log: true });
	const root = path.resolve(__dirname, '..');
	const lines = [
		'',
		`Provider simulator listening on ${sim.url}`,
		'',
		'Load the nodes into an n8n (1.x or 2.x) you run yourself, as a community package:',
		`  npm pack  &&  mkdir -p ~/.n8n/nodes  &&  (cd ~/.n8n/nodes && npm install --omit=peer ${root}/n8n-nodes-sora-video-*.tgz)`,
		'  then restart n8n. The nodes appear as "Sora Video" and "Sora Video Trigger".',
		'',
		'Then create these credentials in n8n:',
		`  Revid API        API Key: ${sim.apiKeys.revid}   Base URL: ${sim.baseUrls.revid}`,
		`  Sora2API.ai API  API Key: ${sim.apiKeys.sora2api}   Base URL: ${sim.baseUrls.sora2api}`,
		`  Kie.ai API       API Key: ${sim.apiKeys.kie}   Base URL: ${sim.baseUrls.kie}`,
		'',
		'and import the workflows in examples/. Simulated tasks take 20 s (SIM_TASK_DURATION_MS).',
		'Press Ctrl-C to stop.',
		'',
	];
	process.stdout.write(lines.join('\n'));
	const stop = async () => {
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
