import type { ModelField } from './types';

/**
 * n8n's number field cannot be empty, so an optional number with no default whose range excludes
 * 0 (a seed, say) shows 0 and reads 0 as "not set". Its form field must then accept 0.
 */
export function zeroMeansNotSet(use: ModelField): boolean {
	return !use.required && use.default === undefined && use.min !== undefined && use.min > 0;
}
