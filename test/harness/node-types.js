'use strict';

/**
 * A real `INodeTypes` implementation over node classes handed to the harness, plus the
 * naming rules n8n uses for community-package node types.
 */

const path = require('node:path');

const { workflow } = require('./n8n');

/** Accepts a class (constructor) or an already constructed instance. */
function instantiate(classOrInstance) {
	if (typeof classOrInstance === 'function') return new classOrInstance();
	if (classOrInstance && typeof classOrInstance === 'object') return classOrInstance;
	throw new TypeError(`Expected a class or an instance, got ${typeof classOrInstance}`);
}

function defaultVersionOf(nodeType) {
	const { description } = nodeType;
	if (description.defaultVersion !== undefined) return description.defaultVersion;
	const { version } = description;
	return Array.isArray(version) ? Math.max(...version) : (version ?? 1);
}

let packagePrefix;

/**
 * n8n registers nodes of an installed community package as `<package name>.<node name>`.
 * The prefix is the `name` in the package.json of the current working directory
 * (jest's rootDir), falling back to 'CUSTOM' (what n8n uses for ~/.n8n/custom nodes).
 */
function communityTypeName(nodeName) {
	if (packagePrefix === undefined) {
		try {
			packagePrefix = require(path.join(process.cwd(), 'package.json')).name || 'CUSTOM';
		} catch {
			packagePrefix = 'CUSTOM';
		}
	}
	return `${packagePrefix}.${nodeName}`;
}

class NodeTypes {
	/** @param {Record<string, Function | object>} types  type name -> node class or instance */
	constructor(types = {}) {
		this.types = new Map();
		for (const [name, classOrInstance] of Object.entries(types)) this.add(name, classOrInstance);
	}

	add(typeName, classOrInstance) {
		const nodeType = instantiate(classOrInstance);
		if (!nodeType.description) {
			throw new TypeError(`Node type "${typeName}" has no description`);
		}
		this.types.set(typeName, nodeType);
		return nodeType;
	}

	getByName(typeName) {
		const nodeType = this.types.get(typeName);
		if (!nodeType) throw new Error(`Unknown node type "${typeName}" (not registered in the harness)`);
		return nodeType;
	}

	has(typeName) {
		return this.types.has(typeName);
	}

	/**
	 * Like n8n's Workflow expects: `undefined` for an unknown type (Workflow's constructor
	 * skips such nodes; WorkflowExecute reports them as a `typeUnknown` workflow issue).
	 */
	getByNameAndVersion(typeName, version) {
		const nodeType = this.types.get(typeName);
		if (!nodeType) return undefined;
		return workflow.NodeHelpers.getVersionedNodeType(nodeType, version);
	}

	getKnownTypes() {
		const known = {};
		for (const [typeName, nodeType] of this.types) {
			known[typeName] = { className: nodeType.constructor.name, sourcePath: '' };
		}
		return known;
	}
}

module.exports = { NodeTypes, instantiate, defaultVersionOf, communityTypeName };
