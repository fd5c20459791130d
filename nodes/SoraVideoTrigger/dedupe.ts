import type { IDataObject } from 'n8n-workflow';

const MAX_ENTRIES = 1000;

/** Same-process guard: two copies of one callback arriving together both see the stored record empty. */
const inFlight = new Map<string, number>();

type Record = { [key: string]: number };

/**
 * Remembers which completions (task and status) already fired, in the workflow's static data,
 * so a provider's repeated delivery starts the workflow once. Bounded in size and age.
 */
export function claimDelivery(staticData: IDataObject, scope: string, key: string, windowMs: number, now = Date.now()): boolean {
	const record = ((staticData.deliveries as Record | undefined) ?? {}) as Record;
	for (const [seen, at] of Object.entries(record)) if (now - at > windowMs) delete record[seen];
	for (const [seen, at] of inFlight) if (now - at > windowMs) inFlight.delete(seen);

	const scoped = `${scope}:${key}`;
	if (record[key] !== undefined || inFlight.has(scoped)) return false;

	record[key] = now;
	inFlight.set(scoped, now);
	// Maps iterate in insertion order, so the first key is the oldest.
	if (inFlight.size > MAX_ENTRIES * 10) inFlight.delete(inFlight.keys().next().value as string);
	const keys = Object.keys(record);
	if (keys.length > MAX_ENTRIES) {
		keys.sort((a, b) => record[a] - record[b]);
		for (const old of keys.slice(0, keys.length - MAX_ENTRIES)) delete record[old];
	}
	staticData.deliveries = record;
	return true;
}
