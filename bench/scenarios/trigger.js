'use strict';

/**
 * Scenario 4, trigger throughput: callbacks per second a real n8n accepts into an active
 * Sora Video Trigger workflow, against a plain n8n Webhook node workflow on the same n8n
 * (bounded count of requests on loopback, undici as the client; target ≥ 0.9 × Webhook).
 *
 * PLACEHOLDER: this needs the end-to-end harness that starts a real n8n, which is being built
 * separately. Until it lands this scenario is reported as not run.
 */

async function run() {
	return {
		status: 'not run',
		reason: 'needs the real-n8n harness',
		callbacksPerSecondTrigger: null,
		callbacksPerSecondWebhook: null,
		ratio: null,
	};
}

module.exports = { run, placeholder: true };
