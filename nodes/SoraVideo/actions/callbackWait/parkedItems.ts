import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { Polling } from '../../../shared/wait/pollSchedule';
import { isObject } from '../../../shared/providers/values';

/** The key, on each parked item's json, of what the resumed node needs to know. */
export const STATE_KEY = 'callbackWait';

export interface ParkedSettings {
	timeoutMs: number;
	polling: Polling;
	confirmCallback: boolean;
	downloadVideo: boolean;
	binaryPropertyName: string;
	onTaskFailure: 'error' | 'output';
	fullResolution?: boolean;
	/** Upscale to 4K: the copy of this video index is asked for, not the task looked up. */
	upscaleIndex?: number;
}

export interface ParkedState extends IDataObject {
	nonce: string;
	startedAt: string;
	/** When this item's task must be done (ISO); n8n's own timer runs a grace period longer. */
	deadline: string;
	/** True for an item with nothing to wait for: a failed create under continueOnFail, or no wait. */
	settled: boolean;
	settings?: ParkedSettings & IDataObject;
	/** The item's json is its task, seen finished before the pause: the resumed node only completes it. */
	seenFinished?: boolean;
}

export interface ParkedItem {
	index: number;
	json: IDataObject;
	state: ParkedState;
}

/**
 * Puts the parked items where the paused node's input was. n8n hands a resumed node's webhook
 * that input, and on the timer path (no callback before the deadline) passes it through as the
 * node's output without running the node, so each parked item already reads as a timeout.
 */
export function parkItems(fx: IExecuteFunctions, items: INodeExecutionData[]): void {
	const executeData = fx.getExecuteData();
	executeData.data = { ...executeData.data, main: [items] };
}

function isParkedState(value: unknown): value is ParkedState {
	return isObject(value) && typeof value.nonce === 'string' && typeof value.deadline === 'string';
}

/**
 * The nonce of the parked items, read from the first one alone. A later callback of a resume
 * under way needs nothing more, and reading all of a batch's items for each of its callbacks
 * (an expression over 1,000 items) is what made a resume's memory peak.
 */
export function readParkedNonce(fx: IWebhookFunctions): string | undefined {
	let value: unknown;
	try {
		value = fx.evaluateExpression(`{{ $input.first().json.${STATE_KEY}.nonce }}`, 0);
	} catch {
		return undefined;
	}
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads the parked items back in the resumed node's webhook; undefined if there are none. */
export function readParkedItems(fx: IWebhookFunctions): ParkedItem[] | undefined {
	let values: unknown;
	try {
		values = fx.evaluateExpression('{{ $input.all().map(item => item.json) }}', 0);
	} catch {
		return undefined;
	}
	if (!Array.isArray(values) || values.length === 0) return undefined;
	const parked: ParkedItem[] = [];
	for (const [index, json] of values.entries()) {
		if (!isObject(json) || !isParkedState(json[STATE_KEY])) return undefined;
		parked.push({ index, json, state: json[STATE_KEY] });
	}
	return parked;
}

/** The item as the user sees it: without the bookkeeping. */
export function withoutState(json: IDataObject): IDataObject {
	const rest = { ...json };
	delete rest[STATE_KEY];
	return rest;
}
