import type { IDataObject } from 'n8n-workflow';

/**
 * A parameter that holds a JSON object, as n8n gives it: already an object, or the text of one.
 * Empty text means none. Returns the object, or why it is not one (for the caller's field error),
 * with `example` shown when it is valid JSON of another kind.
 */
export function parseJsonObject(value: unknown, example: string): { object: IDataObject } | { problem: string } {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return { object: {} };
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return { problem: `is not valid JSON (${(error as Error).message})` };
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: `must be a JSON object, like ${example}` };
	return { object: parsed as IDataObject };
}
