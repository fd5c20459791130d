import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { CancelledError, providerError } from '../transport/errors';

/**
 * The cost-safety record: which paid tasks this process created for which item of which node
 * run. n8n's "Retry On Fail" runs the node again within the same execution, with the same run
 * index and the same items, in the same process (in queue mode: the same worker). A retry that
 * finds its item here continues with the task already paid for instead of creating another.
 *
 * It lives in memory only, and stays small: a node run's entries are dropped when the run
 * succeeds and no retry can follow (see finished()), every run expires after RUN_TTL_MS, and the
 * whole record never holds more than MAX_ENTRIES items (the oldest runs go first).
 */

/** Longer than the longest wait (24 h) plus a download, so a retry after a long wait still finds its task. */
export const RUN_TTL_MS = 26 * 60 * 60_000;
export const MAX_ENTRIES = 20_000;
/** n8n waits at most 5 s between tries; the rerun looks its tasks up as it starts. */
export const RERUN_GRACE_MS = 10 * 60_000;

type EntryState = 'sending' | 'created' | 'unconfirmed';

interface Entry {
	fingerprint: string;
	state: EntryState;
	taskId?: string;
	/** What the create's uploads produced, so a continued item outputs what the first attempt would have. */
	extra?: IDataObject;
}

interface RunRecord {
	expiresAt: number;
	items: Map<number, Entry>;
	/** Values every attempt of the run must share, e.g. the nonce in a callback URL sent with a task. */
	shared: Map<string, string>;
}

const runs = new Map<string, RunRecord>();
let entryCount = 0;

function dropRun(key: string): void {
	const run = runs.get(key);
	if (!run) return;
	entryCount -= run.items.size;
	runs.delete(key);
}

function sweep(now: number): void {
	for (const [key, run] of runs) {
		if (run.expiresAt <= now) dropRun(key);
	}
	// Map iteration follows insertion order, and a run is re-inserted when touched: oldest first.
	for (const key of runs.keys()) {
		if (entryCount <= MAX_ENTRIES) break;
		dropRun(key);
	}
}

/** How many items the record holds now (for tests and the batch benchmark). */
export function costSafetyRecordSize(): { runs: number; items: number } {
	return { runs: runs.size, items: entryCount };
}

/** Empties the record (tests only). */
export function clearCostSafetyRecord(): void {
	runs.clear();
	entryCount = 0;
}

/** Whether a failed create certainly started nothing: the connection never opened, or a 4xx refusal. */
function certainlyRefused(error: unknown): boolean {
	if (error instanceof CancelledError) return false;
	const code = String((error as { context?: IDataObject }).context?.errorCode ?? '');
	if (code === 'CONNECTION_FAILED' || code === 'INVALID_INPUT') return true;
	const numeric = Number(code);
	return Number.isInteger(numeric) && numeric > 0 && (numeric < 500 || numeric === 505);
}

export function fingerprintOf(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value ?? null)).digest('base64').slice(0, 22);
}

export interface CreateOutcome {
	taskId: string;
	extra?: IDataObject;
	/** True when the task was created by an earlier attempt of this node run and not created again. */
	continued: boolean;
}

/** One node run's view of the record. Without an execution ID (no retry possible to match) it records nothing. */
export class CreateRecord {
	private constructor(
		private readonly fx: IExecuteFunctions,
		private readonly key: string | undefined,
	) {}

	static forRun(fx: IExecuteFunctions, operation: string): CreateRecord {
		const executionId = String(fx.getExecutionId?.() ?? '');
		if (!executionId) return new CreateRecord(fx, undefined);
		let runIndex = 0;
		try {
			runIndex = Number(fx.getWorkflowDataProxy(0).$runIndex ?? 0);
		} catch {
			// Only a deliberate loop raises the run index; without it a loop's later runs would continue earlier tasks.
			return new CreateRecord(fx, undefined);
		}
		const workflowId = String(fx.getWorkflow().id ?? '');
		const key = JSON.stringify([workflowId, executionId, fx.getNode().name, runIndex, operation]);
		return new CreateRecord(fx, key);
	}

	private run(create: boolean): RunRecord | undefined {
		if (!this.key) return undefined;
		let run = runs.get(this.key);
		if (!run && !create) return undefined;
		const now = Date.now();
		if (run) runs.delete(this.key);
		else run = { expiresAt: 0, items: new Map(), shared: new Map() };
		run.expiresAt = now + RUN_TTL_MS;
		runs.set(this.key, run);
		return run;
	}

	private set(run: RunRecord, itemIndex: number, entry: Entry): void {
		if (!run.items.has(itemIndex)) entryCount++;
		run.items.set(itemIndex, entry);
	}

	/**
	 * Creates the item's task once per node run. `request` is what identifies the item's create
	 * (never a per-attempt value such as a callback URL's nonce): a retry with the same request
	 * continues the recorded task; a retry after a create that got no clear answer is refused.
	 */
	async createOnce(
		itemIndex: number,
		request: unknown,
		steps: {
			/** Free work before the paid request (uploads); its failure leaves nothing to continue. */
			prepare?: () => Promise<IDataObject | undefined>;
			create: () => Promise<string>;
		},
	): Promise<CreateOutcome> {
		const run = this.run(true);
		if (!run) {
			const extra = await steps.prepare?.();
			return { taskId: await steps.create(), extra, continued: false };
		}
		const fingerprint = fingerprintOf(request);
		const known = run.items.get(itemIndex);
		if (known && known.fingerprint === fingerprint) {
			if (known.state === 'created' && known.taskId) {
				this.fx.logger.info(
					`Sora Video: retry of node "${this.fx.getNode().name}" continues task ${known.taskId} of item ${itemIndex + 1} instead of creating another`,
					{ taskId: known.taskId, itemIndex },
				);
				return { taskId: known.taskId, extra: known.extra, continued: true };
			}
			throw providerError(this.fx.getNode(), {
				code: 'CREATE_UNCONFIRMED',
				message: `Item ${itemIndex + 1}: an earlier attempt of this node already sent its create request and got no clear answer`,
				description:
					'n8n retried the node ("Retry On Fail"). A task may have been started and charged by the earlier attempt, so the request was not sent again. Check your task list at the provider before running this item again.',
				itemIndex,
			});
		}
		const extra = await steps.prepare?.();
		sweep(Date.now());
		this.set(run, itemIndex, { fingerprint, state: 'sending' });
		// The error the create throws is already the user's NodeApiError; it is passed on as it is.
		const sent = await steps.create().then(
			(taskId) => ({ taskId, error: undefined }),
			(error: unknown) => ({ taskId: undefined, error }),
		);
		if (sent.taskId !== undefined) {
			this.set(run, itemIndex, { fingerprint, state: 'created', taskId: sent.taskId, extra });
			return { taskId: sent.taskId, extra, continued: false };
		}
		if (certainlyRefused(sent.error)) {
			run.items.delete(itemIndex);
			entryCount--;
		} else {
			this.set(run, itemIndex, { fingerprint, state: 'unconfirmed' });
		}
		return await Promise.reject(sent.error);
	}

	/** A value made once per node run: a retry gets what the first attempt made. */
	shared(name: string, make: () => string): string {
		const run = this.run(true);
		if (!run) return make();
		let value = run.shared.get(name);
		if (value === undefined) {
			value = make();
			run.shared.set(name, value);
		}
		return value;
	}

	/**
	 * The node run returned its items. n8n will not run it again, and its entries can go, unless
	 * Retry On Fail is on and the first item has an `error` field: n8n then takes the run for a
	 * failure and runs the node again (every task carries `error`, null when there is none). The
	 * entries are kept a little while for that rerun, which finds its tasks and creates nothing.
	 */
	finished(output: INodeExecutionData[]): void {
		if (!this.key) return;
		const rerun = this.fx.getNode().retryOnFail === true && output[0]?.json?.error !== undefined;
		if (!rerun) {
			dropRun(this.key);
			return;
		}
		const run = runs.get(this.key);
		if (run) run.expiresAt = Date.now() + RERUN_GRACE_MS;
	}
}
