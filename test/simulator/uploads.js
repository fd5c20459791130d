'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// kie.ai's upload host takes a file's Content-Type from its name, not from what was sent.
const TYPES = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	gif: 'image/gif',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
};

function typeFromName(fileName) {
	const ext = path.extname(fileName).slice(1).toLowerCase();
	return TYPES[ext] || 'application/octet-stream';
}

/**
 * Files received by the File Upload API routes, kept on disk (a 200 MiB upload must not sit in
 * the simulator's memory), with the sha256 and size of each and how often each path was uploaded.
 */
class UploadStore {
	constructor() {
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-sim-uploads-'));
		this.files = new Map();
		this.counts = {};
		this.seq = 0;
	}

	/** A writable for one incoming file; `commit(meta)` makes it visible, `abort()` drops it. */
	open() {
		const tmp = path.join(this.dir, `part-${++this.seq}`);
		const out = fs.createWriteStream(tmp);
		const hash = crypto.createHash('sha256');
		let size = 0;
		let head = Buffer.alloc(0);
		return {
			async write(chunk) {
				hash.update(chunk);
				size += chunk.length;
				if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
				if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
			},
			finish: () =>
				new Promise((resolve, reject) => {
					out.end((err) => (err ? reject(err) : resolve({ tmp, size, sha256: hash.digest('hex'), head })));
				}),
			abort() {
				out.destroy();
				fs.rm(tmp, { force: true }, () => {});
			},
		};
	}

	commit({ uploadPath, fileName, tmp, size, sha256, head, via }) {
		const key = `${uploadPath}/${fileName}`;
		const previous = this.files.get(key);
		if (previous) fs.rm(previous.tmp, { force: true }, () => {});
		const record = { key, uploadPath, fileName, tmp, size, sha256, head, via, mimeType: typeFromName(fileName), uploadedAt: new Date().toISOString() };
		this.files.set(key, record);
		this.counts[key] = (this.counts[key] || 0) + 1;
		return record;
	}

	async storeBuffer(meta, buffer) {
		const sink = this.open();
		await sink.write(buffer);
		return this.commit({ ...meta, ...(await sink.finish()) });
	}

	get(key) {
		return this.files.get(key);
	}

	/** What tests read: every stored file (without its path on disk) and the upload counts. */
	toJSON() {
		return {
			files: [...this.files.values()].map(({ tmp, head, ...rest }) => ({ ...rest, headHex: head.toString('hex') })),
			counts: { ...this.counts },
		};
	}

	read(key) {
		const record = this.files.get(key);
		return record ? fs.readFileSync(record.tmp) : undefined;
	}

	clear() {
		for (const record of this.files.values()) fs.rm(record.tmp, { force: true }, () => {});
		this.files.clear();
		this.counts = {};
	}

	close() {
		this.files.clear();
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

/**
 * Reads a multipart/form-data body as it arrives: text fields into `fields`, the `file` part
 * streamed into `sink.write`. Resolves to { fields, file: { fileName, contentType } | null }
 * or rejects with { status: 400, message } for a body that breaks the format.
 */
async function parseMultipart(req, boundary, sink) {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const bad = (message) => Object.assign(new Error(message), { status: 400 });
	const fields = {};
	let file = null;
	// The first delimiter has no leading CRLF; prepend one so every delimiter looks alike.
	let buffer = Buffer.from('\r\n');
	let state = 'preamble';
	let part = null;
	let ended = false;

	async function emit(data) {
		if (data.length === 0) return;
		if (part.isFile) await sink.write(data);
		else part.chunks.push(data);
	}

	async function step() {
		for (;;) {
			if (state === 'preamble') {
				const at = buffer.indexOf(delimiter);
				if (at < 0) return;
				buffer = buffer.subarray(at + delimiter.length);
				state = 'afterDelimiter';
			}
			if (state === 'afterDelimiter') {
				if (buffer.length < 2) return;
				const marker = buffer.subarray(0, 2).toString('latin1');
				if (marker === '--') {
					ended = true;
					return;
				}
				if (marker !== '\r\n') throw bad('malformed multipart body: bad delimiter line');
				buffer = buffer.subarray(2);
				state = 'headers';
			}
			if (state === 'headers') {
				const end = buffer.indexOf('\r\n\r\n');
				if (end < 0) {
					if (buffer.length > 16 * 1024) throw bad('malformed multipart body: part headers too long');
					return;
				}
				const headers = buffer.subarray(0, end).toString('utf8').split('\r\n');
				buffer = buffer.subarray(end + 4);
				const disposition = headers.find((h) => /^content-disposition:/i.test(h)) || '';
				const name = /\bname="([^"]*)"/i.exec(disposition);
				if (!/form-data/i.test(disposition) || !name) throw bad('malformed multipart body: a part has no Content-Disposition name');
				const filename = /\bfilename="([^"]*)"/i.exec(disposition);
				const type = headers.find((h) => /^content-type:/i.test(h));
				const isFile = name[1] === 'file';
				if (isFile && (!filename || file)) throw bad(file ? 'only one file may be sent' : 'the file part has no filename');
				part = { name: name[1], isFile, chunks: [] };
				if (isFile) file = { fileName: filename[1], contentType: type ? type.split(':')[1].trim() : null };
				state = 'body';
			}
			if (state === 'body') {
				const at = buffer.indexOf(delimiter);
				if (at < 0) {
					const keep = delimiter.length - 1;
					if (buffer.length > keep) {
						await emit(buffer.subarray(0, buffer.length - keep));
						buffer = buffer.subarray(buffer.length - keep);
					}
					return;
				}
				await emit(buffer.subarray(0, at));
				if (!part.isFile) fields[part.name] = Buffer.concat(part.chunks).toString('utf8');
				buffer = buffer.subarray(at + delimiter.length);
				state = 'afterDelimiter';
			}
		}
	}

	for await (const chunk of req) {
		if (ended) continue;
		buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
		await step();
	}
	if (!ended) throw bad('malformed multipart body: it ends before the closing delimiter');
	return { fields, file };
}

module.exports = { UploadStore, parseMultipart, typeFromName };
