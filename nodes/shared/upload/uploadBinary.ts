import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { isObject } from '../providers/values';
import { CancelledError, describeProviderCode, providerError } from '../transport/errors';
import { backoffMs, rateLimitWaitMs, TRANSIENT_CODES } from '../transport/ProviderClient';
import { pause } from '../transport/pause';
import { redactSecrets } from '../transport/redact';
import { sendOnce, type Exchange } from '../transport/send';
import type { CheckedBinary } from './binaryInput';
import { multipartEnvelope, multipartStream } from './multipart';

const CREDENTIAL_TYPE = 'kieAiApi';
export const DEFAULT_UPLOAD_BASE_URL = 'https://kieai.redpandaai.co';
/** Inline files up to this size go as JSON (base64); larger ones, and stored ones, as multipart. */
const BASE64_MAX_BYTES = 1024 * 1024;
const ATTEMPTS = 4;
/** An idle socket for this long fails the attempt; a large upload that keeps moving never does. */
const UPLOAD_TIMEOUT_MS = 120_000;
const STREAM_CHUNK_BYTES = 256 * 1024;

/** What the output says about one uploaded input. */
export interface UploadedInput extends IDataObject {
	field: string;
	binaryProperty: string;
	fileName: string;
	mimeType: string;
	bytes: number;
	downloadUrl: string;
}

export interface UploadTarget {
	uploadPath: string;
	/** The file's name without extension; the extension follows the file's real type. */
	baseName: string;
}

type Attempt = () => Promise<Exchange>;

/**
 * Uploads one checked binary input to kie.ai's File Upload API and returns its download URL.
 * Uploads cost nothing and the same name overwrites, so 429s, 5xx, resets and unreadable
 * answers are retried with backoff; a failure names the item and the field.
 */
export async function uploadBinary(
	fx: IExecuteFunctions,
	input: CheckedBinary,
	target: UploadTarget,
): Promise<UploadedInput> {
	const credentials = await fx.getCredentials(CREDENTIAL_TYPE, input.itemIndex);
	const baseUrl = (String(credentials.uploadBaseUrl ?? '').trim() || DEFAULT_UPLOAD_BASE_URL).replace(/\/+$/, '');
	const secrets = [credentials.apiKey, credentials.webhookHmacSecret].filter(
		(value): value is string => typeof value === 'string' && value.length >= 4,
	);
	const fileName = `${target.baseName}.${input.type.extension}`;
	const attempt = attemptFor(fx, input, baseUrl, { uploadPath: target.uploadPath, fileName });
	const signal = fx.getExecutionCancelSignal();

	for (let tries = 1; ; tries++) {
		const exchange = await attempt();
		if (exchange.kind === 'cancelled') throw new CancelledError();
		const uploaded = exchange.kind === 'envelope' && exchange.code === 200 ? downloadUrlOf(exchange.data) : undefined;
		if (uploaded) {
			return {
				field: input.label,
				binaryProperty: input.property,
				fileName,
				mimeType: input.type.mimeType,
				bytes: input.bytes,
				downloadUrl: uploaded,
			};
		}
		if (!isTransient(exchange) || tries >= ATTEMPTS) {
			throw uploadError(fx, input, exchange, tries, secrets);
		}
		await pause(rateLimitWaitMs(exchange) ?? backoffMs(tries), signal);
	}
}

function attemptFor(
	fx: IExecuteFunctions,
	input: CheckedBinary,
	baseUrl: string,
	fields: { uploadPath: string; fileName: string },
): Attempt {
	const send = async (path: string, extra: Partial<IHttpRequestOptions>, body?: IDataObject) =>
		await sendOnce(fx, CREDENTIAL_TYPE, baseUrl, { method: 'POST', path, body }, UPLOAD_TIMEOUT_MS, {
			abortSignal: fx.getExecutionCancelSignal(),
			// n8n's redirect follower keeps every byte sent in memory to replay it; uploads follow none.
			disableFollowRedirect: true,
			...extra,
		});
	const { binary } = input;
	const envelope = () => multipartEnvelope(fields, { field: 'file', fileName: fields.fileName, mimeType: input.type.mimeType });

	if (binary.id) {
		const id = binary.id;
		return async () => {
			const parts = envelope();
			const source = await fx.helpers.getBinaryStream(id, STREAM_CHUNK_BYTES);
			const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
			const first = await chunks.next();
			const body = multipartStream(parts, first.done ? Buffer.alloc(0) : first.value, chunks, source);
			try {
				return await send('/api/file-stream-upload', {
					body: body as unknown as IDataObject,
					headers: {
						'Content-Type': parts.contentType,
						'Content-Length': String(parts.head.length + input.bytes + parts.tail.length),
					},
				});
			} finally {
				body.destroy();
				source.destroy();
			}
		};
	}
	if (input.bytes <= BASE64_MAX_BYTES) {
		const base64Data = `data:${input.type.mimeType};base64,${binary.data}`;
		return async () => await send('/api/file-base64-upload', {}, { base64Data, ...fields });
	}
	return async () => {
		// Inline binary data is in memory already (n8n's "default" mode); the body copies it once.
		const parts = envelope();
		const file = await fx.helpers.getBinaryDataBuffer(input.itemIndex, input.property);
		return await send('/api/file-stream-upload', {
			body: Buffer.concat([parts.head, file, parts.tail]) as unknown as IDataObject,
			headers: { 'Content-Type': parts.contentType },
		});
	};
}

function downloadUrlOf(data: unknown): string | undefined {
	const url = isObject(data) ? data.downloadUrl : undefined;
	return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
}

function isTransient(exchange: Exchange): boolean {
	if (exchange.kind === 'network' || exchange.kind === 'unreadable') return true;
	if (exchange.kind !== 'envelope') return false;
	// A success without a download URL is a broken answer, and uploads can be repeated safely.
	return exchange.code === 200 || TRANSIENT_CODES.has(exchange.code) || rateLimitWaitMs(exchange) !== undefined;
}

function problemOf(exchange: Exchange): string {
	switch (exchange.kind) {
		case 'envelope':
			return exchange.code === 200
				? 'kie.ai answered success without a download URL'
				: describeProviderCode('kie.ai', exchange.code, exchange.message).message;
		case 'unreadable':
			return `kie.ai sent ${exchange.detail} (HTTP ${exchange.httpStatus})`;
		case 'network':
			return `the connection to kie.ai's upload host failed: ${exchange.detail}`;
		default:
			return 'the upload was cancelled';
	}
}

function uploadError(fx: IExecuteFunctions, input: CheckedBinary, exchange: Exchange, tries: number, secrets: string[]) {
	const code = exchange.kind === 'envelope' ? exchange.code : undefined;
	const problem = redactSecrets(problemOf(exchange), secrets);
	const advice =
		code !== undefined && code !== 200 && !TRANSIENT_CODES.has(code)
			? describeProviderCode('kie.ai', code, exchange.kind === 'envelope' ? exchange.message : '').description
			: `Tried ${tries} times. Check the credential's Upload Base URL, or run the node again later.`;
	return providerError(fx.getNode(), {
		code: 'UPLOAD_FAILED',
		message: `Item ${input.itemIndex + 1}: uploading binary field "${input.property}" for "${input.label}" failed: ${problem}`,
		description: redactSecrets(`${advice} No task was created for this item.`, secrets),
		httpCode: code && code !== 200 ? code : undefined,
		itemIndex: input.itemIndex,
	});
}
