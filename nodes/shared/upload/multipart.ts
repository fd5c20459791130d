import { randomBytes } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/** The stream type n8n's binary helpers return, named without importing Node's `stream` module. */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

type ReadableClass = { from(parts: AsyncIterable<Buffer>, options?: { objectMode: boolean }): BinaryStream };

/**
 * The envelope of a multipart/form-data body whose last part is the file: everything before
 * the file's bytes and everything after. The package has no runtime dependencies, so it
 * builds the body itself; only the file's bytes are large, and they are never copied here.
 */
export interface MultipartEnvelope {
	contentType: string;
	head: Buffer;
	tail: Buffer;
}

function quoted(value: string): string {
	return value.replace(/["\r\n\\]/g, '_');
}

export function multipartEnvelope(
	fields: Record<string, string>,
	file: { field: string; fileName: string; mimeType: string },
): MultipartEnvelope {
	const boundary = `----n8nSoraVideo${randomBytes(12).toString('hex')}`;
	const lines: string[] = [];
	for (const [name, value] of Object.entries(fields)) {
		lines.push(`--${boundary}`, `Content-Disposition: form-data; name="${quoted(name)}"`, '', value);
	}
	lines.push(
		`--${boundary}`,
		`Content-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.fileName)}"`,
		`Content-Type: ${file.mimeType}`,
		'',
		'',
	);
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		head: Buffer.from(lines.join('\r\n'), 'utf8'),
		tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
	};
}

/** A multipart/form-data body of text fields only (a form whose file part is left out). */
export function multipartFields(fields: Record<string, string>): { contentType: string; body: Buffer } {
	const boundary = `----n8nSoraVideo${randomBytes(12).toString('hex')}`;
	const lines: string[] = [];
	for (const [name, value] of Object.entries(fields)) {
		lines.push(`--${boundary}`, `Content-Disposition: form-data; name="${quoted(name)}"`, '', value);
	}
	lines.push(`--${boundary}--`, '');
	return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(lines.join('\r\n'), 'utf8') };
}

/**
 * The whole body as a stream that reads the file only as fast as the upload sends it.
 * Community nodes may not import Node's built-in modules, so the Readable class is the one
 * the file stream n8n handed over is built on (fs and S3 streams alike inherit `from`).
 */
export function multipartStream(
	envelope: MultipartEnvelope,
	firstChunk: Buffer,
	rest: AsyncIterator<Buffer>,
	source: BinaryStream,
): BinaryStream {
	async function* parts(): AsyncGenerator<Buffer> {
		yield envelope.head;
		if (firstChunk.length > 0) yield firstChunk;
		for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
		yield envelope.tail;
	}
	return (source.constructor as unknown as ReadableClass).from(parts(), { objectMode: false });
}
