'use strict';

// Binary inputs on kie.ai: every image or video field of every current preset can take a file
// from the item's binary data, which the node uploads (kie.ai's File Upload API, the simulator's)
// before it creates the task. Through n8n-core's real execution, over real HTTP.
// @duration 25 s (test/support/sequencer.js: failing uploads are retried after 1, 2 and 4 s)
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { startWaitingServer } = require('./harness');
const { useSimulator } = require('./support/useSimulator');
const { SAMPLE_PATH } = require('./simulator/media');
const { runSora } = require('./support/soraNode');
const { SoraVideo } = require('./support/dist');
const FIXTURES = require('./fixtures/modelRequests');

const dist = (...parts) => require(path.join(__dirname, '..', 'dist', 'nodes', ...parts));
const { MODELS } = dist('shared', 'models', 'catalogue.js');
const { FIELDS } = dist('shared', 'models', 'fields.js');

jest.setTimeout(60_000);

const sim = useSimulator();

const sha = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');
const png = (size = 20_000) => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(size)]);
const FILES = {
	image: () => png(),
	video: () => fs.readFileSync(SAMPLE_PATH),
	audio: () => Buffer.concat([Buffer.from('ID3'), crypto.randomBytes(5000)]),
};
const MIME = { image: 'image/png', video: 'video/mp4', audio: 'audio/mpeg' };
const binary = (buffer, mimeType, fileName) => ({ data: buffer.toString('base64'), mimeType, fileName });
const uploads = () => sim.uploads.toJSON();
const splitList = (value) => String(value).split(/[\s,]+/).filter(Boolean);

/** Every (current kie.ai preset, URL field) pair its docs fixture fills, from the catalogue. */
const CASES = MODELS.filter((model) => !model.retired && model.providers.includes('kie') && FIXTURES[model.id]).flatMap((model) =>
	Object.entries(model.fields)
		.filter(([name]) => FIELDS[name]?.type === 'url' && FIXTURES[model.id].parameters[FIELDS[name].param] !== undefined)
		.map(([name, use]) => ({ model, name, use, field: FIELDS[name] })),
);

describe('every image or video field of every current kie.ai preset takes a binary file', () => {
	test("the cases cover image lists, single images, first and last frames, videos and Veo's imageUrls", () => {
		const keys = new Set(CASES.map((c) => c.use.key));
		for (const key of ['image_urls', 'image_url', 'first_frame_url', 'last_frame_url', 'reference_image_urls', 'reference_video_urls', 'imageUrls']) {
			expect(keys).toContain(key);
		}
	});

	test.each(CASES.map((c) => [`${c.model.id}: ${c.field.label}`, c]))('%s', async (_, { model, use, field }) => {
		const fixture = FIXTURES[model.id];
		const count = splitList(fixture.parameters[field.param]).length;
		const names = Array.from({ length: count }, (_, i) => (i === 0 ? 'data' : `data_${i}`));
		const files = names.map(() => FILES[field.media]());
		const parameters = { ...fixture.parameters, operation: 'create', model: model.id };
		delete parameters[field.param];
		parameters[`${field.param}Source`] = 'binaryProperty';
		parameters[`${field.param}BinaryProperty`] = names.join(', ');
		const item = { json: {}, binary: Object.fromEntries(names.map((n, i) => [n, binary(files[i], MIME[field.media], `${n}.bin`)])) };

		const result = await runSora(sim, { parameters, items: [item] });
		expect(result.error).toBeUndefined();

		const stored = uploads().files;
		expect(stored.map((file) => file.sha256)).toEqual(files.map(sha));
		const links = stored.map((file) => `${sim.url}/uploads/${file.key}`);
		const task = sim.getTask(result.items[0].json.taskId);
		const sent = use.list ? links : links[0];
		// Market models nest the model's fields in `input`; Veo's API takes a flat body.
		const expected = fixture.body.input ? { ...fixture.body, input: { ...fixture.body.input, [use.key]: sent } } : { ...fixture.body, [use.key]: sent };
		expect(task.body).toEqual(expected);
		expect(result.items[0].json.inputs).toEqual(
			names.map((n, i) => expect.objectContaining({ field: field.label, binaryProperty: n, downloadUrl: links[i], bytes: files[i].length })),
		);
		expect(sim.stats.requests['kie.upload']).toBe(count);
	});
});

const I2V = { operation: 'create', model: 'kling-2.6/image-to-video', prompt: 'The cat wakes up', sound: false, duration: '5' };
const FROM_BINARY = { ...I2V, imageUrlSource: 'binaryProperty', imageUrlBinaryProperty: 'data' };
const FIRST_LAST = {
	operation: 'create',
	model: 'minimax-h3/image-to-video',
	prompt: 'From dawn to dusk',
	firstFrameUrlSource: 'binaryProperty',
	firstFrameUrlBinaryProperty: 'first',
	lastFrameUrlSource: 'binaryProperty',
	lastFrameUrlBinaryProperty: 'last',
};

describe('binary inputs', () => {
	test('first and last frame from two binary fields; each item uses its own files', async () => {
		const frames = [0, 1].map(() => ({ first: png(), last: png() }));
		const items = frames.map((f) => ({ json: {}, binary: { first: binary(f.first, 'image/png', 'a.png'), last: binary(f.last, 'image/png', 'b.png') } }));
		const result = await runSora(sim, { parameters: FIRST_LAST, items });
		expect(result.error).toBeUndefined();
		const byName = Object.fromEntries(uploads().files.map((file) => [file.fileName, file]));
		result.items.forEach((item, index) => {
			const { input } = sim.getTask(item.json.taskId);
			for (const [key, frame] of [['first_frame_url', 'first'], ['last_frame_url', 'last']]) {
				const file = byName[`item-${index + 1}-${key}.png`];
				expect(file.sha256).toBe(sha(frames[index][frame]));
				expect(input[key]).toBe(`${sim.url}/uploads/${file.key}`);
			}
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(Object.values(uploads().counts)).toEqual([1, 1, 1, 1]);
	});

	test('Wait for Completion outputs the finished task, what was uploaded, and the video', async () => {
		const image = png();
		const result = await runSora(sim, {
			parameters: { ...FROM_BINARY, waitForCompletion: true, downloadVideo: true, binaryPropertyName: 'video', waitOptions: { pollingMode: 'fixed', pollInterval: 1 } },
			items: [{ json: {}, binary: { data: binary(image, 'image/jpeg', 'cat.jpg') } }],
		});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ status: 'succeeded', inputs: [{ field: 'Image URL', binaryProperty: 'data', fileName: 'item-1-image_urls.png', mimeType: 'image/png' }] });
		expect((await result.binary(item, 'video')).length).toBe(13735);
		expect(uploads().files[0].sha256).toBe(sha(image));
	});

	test('Wait Mode "Callback": the file is uploaded, then the task is created and the execution pauses', async () => {
		const waiting = await startWaitingServer();
		const image = png();
		const result = await runSora(sim, {
			urls: { webhookWaitingBaseUrl: waiting.baseUrl },
			parameters: { ...FROM_BINARY, waitForCompletion: true, waitMode: 'callback', waitOptions: { timeout: 60 } },
			items: [{ json: {}, binary: { data: binary(image, 'image/png', 'cat.png') } }],
		});
		expect(result.status).toBe('waiting');
		const record = waiting.park(result);
		const resumed = waiting.nextResume(record.executionId);
		const [file] = uploads().files;
		expect(file.sha256).toBe(sha(image));
		expect(sim.getTask(result.items[0].json.taskId).input.image_urls).toEqual([`${sim.url}/uploads/${file.key}`]);
		const uploaded = [expect.objectContaining({ binaryProperty: 'data', downloadUrl: `${sim.url}/uploads/${file.key}` })];
		expect(result.items[0].json.inputs).toEqual(uploaded);
		// The simulator's callback resumes the execution; the finished task still says what was uploaded.
		const [out] = (await resumed).node('Sora Video').items;
		expect(out.json).toMatchObject({ status: 'succeeded', taskId: result.items[0].json.taskId });
		expect(out.json.inputs).toEqual(uploaded);
	});

	test.each([
		['a missing binary field', { photo: binary(png(), 'image/png', 'a.png') }, {}, /Item 2: "Image URL" reads binary field "data", but the item has no such field \(it has "photo"\)/],
		['a wrong MIME type', { data: binary(Buffer.from('%PDF-1.7 ...'), 'application/pdf', 'doc.pdf') }, {}, /Item 2: "Image URL" takes image files, but binary field "data" holds application\/pdf \(doc\.pdf\)/],
		['an oversized file', { data: binary(png(10_000_000), 'image/png', 'big.png') }, {}, /Item 2: "Image URL" takes files up to 10 MB, but binary field "data" holds 10.1 MB/],
		['no binary field named', { data: binary(png(), 'image/png', 'a.png') }, { imageUrlBinaryProperty: '={{ $itemIndex === 1 ? "" : "data" }}' }, /Item 2: "Image URL" is required/],
	])('%s is refused before any request, for any item', async (_, badBinary, extra, message) => {
		const good = { json: {}, binary: { data: binary(png(), 'image/png', 'ok.png') } };
		const result = await runSora(sim, { parameters: { ...FROM_BINARY, ...extra }, items: [good, { json: {}, binary: badBinary }] });
		expect(result.error.message).toMatch(message);
		expect(result.error.description).toMatch(/Nothing was sent to the provider/);
		expect(sim.stats.requests).toEqual({});
	});

	test('a list field refuses more files than the model takes', async () => {
		const parameters = { ...FROM_BINARY, imageUrlBinaryProperty: 'data, data_1' };
		const result = await runSora(sim, { parameters, items: [{ json: {}, binary: { data: binary(png(), 'image/png', 'a.png'), data_1: binary(png(), 'image/png', 'b.png') } }] });
		expect(result.error.message).toMatch(/Item 1: "Image URL" takes exactly one image file, but got 2/);
		expect(sim.stats.requests).toEqual({});
	});

	test('upload faults are retried; the task is created once, with the upload', async () => {
		sim.addFault({ route: 'upload', times: 1, action: { type: 'rateLimit', retryAfter: 0 } });
		sim.addFault({ route: 'upload', times: 1, action: { type: 'reset' } });
		const result = await runSora(sim, { parameters: FROM_BINARY, items: [{ json: {}, binary: { data: binary(png(), 'image/png', 'a.png') } }] });
		expect(result.error).toBeUndefined();
		expect(sim.stats.requests).toMatchObject({ 'kie.upload': 3, 'kie.create': 1 });
		expect(Object.values(uploads().counts)).toEqual([1]);
	});

	test('an upload that keeps failing fails its item, naming item and field, and creates no task; continueOnFail and pairedItem hold', async () => {
		sim.addFault({ route: 'upload', action: { type: 'code', code: 500 } });
		const items = [{ json: {}, binary: { data: binary(png(), 'image/png', 'a.png') } }];
		const failed = await runSora(sim, { parameters: FROM_BINARY, items });
		expect(failed.error.message).toMatch(/^Item 1: uploading binary field "data" for "Image URL" failed: kie\.ai had a server error \(500\)/);
		expect(failed.error.description).toMatch(/No task was created for this item/);
		expect(sim.stats.requests).toEqual({ 'kie.upload': 4 });
		expect(sim.stats.tasksCreated).toBe(0);

		// Item 1 takes its image from binary data, item 2 from a link: only item 1 fails.
		sim.reset();
		sim.addFault({ route: 'upload', action: { type: 'code', code: 500 } });
		const perItem = {
			...FROM_BINARY,
			imageUrlSource: '={{ $itemIndex === 0 ? "binaryProperty" : "url" }}',
			imageUrl: 'https://example.com/cat.png',
		};
		const continued = await runSora(sim, { parameters: perItem, items: [items[0], { json: {} }], continueOnFail: true });
		const [bad, ok] = continued.items;
		expect(bad.json).toMatchObject({ taskId: null, error: { code: 'UPLOAD_FAILED', message: expect.stringMatching(/^Item 1: uploading binary field "data" for "Image URL" failed/) } });
		expect(ok.json).toMatchObject({ status: 'queued' });
		expect(ok.json.inputs).toBeUndefined();
		expect(continued.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sim.stats.tasksCreated).toBe(1);
		expect(sim.getTask(ok.json.taskId).input.image_urls).toEqual(['https://example.com/cat.png']);
	});

	test('Revid API and Sora2API stay URL-only: the form offers no binary choice and says why', async () => {
		const properties = new (SoraVideo())().description.properties;
		const sources = properties.filter((p) => /Source$/.test(p.name) && p.options?.some((o) => o.value === 'binaryProperty'));
		expect(sources.length).toBeGreaterThan(0);
		for (const source of sources) expect(source.displayOptions.show.provider).toEqual(['kie']);
		const notice = properties.find((p) => p.name === 'urlOnlyNotice');
		expect(notice.displayOptions.show.provider).toEqual(['revid', 'sora2api']);
		expect(notice.displayName).toMatch(/public links only.*choose kie\.ai/);

		// Revid sends the link, even with binary data on the item.
		const parameters = { operation: 'create', model: 'sora-2-image-to-video', prompt: 'A fox', imageUrl: 'https://example.com/fox.png' };
		const result = await runSora(sim, { provider: 'revid', parameters, items: [{ json: {}, binary: { data: binary(png(), 'image/png', 'a.png') } }] });
		expect(result.error).toBeUndefined();
		expect(sim.getTask(result.items[0].json.taskId).input.image_urls).toEqual(['https://example.com/fox.png']);
		expect(sim.stats.requests['kie.upload']).toBeUndefined();
	});
});
