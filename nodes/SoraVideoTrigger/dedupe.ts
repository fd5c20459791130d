import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/** Deliveries kept in the workflow's static data (the newest), for a restarted n8n. */
export const MAX_STORED = 1000;
/** Deliveries this process remembers per trigger node (the newest). */
const MAX_REMEMBERED = MAX_STORED * 10;
/** Callbacks claimed within this time of each other share one static-data write. */
export const GROUP_WINDOW_MS = 200;
/** A group whose writer never finished is given up after this long, so later claims write again. */
const STALE_GROUP_MS = GROUP_WINDOW_MS * 10;
/** The stored record: "<hash><claim time in ms, base 36>,..." oldest first. */
const FIELD = 'deliveryLog';
/** The earlier record, an object of delivery key → claim time; read, then replaced on the next write. */
const LEGACY_FIELD = 'deliveries';
const HASH_CHARS = 12;

/**
 * Why claims live in this process first and reach static data in groups: n8n loads a workflow's
 * static data afresh for every webhook request, writes the whole of it back to the database after
 * every request that changed it, and copies it into every execution it saves. One write per
 * callback made the trigger measurably slower than n8n's own Webhook node (bench scenario 4), and
 * concurrent requests, each writing back the copy it loaded, overwrote each other's entries. So a
 * claim is checked against, and kept in, this process's memory at once (exact at any
 * concurrency); every write merges that memory into the stored record (nothing overwritten); and
 * callbacks that arrive close together leave the write to the first of them.
 */
interface Memory {
	/** Hash of the delivery key → claim time, oldest first (Maps iterate in insertion order). */
	claimed: Map<string, number>;
	lastClaimAt: number;
	/** When the open group's writer claimed; undefined while no group is open. */
	groupSince?: number;
}

const memories = new Map<string, Memory>();

function memoryOf(scope: string): Memory {
	let memory = memories.get(scope);
	if (!memory) {
		memory = { claimed: new Map(), lastClaimAt: -Infinity };
		memories.set(scope, memory);
	}
	return memory;
}

/**
 * 72 bits of SHA-256 in 12 characters. n8n copies static data into every execution it saves, so
 * the record is kept compact: a full record is about 21 KB instead of about 50 KB of task IDs.
 */
function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, HASH_CHARS);
}

function storedLog(staticData: IDataObject): string {
	return typeof staticData[FIELD] === 'string' ? (staticData[FIELD] as string) : '';
}

function legacyRecord(staticData: IDataObject): Map<string, number> {
	const record = new Map<string, number>();
	const legacy = staticData[LEGACY_FIELD];
	if (legacy === null || typeof legacy !== 'object' || Array.isArray(legacy)) return record;
	for (const [key, at] of Object.entries(legacy)) if (typeof at === 'number') record.set(hashKey(key), at);
	return record;
}

/** When the stored record says `hash` was claimed, without parsing the whole record. */
function storedClaim(staticData: IDataObject, hash: string): number | undefined {
	const log = storedLog(staticData);
	for (let at = log.indexOf(hash); at !== -1; at = log.indexOf(hash, at + 1)) {
		if (at !== 0 && log[at - 1] !== ',') continue;
		const end = log.indexOf(',', at);
		const time = parseInt(log.slice(at + HASH_CHARS, end === -1 ? undefined : end), 36);
		if (Number.isFinite(time)) return time;
	}
	return legacyRecord(staticData).get(hash);
}

function parseLog(log: string): Map<string, number> {
	const record = new Map<string, number>();
	for (const entry of log === '' ? [] : log.split(',')) {
		const time = parseInt(entry.slice(HASH_CHARS), 36);
		if (entry.length > HASH_CHARS && Number.isFinite(time)) record.set(entry.slice(0, HASH_CHARS), time);
	}
	return record;
}

function forgetOld(memory: Memory, windowMs: number, now: number): void {
	for (const [key, at] of memory.claimed) {
		if (now - at <= windowMs && memory.claimed.size <= MAX_REMEMBERED) break;
		memory.claimed.delete(key);
	}
}

/** Writes the stored record merged with this process's claims: the newest MAX_STORED within the window. */
function writeRecord(staticData: IDataObject, memory: Memory, windowMs: number, now: number): void {
	const merged = new Map<string, number>();
	for (const source of [legacyRecord(staticData), parseLog(storedLog(staticData)), memory.claimed]) {
		for (const [hash, at] of source) if (now - at <= windowMs) merged.set(hash, Math.max(at, merged.get(hash) ?? 0));
	}
	const newest = [...merged].sort((a, b) => a[1] - b[1]).slice(-MAX_STORED);
	// Assigning a field marks the static data changed: n8n saves it once webhook() has returned.
	staticData[FIELD] = newest.map(([hash, at]) => `${hash}${at.toString(36)}`).join(',');
	if (staticData[LEGACY_FIELD] !== undefined) delete staticData[LEGACY_FIELD];
}

export interface Claim {
	/** 'member': a neighbour in the same burst writes this claim; 'writer' writes the burst after GROUP_WINDOW_MS. */
	role: 'alone' | 'writer' | 'member';
	/** Puts the claim into the static data that n8n saves when webhook() returns (a member's: its writer's). */
	persist(): Promise<void>;
}

/**
 * Claims one completion for a trigger node (`scope`): undefined when it already fired within
 * `windowMs`, in this process or as recorded in static data. `mayWait` says whether this
 * callback can keep webhook() open for the group window; one that downloads a video must not be
 * made to wait longer.
 */
export function claimDelivery(
	staticData: IDataObject,
	scope: string,
	key: string,
	windowMs: number,
	{ mayWait = true, now = Date.now() }: { mayWait?: boolean; now?: number } = {},
): Claim | undefined {
	const memory = memoryOf(scope);
	forgetOld(memory, windowMs, now);
	const hash = hashKey(key);
	const mine = memory.claimed.get(hash);
	if (mine !== undefined && now - mine <= windowMs) return undefined;
	const stored = storedClaim(staticData, hash);
	if (stored !== undefined && now - stored <= windowMs) return undefined;

	memory.claimed.delete(hash);
	memory.claimed.set(hash, now);
	const inBurst = now - memory.lastClaimAt < GROUP_WINDOW_MS;
	memory.lastClaimAt = now;
	if (memory.groupSince !== undefined && now - memory.groupSince > STALE_GROUP_MS) memory.groupSince = undefined;

	let role: Claim['role'] = 'alone';
	if (memory.groupSince !== undefined) role = 'member';
	else if (inBurst && mayWait) {
		role = 'writer';
		memory.groupSince = now;
	}
	return {
		role,
		async persist() {
			if (role === 'member') return;
			if (role === 'writer') {
				try {
					await sleep(Math.max(0, now + GROUP_WINDOW_MS - Date.now()));
				} finally {
					// The group closes as its record is built: a later claim starts the next one.
					if (memory.groupSince === now) memory.groupSince = undefined;
				}
			}
			writeRecord(staticData, memory, windowMs, Date.now());
		},
	};
}
