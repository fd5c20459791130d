import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ProviderCall } from '../providers/types';
import type { RequestHost } from '../transport/send';
import { multipartEnvelope, multipartFields, multipartStream } from './multipart';

const STREAM_CHUNK_BYTES = 256 * 1024;

export interface FormBody {
	options: Partial<IHttpRequestOptions>;
	/** Frees the file stream once the request is over. */
	close(): void;
}

/**
 * A multipart/form-data body for one attempt of a call with `form`: built afresh each time, since
 * a streamed file can be read only once. A stored file is streamed, never loaded whole.
 */
export async function formBody(host: RequestHost, call: ProviderCall): Promise<FormBody> {
	const fields = call.form ?? {};
	if (!call.file) {
		const { contentType, body } = multipartFields(fields);
		return { options: { body: body as unknown as IDataObject, headers: { 'Content-Type': contentType } }, close: () => {} };
	}
	const { field, binary: input } = call.file;
	const parts = multipartEnvelope(fields, { field, fileName: input.binary.fileName ?? `image.${input.type.extension}`, mimeType: input.type.mimeType });
	const helpers = host.helpers as unknown as {
		getBinaryStream(id: string, chunkSize?: number): ReturnType<import('n8n-workflow').IExecuteFunctions['helpers']['getBinaryStream']>;
		getBinaryDataBuffer(itemIndex: number, property: string): Promise<Buffer>;
	};
	if (input.binary.id) {
		const source = await helpers.getBinaryStream(input.binary.id, STREAM_CHUNK_BYTES);
		const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
		const first = await chunks.next();
		const body = multipartStream(parts, first.done ? Buffer.alloc(0) : first.value, chunks, source);
		return {
			options: {
				body: body as unknown as IDataObject,
				headers: { 'Content-Type': parts.contentType, 'Content-Length': String(parts.head.length + input.bytes + parts.tail.length) },
				// n8n's redirect follower keeps every byte sent in memory to replay it.
				disableFollowRedirect: true,
			},
			close: () => {
				body.destroy();
				source.destroy();
			},
		};
	}
	const file = await helpers.getBinaryDataBuffer(input.itemIndex, input.property);
	return {
		options: {
			body: Buffer.concat([parts.head, file, parts.tail]) as unknown as IDataObject,
			headers: { 'Content-Type': parts.contentType },
		},
		close: () => {},
	};
}
