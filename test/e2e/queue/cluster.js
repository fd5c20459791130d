'use strict';

// n8n in queue mode, as teams scale it out: one main process (editor, REST API, activation), workers
// (`n8n worker`) that take executions from Redis, and a webhook process (`n8n webhook`) that receives
// production webhooks, all sharing one Postgres database and one encryption key. Every process has
// its own user folder with this package installed in it, its own port and task-runner broker port,
// and the same WEBHOOK_URL (the webhook process), so resume URLs point there.

const crypto = require('node:crypto');
const path = require('node:path');

const { N8n, installPackage, packPackage } = require('../lib/n8n');
const { startPostgres, startRedis, dataRoot } = require('./services');
const { REPO } = require('../install-n8n');

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The settings every process of one cluster shares. */
function sharedEnv(postgres, redis, extra) {
	return {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		...postgres.env,
		...redis.env,
		// Executions started from the editor or the REST API run on workers too, as in production.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		...extra,
	};
}

class QueueCluster {
	/**
	 * @param {object} install  from ensureN8n()
	 * @param {object} options  {workRoot, workers (2), concurrency (10), env (added to every process),
	 *                          workerEnv, log, credentials, workflows, activate (workflow ids),
	 *                          services: {postgres, redis} already running (a database of each; the
	 *                          caller stops them), or none: the cluster starts and stops its own}
	 */
	static async start(install, options) {
		const cluster = new QueueCluster(install, options);
		try {
			await cluster._start();
		} catch (error) {
			await cluster.stop().catch(() => {});
			throw error;
		}
		return cluster;
	}

	constructor(install, { workRoot, workers = 2, concurrency = 10, env = {}, workerEnv = {}, log = () => {}, credentials = [], workflows = [], activate = [], services }) {
		Object.assign(this, { install, workRoot, workerCount: workers, concurrency, extraEnv: env, workerEnv, log, credentials, workflows, services });
		this.activateIds = activate;
		this.workers = [];
		this.took = {};
		this.refusedBinaryIds = [];
		this.binarySources = [];
	}

	get all() {
		return [this.main, this.webhook, ...this.workers].filter(Boolean);
	}

	async _timed(step, fn) {
		const started = Date.now();
		const value = await fn();
		this.took[step] = Date.now() - started;
		this.log(`${step}: ${s(this.took[step])}`);
		return value;
	}

	async _process(role, command, commandArgs, env, webhookUrl) {
		const userFolder = path.join(this.workRoot, `n8n-${role}`);
		const n8n = await N8n.create(this.install, {
			userFolder,
			logFile: path.join(this.workRoot, `n8n-${role}.log`),
			env,
			webhookUrl,
			command,
			commandArgs,
		});
		n8n.role = role;
		await installPackage(userFolder, { packed: this.packed });
		return n8n;
	}

	async _start() {
		if (this.services) {
			({ postgres: this.postgres, redis: this.redis } = this.services);
		} else {
			const root = dataRoot(REPO);
			[this.postgres, this.redis] = await this._timed('Postgres and Redis', () => Promise.all([startPostgres(root), startRedis(root)]));
		}
		const env = sharedEnv(this.postgres, this.redis, this.extraEnv);
		await this._timed(`package installed into ${2 + this.workerCount} user folders`, async () => {
			this.packed = await packPackage(this.workRoot);
			this.webhook = await this._process('webhook', 'webhook', [], env);
			const webhookUrl = `${this.webhook.url}/`;
			this.webhook.webhookUrl = webhookUrl;
			this.main = await this._process('main', 'start', [], env, webhookUrl);
			for (let i = 1; i <= this.workerCount; i++) {
				this.workers.push(await this._process(`worker${i}`, 'worker', [`--concurrency=${this.concurrency}`], { ...env, ...this.workerEnv }, webhookUrl));
			}
		});
		// The first CLI command creates n8n's tables in Postgres (migrations).
		await this._timed('import credentials and workflows (and database migrations)', async () => {
			if (this.credentials.length) await this.main.importCredentials(this.credentials);
			if (this.workflows.length) await this.main.importWorkflows(this.workflows);
		});
		await this._timed('start main', () => this.main.start());
		await this._timed(`start the webhook process and ${this.workerCount} workers`, () => Promise.all([this.webhook, ...this.workers].map((p) => p.start())));
		await this._timed(`owner, login, activate ${this.activateIds.length} workflows`, async () => {
			await this.main.setupOwner();
			for (const id of this.activateIds) await this.main.activate(id);
		});
	}

	/**
	 * A stored binary's bytes through main's REST API, as the editor shows them. n8n 2.x in database
	 * mode keeps a binary made in a webhook call (a trigger's download) under its "temp" source, never
	 * the execution's, and its REST API refuses those (404); then the bytes are read from Postgres,
	 * and the refusal is counted in `refusedBinaryIds`.
	 */
	async binaryBytes(binary) {
		try {
			return await this.main.binaryBytes(binary);
		} catch (error) {
			const fileId = /^database:([0-9a-f-]{36})$/.exec(binary.id || '');
			if (!fileId || !/HTTP 404/.test(error.message)) throw error;
			this.refusedBinaryIds.push(binary.id);
			const [row] = await this.postgres.query(`select "sourceId", encode(data, 'hex') from binary_data where "fileId" = '${fileId[1]}'`);
			if (!row) throw new Error(`${error.message}; and binary_data has no row ${fileId[1]}`);
			const [sourceId, hex] = row.split('|');
			this.binarySources.push(sourceId);
			return Buffer.from(hex, 'hex');
		}
	}

	/** Which worker's log mentions `text` (an execution ID, say). */
	workerWith(pattern) {
		return this.workers.find((w) => w.output.some((line) => pattern.test(line)));
	}

	/** n8n's REST API on main, production webhooks through the webhook process: what the shared e2e checks call `n8n`. */
	facade() {
		const { main, webhook } = this;
		const cluster = this;
		const facade = {
			version: main.version,
			major: main.major,
			url: webhook.url,
			webhook: (...args) => webhook.webhook(...args),
			get output() {
				return cluster.all.flatMap((p) => p.output);
			},
			get child() {
				return main.child;
			},
			tail: (n) => cluster.all.map((p) => `--- ${p.role}\n${p.tail(n)}`).join('\n'),
			// A restart of "n8n" restarts main: the process that owns the waiting executions' timers.
			stop: () => main.stop(),
			start: () => main.start(),
		};
		for (const method of ['rest', 'restOk', 'login', 'getWorkflow', 'activate', 'executions', 'execution', 'waitForExecutions', 'lastExecutionId', 'flatted']) {
			facade[method] = main[method].bind(main);
		}
		facade.binaryBytes = (binary) => this.binaryBytes(binary);
		return facade;
	}

	async stop() {
		await Promise.all(this.all.map((p) => p.stop().catch(() => {})));
		if (this.services) return;
		for (const service of [this.postgres, this.redis]) if (service) await service.stop().catch(() => {});
	}

}

module.exports = { QueueCluster };
