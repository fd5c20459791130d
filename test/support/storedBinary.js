'use strict';

const { runNode } = require('../harness');

/**
 * Does what "Read/Write Files from Disk" or an HTTP Request download does in n8n: hands each
 * item's file to n8n's binary data service (`prepareBinaryData`). Input items carry the file
 * as inline base64, or as `json.__path` for a file on disk (streamed, never read whole).
 */
class StoreBinary {
	constructor() {
		this.description = {
			displayName: 'Store Binary',
			name: 'storeBinary',
			group: ['transform'],
			version: 1,
			description: 'Test node: stores each item\'s file in n8n\'s binary data',
			defaults: { name: 'Store Binary' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		};
	}

	async execute() {
		const fs = require('node:fs');
		const out = [];
		for (const [index, item] of this.getInputData().entries()) {
			const binary = {};
			for (const [name, data] of Object.entries(item.binary ?? {})) {
				const source = data.data ? Buffer.from(data.data, 'base64') : fs.createReadStream(item.json.__path);
				binary[name] = await this.helpers.prepareBinaryData(source, data.fileName, data.mimeType);
			}
			out.push({ json: item.json, binary, pairedItem: { item: index } });
		}
		return [out];
	}
}

/** The items as they come out of a node that stored their files with n8n's binary data service. */
async function storeBinaries(items, binaryMode = 'filesystem') {
	const result = await runNode({ nodeClass: StoreBinary, items, binaryMode, timeoutMs: 10 * 60_000 });
	if (result.error) throw new Error(`storing the test binaries failed: ${result.error.message}`);
	return result.items.map(({ json, binary }) => ({ json, binary }));
}

module.exports = { storeBinaries, StoreBinary };
