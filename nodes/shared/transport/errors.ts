import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { currentModelNames } from '../models/catalogue';
import type { NormalizedTask } from '../providers/types';

/** Thrown by waits when the execution is cancelled; never shown as a provider problem. */
export class CancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'CancelledError';
	}
}

export interface ProviderErrorDetails {
	/** Short machine-readable code, e.g. "402", "TIMEOUT", "NOT_FOUND". */
	code: string;
	message: string;
	description?: string;
	httpCode?: number;
	itemIndex?: number;
	taskId?: string;
	/** The last task state seen, so continueOnFail can output it. */
	task?: NormalizedTask;
}

/**
 * Builds the NodeApiError for a provider problem. The error response handed to n8n is a
 * small object of our own, never the HTTP client's error, whose request config carries the
 * API key in its headers.
 */
export function providerError(node: INode, details: ProviderErrorDetails): NodeApiError {
	const response: JsonObject = { code: details.code, message: details.message };
	if (details.taskId) response.taskId = details.taskId;
	const error = new NodeApiError(node, response, {
		message: details.message,
		description: details.description,
		httpCode: details.httpCode ? String(details.httpCode) : undefined,
		itemIndex: details.itemIndex,
	});
	// NodeApiError rewrites some messages from their code; the text we chose is the one users need.
	error.message = details.message;
	error.context.errorCode = details.code;
	if (details.taskId) error.context.taskId = details.taskId;
	if (details.task) error.context.task = details.task;
	return error;
}

/**
 * How providers refuse a model they no longer serve: kie.ai paused the Sora models ("This
 * interface is temporarily paused", with an undocumented code), then answered 422 "The page does
 * not exist or is not published"; a reseller answers "model not found".
 */
const RETIRED_MODEL_ANSWER = /temporarily paused|does not exist or is not published|model not found/i;

/** What a provider's envelope code means, in words a non-programmer can act on. */
export function describeProviderCode(
	provider: string,
	code: number,
	providerMessage: string,
	model?: string,
): { message: string; description: string } {
	const said = providerMessage ? ` ${provider} said: "${providerMessage}".` : '';
	if (model && RETIRED_MODEL_ANSWER.test(providerMessage)) {
		const sora = /^sora/i.test(model) ? ' OpenAI retired Sora 2 on 2026-09-24.' : '';
		return {
			message: `${provider} no longer offers the model "${model}" (${code})`,
			description: `The model is retired or withdrawn and is no longer served.${sora} Choose a current model instead, such as ${currentModelNames().join(', ')}, or enter a model ID the provider lists today under "Custom Model ID".${said}`,
		};
	}
	switch (code) {
		case 400:
			return {
				message: `${provider} rejected the request as invalid (400)`,
				description: `Check the node's fields.${said}`,
			};
		case 401:
			return {
				message: `${provider} rejected the API key (401)`,
				description: `Open the ${provider} credential and paste a valid API key. A key that was reset or deleted at the provider stops working at once.${said}`,
			};
		case 402:
			return {
				message: `Not enough credits in your ${provider} account (402)`,
				description: `Top up your ${provider} balance, then run the workflow again.${said}`,
			};
		case 403:
			return {
				message: `${provider} refused access (403)`,
				description: `The API key may lack permission for this model, or the provider blocked the request.${said}`,
			};
		case 404:
			return {
				message: `${provider} could not find what was asked for (404)`,
				description: `Check the task ID or the credential's Base URL.${said}`,
			};
		case 422:
			if (/does not exist or is not published/i.test(providerMessage)) {
				// No model was sent (a status query): the address itself is not served.
				return {
					message: `${provider} answered that the page does not exist (422)`,
					description: `Check the credential's Base URL: the provider does not serve this address.${said}`,
				};
			}
			return {
				message: `${provider} rejected the input (422)`,
				description: `Check the prompt, URLs and options against the model's requirements.${said}`,
			};
		case 429:
			return {
				message: `${provider} is rate limiting requests (429)`,
				description: `Too many requests were sent with this API key. Run fewer items at once or try again in a minute.${said}`,
			};
		case 433:
			return {
				message: `This ${provider} API key has reached its usage limit (433)`,
				description: `The key's own limit (hourly, daily or total, set in the provider's key settings) is used up, not the account's credits. Raise the key's limit or use another key.${said}`,
			};
		case 455:
			return {
				message: `${provider} is under maintenance (455)`,
				description: `The provider is temporarily unavailable. Try again later.${said}`,
			};
		case 501:
			return {
				message: `${provider} could not generate the video (501)`,
				description: `Generation failed at the provider. Try a different prompt or run it again.${said}`,
			};
		case 505:
			return {
				message: `${provider} has disabled this feature (505)`,
				description: `The model or option is switched off at the provider for now. Try another model or later.${said}`,
			};
		default:
			if (code >= 500) {
				return {
					message: `${provider} had a server error (${code})`,
					description: `The problem is on the provider's side. Try again in a few minutes.${said}`,
				};
			}
			return {
				message: `${provider} answered with error code ${code}`,
				description: said.trim() || 'The provider did not say why.',
			};
	}
}
