import type { IDataObject, INode } from 'n8n-workflow';

import type {
	CreateTaskRequest,
	ExtendRequest,
	NormalizedTask,
	ProviderAdapter,
	ProviderCall,
	UpscaleAnswer,
	UpscaleRequest,
} from '../providers/types';
import { isObject } from '../providers/values';
import { CancelledError, describeProviderCode, providerError } from './errors';
import { Pacer, pacerFor } from './pacer';
import { pause } from './pause';
import { redactSecrets } from './redact';
import type { Exchange, RequestHost } from './send';
import { sendOnce } from './send';
import { SlotGate, slotGateFor } from './slotGate';

const CREATE_TIMEOUT_MS = 60_000;
const QUERY_TIMEOUT_MS = 30_000;
/** A 429 on create is retried until this long has passed since the first attempt. */
const CREATE_RATE_LIMIT_BUDGET_MS = 10 * 60_000;
const NEVER_OPENED_RETRIES = 3;
/** kie.ai renders Veo's 1080p copy in 1 to 3 minutes; more than twice that is a failure. */
const FULL_RESOLUTION_BUDGET_MS = 8 * 60_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = 2_000;
/**
 * Slack on each rate window. Requests count from their answers (pacer.ts), which come after the
 * provider counted them, so this only covers a clock tick at the window's edge.
 */
const WINDOW_SLACK_MS = 100;

export const TRANSIENT_CODES = new Set([429, 455, 500, 502, 503, 504]);

/** A 4xx answer to a status query that is about the task, not the key or the account. */
function isLookupRefusal(code: number): boolean {
	return code >= 400 && code < 500 && ![401, 402, 403].includes(code);
}

export interface QueryResult {
	task?: NormalizedTask;
	/** Set when the attempt failed in a way a later attempt may not. */
	transient?: { code: string; message: string };
}

/**
 * Talks to one provider with one credential. Owns the rules that protect the user's money:
 * a create is sent again only when the provider certainly refused it; queries are paced.
 */
export class ProviderClient {
	private readonly queryPacer: Pacer;
	private readonly createPacer: Pacer;
	/** Only for providers whose create limit is a number of running jobs. */
	private readonly slots?: SlotGate;
	/** What create answers said besides the task ID (cost, balance), by task ID. */
	private readonly createDetails = new Map<string, Partial<NormalizedTask>>();

	private constructor(
		private readonly host: RequestHost,
		readonly adapter: ProviderAdapter,
		private readonly baseUrl: string,
		private readonly secrets: string[],
		pacerKey: string,
		processes: number,
	) {
		const { queriesPerSecond, createsPer10s } = adapter.rateLimits;
		this.queryPacer = pacerFor(`${pacerKey}:query`, queriesPerSecond, 1000 + WINDOW_SLACK_MS, processes);
		this.createPacer = pacerFor(`${pacerKey}:create`, createsPer10s, 10_000 + WINDOW_SLACK_MS, processes);
		if (adapter.createLimitIsConcurrency) this.slots = slotGateFor(pacerKey);
	}

	/** `extraSecrets`: more values to mask in what the provider sends back, e.g. a callback URL's token. */
	static async open(
		host: RequestHost,
		adapter: ProviderAdapter,
		itemIndex = 0,
		extraSecrets: string[] = [],
	): Promise<ProviderClient> {
		const credentials = await host.getCredentials(adapter.credentialType, itemIndex);
		const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
		const secrets = [credentials.apiKey, credentials.webhookHmacSecret, ...extraSecrets]
			.filter((value): value is string => typeof value === 'string' && value.length >= 4);
		const credentialId = host.getNode().credentials?.[adapter.credentialType]?.id ?? baseUrl;
		const processes = Number(credentials.processesSharingKey ?? 1) || 1;
		return new ProviderClient(host, adapter, baseUrl, secrets, `${adapter.id}:${credentialId}`, processes);
	}

	/** One request through the pacer; the pacer hears when its answer came back, whatever it was. */
	private async paced(
		pacer: Pacer,
		call: Parameters<typeof sendOnce>[3],
		timeoutMs: number,
		signal = this.signal,
	): Promise<Exchange> {
		await pacer.acquire(signal);
		try {
			return await sendOnce(this.host, this.adapter.credentialType, this.baseUrl, call, timeoutMs);
		} finally {
			pacer.answered();
		}
	}

	get node(): INode {
		return this.host.getNode();
	}

	get signal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.host ? this.host.getExecutionCancelSignal() : undefined;
	}

	/**
	 * n8n saves nothing of a running execution under its default settings, so after a crash its
	 * log is the one place the ID of a task that is costing credits can still be read.
	 */
	private logCreated(taskId: string, itemIndex: number): void {
		const executionId = this.host.getExecutionId();
		const workflowId = this.host.getWorkflow().id;
		const node = this.node.name;
		this.host.logger.info(
			`Sora Video: ${this.adapter.displayName} task ${taskId} created for item ${itemIndex + 1} of node "${node}"${executionId ? ` in execution ${executionId}` : ''} (workflow ${workflowId ?? ''})`,
			{ taskId, provider: this.adapter.id, itemIndex, node, executionId, workflowId },
		);
	}

	/** Starts a task. Throws a NodeApiError that says whether a task may exist when it fails. */
	async create(request: CreateTaskRequest, itemIndex: number): Promise<string> {
		const call = this.adapter.buildCreate(request);
		const taskId = await this.sendPaid(
			call,
			itemIndex,
			(exchange) => {
				if (exchange.code !== 200) return undefined;
				const id = this.adapter.readTaskId(exchange.data, request);
				const details = id ? this.adapter.readCreateDetails?.(exchange.data) : undefined;
				if (id && details && Object.keys(details).length > 0) this.createDetails.set(id, details);
				return id;
			},
			request.model,
		);
		this.logCreated(taskId, itemIndex);
		return taskId;
	}

	/** Extends a finished video into a new task; the same money rules as create. */
	async extend(request: ExtendRequest, itemIndex: number): Promise<string> {
		const extend = this.adapter.extend;
		if (!extend) throw this.notOffered('Extend', itemIndex);
		const taskId = await this.sendPaid(extend.call(request), itemIndex, (exchange) => (exchange.code === 200 ? extend.readTaskId(exchange.data) : undefined));
		this.logCreated(taskId, itemIndex);
		return taskId;
	}

	/**
	 * Asks for the upscaled copy. The first ask (`paid`) starts the render and follows the create
	 * rules; later asks only tell whether it is ready and are paced like queries.
	 */
	async upscale(request: UpscaleRequest, itemIndex: number, paid: boolean): Promise<UpscaleAnswer> {
		const upscale = this.adapter.upscale;
		if (!upscale) throw this.notOffered('Upscale', itemIndex);
		const call = upscale.call(request);
		const read = (exchange: Extract<Exchange, { kind: 'envelope' }>) => upscale.readAnswer(exchange.code, exchange.message, exchange.data);
		if (paid) return await this.sendPaid(call, itemIndex, read);
		const exchange = await this.sendFree(call);
		if (exchange.kind === 'envelope') {
			const answer = read(exchange);
			if (answer) return answer;
			if (!TRANSIENT_CODES.has(exchange.code)) throw this.envelopeError(exchange, itemIndex, request.taskId);
		}
		// Trouble on the way is no news about the render: ask again later.
		return { state: 'processing' };
	}

	/** A fresh temporary link for a file the provider generated. */
	async freshLink(url: string, itemIndex: number, taskId?: string): Promise<string> {
		const fresh = this.adapter.freshLink;
		if (!fresh) throw this.notOffered('Get Download Link', itemIndex);
		const exchange = await this.sendFree(fresh.call(url));
		const link = exchange.kind === 'envelope' && exchange.code === 200 ? fresh.readUrl(exchange.data) : undefined;
		if (link) return this.redact(link);
		if (exchange.kind === 'envelope' && exchange.code !== 200) throw this.envelopeError(exchange, itemIndex, undefined);
		throw providerError(this.node, {
			code: 'NO_LINK',
			message: `${this.adapter.displayName} gave no download link${taskId ? ` for task ${taskId}` : ''}`,
			description: exchange.kind === 'network' ? `The connection failed: ${exchange.detail}. Try again.` : 'Try again in a minute.',
			itemIndex,
			taskId,
		});
	}

	/** The account's remaining credits. */
	async credits(itemIndex: number): Promise<number> {
		const balance = this.adapter.balance;
		if (!balance) throw this.notOffered('Get Credits', itemIndex);
		const exchange = await this.sendFree(balance.call());
		if (exchange.kind === 'envelope' && exchange.code === 200) {
			const credits = balance.readCredits(exchange.data);
			if (credits !== undefined) return credits;
		}
		if (exchange.kind === 'envelope' && exchange.code !== 200) throw this.envelopeError(exchange, itemIndex);
		throw providerError(this.node, {
			code: 'BAD_RESPONSE',
			message: `${this.adapter.displayName} did not tell the account's credits`,
			description: exchange.kind === 'network' ? `The connection failed: ${exchange.detail}. Try again.` : 'Try again in a minute.',
			itemIndex,
		});
	}

	private notOffered(operation: string, itemIndex: number) {
		return providerError(this.node, {
			code: 'NOT_OFFERED',
			message: `${this.adapter.displayName} does not offer "${operation}"`,
			description: 'Choose kie.ai as the provider for this operation. Nothing was sent.',
			itemIndex,
		});
	}

	/** One free request (nothing is charged), paced like a query. */
	private async sendFree(call: ProviderCall): Promise<Exchange> {
		const exchange = await this.paced(this.queryPacer, call, QUERY_TIMEOUT_MS);
		if (exchange.kind === 'cancelled') throw new CancelledError();
		const wait = rateLimitWaitMs(exchange);
		if (wait !== undefined) this.queryPacer.rateLimited(wait);
		else if (exchange.kind === 'envelope') this.queryPacer.succeeded();
		return exchange;
	}

	/**
	 * Sends a request that costs money. It is sent again only when the provider certainly refused
	 * it (a 429, or a connection that never opened); `accept` reads a successful answer.
	 */
	private async sendPaid<T>(
		call: ProviderCall,
		itemIndex: number,
		accept: (exchange: Extract<Exchange, { kind: 'envelope' }>) => T | undefined,
		model?: string,
	): Promise<T> {
		const started = Date.now();
		let neverOpened = 0;
		let slotWaits = 0;
		for (;;) {
			const exchange = await this.paced(this.createPacer, call, CREATE_TIMEOUT_MS);
			if (exchange.kind === 'cancelled') throw new CancelledError();

			if (exchange.kind === 'network' && exchange.neverOpened && neverOpened < NEVER_OPENED_RETRIES) {
				neverOpened++;
				await pause(1000 * 2 ** neverOpened, this.signal);
				continue;
			}
			const wait = rateLimitWaitMs(exchange);
			if (wait !== undefined && Date.now() - started < (this.adapter.createRateLimitBudgetMs ?? CREATE_RATE_LIMIT_BUDGET_MS)) {
				// A 429 certainly refused the create, so sending it again cannot start a second task.
				if (this.slots) {
					const again = slotWaits > 0;
					await this.slots.wait(exchange.kind !== 'network' && exchange.retryAfterMs !== undefined ? wait : Math.min(30_000, backoffMs(++slotWaits)), this.signal, again);
					continue;
				}
				this.createPacer.rateLimited(wait);
				await pause(wait, this.signal);
				continue;
			}
			if (exchange.kind === 'envelope') {
				const accepted = accept(exchange);
				if (accepted !== undefined) {
					this.createPacer.succeeded();
					return accepted;
				}
				if (exchange.code === 200) throw this.unconfirmedCreate(itemIndex, 'it sent a success answer without a task ID');
				throw this.envelopeError(exchange, itemIndex, undefined, model);
			}
			if (exchange.kind === 'network' && exchange.neverOpened) {
				throw providerError(this.node, {
					code: 'CONNECTION_FAILED',
					message: `Could not connect to ${this.adapter.displayName} (${exchange.detail})`,
					description: `No task was started. Check the credential's Base URL and this n8n server's internet access.`,
					itemIndex,
				});
			}
			throw this.unconfirmedCreate(
				itemIndex,
				exchange.kind === 'network' ? exchange.detail : `it sent ${this.unreadableDetail(exchange)}`,
			);
		}
	}

	/** The cost and balance the create answer of a task of this run gave, if any. */
	detailsOf(taskId: string): Partial<NormalizedTask> {
		return this.createDetails.get(taskId) ?? {};
	}

	/**
	 * One status query, paced. Transient trouble is reported, not thrown, so waits can retry.
	 * When the task is not where the adapter looked first, its fallback is asked once more.
	 * `signal` (default: the execution's) gives up a query still waiting for its turn.
	 */
	async queryOnce(taskId: string, itemIndex: number, timeoutMs = QUERY_TIMEOUT_MS, signal?: AbortSignal): Promise<QueryResult> {
		let call = this.adapter.buildQuery(taskId);
		for (let lookup = 0; ; lookup++) {
			const exchange = await this.paced(this.queryPacer, call, timeoutMs, signal);
			if (exchange.kind === 'cancelled') throw new CancelledError();
			const wait = rateLimitWaitMs(exchange);
			if (wait !== undefined) {
				this.queryPacer.rateLimited(wait);
				return { transient: { code: '429', message: `${this.adapter.displayName} is rate limiting status queries (429)` } };
			}
			if (exchange.kind === 'network') {
				return { transient: { code: 'NETWORK', message: `The connection to ${this.adapter.displayName} failed: ${exchange.detail}` } };
			}
			if (exchange.kind === 'unreadable') {
				return { transient: { code: 'BAD_RESPONSE', message: `${this.adapter.displayName} sent ${this.unreadableDetail(exchange)}` } };
			}
			if (exchange.code !== 200) {
				if (TRANSIENT_CODES.has(exchange.code)) {
					const { message } = describeProviderCode(this.adapter.displayName, exchange.code, '');
					return { transient: { code: String(exchange.code), message } };
				}
				const notFound = this.adapter.isTaskNotFound(exchange.code, exchange.message);
				const fallback = lookup === 0 && notFound ? this.adapter.fallbackQuery?.(taskId) : undefined;
				if (fallback) {
					call = fallback;
					continue;
				}
				// kie.ai's Veo API words "not found" its own way: after the Market API said "not found", or
				// for a task known to be a Veo task, its refusal means the task is not there either.
				const veoLookup = lookup > 0 || this.adapter.whereLooked?.(taskId, 1) !== undefined;
				if (notFound || (veoLookup && isLookupRefusal(exchange.code))) throw this.taskNotFoundError(taskId, itemIndex, lookup + 1);
				throw this.envelopeError(exchange, itemIndex, taskId);
			}
			if (!isObject(exchange.data)) {
				return { transient: { code: 'BAD_RESPONSE', message: `${this.adapter.displayName} sent a task without data` } };
			}
			this.queryPacer.succeeded();
			const task = { ...this.adapter.parseTask(exchange.data), ...this.detailsOf(taskId) };
			if (!task.taskId) task.taskId = taskId;
			if (this.slots && (task.status === 'succeeded' || task.status === 'failed')) this.slots.jobEnded(taskId);
			return { task: this.redact(task) };
		}
	}

	/**
	 * A finished task with the provider's higher-resolution copy as its video (kie.ai's Veo 1080p,
	 * rendered 1 to 3 minutes after the video). Asked again with backoff while it is being rendered.
	 */
	async fullResolution(task: NormalizedTask, itemIndex: number): Promise<NormalizedTask> {
		const call = this.adapter.fullResolution?.call(task.taskId);
		if (!call || task.status !== 'succeeded') return task;
		const started = Date.now();
		let last = '';
		for (let attempt = 0; Date.now() - started < FULL_RESOLUTION_BUDGET_MS; attempt++) {
			if (attempt > 0) await pause(Math.min(15_000, backoffMs(attempt)), this.signal);
			const exchange = await this.paced(this.queryPacer, call, QUERY_TIMEOUT_MS);
			if (exchange.kind === 'cancelled') throw new CancelledError();
			const url = exchange.kind === 'envelope' && exchange.code === 200 ? this.adapter.fullResolution?.readUrl(exchange.data) : undefined;
			if (url) {
				this.queryPacer.succeeded();
				this.adapter.fullResolution?.delivered?.(task.taskId);
				return this.redact({ ...task, videoUrl: url, videoUrls: [url, ...task.videoUrls.filter((other) => other !== url)] });
			}
			last = exchange.kind === 'envelope' ? this.redact(exchange.message) : exchange.kind === 'network' ? exchange.detail : exchange.kind;
		}
		throw providerError(this.node, {
			code: 'TIMEOUT',
			message: `The 1080p version of task ${task.taskId} was not ready after ${Math.round(FULL_RESOLUTION_BUDGET_MS / 60_000)} minutes`,
			description: `The video itself is done (${task.videoUrl}). ${this.adapter.displayName} last said: "${last}". Run the node again later, or turn "1080p Video" off.`,
			itemIndex,
			taskId: task.taskId,
			task,
		});
	}

	/** A query for the `query` operation: a few quick retries of transient trouble, then an error. */
	async query(taskId: string, itemIndex: number, attempts = 4, timeoutMs = QUERY_TIMEOUT_MS): Promise<NormalizedTask> {
		let last: QueryResult['transient'];
		for (let attempt = 0; attempt < attempts; attempt++) {
			if (attempt > 0) await pause(backoffMs(attempt), this.signal);
			const result = await this.queryOnce(taskId, itemIndex, timeoutMs);
			if (result.task) return result.task;
			last = result.transient;
		}
		throw providerError(this.node, {
			code: last?.code ?? 'UNAVAILABLE',
			message: `${last?.message ?? 'The provider did not answer'} while looking up task ${taskId}`,
			description: `Nothing is wrong with the task itself. Run the node again to look it up (task ID ${taskId}).`,
			itemIndex,
			taskId,
		});
	}

	redact<T extends IDataObject | string>(value: T): T {
		return redactSecrets(value, this.secrets);
	}

	private taskNotFoundError(taskId: string, itemIndex: number, lookups: number) {
		const name = this.adapter.displayName;
		const where = this.adapter.whereLooked?.(taskId, lookups);
		return providerError(this.node, {
			code: 'NOT_FOUND',
			message: `Task not found: ${name} does not know the task ID "${taskId}"`,
			description: `${where ? `${name} looked for it ${where} and has no task with this ID. ` : ''}Check that the task ID is right and was created with the same ${name} account and Base URL.`,
			httpCode: 404,
			itemIndex,
			taskId,
		});
	}

	private envelopeError(
		exchange: Extract<Exchange, { kind: 'envelope' }>,
		itemIndex: number,
		taskId?: string,
		model?: string,
	) {
		const providerMessage = this.redact(exchange.message);
		if (taskId && this.adapter.isTaskNotFound(exchange.code, providerMessage)) return this.taskNotFoundError(taskId, itemIndex, 1);
		const { message, description } = describeProviderCode(
			this.adapter.displayName,
			exchange.code,
			providerMessage,
			model,
		);
		return providerError(this.node, {
			code: String(exchange.code),
			message: taskId ? `${message} while looking up task ${taskId}` : message,
			description: taskId ? `${description} The task itself is unaffected: look it up again later with task ID ${taskId}.` : createAdvice(exchange.code, description),
			httpCode: exchange.code,
			itemIndex,
			taskId,
		});
	}

	private unconfirmedCreate(itemIndex: number, what: string) {
		return providerError(this.node, {
			code: 'CREATE_UNCONFIRMED',
			message: `${this.adapter.displayName} did not confirm the new task: ${what}`,
			description:
				'A task may have been started and charged anyway. To avoid paying twice it was not sent again: check your task list at the provider before running this item again.',
			itemIndex,
		});
	}

	private unreadableDetail(exchange: Extract<Exchange, { kind: 'unreadable' }>): string {
		return `${exchange.detail} (HTTP ${exchange.httpStatus})`;
	}
}

/** How long to hold back after a 429, or undefined when the exchange was no 429. */
export function rateLimitWaitMs(exchange: Exchange): number | undefined {
	if (exchange.kind !== 'envelope' && exchange.kind !== 'unreadable') return undefined;
	const limited = exchange.httpStatus === 429 || (exchange.kind === 'envelope' && exchange.code === 429);
	return limited ? (exchange.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS) : undefined;
}

/** A server error on create is no proof that no task was started. */
function createAdvice(code: number, description: string): string {
	if (code < 500 || code === 505) return description;
	return `${description} It is not certain that no task was started: check your task list at the provider before running this item again.`;
}

export function backoffMs(attempt: number): number {
	return Math.min(30_000, 1000 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
}
