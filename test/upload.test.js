'use strict';

// kie.ai's File Upload API: the simulator's three routes, and the package's upload client run
// through n8n-core's real execution (binary data service, request helpers, credential auth).
const crypto = require('node:crypto');

const { runNode } = require('./harness');
const { createSimulator } = require('./simulator');
const { credentialTypes } = require('./support/dist');
const { simCredentials } = require('./support/credentials');
const { UploadProbe } = require('./support/uploadNode');
const { storeBinaries } = require('./support/storedBinary');

jest.setTimeout(60_000);

let sim;
beforeAll(async () => {
	sim = await createSimulator({});
});
afterAll(async () => {
	await sim.close();
});
afterEach(() => sim.reset());

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(40_000)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), crypto.randomBytes(1_500_000)]);
const sha = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const binaryItem = (buffer, mimeType, fileName) => ({ json: {}, binary: { data: { data: buffer.toString('base64'), mimeType, fileName } } });

async function probe(items, { parameters = {}, binaryMode = 'default' } = {}) {
	return await runNode({
		nodeClass: UploadProbe,
		credentialTypes: credentialTypes(),
		credentials: { kieAiApi: simCredentials(sim).kieAiApi },
		parameters,
		items,
		binaryMode,
	});
}

async function post(path, body, headers = {}) {
	const res = await fetch(`${sim.url}${path}`, {
		method: 'POST',
		body,
		headers: { Authorization: `Bearer ${sim.apiKeys.kie}`, ...headers },
	});
	return await res.json();
}

describe('simulator upload routes', () => {
	test('stream upload: multipart as documented, stored, served at downloadUrl with the type its name implies', async () => {
		const form = new FormData();
		form.append('uploadPath', 'tests/a');
		form.append('fileName', 'frame.png');
		form.append('file', new Blob([JPEG]), 'original.jpg');
		const answer = await post('/api/file-stream-upload', form);
		expect(answer).toMatchObject({ success: true, code: 200, data: { fileName: 'frame.png', filePath: 'tests/a/frame.png', fileSize: JPEG.length, mimeType: 'image/png' } });
		const served = await fetch(answer.data.downloadUrl);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(sha(Buffer.from(await served.arrayBuffer()))).toBe(sha(JPEG));
		expect(sim.uploads.toJSON().counts).toEqual({ 'tests/a/frame.png': 1 });
	});

	test('stream upload refuses bodies that break the format', async () => {
		const noFile = new FormData();
		noFile.append('uploadPath', 'x');
		expect(await post('/api/file-stream-upload', noFile)).toMatchObject({ code: 400, msg: 'file is required' });
		const noPath = new FormData();
		noPath.append('file', new Blob([PNG]), 'a.png');
		expect(await post('/api/file-stream-upload', noPath)).toMatchObject({ code: 400, msg: 'uploadPath is required' });
		expect(await post('/api/file-stream-upload', '{}', { 'Content-Type': 'application/json' })).toMatchObject({ code: 400 });
		const cut = await post('/api/file-stream-upload', '--b\r\nContent-Disposition: form-data; name="uploadPath"\r\n\r\nx', {
			'Content-Type': 'multipart/form-data; boundary=b',
		});
		expect(cut).toMatchObject({ code: 400, msg: expect.stringMatching(/closing delimiter/) });
		expect(await post('/api/file-stream-upload', noFile, { Authorization: 'Bearer wrong' })).toMatchObject({ code: 401 });
		expect(sim.uploads.toJSON().files).toEqual([]);
	});

	test('base64 upload (plain or data URL) and URL upload', async () => {
		const plain = await post('/api/file-base64-upload', JSON.stringify({ base64Data: PNG.toString('base64'), uploadPath: 'b', fileName: 'p.png' }));
		const dataUrl = await post('/api/file-base64-upload', JSON.stringify({ base64Data: `data:image/png;base64,${PNG.toString('base64')}`, uploadPath: 'b', fileName: 'q.png' }));
		const fromUrl = await post('/api/file-url-upload', JSON.stringify({ fileUrl: plain.data.downloadUrl, uploadPath: 'c', fileName: 'r.png' }));
		for (const answer of [plain, dataUrl, fromUrl]) {
			expect(answer).toMatchObject({ success: true, code: 200, data: { fileSize: PNG.length, mimeType: 'image/png' } });
			expect(sha(Buffer.from(await (await fetch(answer.data.downloadUrl)).arrayBuffer()))).toBe(sha(PNG));
		}
		expect(await post('/api/file-base64-upload', JSON.stringify({ uploadPath: 'b' }))).toMatchObject({ code: 400 });
		expect(await post('/api/file-url-upload', JSON.stringify({ fileUrl: `${sim.url}/uploads/none.png`, uploadPath: 'c' }))).toMatchObject({ code: 400 });
	});
});

describe('upload client through n8n-core', () => {
	test.each(['default', 'filesystem'])('the bytes kie.ai receives equal the input binary (%s binary data)', async (binaryMode) => {
		let items = [binaryItem(JPEG, 'image/png', 'holiday.png'), binaryItem(PNG, 'image/png', 'small.png')];
		if (binaryMode === 'filesystem') items = await storeBinaries(items);
		const result = await probe(items, { binaryMode });
		expect(result.error).toBeUndefined();
		const stored = Object.fromEntries(sim.uploads.toJSON().files.map((file) => [file.fileName, file]));
		// A JPEG that claims to be a PNG is uploaded under a .jpg name: kie.ai serves it by its name.
		expect(result.items.map((item) => item.json.fileName)).toEqual(['item-1.jpg', 'item-2.png']);
		expect(stored['item-1.jpg']).toMatchObject({ sha256: sha(JPEG), size: JPEG.length, mimeType: 'image/jpeg' });
		expect(stored['item-2.png']).toMatchObject({ sha256: sha(PNG), size: PNG.length });
		// Stored binary data is streamed; inline data goes as base64 when small, as multipart when not.
		expect(stored['item-1.jpg'].via).toBe('stream');
		expect(stored['item-2.png'].via).toBe(binaryMode === 'filesystem' ? 'stream' : 'base64');
		expect(result.items[0].json).toMatchObject({ field: 'Image URL', binaryProperty: 'data', bytes: JPEG.length, downloadUrl: `${sim.url}/uploads/probe/item-1.jpg` });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test.each([
		['429', { type: 'rateLimit', retryAfter: 0 }],
		['a 500 envelope', { type: 'code', code: 500 }],
		['a reset', { type: 'reset' }],
		['malformed JSON', { type: 'malformed' }],
	])('%s is retried, and the file arrives once intact', async (_, action) => {
		sim.addFault({ route: 'upload', times: 1, action });
		const result = await probe([binaryItem(JPEG, 'image/jpeg', 'a.jpg')]);
		expect(result.error).toBeUndefined();
		expect(sim.stats.requests['kie.upload']).toBe(2);
		expect(sim.uploads.toJSON().files[0]).toMatchObject({ sha256: sha(JPEG) });
	});

	test('an upload that keeps failing fails the item, naming the item and the field', async () => {
		sim.addFault({ route: 'upload', action: { type: 'code', code: 503 } });
		const result = await probe([binaryItem(PNG, 'image/png', 'a.png')]);
		expect(sim.stats.requests['kie.upload']).toBe(4);
		expect(result.error.message).toMatch(/^Item 1: uploading binary field "data" for "Image URL" failed: kie\.ai had a server error \(503\)/);
		expect(result.error.description).toMatch(/Tried 4 times.*No task was created/);
	});

	test('a refused key is not retried, and no secret appears', async () => {
		const result = await runNode({
			nodeClass: UploadProbe,
			credentialTypes: credentialTypes(),
			credentials: { kieAiApi: { ...simCredentials(sim).kieAiApi, apiKey: 'secret-wrong-key-123' } },
			items: [binaryItem(PNG, 'image/png', 'a.png')],
		});
		expect(sim.stats.requests['kie.upload']).toBe(1);
		expect(result.error.message).toMatch(/Item 1: uploading binary field "data" for "Image URL" failed: kie\.ai rejected the API key \(401\)/);
		expect(JSON.stringify([result.error, result.logs])).not.toContain('secret-wrong-key-123');
	});

	test.each([
		['a missing binary field', { property: 'photo' }, /Item 1: "Image URL" reads binary field "photo", but the item has no such field \(it has "data"\)/],
		['a wrong kind of file', { kinds: 'video' }, /Item 1: "Image URL" takes video files, but binary field "data" holds image\/png \(a\.png\)/],
		['an oversized file', { maxBytes: 10_000 }, /Item 1: "Image URL" takes files up to 10 KB, but binary field "data" holds 41 KB/],
	])('%s is refused before any request', async (_, parameters, message) => {
		const result = await probe([binaryItem(PNG, 'image/png', 'a.png')], { parameters });
		expect(result.error.message).toMatch(message);
		expect(sim.stats.requests['kie.upload']).toBeUndefined();
	});

	test('a file whose bytes and MIME type say nothing is refused', async () => {
		const result = await probe([binaryItem(Buffer.from('just some text'), 'application/octet-stream', 'notes.bin')]);
		expect(result.error.message).toMatch(/takes image files, but binary field "data" holds application\/octet-stream \(notes\.bin\)/);
		expect(sim.stats.requests['kie.upload']).toBeUndefined();
	});
});
