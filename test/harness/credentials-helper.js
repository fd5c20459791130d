'use strict';

/**
 * An `ICredentialsHelper` for tests: credential data is given decrypted, in memory, per
 * credential type, instead of being loaded from n8n's database.
 *
 * Behaviour mirrors n8n's CLI CredentialsHelper (packages/cli/src/credentials-helper.ts)
 * where it matters for node tests:
 *  - getDecrypted: applies the credential type's property defaults
 *    (NodeHelpers.getNodeParameters, like `applyDefaultsAndOverwrites`) and resolves
 *    expressions inside credential values; `raw` returns the stored data untouched.
 *  - authenticate: `authenticate` as a function is called with (credentials, requestOptions);
 *    `{ type: 'generic', properties: { headers|qs|body|auth: { key: value } } }` has keys and
 *    values resolved as n8n expressions with `$credentials` as an additional key
 *    (`workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials })`)
 *    and merged into the request options.
 *  - preAuthentication: only runs when the type defines `preAuthentication` AND has a hidden
 *    `typeOptions.expirable` property that is empty or expired; the result is persisted
 *    (the next getDecrypted sees it), like the CLI writes it back to the database.
 *  - getParentTypes: the `extends` chain of the type (so [] for a plain API-key credential).
 *
 * Every request that went through `authenticate` is recorded in `authenticatedRequests`
 * (type name + a copy of the final request options) for assertions.
 */

const { core, workflow } = require('./n8n');
const { NodeTypes, instantiate } = require('./node-types');

const { ICredentialsHelper, NodeHelpers, deepCopy, isExpression, Workflow } = workflow;

const MOCK_NODE = {
	id: 'harness-credential-mock',
	name: '',
	type: 'harness.credentialMock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function containsExpression(value) {
	if (typeof value === 'string') return isExpression(value);
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

class HarnessCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {object} options
	 * @param {Array<Function|object>} [options.credentialTypes] ICredentialType classes/instances
	 * @param {Record<string, object>} [options.credentials] type name -> decrypted data
	 */
	constructor({ credentialTypes = [], credentials = {} } = {}) {
		super();
		this.credentialTypes = new Map();
		for (const classOrInstance of credentialTypes) {
			const credentialType = instantiate(classOrInstance);
			if (!credentialType.name) throw new TypeError('Credential type without a name');
			this.credentialTypes.set(credentialType.name, credentialType);
		}
		this.store = new Map(Object.entries(credentials).map(([type, data]) => [type, deepCopy(data)]));
		this.authenticatedRequests = [];
		this.updates = [];
	}

	getCredentialType(typeName) {
		const credentialType = this.credentialTypes.get(typeName);
		if (!credentialType) {
			throw new Error(
				`Credential type "${typeName}" is not known to the test harness (pass it in credentialTypes)`,
			);
		}
		return credentialType;
	}

	getParentTypes(typeName) {
		const credentialType = this.credentialTypes.get(typeName);
		if (!credentialType || !credentialType.extends) return [];
		const parents = [];
		for (const parent of credentialType.extends) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	getCredentialsProperties(typeName) {
		const credentialType = this.getCredentialType(typeName);
		if (!credentialType.extends) return credentialType.properties;
		const combined = [];
		for (const parent of credentialType.extends) {
			if (this.credentialTypes.has(parent)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	getStoredData(typeName) {
		if (!this.store.has(typeName)) {
			throw new Error(
				`No credential data of type "${typeName}" was provided to the test harness ` +
					'(pass it in `credentials: { [type]: data }`)',
			);
		}
		return deepCopy(this.store.get(typeName));
	}

	async getDecrypted(
		additionalData,
		_nodeCredentials,
		typeName,
		mode,
		executeData,
		raw,
		expressionResolveValues,
	) {
		// How often a node read a credential: tests check that a path does not wait on it.
		this.decryptions = (this.decryptions ?? 0) + 1;
		const stored = this.getStoredData(typeName);
		if (raw === true) return stored;

		const properties = this.getCredentialsProperties(typeName);
		let decrypted = NodeHelpers.getNodeParameters(properties, stored, true, false, null, null);
		if (stored.oauthTokenData !== undefined) decrypted.oauthTokenData = stored.oauthTokenData;

		if (!containsExpression(decrypted)) return decrypted;

		const additionalKeys = core.getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow: wf, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			try {
				decrypted = wf.expression.getParameterValue(
					decrypted,
					runExecutionData,
					runIndex,
					itemIndex,
					node.name,
					connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decrypted,
				);
			} catch (error) {
				error.message += ' [Error resolving credentials]';
				throw error;
			}
			return decrypted;
		}

		const mockWorkflow = new Workflow({
			nodes: [{ ...MOCK_NODE }],
			connections: {},
			active: false,
			nodeTypes: new NodeTypes(),
		});
		return mockWorkflow.expression.getComplexParameterValue(
			MOCK_NODE,
			decrypted,
			mode,
			additionalKeys,
			undefined,
			undefined,
			decrypted,
		);
	}

	resolveValue(value, credentials, wf, node) {
		if (typeof value !== 'string' || !isExpression(value)) return value;
		const resolved = wf.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		if (!resolved) return '';
		return resolved.toString();
	}

	async authenticate(credentials, typeName, requestOptions, wf, node) {
		const credentialType = this.getCredentialType(typeName);
		const { authenticate } = credentialType;
		let result = requestOptions;

		if (typeof authenticate === 'function') {
			result = await authenticate(credentials, requestOptions);
		} else if (authenticate && typeof authenticate === 'object') {
			if (!wf || !node) {
				throw new Error('Workflow and node are required for declarative credential authentication');
			}
			if (requestOptions.headers === undefined) requestOptions.headers = {};
			if (authenticate.type === 'generic') {
				for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(entries)) {
						const resolvedKey = this.resolveValue(key, credentials, wf, node);
						const resolvedValue = this.resolveValue(value, credentials, wf, node);
						if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
						requestOptions[outerKey][resolvedKey] = resolvedValue;
					}
				}
			}
		}

		this.authenticatedRequests.push({ type: typeName, requestOptions: safeCopy(result) });
		return result;
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.getCredentialType(typeName);
		const expirable = (credentialType.properties || []).find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function') {
			return undefined;
		}
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (!output || output[expirable.name] === undefined) return undefined;

		if (node && node.credentials) {
			const stored = this.getStoredData(typeName);
			await this.updateCredentials(node.credentials[typeName], typeName, { ...stored, ...output });
		}
		return Object.assign(credentials, output);
	}

	async getCredentials(nodeCredentials, typeName) {
		const credentials = new core.Credentials(
			{ id: nodeCredentials?.id ?? null, name: nodeCredentials?.name ?? '' },
			typeName,
		);
		credentials.setData(this.getStoredData(typeName));
		return credentials;
	}

	async updateCredentials(nodeCredentials, typeName, data) {
		this.updates.push({ type: typeName, nodeCredentials, data: deepCopy(data) });
		this.store.set(typeName, deepCopy(data));
	}

	async updateCredentialsOauthTokenData(nodeCredentials, typeName, data) {
		const stored = this.store.get(typeName) || {};
		await this.updateCredentials(nodeCredentials, typeName, {
			...stored,
			oauthTokenData: data.oauthTokenData,
		});
	}
}

/** Copy of request options for the record, without streams/buffers/agents. */
function safeCopy(requestOptions) {
	const copy = {};
	for (const [key, value] of Object.entries(requestOptions || {})) {
		if (value && typeof value === 'object' && (typeof value.pipe === 'function' || Buffer.isBuffer(value))) {
			copy[key] = `<${value.constructor?.name ?? 'object'}>`;
		} else if (key === 'agent' || key === 'httpsAgent' || key === 'httpAgent' || key === 'abortSignal') {
			continue;
		} else {
			try {
				copy[key] = deepCopy(value);
			} catch {
				copy[key] = value;
			}
		}
	}
	return copy;
}

module.exports = { HarnessCredentialsHelper };
