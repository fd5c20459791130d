/**
 * What a file really is, from its first bytes. kie.ai's upload host serves a file with the
 * Content-Type its name's extension implies, and Veo fails with a misleading error on a JPEG
 * served as PNG; so the uploaded name's extension follows the bytes, then the MIME type.
 */

export type MediaKind = 'image' | 'video' | 'audio';

export interface FileType {
	mimeType: string;
	extension: string;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
	return String.fromCharCode(...bytes.subarray(start, start + length));
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
	return signature.every((byte, index) => bytes[index] === byte);
}

/** The type the first bytes (16 are enough) reveal, or undefined when they reveal none. */
export function sniffFileType(bytes: Uint8Array): FileType | undefined {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: 'jpg' };
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { mimeType: 'image/png', extension: 'png' };
	if (ascii(bytes, 0, 4) === 'GIF8') return { mimeType: 'image/gif', extension: 'gif' };
	if (ascii(bytes, 0, 2) === 'BM') return { mimeType: 'image/bmp', extension: 'bmp' };
	if (ascii(bytes, 0, 4) === 'RIFF') {
		const format = ascii(bytes, 8, 4);
		if (format === 'WEBP') return { mimeType: 'image/webp', extension: 'webp' };
		if (format === 'WAVE') return { mimeType: 'audio/wav', extension: 'wav' };
		if (format === 'AVI ') return { mimeType: 'video/x-msvideo', extension: 'avi' };
	}
	if (ascii(bytes, 4, 4) === 'ftyp') {
		const brand = ascii(bytes, 8, 4);
		if (brand === 'qt  ') return { mimeType: 'video/quicktime', extension: 'mov' };
		if (/^(heic|heix|mif1|msf1)$/.test(brand)) return { mimeType: 'image/heic', extension: 'heic' };
		if (brand === 'avif') return { mimeType: 'image/avif', extension: 'avif' };
		if (/^M4A/.test(brand)) return { mimeType: 'audio/mp4', extension: 'm4a' };
		return { mimeType: 'video/mp4', extension: 'mp4' };
	}
	if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return { mimeType: 'video/webm', extension: 'webm' };
	if (ascii(bytes, 0, 3) === 'ID3' || startsWith(bytes, [0xff, 0xfb])) return { mimeType: 'audio/mpeg', extension: 'mp3' };
	if (ascii(bytes, 0, 4) === 'OggS') return { mimeType: 'audio/ogg', extension: 'ogg' };
	return undefined;
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/bmp': 'bmp',
	'image/heic': 'heic',
	'image/avif': 'avif',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'video/webm': 'webm',
	'video/x-msvideo': 'avi',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/mp4': 'm4a',
	'audio/ogg': 'ogg',
	'audio/aac': 'aac',
};

/** The file's type: its bytes decide; the declared MIME type is used when they reveal nothing. */
export function fileTypeOf(firstBytes: Uint8Array, declaredMimeType: string | undefined): FileType | undefined {
	const sniffed = sniffFileType(firstBytes);
	if (sniffed) return sniffed;
	const mimeType = String(declaredMimeType ?? '').split(';')[0].trim().toLowerCase();
	const extension = EXTENSIONS[mimeType];
	return extension ? { mimeType, extension } : undefined;
}

export function kindOf(mimeType: string | undefined): string {
	return String(mimeType ?? '').split('/')[0].toLowerCase();
}
