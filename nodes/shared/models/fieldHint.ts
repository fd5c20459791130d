import type { FieldDefinition, ModelField } from './types';

function megabytes(bytes: number): string {
	return `${Math.round(bytes / 1_000_000)} MB`;
}

function urlCount(field: FieldDefinition, use: ModelField): string {
	const kind = field.media ?? 'file';
	if (!use.list || !use.count) return `one ${kind} link`;
	const { min, max } = use.count;
	if (min === max) return max === 1 ? `exactly one ${kind} link` : `exactly ${max} ${kind} links, separated by commas`;
	if (max === 1) return `one ${kind} link, optional`;
	return `${min === 0 ? 'up to' : `${min} to`} ${max} ${kind} links, separated by commas`;
}

function details(field: FieldDefinition, use: ModelField): string[] {
	switch (field.type) {
		case 'text':
			if (use.list && use.count) return [`at most ${use.count.max}`];
			if (use.minLength && use.maxLength) return [`${use.minLength} to ${use.maxLength} characters`];
			return use.maxLength ? [`at most ${use.maxLength} characters`] : [];
		case 'url':
			return [urlCount(field, use), ...(use.maxBytes ? [`at most ${megabytes(use.maxBytes)}${use.list ? ' each' : ''}`] : [])];
		case 'shots': {
			const count = use.count ? `${use.count.min} to ${use.count.max} shots` : '';
			const lengths = `each ${use.min} to ${use.max} s`;
			const sum = use.sumEquals ? 'adding up to the duration' : '';
			return [count, lengths, sum].filter(Boolean);
		}
		case 'number':
			return use.min !== undefined && use.max !== undefined ? [`from ${use.min} to ${use.max}`] : [];
		default:
			return [];
	}
}

/** A field's hint, from its shared meaning and what this model allows. */
export function fieldHint(field: FieldDefinition, use: ModelField): string {
	const limits = details(field, use);
	const hint = limits.length === 0 ? field.hint : `${field.hint} (${limits.join('; ')})`;
	return use.note ? `${hint}. ${use.note}.` : hint;
}
