'use strict';

const path = require('node:path');

const dist = (...parts) => require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'upload', ...parts));

/**
 * A node that does only what the Sora Video node does with a binary input: the checks, then
 * the upload. It lets the upload client be exercised through n8n-core's real execution (binary
 * data service, request helpers, credential auth) apart from any model.
 * Parameters: label, property, kinds (comma-separated), maxBytes.
 */
class UploadProbe {
	constructor() {
		this.description = {
			displayName: 'Upload Probe',
			name: 'uploadProbe',
			group: ['transform'],
			version: 1,
			description: 'Test node: checks and uploads one binary field per item',
			defaults: { name: 'Upload Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'kieAiApi', required: true }],
			properties: [
				{ displayName: 'Label', name: 'label', type: 'string', default: 'Image URL' },
				{ displayName: 'Property', name: 'property', type: 'string', default: 'data' },
				{ displayName: 'Kinds', name: 'kinds', type: 'string', default: 'image' },
				{ displayName: 'Max Bytes', name: 'maxBytes', type: 'number', default: 0 },
			],
		};
	}

	async execute() {
		const { checkBinaryInput } = dist('binaryInput.js');
		const { uploadBinary } = dist('uploadBinary.js');
		const out = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const maxBytes = this.getNodeParameter('maxBytes', i);
			const field = {
				label: this.getNodeParameter('label', i),
				kinds: this.getNodeParameter('kinds', i).split(','),
				maxBytes: maxBytes > 0 ? maxBytes : undefined,
			};
			const checked = await checkBinaryInput(this, i, field, this.getNodeParameter('property', i));
			const uploaded = await uploadBinary(this, checked, { uploadPath: 'probe', baseName: `item-${i + 1}` });
			out.push({ json: uploaded, pairedItem: { item: i } });
		}
		return [out];
	}
}

module.exports = { UploadProbe };
