'use strict';

/**
 * Test harness running n8n community nodes through n8n-core's real execution engine.
 *
 *   const { runNode, runWorkflow, createWebhookRunner, startWebhookServer } = require('./harness');
 *
 * See README.md in this folder for the API and the result shapes.
 *
 * Requiring this module (from a jest test file) sets N8N_USER_FOLDER to a temporary folder
 * and registers `afterAll(teardown)`, which closes webhook servers and deletes the folder.
 */

// Must come first: sets the environment n8n's config classes read.
require('./env');

const { installAutoTeardown, teardown, registerCleanup } = require('./teardown');
const { runNode } = require('./run-node');
const { runWorkflow } = require('./run-workflow');
const { createWebhookRunner, getNodeWebhooks } = require('./webhook-runner');
const { startWebhookServer } = require('./webhook-server');
const { startWaitingServer } = require('./waiting-server');
const { prepareIncomingRequest } = require('./http-request');
const { HarnessCredentialsHelper } = require('./credentials-helper');
const { NodeTypes } = require('./node-types');
const { allLogs } = require('./logger');
const { tempRoot } = require('./env');

installAutoTeardown();

module.exports = {
	runNode,
	runWorkflow,
	createWebhookRunner,
	startWebhookServer,
	startWaitingServer,
	teardown,
	registerCleanup,
	// lower-level pieces, for tests that need them
	prepareIncomingRequest,
	getNodeWebhooks,
	HarnessCredentialsHelper,
	NodeTypes,
	allLogs,
	tempRoot,
};
