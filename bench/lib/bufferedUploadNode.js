'use strict';

const crypto = require('node:crypto');

/**
 * The baseline of scenario 3's upload row: a node that uploads a binary input the way a node
 * that buffers does. It reads the whole file with `getBinaryDataBuffer`, builds the multipart
 * body in one Buffer and posts it to kie.ai's stream-upload route with the same credential and
 * request helper as the Sora Video node; only the body is held whole instead of streamed.
 */
class BufferedUpload {
	constructor() {
		this.description = {
			displayName: 'Buffered Upload',
			name: 'benchBufferedUpload',
			group: ['transform'],
			version: 1,
			description: 'Benchmark baseline: uploads a binary field from one Buffer',
			defaults: { name: 'Buffered Upload' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'kieAiApi', required: true }],
			properties: [{ displayName: 'Binary Property', name: 'binaryProperty', type: 'string', default: 'data' }],
		};
	}

	async execute() {
		const property = this.getNodeParameter('binaryProperty', 0);
		const credentials = await this.getCredentials('kieAiApi');
		const file = await this.helpers.getBinaryDataBuffer(0, property);
		const boundary = `----bench${crypto.randomBytes(8).toString('hex')}`;
		const head = Buffer.from(
			[`--${boundary}`, 'Content-Disposition: form-data; name="uploadPath"', '', 'bench-buffered',
				`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="input.mp4"', 'Content-Type: video/mp4', '', ''].join('\r\n'),
		);
		const body = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
		const answer = await this.helpers.httpRequestWithAuthentication.call(this, 'kieAiApi', {
			method: 'POST',
			url: `${credentials.uploadBaseUrl}/api/file-stream-upload`,
			body,
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
			disableFollowRedirect: true,
			json: false,
			encoding: 'text',
		});
		const parsed = JSON.parse(answer);
		if (parsed.code !== 200) throw new Error(`upload failed: ${answer}`);
		return [[{ json: { bytes: file.length, downloadUrl: parsed.data.downloadUrl }, pairedItem: { item: 0 } }]];
	}
}

module.exports = { BufferedUpload };
