import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	type Entries,
	hashKey,
	lastWriter,
	MAX_STORED,
	pushedOutBefore,
	storedClaim,
	storedEntries,
	writeEntries,
} from './deliveryRecord';

export { MAX_STORED } from './deliveryRecord';

/** Deliveries this process remembers per trigger node (the newest). */
const MAX_REMEMBERED = 10_000;
/** Callbacks claimed within this time of each other share one static-data write. */
export const GROUP_WINDOW_MS = 200;
/** A group whose writer never finished is given up after this long, so later claims write again. */
const STALE_GROUP_MS = GROUP_WINDOW_MS * 10;
/** By then n8n has saved a write, so a request that loads the record without it means the write was lost. */
const SAVE_GRACE_MS = 1000;
/** How long after seeing another process's write this process counts its writes as at risk. */
const SHARED_HORIZON_MS = 15 * 60_000;

/**
 * Why claims live in this process first and reach static data in groups: n8n loads a workflow's
 * static data afresh for every webhook request, writes the whole of it back to the database after
 * every request that changed it, and copies it into every execution it saves. One write per
 * callback made the trigger measurably slower than n8n's own Webhook node (bench scenario 4), and
 * concurrent requests, each writing back the copy it loaded, overwrote each other's entries. So a
 * claim is checked against, and kept in, this process's memory at once (exact at any
 * concurrency); every write merges that memory into the stored record (nothing overwritten); and
 * callbacks that arrive close together leave the write to the first of them.
 *
 * In queue mode several processes (main, webhook processes) write one workflow's record, and a
 * write of one can overwrite another's made at the same moment: n8n has no lock and no
 * compare-and-set for static data. So every request also checks what it loaded (observeRecord):
 * records other processes wrote join this process's memory, and this process's own writes that
 * are missing a second later are written again. Writes made while other processes are seen
 * writing are "at risk": the caller has them re-written by a signed sync request (syncRecord.ts),
 * which loads the record after the racing writes and saves it with them.
 */
interface Memory {
	/** Hash of the delivery key → claim time, oldest first (Maps iterate in insertion order). */
	claimed: Entries;
	lastClaimAt: number;
	/** When the open group's writer claimed; undefined while no group is open. */
	groupSince?: number;
	/** Claims of this process that no write has carried yet. */
	unsaved: Entries;
	/** Claims this process wrote and has not yet seen in a loaded record: hash → [claim time, write time]. */
	unconfirmed: Map<string, [number, number]>;
	/**
	 * Claims this process wrote and has seen stored, the newest MAX_STORED: checked again whenever another
	 * process has written, since a write built from a copy loaded long before (a request that downloaded a
	 * video) can drop them later. Only another process's write can: this process's own writes carry them.
	 */
	watched: Entries;
	/** The last write stamp of another process whose entries joined `claimed`. */
	absorbedStamp: string;
	/** When a loaded record last showed another process's write. */
	foreignSeenAt: number;
}

const memories = new Map<string, Memory>();

function memoryOf(scope: string): Memory {
	let memory = memories.get(scope);
	if (!memory) {
		memory = {
			claimed: new Map(),
			lastClaimAt: -Infinity,
			unsaved: new Map(),
			unconfirmed: new Map(),
			watched: new Map(),
			absorbedStamp: '',
			foreignSeenAt: -Infinity,
		};
		memories.set(scope, memory);
	}
	return memory;
}

function forgetOld(memory: Memory, windowMs: number, now: number): void {
	for (const [key, at] of memory.claimed) {
		if (now - at <= windowMs && memory.claimed.size <= MAX_REMEMBERED) break;
		memory.claimed.delete(key);
	}
}

const shared = (memory: Memory, now: number): boolean => now - memory.foreignSeenAt < SHARED_HORIZON_MS;

/** Adds entries this process did not know to its memory, keeping it ordered by claim time. */
function absorb(memory: Memory, entries: Entries, windowMs: number, now: number): void {
	const fresh = [...entries].filter(([hash, at]) => now - at <= windowMs && !memory.claimed.has(hash));
	if (fresh.length === 0) return;
	memory.claimed = new Map([...memory.claimed, ...fresh].sort((a, b) => a[1] - b[1]));
	forgetOld(memory, windowMs, now);
}

/** Kept in write order, so the check of lost writes can stop at the first one too recent to check. */
function confirmLater(memory: Memory, hash: string, at: number, writtenAt: number): void {
	memory.unconfirmed.delete(hash);
	memory.unconfirmed.set(hash, [at, writtenAt]);
}

/** Writes the stored record merged with this process's memory; returns the claims it carried first. */
function write(staticData: IDataObject, memory: Memory, windowMs: number, now: number): Entries {
	const merged = storedEntries(staticData);
	for (const [hash, at] of memory.claimed) merged.set(hash, Math.max(at, merged.get(hash) ?? 0));
	writeEntries(staticData, merged, windowMs, now);
	const carried = new Map(memory.unsaved);
	for (const [hash, at] of carried) confirmLater(memory, hash, at, now);
	memory.unsaved.clear();
	for (const hash of memory.unconfirmed.keys()) {
		if (memory.unconfirmed.size <= MAX_REMEMBERED) break;
		memory.unconfirmed.delete(hash);
	}
	return carried;
}

function watch(memory: Memory, hash: string, at: number): void {
	memory.watched.set(hash, at);
	for (const oldest of memory.watched.keys()) {
		if (memory.watched.size <= MAX_STORED) break;
		memory.watched.delete(oldest);
	}
}

/**
 * This process's written claims that the loaded record lacks although n8n must have saved them:
 * the unconfirmed ones, and, when another process has written since the last check (`stored` is
 * then its record, parsed), the watched ones.
 */
function lostWrites(staticData: IDataObject, memory: Memory, windowMs: number, now: number, stored?: Entries): Entries {
	const lost: Entries = new Map();
	let pushedOut: number | undefined;
	const gone = (at: number) => now - at > windowMs || at < (pushedOut ??= pushedOutBefore(staticData));
	for (const [hash, [at, writtenAt]] of memory.unconfirmed) {
		if (now - writtenAt < SAVE_GRACE_MS) break;
		if (gone(at) || storedClaim(staticData, hash) !== undefined) {
			memory.unconfirmed.delete(hash);
			if (!gone(at)) watch(memory, hash, at);
		} else lost.set(hash, at);
	}
	if (!stored) return lost;
	for (const [hash, at] of memory.watched) {
		if (gone(at)) memory.watched.delete(hash);
		else if (!stored.has(hash)) {
			memory.watched.delete(hash);
			lost.set(hash, at);
		}
	}
	return lost;
}

/**
 * Called for every request with the static data n8n loaded for it: takes in what other processes
 * wrote, and writes again this process's claims that another process's write dropped. Returns the
 * claims whose write is at risk (other processes are writing too), for a sync request.
 */
export function observeRecord(staticData: IDataObject, scope: string, windowMs: number, now = Date.now()): Entries {
	const memory = memoryOf(scope);
	const writer = lastWriter(staticData);
	let stored: Entries | undefined;
	if (writer.foreign) {
		memory.foreignSeenAt = now;
		if (writer.stamp !== memory.absorbedStamp) {
			stored = storedEntries(staticData);
			absorb(memory, stored, windowMs, now);
			memory.absorbedStamp = writer.stamp;
		}
	}
	if (memory.unconfirmed.size === 0 && !stored) return new Map();
	const lost = lostWrites(staticData, memory, windowMs, now, stored);
	if (lost.size === 0) return lost;
	write(staticData, memory, windowMs, now);
	for (const [hash, at] of lost) confirmLater(memory, hash, at, now);
	return shared(memory, now) ? lost : new Map();
}

/** Takes in the claims a sync request carries and writes them, with this process's memory, into the record. */
export function mergeSynced(staticData: IDataObject, scope: string, entries: Entries, windowMs: number, now = Date.now()): void {
	const memory = memoryOf(scope);
	absorb(memory, entries, windowMs, now);
	write(staticData, memory, windowMs, now);
}

export interface Claim {
	/** 'member': a neighbour in the same burst writes this claim; 'writer' writes the burst after GROUP_WINDOW_MS. */
	role: 'alone' | 'writer' | 'member';
	/**
	 * Puts the claim into the static data that n8n saves when webhook() returns (a member's: its
	 * writer's). Returns the claims this write carries when other processes write too (at risk).
	 */
	persist(): Promise<Entries>;
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
	memory.unsaved.set(hash, now);
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
			if (role === 'member') return new Map();
			if (role === 'writer') {
				try {
					await sleep(Math.max(0, now + GROUP_WINDOW_MS - Date.now()));
				} finally {
					// The group closes as its record is built: a later claim starts the next one.
					if (memory.groupSince === now) memory.groupSince = undefined;
				}
			}
			const written = Date.now();
			const carried = write(staticData, memory, windowMs, written);
			return shared(memory, written) ? carried : new Map();
		},
	};
}
