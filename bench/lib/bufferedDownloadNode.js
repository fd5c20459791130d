'use strict';

/**
 * The baseline of scenario 3: a node that downloads a URL the way a node that buffers does,
 * `httpRequest` with `encoding: 'arraybuffer'`, and hands the whole Buffer to
 * `prepareBinaryData`. Same engine, same helpers, same filesystem binary data as the Sora
 * Video node; only the download is buffered instead of streamed.
 */
class BufferedDownload {
	constructor() {
		this.description = {
			displayName: 'Buffered Download',
			name: 'benchBufferedDownload',
			group: ['transform'],
			version: 1,
			description: 'Benchmark baseline: downloads a URL into one Buffer',
			defaults: { name: 'Buffered Download' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
		};
	}

	async execute() {
		const url = this.getNodeParameter('url', 0);
		const body = await this.helpers.httpRequest({ method: 'GET', url, encoding: 'arraybuffer', timeout: 30 * 60_000 });
		const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
		const binary = await this.helpers.prepareBinaryData(buffer, 'video.mp4', 'video/mp4');
		return [[{ json: { bytes: buffer.length }, binary: { data: binary } }]];
	}
}

module.exports = { BufferedDownload };
