'use strict';

/**
 * The start node `runNode` puts in front of the node under test: a node without inputs
 * (like n8n's Manual Trigger, whose `execute` just emits what it was given) that emits the
 * test's input items on its main output. WorkflowExecute then hands them to the node under
 * test exactly as it would in a real workflow, re-numbering their `pairedItem` to
 * `{ item: i }` for input item i.
 */

const { workflow } = require('./n8n');

const START_NODE_TYPE = 'n8n-nodes-harness.start';
const START_NODE_NAME = 'Start';

/** Creates a node type class emitting `items` (deep-copied on every execution). */
function createStartNodeType(items) {
	return class HarnessStart {
		constructor() {
			this.description = {
				displayName: 'Harness Start',
				name: 'harnessStart',
				group: ['input'],
				version: 1,
				description: 'Emits the input items of a harness run',
				defaults: { name: START_NODE_NAME },
				inputs: [],
				outputs: ['main'],
				properties: [],
			};
		}

		async execute() {
			// Every emitted item stems from the single (empty) item the run starts with.
			return [items.map((item) => ({ ...workflow.deepCopy(item), pairedItem: { item: 0 } }))];
		}
	};
}

module.exports = { createStartNodeType, START_NODE_TYPE, START_NODE_NAME };
