'use strict';

// Runs a node's loadOptions or listSearch method the way n8n's editor backend does: in n8n-core's
// LoadOptionsContext, with the node's current parameters and the credential it has selected.
require('../harness');
const { workflow, core } = require('../harness/n8n');
const { setupContainer } = require('../harness/container');
const { NodeTypes, instantiate, defaultVersionOf, communityTypeName } = require('../harness/node-types');
const { normalizeNodes, credentialRef } = require('../harness/run-workflow');
const { HarnessCredentialsHelper } = require('../harness/credentials-helper');
const { createAdditionalData } = require('../harness/additional-data');

async function loadOptions({ nodeClass, credentialTypes = [], credentials = {}, parameters = {}, method, kind = 'loadOptions', filter }) {
	setupContainer();
	const instance = instantiate(nodeClass);
	const type = communityTypeName(instance.description.name);
	const nodeTypes = new NodeTypes({ [type]: instance });
	const refs = Object.fromEntries(Object.keys(credentials).map((name) => [name, credentialRef(credentials, name)]));
	const [node] = normalizeNodes(
		[{ name: 'Node', type, typeVersion: defaultVersionOf(instance), position: [0, 0], parameters, ...(Object.keys(refs).length ? { credentials: refs } : {}) }],
		nodeTypes,
		credentials,
	);
	const wf = new workflow.Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const { additionalData } = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper({ credentialTypes, credentials }),
		executionId: 'load-options',
		mode: 'manual',
		workflowData: { id: 'lo', name: 'lo', active: false, nodes: [node], connections: {}, settings: {} },
	});
	additionalData.currentNodeParameters = node.parameters;
	const context = new core.LoadOptionsContext(wf, node, additionalData, 'parameters');
	return await instance.methods[kind][method].call(context, filter);
}

module.exports = { loadOptions };
