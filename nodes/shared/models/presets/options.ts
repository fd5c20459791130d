import type { ChoiceOption } from '../types';

/** Options shown as "<value><unit>", keeping each value's type: "5" is sent as a string, 5 as a number. */
export function choices(values: Array<string | number>, unit = ''): ChoiceOption[] {
	return values.map((value) => ({ value, label: `${value}${unit}` }));
}

/** Whole seconds from `min` to `max`, as strings when the model's page shows strings. */
export function secondsRange(min: number, max: number, as: 'string' | 'number'): ChoiceOption[] {
	const values: Array<string | number> = [];
	for (let seconds = min; seconds <= max; seconds++) values.push(as === 'string' ? String(seconds) : seconds);
	return choices(values, ' s');
}

export const RATIO_LABELS: Record<string, string> = {
	'16:9': '16:9 (Landscape)',
	'9:16': '9:16 (Portrait)',
	'1:1': '1:1 (Square)',
};

/** Aspect-ratio options with plain-word labels for the common ones. */
export function ratios(values: string[]): ChoiceOption[] {
	return values.map((value) => ({ value, label: RATIO_LABELS[value] ?? value }));
}
