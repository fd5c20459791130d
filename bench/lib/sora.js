'use strict';

/**
 * Runs the real Sora Video node (dist/, as n8n loads it) through the test harness, i.e. through
 * n8n-core's WorkflowExecute, against the simulator. Requiring this sets up the harness
 * environment (a temporary N8N_USER_FOLDER, removed on exit).
 */

const { runSora, TEXT } = require('../../test/support/soraNode');

const CREDENTIAL_TYPE = { kie: 'kieAiApi', revid: 'revidApi', sora2api: 'sora2Api' };

/**
 * One execution of the node. `credentialId` selects which credential (by id) the node uses:
 * the node paces requests per provider + credential id, as n8n would for two saved credentials.
 * Resolves to the harness result plus `nodeEndedAt`, the time the node returned its items
 * (its task's startTime + executionTime in n8n's run data).
 */
async function runSoraNode(sim, { provider = 'kie', credentialId, timeoutMs = 30 * 60_000, ...options }) {
	const node = credentialId
		? { credentials: { [CREDENTIAL_TYPE[provider]]: { id: String(credentialId), name: `Bench ${credentialId}` } } }
		: undefined;
	const startedAt = Date.now();
	const result = await runSora(sim, { provider, timeoutMs, ...(node ? { node } : {}), ...options });
	const resolvedAt = Date.now();
	const task = result.run?.data?.resultData?.runData?.[result.nodeName]?.[0];
	const nodeEndedAt = task ? task.startTime + task.executionTime : resolvedAt;
	return { ...result, startedAt, resolvedAt, nodeEndedAt };
}

module.exports = { runSoraNode, TEXT };
