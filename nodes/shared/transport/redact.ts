import type { IDataObject } from 'n8n-workflow';

const MASK = '[redacted]';

function redactText(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) result = result.split(secret).join(MASK);
	return result;
}

function redactValue(value: unknown, secrets: string[]): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets));
	if (typeof value === 'object' && value !== null) {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactValue(entry, secrets) as IDataObject;
		return copy;
	}
	return value;
}

/**
 * Masks the credential's secrets wherever a provider echoes them back (a task's `param`,
 * an error message), so they never reach node output, errors or logs.
 */
export function redactSecrets<T extends IDataObject | string>(value: T, secrets: string[]): T {
	if (secrets.length === 0) return value;
	return redactValue(value, secrets) as T;
}
