import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CancelledError } from '../../shared/transport/errors';

export interface ItemJob<P> {
	/** Reads and validates one item; runs for every item, one after another, before any request is sent. */
	prepare(itemIndex: number): P | Promise<P>;
	/** Does the item's work. All items run at once: 20 three-minute tasks take three minutes. */
	run(prepared: P, itemIndex: number): Promise<INodeExecutionData>;
}

function asNodeError(fx: IExecuteFunctions, error: Error, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(fx.getNode(), error, { itemIndex });
}

export type Outcome = { ok: true; data: INodeExecutionData } | { ok: false; error: Error };

/** What continueOnFail outputs for a failed item: the task as last seen, its ID and the error. */
export function errorItem(error: Error): IDataObject {
	const context = (error as NodeApiError).context ?? {};
	const task = (context.task as IDataObject | undefined) ?? {};
	return {
		...task,
		taskId: (task.taskId as string | undefined) ?? (context.taskId as string | undefined) ?? null,
		error: {
			code: (context.errorCode as string | undefined) ?? (error instanceof NodeOperationError ? 'INVALID_INPUT' : 'ERROR'),
			message: error.message,
			description: (error as NodeApiError).description ?? null,
		},
	};
}

export function taskIdOf(outcome: Outcome): string | undefined {
	if (outcome.ok) return outcome.data.json.taskId as string | undefined;
	return ((outcome.error as NodeApiError).context?.taskId as string | undefined) ?? undefined;
}

/** Names the tasks other items started, so an error on one item loses none of them. */
function mentionOtherTasks(error: Error, failedIndex: number, outcomes: Outcome[]): void {
	const others = outcomes
		.map((outcome, index) => ({ index, taskId: taskIdOf(outcome) }))
		.filter(({ index, taskId }) => index !== failedIndex && taskId);
	if (others.length === 0 || !(error instanceof NodeApiError || error instanceof NodeOperationError)) return;
	const list = others.map(({ index, taskId }) => `item ${index + 1}: ${taskId}`).join(', ');
	error.description = `${error.description ?? ''} Tasks of the other items: ${list}.`.trim();
}

/**
 * Validates every item, then runs all of them at once and waits until each has settled.
 * A validation failure stops the node before any request unless continueOnFail is on.
 */
export async function settleItems<P>(fx: IExecuteFunctions, job: ItemJob<P>): Promise<Outcome[]> {
	const items = fx.getInputData();
	const continueOnFail = fx.continueOnFail();

	const prepared: Array<{ ok: true; value: P } | { ok: false; error: Error }> = [];
	for (const index of items.keys()) {
		try {
			prepared.push({ ok: true, value: await job.prepare(index) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(fx, error as Error, index);
			prepared.push({ ok: false, error: error as Error });
		}
	}

	const outcomes: Outcome[] = await Promise.all(
		prepared.map(async (entry, index): Promise<Outcome> => {
			if (!entry.ok) return entry;
			try {
				return { ok: true, data: await job.run(entry.value, index) };
			} catch (error) {
				return { ok: false, error: error as Error };
			}
		}),
	);

	const cancelled = outcomes.find((outcome) => !outcome.ok && outcome.error instanceof CancelledError);
	if (cancelled && !cancelled.ok) {
		// n8n marks an execution "canceled" by this word in the message (1.x and 2.x alike).
		throw new NodeOperationError(fx.getNode(), 'The execution was canceled while waiting for the provider', {
			description: `Tasks that were started keep running at the provider: ${outcomes.map(taskIdOf).filter(Boolean).join(', ') || 'none'}.`,
		});
	}
	return outcomes;
}

/**
 * n8n's item rules: pairedItem on every output, continueOnFail turning a failure into an item
 * with `error`, and otherwise the first failure failing the node, naming the other items' tasks.
 */
export function toOutputItems(fx: IExecuteFunctions, outcomes: Outcome[]): INodeExecutionData[] {
	const continueOnFail = fx.continueOnFail();
	return outcomes.map((outcome, index): INodeExecutionData => {
		if (outcome.ok) return { ...outcome.data, pairedItem: { item: index } };
		if (continueOnFail) return { json: errorItem(outcome.error), pairedItem: { item: index } };
		const error = asNodeError(fx, outcome.error, index);
		mentionOtherTasks(error, index, outcomes);
		throw error;
	});
}

/** Runs one job per input item; all items run at once, so 20 three-minute tasks take three minutes. */
export async function runItems<P>(fx: IExecuteFunctions, job: ItemJob<P>): Promise<INodeExecutionData[]> {
	return toOutputItems(fx, await settleItems(fx, job));
}
