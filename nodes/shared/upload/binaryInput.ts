import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileTypeOf, kindOf, type FileType, type MediaKind } from './fileType';

/** What a model's URL field accepts when the file comes from the item's binary data. */
export interface BinaryInputField {
	/** The field's name in the node, e.g. "Image URL". */
	label: string;
	kinds: MediaKind[];
	/** The provider's documented size limit in bytes; undefined when none is documented. */
	maxBytes?: number;
}

/** A binary input that passed every check, ready to upload. */
export interface CheckedBinary {
	itemIndex: number;
	label: string;
	property: string;
	binary: IBinaryData;
	bytes: number;
	type: FileType;
}

const SNIFF_BYTES = 32;

function invalid(fx: IExecuteFunctions, itemIndex: number, label: string, problem: string): NodeOperationError {
	return new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "${label}" ${problem}`, {
		itemIndex,
		description: `Fix the "${label}" field or the binary data of item ${itemIndex + 1}. Nothing was sent to the provider.`,
	});
}

/** Decimal units, as the providers' documents state their limits ("10 MB"). */
export function formatBytes(bytes: number): string {
	if (bytes < 1_000_000) return `${Math.ceil(bytes / 1000)} KB`;
	return `${Math.ceil(bytes / 100_000) / 10} MB`;
}

function base64Bytes(data: string): number {
	const trimmed = data.replace(/=+$/, '');
	return Math.floor((trimmed.length * 3) / 4);
}

async function firstBytes(fx: IExecuteFunctions, binary: IBinaryData): Promise<Buffer> {
	if (!binary.id) return Buffer.from(binary.data.slice(0, Math.ceil(SNIFF_BYTES / 3) * 4), 'base64');
	const stream = await fx.helpers.getBinaryStream(binary.id, SNIFF_BYTES);
	try {
		for await (const chunk of stream) return chunk as Buffer;
		return Buffer.alloc(0);
	} finally {
		stream.destroy();
	}
}

async function sizeOf(fx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	// n8n 2.x records the exact size; 1.x only a rounded "1.2 MB".
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await fx.helpers.getBinaryMetadata(binary.id)).fileSize;
	return base64Bytes(binary.data);
}

/**
 * Checks, before anything is sent, that the item has the binary field, that the file is a
 * kind the model's field takes (its bytes decide, its MIME type when they reveal nothing),
 * and that it is within the documented size limit.
 */
export async function checkBinaryInput(
	fx: IExecuteFunctions,
	itemIndex: number,
	field: BinaryInputField,
	propertyName: string,
): Promise<CheckedBinary> {
	const property = propertyName.trim();
	if (property === '') throw invalid(fx, itemIndex, field.label, 'needs the name of a binary field (e.g. "data")');
	const item = fx.getInputData()[itemIndex];
	const binary = item?.binary?.[property];
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		const has = present.length ? `it has ${present.map((name) => `"${name}"`).join(', ')}` : 'it has no binary data at all';
		throw invalid(fx, itemIndex, field.label, `reads binary field "${property}", but the item has no such field (${has})`);
	}
	const type = fileTypeOf(await firstBytes(fx, binary), binary.mimeType);
	const kind = kindOf(type?.mimeType ?? binary.mimeType);
	if (!type || !(field.kinds as string[]).includes(kind)) {
		throw invalid(
			fx,
			itemIndex,
			field.label,
			`takes ${field.kinds.join(' or ')} files, but binary field "${property}" holds ${binary.mimeType || 'a file of unknown type'}${binary.fileName ? ` (${binary.fileName})` : ''}`,
		);
	}
	const bytes = await sizeOf(fx, binary);
	if (field.maxBytes !== undefined && bytes > field.maxBytes) {
		throw invalid(
			fx,
			itemIndex,
			field.label,
			`takes files up to ${formatBytes(field.maxBytes)}, but binary field "${property}" holds ${formatBytes(bytes)}`,
		);
	}
	return { itemIndex, label: field.label, property, binary, bytes, type };
}
