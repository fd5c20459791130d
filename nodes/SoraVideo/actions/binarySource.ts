import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fieldsOf, findModel } from '../../shared/models/catalogue';
import { fieldDefinition } from '../../shared/models/fields';
import type { FieldDefinition } from '../../shared/models/types';
import type { ProviderId } from '../../shared/providers/types';
import { checkBinaryInput, type CheckedBinary } from '../../shared/upload/binaryInput';
import { uploadBinary, type UploadedInput } from '../../shared/upload/uploadBinary';

/*
 * A model's image or video field can take a file from the item's binary data instead of a link:
 * the node uploads it to kie.ai's File Upload API and sends the returned link. Which fields, what
 * media and what size limit all come from the catalogue, so no model has code of its own here.
 */

/** Only kie.ai documents an upload API; the other providers' fields stay URL-only. */
export const UPLOAD_PROVIDERS: ProviderId[] = ['kie'];
export const BINARY_SOURCE = 'binaryProperty';

export function sourceParam(field: FieldDefinition): string {
	return `${field.param}Source`;
}

export function binaryParam(field: FieldDefinition): string {
	return `${field.param}BinaryProperty`;
}

interface Reader {
	fx: IExecuteFunctions;
	itemIndex: number;
	provider: ProviderId;
}

/** Whether this item's field is set to take its file from binary data. */
export function readsBinary(reader: Reader, field: FieldDefinition): boolean {
	if (field.type !== 'url' || !UPLOAD_PROVIDERS.includes(reader.provider)) return false;
	return reader.fx.getNodeParameter(sourceParam(field), reader.itemIndex, 'url') === BINARY_SOURCE;
}

/** The binary field names the item's field lists, in order (a list field takes several). */
export function binaryPropertyNames(reader: Reader, field: FieldDefinition): string[] {
	const value = reader.fx.getNodeParameter(binaryParam(field), reader.itemIndex, 'data') as unknown;
	return String(value ?? '').split(/[\s,]+/).filter(Boolean);
}

/** One model input whose files come from binary data, checked and waiting to be uploaded. */
export interface PendingUpload {
	key: string;
	list: boolean;
	files: CheckedBinary[];
}

/**
 * Checks every binary input of one item before anything is sent: the field exists, its file is
 * the media the field takes, and it is within the model's documented size limit.
 */
export async function checkBinaryInputs(
	fx: IExecuteFunctions,
	itemIndex: number,
	provider: ProviderId,
): Promise<PendingUpload[]> {
	const model = findModel(String(fx.getNodeParameter('model', itemIndex, '')));
	if (!model) return [];
	const pending: PendingUpload[] = [];
	for (const [name, use] of fieldsOf(model, provider)) {
		const field = fieldDefinition(name);
		if (!field || !readsBinary({ fx, itemIndex, provider }, field)) continue;
		const files: CheckedBinary[] = [];
		for (const property of binaryPropertyNames({ fx, itemIndex, provider }, field)) {
			const accepts = { label: field.label, kinds: [field.media ?? 'image'], maxBytes: use.maxBytes };
			files.push(await checkBinaryInput(fx, itemIndex, accepts, property));
		}
		if (files.length > 0) pending.push({ key: use.key, list: use.list === true, files });
	}
	return pending;
}

/** Uploads an item's checked binary inputs and puts their links into the model's input. */
async function uploadBinaryInputs(
	fx: IExecuteFunctions,
	pending: PendingUpload[],
	input: IDataObject,
	uploadPath: string,
): Promise<UploadedInput[]> {
	const uploaded: UploadedInput[] = [];
	for (const { key, list, files } of pending) {
		const urls: string[] = [];
		for (const [index, file] of files.entries()) {
			const suffix = files.length > 1 ? `-${index + 1}` : '';
			const baseName = `item-${file.itemIndex + 1}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}${suffix}`;
			const done = await uploadBinary(fx, file, { uploadPath, baseName });
			uploaded.push(done);
			urls.push(done.downloadUrl);
		}
		input[key] = list ? urls : urls[0];
	}
	return uploaded;
}

/** One item's binary inputs, checked; `send` uploads them and fills in the model's input. */
export interface ItemUploads {
	send(input: IDataObject): Promise<UploadedInput[]>;
}

/**
 * Every execution uploads into its own folder: the same name overwrites at kie.ai, so two
 * executions must never share one. Within it, files are named after their item and field.
 */
export function newUploadPath(fx: IExecuteFunctions): string {
	return `n8n-sora-video/${fx.getExecutionId() ?? 'run'}-${randomBytes(4).toString('hex')}`;
}

export async function prepareBinaryInputs(
	fx: IExecuteFunctions,
	itemIndex: number,
	provider: ProviderId,
	uploadPath: string,
): Promise<ItemUploads> {
	const pending = await checkBinaryInputs(fx, itemIndex, provider);
	return { send: async (input) => await uploadBinaryInputs(fx, pending, input, uploadPath) };
}

/** The output names what was uploaded: each file's download URL and the binary field it came from. */
export function withInputs(item: INodeExecutionData, inputs: UploadedInput[]): INodeExecutionData {
	return inputs.length === 0 ? item : { ...item, json: { ...item.json, inputs } };
}
