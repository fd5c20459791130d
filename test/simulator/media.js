'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Readable, pipeline } = require('node:stream');

const SAMPLE_PATH = path.join(__dirname, 'fixtures', 'sample.mp4');
const CHUNK = 64 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

let sample;
function sampleMp4() {
	if (!sample) sample = fs.readFileSync(SAMPLE_PATH);
	return sample;
}

/**
 * The first bytes of a generated large file: the sample video followed by the
 * header of an MP4 `free` box that spans the rest, so the whole stream is still
 * a playable MP4 of exactly `total` bytes (the box body is zeros).
 */
function largeFilePrefix(total) {
	const s = sampleMp4();
	const remaining = total - s.length;
	if (remaining < 16) return s.subarray(0, Math.min(total, s.length));
	let header;
	if (remaining <= 0xffffffff) {
		header = Buffer.alloc(8);
		header.writeUInt32BE(remaining, 0);
		header.write('free', 4, 'latin1');
	} else {
		header = Buffer.alloc(16);
		header.writeUInt32BE(1, 0);
		header.write('free', 4, 'latin1');
		header.writeBigUInt64BE(BigInt(remaining), 8);
	}
	return Buffer.concat([s, header]);
}

/** A stream of `total` bytes that never holds more than one chunk in memory. */
function largeFileStream(total) {
	const prefix = largeFilePrefix(total);
	let sent = 0;
	return new Readable({
		highWaterMark: CHUNK,
		read() {
			if (sent >= total) {
				this.push(null);
				return;
			}
			const chunk =
				sent < prefix.length
					? prefix.subarray(sent, Math.min(prefix.length, sent + CHUNK))
					: ZEROS.subarray(0, Math.min(CHUNK, total - sent));
			sent += chunk.length;
			this.push(chunk);
		},
	});
}

// What an expired or missing object looks like on the S3-style stores providers use.
function storageError(status) {
	const code = status === 403 ? 'AccessDenied' : status === 410 ? 'Gone' : 'NoSuchKey';
	const message = status === 403 ? 'Request has expired' : 'The specified key does not exist.';
	return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`;
}

/**
 * Answers GET/HEAD /files/:taskId.mp4 for a known task (or 404). `fresh`: asked through a valid link
 * from download-url, which works even where the record's link expired.
 */
function serveFile(ex, task, { fresh = false } = {}) {
	const b = task ? task.behaviour : {};
	if (!task || (b.fileStatus && !fresh)) {
		const status = task ? b.fileStatus : 404;
		ex.send(status, { 'Content-Type': 'application/xml' }, Buffer.from(storageError(status)));
		return;
	}
	const headers = { 'Content-Type': 'video/mp4', 'Accept-Ranges': 'none' };
	if (!b.largeFileBytes) {
		ex.send(200, headers, sampleMp4());
		return;
	}
	const total = b.largeFileBytes;
	// Faults that cut or corrupt a stream are handled on the first chunk only.
	if (ex.sink !== 'normal') {
		ex.send(200, headers, largeFilePrefix(Math.min(total, sampleMp4().length + 16)).subarray(0, CHUNK));
		return;
	}
	ex.answered = true;
	if (ex.entry) ex.entry.status = 200;
	ex.res.writeHead(200, { ...headers, 'Content-Length': total });
	if (ex.isHead) {
		ex.res.end();
		return;
	}
	pipeline(largeFileStream(total), ex.res, () => {});
}

module.exports = { serveFile, sampleMp4, largeFileStream, SAMPLE_PATH };
