import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { IncomingCallback } from '../callback/readCallback';
import type { SignatureVerdict } from '../callback/signature';
import type { CheckedBinary } from '../upload/binaryInput';

export type ProviderId = 'revid' | 'revidStudio' | 'sora2api' | 'kie';

export type TaskStatus = 'queued' | 'processing' | 'succeeded' | 'failed';

export interface TaskError extends IDataObject {
	code: string;
	message: string;
}

/** The one task shape every operation and the trigger output, whichever provider made it. */
export interface NormalizedTask extends IDataObject {
	provider: ProviderId;
	taskId: string;
	model: string | null;
	status: TaskStatus;
	progress: number | null;
	videoUrl: string | null;
	videoUrls: string[];
	error: TaskError | null;
	createdAt: string | null;
	completedAt: string | null;
	costTimeMs: number | null;
	/** Credits the task cost, where the provider says (Revid AI Studio's create answer, kie.ai's creditsConsumed). */
	cost: number | null;
	/** Credits left in the account after the task was paid for, where the provider says. */
	balance: number | null;
	raw: IDataObject;
}

/** What the node asks for, in kie.ai's vocabulary; adapters translate it for their API. */
export interface CreateTaskRequest {
	model: string;
	input: IDataObject;
	callBackUrl?: string;
	/** Not sent: once done, fetch the provider's higher-resolution copy (kie.ai's Veo 1080p). */
	fullResolution?: boolean;
	/** A file from the item's binary data that the provider takes in the create request itself. */
	file?: { field: string; binary: CheckedBinary };
}

/** A request relative to the credential's base URL. */
export interface ProviderCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Sent as multipart/form-data instead of JSON: these text fields, then `file` when set. */
	form?: Record<string, string>;
	file?: { field: string; binary: CheckedBinary };
	/**
	 * The answer is the provider's plain JSON, its HTTP status the outcome (Revid AI Studio),
	 * not a `{code, msg, data}` envelope.
	 */
	plain?: boolean;
}

/** Veo-style extension of a finished video: a new task that continues it. */
export interface ExtendRequest {
	taskId: string;
	prompt: string;
	seeds?: number;
	model?: string;
	watermark?: string;
	callBackUrl?: string;
}

/** An ultra-high-definition copy of a finished video, rendered on request. */
export interface UpscaleRequest {
	taskId: string;
	index: number;
	callBackUrl?: string;
}

/** What one ask for an upscaled copy answered: still rendering, or its links. */
export type UpscaleAnswer = { state: 'processing' } | { state: 'done'; urls: string[] };

export interface ProviderRateLimits {
	/** Status queries per second that one API key may send. */
	queriesPerSecond: number;
	/** New tasks per 10 s that one account may start. */
	createsPer10s: number;
}

/**
 * Everything that differs between providers. Nodes talk only to this interface,
 * so a fourth reseller is one new file, not a change to any operation.
 */
export interface ProviderAdapter {
	id: ProviderId;
	displayName: string;
	credentialType: string;
	rateLimits: ProviderRateLimits;

	buildCreate(request: CreateTaskRequest): ProviderCall;
	buildQuery(taskId: string): ProviderCall;
	/**
	 * Where else to look when `buildQuery`'s answer is "not found": kie.ai keeps Veo tasks in a
	 * second API, and a task ID does not say which.
	 */
	fallbackQuery?(taskId: string): ProviderCall | undefined;
	readTaskId(createData: unknown, request?: CreateTaskRequest): string | undefined;
	parseTask(data: IDataObject): NormalizedTask;
	/**
	 * A higher-resolution copy of a finished video that the provider renders on request (kie.ai's
	 * Veo 1080p): the call for a task, or undefined when the task has none, and the link in a ready answer.
	 */
	fullResolution?: {
		call(taskId: string): ProviderCall | undefined;
		readUrl(data: unknown): string | undefined;
		/** Told when the copy was delivered (kie.ai no longer extends such a video). */
		delivered?(taskId: string): void;
	};
	/**
	 * Extending a finished video into a new task (kie.ai's Veo 3.1 extend). `refusal` says why the
	 * provider would refuse a source task, judged from its record, before anything is sent.
	 */
	extend?: {
		call(request: ExtendRequest): ProviderCall;
		readTaskId(data: unknown): string | undefined;
		refusal(source: NormalizedTask): string | undefined;
	};
	/**
	 * A 4K copy of a finished video (kie.ai's Veo 3.1 get-4k-video). The first ask starts it and
	 * is paid; asking again tells whether it is ready. `readAnswer` reads any envelope, errors included.
	 */
	upscale?: {
		label: string;
		call(request: UpscaleRequest): ProviderCall;
		readAnswer(code: number, message: string, data: unknown): UpscaleAnswer | undefined;
		refusal(source: NormalizedTask): string | undefined;
		/** Provider's advice on the shortest pause between two asks. */
		minAskIntervalMs: number;
		/** The callback sent when the copy is ready, as a task; undefined for any other body. */
		parseCallback(body: IDataObject): NormalizedTask | undefined;
	};
	/** A fresh, temporary link for a file the provider generated (kie.ai's common/download-url). */
	freshLink?: {
		call(url: string): ProviderCall;
		readUrl(data: unknown): string | undefined;
	};
	/** The account's remaining credits (kie.ai's chat/credit). */
	balance?: { call(): ProviderCall; readCredits(data: unknown): number | undefined };
	/**
	 * The provider reads its create fields itself (Revid AI Studio: models from its live list, not
	 * the catalogue). Checks one item's fields, naming field and item, before anything is sent.
	 */
	readCreateRequest?(fx: IExecuteFunctions, itemIndex: number): Promise<CreateTaskRequest>;
	/** What the create answer says besides the task ID (the cost, the balance left). */
	readCreateDetails?(createData: unknown): Partial<NormalizedTask>;
	/** Why Wait Mode "Callback" cannot work; set when the provider sends no callbacks. */
	noCallbacks?: string;
	/** The first status query of a new task comes this long after the create (adaptive polling). */
	firstPollDelayMs?: number;
	/**
	 * How long a create refused with 429 is retried. Revid AI Studio also answers 429 while the
	 * plan's job slots are full, which can last as long as a job runs.
	 */
	createRateLimitBudgetMs?: number;
	/**
	 * A 429 on create means "all of the plan's job slots are busy", not "too many requests": the
	 * item waits (backing off up to 30 s) for a job to end, without slowing every other create.
	 */
	createLimitIsConcurrency?: boolean;
	/** Whether an error envelope means "this task ID is unknown". */
	isTaskNotFound(code: number, message: string): boolean;
	/**
	 * Where the provider looked for a task it does not know, in plain words ("among its Market and
	 * Veo 3.1 tasks"); `lookups` is how many task APIs were asked. Undefined: the provider has one.
	 */
	whereLooked?(taskId: string, lookups: number): string | undefined;
	/** Whether a callback body looks like this provider's; used by the trigger's auto mode. */
	matchesCallback(body: IDataObject): boolean;
	/** Turns a callback body into a task; undefined when the shape is not one this provider sends. */
	parseCallback(body: IDataObject): NormalizedTask | undefined;
	/**
	 * Checks a callback's signature with the credential's webhook HMAC key (kie.ai signs its
	 * callbacks); undefined when the provider signs none.
	 */
	verifyCallbackSignature?(callback: IncomingCallback, claimed: NormalizedTask, key: string, toleranceSeconds: number): SignatureVerdict;
}
