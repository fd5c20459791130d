import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WaitSettings } from '../../shared/wait/waitForTask';

export type WaitMode = 'poll' | 'callback';

export interface FinishSettings extends WaitSettings {
	mode: WaitMode;
	/** Callback mode: look the task up at the provider instead of trusting the callback alone. */
	confirmCallback: boolean;
	downloadVideo: boolean;
	binaryPropertyName: string;
	onTaskFailure: 'error' | 'output';
	/** Fetch the provider's higher-resolution copy once the task is done (Create: from its model's field). */
	fullResolution?: boolean;
}

const MAX_TIMEOUT_S = 86_400;

function problem(fx: IExecuteFunctions, itemIndex: number, field: string, what: string) {
	return new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "${field}" ${what}`, {
		itemIndex,
		description: `Fix the "${field}" option of item ${itemIndex + 1}. Nothing was sent to the provider.`,
	});
}

export function readWaitSettings(fx: IExecuteFunctions, itemIndex: number): FinishSettings {
	const options = fx.getNodeParameter('waitOptions', itemIndex, {}) as {
		timeout?: number;
		pollingMode?: string;
		pollInterval?: number;
		onTaskFailure?: string;
		confirmCallback?: boolean;
		fullResolution?: boolean;
	};
	const timeout = Number(options.timeout ?? 1800);
	if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_S) {
		throw problem(fx, itemIndex, 'Timeout (Seconds)', `must be between 1 and ${MAX_TIMEOUT_S}, but is ${options.timeout}`);
	}
	const interval = Number(options.pollInterval ?? 10);
	if (options.pollingMode === 'fixed' && (!Number.isFinite(interval) || interval < 1)) {
		throw problem(fx, itemIndex, 'Poll Interval (Seconds)', `must be at least 1, but is ${options.pollInterval}`);
	}
	const downloadVideo = fx.getNodeParameter('downloadVideo', itemIndex, false) as boolean;
	const binaryPropertyName = downloadVideo
		? String(fx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim()
		: 'data';
	if (downloadVideo && binaryPropertyName === '') {
		throw problem(fx, itemIndex, 'Put Output File in Field', 'must not be empty');
	}
	return {
		mode: fx.getNodeParameter('waitMode', itemIndex, 'poll') === 'callback' ? 'callback' : 'poll',
		confirmCallback: options.confirmCallback !== false,
		timeoutMs: timeout * 1000,
		polling: options.pollingMode === 'fixed' ? { mode: 'fixed', intervalMs: interval * 1000 } : { mode: 'adaptive' },
		onTaskFailure: options.onTaskFailure === 'output' ? 'output' : 'error',
		downloadVideo,
		binaryPropertyName,
		fullResolution: options.fullResolution === true,
	};
}
