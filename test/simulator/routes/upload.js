'use strict';

const fs = require('node:fs');
const { pipeline } = require('node:stream');

const { jsonObjectBody } = require('./common');
const { parseMultipart } = require('../uploads');

// kie.ai's File Upload API; its host is not the API host, and the simulator serves both.
const URL_DOWNLOAD_TIMEOUT_MS = 30_000;
const BOUNDARY = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i;

function uploaded(ex, ctx, record) {
	const downloadUrl = `${ctx.baseUrl}/uploads/${record.key.split('/').map(encodeURIComponent).join('/')}`;
	ex.json(200, {
		success: true,
		code: 200,
		msg: 'File uploaded successfully',
		data: {
			fileName: record.fileName,
			filePath: record.key,
			downloadUrl,
			fileSize: record.size,
			mimeType: record.mimeType,
			uploadedAt: record.uploadedAt,
		},
	});
}

function checkTarget(ex, uploadPath, fileName) {
	if (typeof uploadPath !== 'string' || !uploadPath.trim()) return ex.error(400, 'uploadPath is required');
	if (fileName !== undefined && (typeof fileName !== 'string' || /[/\\]/.test(fileName))) {
		return ex.error(400, 'fileName must be a plain file name');
	}
	return true;
}

async function streamUpload(ex, ctx) {
	const match = BOUNDARY.exec(ex.req.headers['content-type'] || '');
	if (!match) return ex.error(400, 'Content-Type must be multipart/form-data with a boundary');
	const sink = ctx.uploads.open();
	let parsed;
	try {
		parsed = await parseMultipart(ex.req, match[1] || match[2], sink);
	} catch (err) {
		sink.abort();
		if (err.status) return ex.error(err.status, err.message);
		throw err;
	}
	const { fields, file } = parsed;
	if (!file) {
		sink.abort();
		return ex.error(400, 'file is required');
	}
	const fileName = fields.fileName || file.fileName;
	if (checkTarget(ex, fields.uploadPath, fileName) !== true) return sink.abort();
	const stored = await sink.finish();
	uploaded(ex, ctx, ctx.uploads.commit({ uploadPath: fields.uploadPath, fileName, via: 'stream', ...stored }));
}

async function base64Upload(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const { base64Data, uploadPath, fileName } = body;
	if (typeof base64Data !== 'string' || !base64Data) return ex.error(400, 'base64Data is required');
	const data = /^data:[^,]*;base64,/.exec(base64Data) ? base64Data.slice(base64Data.indexOf(',') + 1) : base64Data;
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return ex.error(400, 'base64Data is not valid base64');
	if (checkTarget(ex, uploadPath, fileName) !== true) return;
	const meta = { uploadPath, fileName: fileName || `upload-${Date.now()}`, via: 'base64' };
	uploaded(ex, ctx, await ctx.uploads.storeBuffer(meta, Buffer.from(data, 'base64')));
}

async function urlUpload(ex, ctx) {
	const body = jsonObjectBody(ex, ctx);
	if (!body) return;
	const { fileUrl, uploadPath, fileName } = body;
	if (typeof fileUrl !== 'string' || !/^https?:\/\//i.test(fileUrl)) return ex.error(400, 'fileUrl must be an http(s) URL');
	if (checkTarget(ex, uploadPath, fileName) !== true) return;
	let buffer;
	try {
		const response = await fetch(fileUrl, { signal: AbortSignal.timeout(URL_DOWNLOAD_TIMEOUT_MS) });
		if (!response.ok) return ex.error(400, `File download failed: HTTP ${response.status}`);
		buffer = Buffer.from(await response.arrayBuffer());
	} catch (err) {
		return ex.error(400, `File download failed: ${err.message}`);
	}
	const meta = { uploadPath, fileName: fileName || decodeURIComponent(new URL(fileUrl).pathname.split('/').pop() || 'file'), via: 'url' };
	uploaded(ex, ctx, await ctx.uploads.storeBuffer(meta, buffer));
}

/** GET/HEAD /uploads/<uploadPath>/<fileName>: an uploaded file, with the type its name implies. */
function serveUpload(ex, record) {
	if (!record) {
		ex.send(404, { 'Content-Type': 'application/xml' }, Buffer.from('<Error><Code>NoSuchKey</Code></Error>'));
		return;
	}
	ex.answered = true;
	if (ex.entry) ex.entry.status = 200;
	ex.res.writeHead(200, { 'Content-Type': record.mimeType, 'Content-Length': record.size });
	if (ex.isHead) return ex.res.end();
	pipeline(fs.createReadStream(record.tmp), ex.res, () => {});
}

const UPLOAD = { provider: 'kie', route: 'upload' };

module.exports = {
	routes: [
		{ method: 'POST', path: '/api/file-stream-upload', ...UPLOAD, streamBody: true, handler: streamUpload },
		{ method: 'POST', path: '/api/file-base64-upload', ...UPLOAD, handler: base64Upload },
		{ method: 'POST', path: '/api/file-url-upload', ...UPLOAD, handler: urlUpload },
	],
	serveUpload,
};
