import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ProviderClient } from '../transport/ProviderClient';

/**
 * The balance read before an execution's first paid request, kept for the rest of the execution
 * (one read per execution and provider account, not one per node or item). Bounded: the oldest
 * executions are forgotten first.
 */
const readBalances = new Map<string, Promise<number>>();
const MAX_EXECUTIONS = 1_000;

function balanceKey(fx: IExecuteFunctions, client: ProviderClient): string {
	const credential = fx.getNode().credentials?.[client.adapter.credentialType]?.id ?? '';
	return JSON.stringify([fx.getExecutionId?.() ?? '', client.adapter.id, credential]);
}

/** The "Minimum Balance" option of a paid operation, 0 when unset. */
export function readMinimumBalance(fx: IExecuteFunctions): number {
	const value = Number(fx.getNodeParameter('minimumBalance', 0, 0));
	if (!Number.isFinite(value) || value < 0) {
		throw new NodeOperationError(fx.getNode(), '"Minimum Balance" must be a number of credits, 0 or more', {
			description: 'Set it to 0 to turn the check off. Nothing was sent to the provider.',
		});
	}
	return value;
}

/**
 * Refuses to start paid work when the account holds less than `minimum` credits, or less than
 * `needed` when the node can tell what the items will cost.
 */
export async function checkMinimumBalance(
	fx: IExecuteFunctions,
	client: ProviderClient,
	minimum: number,
	needed = 0,
): Promise<void> {
	if (minimum <= 0 && needed <= 0) return;
	if (!client.adapter.balance) {
		throw new NodeOperationError(fx.getNode(), `"Minimum Balance" cannot be checked: ${client.adapter.displayName} does not report an account balance`, {
			description: 'Set "Minimum Balance" to 0 for this provider. Nothing was sent to the provider.',
		});
	}
	const key = balanceKey(fx, client);
	let pending = readBalances.get(key);
	if (!pending) {
		if (readBalances.size >= MAX_EXECUTIONS) readBalances.delete(readBalances.keys().next().value as string);
		pending = client.credits(0);
		readBalances.set(key, pending);
		// A failed read is not kept: the next node of the execution asks again.
		pending.catch(() => readBalances.delete(key));
	}
	const balance = await pending;
	const floor = Math.max(minimum, needed);
	if (balance < floor) {
		const why = needed > minimum ? `the ${needed} credits these items need` : `the "Minimum Balance" of ${minimum}`;
		throw new NodeOperationError(fx.getNode(), `Your ${client.adapter.displayName} balance is ${balance} credits, below ${why}`, {
			description: `Nothing was sent to the provider and nothing was charged. Top up the account, or lower "Minimum Balance".`,
		});
	}
}
