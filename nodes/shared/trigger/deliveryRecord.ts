import { createHash, randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** Deliveries kept in the workflow's static data (the newest), for a restarted n8n. */
export const MAX_STORED = 1000;
/** The stored record: "<hash><claim time in ms, base 36>,..." oldest first. */
const FIELD = 'deliveryLog';
/** The earlier record, an object of delivery key → claim time; read, then replaced on the next write. */
const LEGACY_FIELD = 'deliveries';
/** "<process ID>.<write time in ms, base 36>" of the last write: tells a process that others write too. */
const WRITER_FIELD = 'deliveryLogWriter';
/** A random value that, with the credential, keys the signature of sync requests (syncRecord.ts). */
const SALT_FIELD = 'deliverySyncSalt';
const HASH_CHARS = 12;

/** Entries as hash → claim time. */
export type Entries = Map<string, number>;

/** This process, among the n8n processes (main, webhook processes) that write one workflow's record. */
export const PROCESS_ID = randomBytes(6).toString('base64url');
export const PROCESS_STARTED_AT = Date.now();

/**
 * 72 bits of SHA-256 in 12 characters. n8n copies static data into every execution it saves, so
 * the record is kept compact: a full record is about 21 KB instead of about 50 KB of task IDs.
 */
export function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, HASH_CHARS);
}

function storedLog(staticData: IDataObject): string {
	return typeof staticData[FIELD] === 'string' ? (staticData[FIELD] as string) : '';
}

function legacyRecord(staticData: IDataObject): Entries {
	const record: Entries = new Map();
	const legacy = staticData[LEGACY_FIELD];
	if (legacy === null || typeof legacy !== 'object' || Array.isArray(legacy)) return record;
	for (const [key, at] of Object.entries(legacy)) if (typeof at === 'number') record.set(hashKey(key), at);
	return record;
}

/** When the stored record says `hash` was claimed, without parsing the whole record. */
export function storedClaim(staticData: IDataObject, hash: string): number | undefined {
	const log = storedLog(staticData);
	for (let at = log.indexOf(hash); at !== -1; at = log.indexOf(hash, at + 1)) {
		if (at !== 0 && log[at - 1] !== ',') continue;
		const end = log.indexOf(',', at);
		const time = parseInt(log.slice(at + HASH_CHARS, end === -1 ? undefined : end), 36);
		if (Number.isFinite(time)) return time;
	}
	return staticData[LEGACY_FIELD] === undefined ? undefined : legacyRecord(staticData).get(hash);
}

/** The claim time of the oldest stored entry once the record is full (older ones were pushed out), else 0. */
export function pushedOutBefore(staticData: IDataObject): number {
	const log = storedLog(staticData);
	if (log.length < MAX_STORED * (HASH_CHARS + 1)) return 0;
	const first = log.slice(0, log.indexOf(','));
	return parseInt(first.slice(HASH_CHARS), 36) || 0;
}

export function parseEntries(log: string): Entries {
	const record: Entries = new Map();
	for (const entry of log === '' ? [] : log.split(',')) {
		const time = parseInt(entry.slice(HASH_CHARS), 36);
		if (entry.length > HASH_CHARS && Number.isFinite(time)) record.set(entry.slice(0, HASH_CHARS), time);
	}
	return record;
}

export function formatEntries(entries: Iterable<[string, number]>): string {
	return [...entries].map(([hash, at]) => `${hash}${at.toString(36)}`).join(',');
}

export function storedEntries(staticData: IDataObject): Entries {
	const entries = legacyRecord(staticData);
	for (const [hash, at] of parseEntries(storedLog(staticData))) entries.set(hash, at);
	return entries;
}

/** The last write's stamp, and whether another process made it since this one started. */
export function lastWriter(staticData: IDataObject): { stamp: string; foreign: boolean } {
	const stamp = typeof staticData[WRITER_FIELD] === 'string' ? (staticData[WRITER_FIELD] as string) : '';
	const [id, time = ''] = stamp.split('.');
	// A write from before this process started may be its own previous life (a restarted n8n).
	const since = /^[0-9a-z]+$/.test(time) ? parseInt(time, 36) : 0;
	return { stamp, foreign: id !== PROCESS_ID && since >= PROCESS_STARTED_AT };
}

/** Writes `entries` (the newest MAX_STORED within the window) as the record, stamped by this process. */
export function writeEntries(staticData: IDataObject, entries: Entries, windowMs: number, now: number): void {
	const kept = [...entries].filter(([, at]) => now - at <= windowMs);
	const newest = kept.sort((a, b) => a[1] - b[1]).slice(-MAX_STORED);
	// Assigning a field marks the static data changed: n8n saves it once webhook() has returned.
	staticData[FIELD] = formatEntries(newest);
	staticData[WRITER_FIELD] = `${PROCESS_ID}.${now.toString(36)}`;
	if (typeof staticData[SALT_FIELD] !== 'string') staticData[SALT_FIELD] = randomBytes(18).toString('base64url');
	if (staticData[LEGACY_FIELD] !== undefined) delete staticData[LEGACY_FIELD];
}

/** The stored sync salt, '' before the first write. */
export function syncSalt(staticData: IDataObject): string {
	return typeof staticData[SALT_FIELD] === 'string' ? (staticData[SALT_FIELD] as string) : '';
}
