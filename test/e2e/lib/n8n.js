'use strict';

// One real n8n: its own user folder, SQLite, 127.0.0.1 only, no telemetry; this package installed in
// its community-nodes folder as `npm install` in ~/.n8n/nodes would; driven through its CLI
// (imports, before start) and its REST API with a session cookie (owner, activation, executions).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const procs = require('./procs');
const { request, freePort, waitFor } = require('./http');

const REPO = path.resolve(__dirname, '..', '..', '..');
const PACKAGE_NAME = 'n8n-nodes-sora-video';

/** What n8n's queue-mode processes print once they take work; they serve no REST API to ask. */
const READY_LINES = { worker: /n8n worker is now ready/, webhook: /Webhook listener waiting for requests/ };

const OWNER = Object.freeze({
	email: 'owner@sora-video.test',
	firstName: 'Sora',
	lastName: 'Demo',
	password: 'SoraVideo-e2e-1',
});

/** Packs this repo as npm would publish it (`npm pack`: package.json + dist + README + LICENSE) into `packDir`. */
async function packPackage(packDir) {
	if (!fs.existsSync(path.join(REPO, 'dist', 'nodes', 'SoraVideo', 'SoraVideo.node.js'))) {
		throw new Error('dist/ is not built: run `npm run build` first');
	}
	const out = await procs.run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
		cwd: REPO,
		timeoutMs: 120_000,
		name: 'npm pack',
	});
	const [packed] = JSON.parse(out.slice(out.indexOf('[')));
	return { tarball: path.join(packDir, packed.filename), filename: packed.filename, entryCount: packed.entryCount };
}

/**
 * Unpacks the package (packed here, or `packed` from packPackage()) into
 * <userFolder>/.n8n/nodes/node_modules/n8n-nodes-sora-video, listed in nodes/package.json.
 * `dist/` must be built.
 */
async function installPackage(userFolder, { log = () => {}, packed } = {}) {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	const packDir = packed ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'sora-pack-'));
	try {
		const pack = packed || (await packPackage(packDir));
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		await procs.run('tar', ['-xzf', pack.tarball, '-C', target, '--strip-components=1'], { timeoutMs: 60_000, name: 'tar' });
		log(`packed ${pack.filename} (${pack.entryCount} files) into ${path.relative(userFolder, target)}`);
	} finally {
		if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
	}
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2)}\n`,
	);
	return target;
}

class N8n {
	/**
	 * @param {object} install  from ensureN8n(): {version, n8nBin, nodeBin, nodeBinDir}
	 * @param {object} options  {userFolder, port, brokerPort, log, logFile, env, webhookUrl, command, commandArgs}
	 *   command: 'start' (default), or queue mode's 'worker' / 'webhook', with commandArgs (['--concurrency=10']).
	 */
	constructor(install, { userFolder, port, brokerPort, log = () => {}, logFile, env = {}, webhookUrl, command = 'start', commandArgs = [] }) {
		this.install = install;
		this.version = install.version;
		this.major = Number(install.version.split('.')[0]);
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.url = `http://127.0.0.1:${port}`;
		this.log = log;
		this.logFile = logFile;
		this.extraEnv = env;
		this.webhookUrl = webhookUrl || `${this.url}/`;
		this.command = command;
		this.commandArgs = commandArgs;
		this.cookie = undefined;
		this.browserId = 'sora-video-e2e-browser';
		this.output = [];
		this.child = undefined;
	}

	static async create(install, options) {
		const port = options.port || (await freePort());
		const brokerPort = options.brokerPort || (await freePort([port]));
		fs.mkdirSync(options.userFolder, { recursive: true });
		return new N8n(install, { ...options, port, brokerPort });
	}

	env() {
		const env = { ...process.env };
		// n8n creates its encryption key in <user folder>/.n8n/config on the first command (the import).
		for (const key of Object.keys(env)) {
			// Nothing from an outer n8n, or from npm running this script, leaks into this one.
			if (key.startsWith('N8N_') || key.startsWith('DB_') || key.startsWith('npm_') || key === 'NODE_OPTIONS') {
				delete env[key];
			}
		}
		if (this.install.nodeBinDir) env.PATH = `${this.install.nodeBinDir}${path.delimiter}${env.PATH}`;
		Object.assign(env, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			WEBHOOK_URL: this.webhookUrl,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// n8n 1.x offers a community node to the AI Agent as a tool only with this set.
			N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
		});
		// Each version keeps its own default binary data mode (1.x: in memory, 2.x: filesystem) unless
		// N8N_E2E_BINARY_DATA_MODE says otherwise.
		if (process.env.N8N_E2E_BINARY_DATA_MODE) env.N8N_DEFAULT_BINARY_DATA_MODE = process.env.N8N_E2E_BINARY_DATA_MODE;
		return { ...env, ...(this.install.env || {}), ...this.extraEnv };
	}

	_record(line) {
		this.output.push(line);
		if (this.output.length > 5000) this.output.splice(0, 1000);
		if (this.logFile) fs.appendFileSync(this.logFile, `${line}\n`);
	}

	/** Runs an n8n CLI command (import:credentials, import:workflow, ...) against this user folder. */
	async cli(args, { timeoutMs = 180_000 } = {}) {
		this._record(`$ n8n ${args.join(' ')}`);
		return await procs.run(this.install.nodeBin, [this.install.n8nBin, ...args], {
			env: this.env(),
			cwd: this.userFolder,
			timeoutMs,
			name: `n8n ${args[0]}`,
			onLine: (line) => this._record(line),
		});
	}

	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'e2e-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflows(workflows) {
		const dir = path.join(this.userFolder, 'e2e-workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const workflow of workflows) {
			fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		}
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	async start({ timeoutMs = 180_000 } = {}) {
		this._record(`$ n8n ${[this.command, ...this.commandArgs].join(' ')} (n8n ${this.version}, ${this.url})`);
		const readyLine = READY_LINES[this.command];
		let sawReadyLine = false;
		this.child = procs.start(this.install.nodeBin, [this.install.n8nBin, this.command, ...this.commandArgs], {
			env: this.env(),
			cwd: this.userFolder,
			name: `n8n ${this.version} ${this.command}`,
			onLine: (line) => {
				if (readyLine && readyLine.test(line)) sawReadyLine = true;
				this._record(line);
				this.log(line);
			},
		});
		// /healthz answers while n8n is still starting ("n8n is starting up. Please wait", HTTP 200, on
		// every route); n8n is ready when the REST API returns the settings as JSON.
		const started = Date.now();
		let healthyAfter;
		await waitFor(
			`n8n ${this.version} to be ready`,
			async () => {
				if (this.child.exitCode !== null || this.child.signalCode !== null) {
					throw Object.assign(new Error('n8n exited during start-up'), { fatal: true });
				}
				if (readyLine) return sawReadyLine;
				if (healthyAfter === undefined) {
					const health = await request('GET', `${this.url}/healthz`, { timeoutMs: 3000 });
					if (health.status !== 200) return false;
					healthyAfter = Date.now() - started;
				}
				const res = await request('GET', `${this.url}/rest/settings`, { timeoutMs: 5000 });
				return res.status === 200 && res.json && res.json.data && typeof res.json.data === 'object';
			},
			{ timeoutMs, intervalMs: 300, stopOn: (error) => error.fatal },
		).catch((error) => {
			throw new Error(`${error.message}\n--- last n8n output ---\n${this.tail(40)}`);
		});
		this.startTimes = { healthzMs: healthyAfter, readyMs: Date.now() - started };
	}

	async stop() {
		if (this.child) await procs.stop(this.child, 15_000);
		this.child = undefined;
	}

	/** A REST call with the session cookie. Returns {status, json, text, headers}. */
	async rest(method, route, { json, timeoutMs = 60_000, raw = false, query } = {}) {
		const headers = { 'browser-id': this.browserId };
		if (this.cookie) headers.cookie = this.cookie;
		let url = `${this.url}/rest${route}`;
		if (query) url += `?${new URLSearchParams(query).toString()}`;
		const res = await request(method, url, { json, headers, timeoutMs, raw });
		const setCookie = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
		for (const cookie of setCookie) {
			const [pair] = cookie.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		return res;
	}

	async restOk(method, route, options) {
		const res = await this.rest(method, route, options);
		if (res.status < 200 || res.status >= 300) {
			throw new Error(`n8n ${method} /rest${route}: HTTP ${res.status} ${String(res.text).slice(0, 500)}`);
		}
		return res.json && Object.prototype.hasOwnProperty.call(res.json, 'data') ? res.json.data : res.json;
	}

	/** Sets up the owner account (first start), then logs in as a browser would. */
	async setupOwner(owner = OWNER) {
		const setup = await this.rest('POST', '/owner/setup', { json: owner });
		if (setup.status !== 200 && !/already setup/i.test(setup.text || '')) {
			throw new Error(`owner setup failed: HTTP ${setup.status} ${setup.text}`);
		}
		await this.login(owner);
		return owner;
	}

	async login(owner = OWNER) {
		this.cookie = undefined;
		const res = await this.rest('POST', '/login', { json: { emailOrLdapLoginId: owner.email, password: owner.password } });
		if (res.status !== 200 || !this.cookie) throw new Error(`login failed: HTTP ${res.status} ${res.text}`);
		return res.json.data;
	}

	async getWorkflow(id) {
		return await this.restOk('GET', `/workflows/${encodeURIComponent(id)}`);
	}

	/** Activates (publishes, on 2.x) a workflow through the REST API the editor uses. */
	async activate(id) {
		const workflow = await this.getWorkflow(id);
		const res = await this.rest('POST', `/workflows/${encodeURIComponent(id)}/activate`, {
			json: { versionId: workflow.versionId },
		});
		if (res.status !== 200) throw new Error(`activating workflow ${id} failed: HTTP ${res.status} ${res.text}`);
		const after = await this.getWorkflow(id);
		const active = after.active === true || Boolean(after.activeVersionId);
		if (!active) throw new Error(`workflow ${id} is not active after activation`);
		return after;
	}

	/** The newest executions of a workflow (summary rows), newest first. */
	async executions(workflowId, { limit = 50 } = {}) {
		const data = await this.restOk('GET', '/executions', {
			query: { filter: JSON.stringify({ workflowId }), limit: String(limit) },
		});
		return data.results;
	}

	/** One execution with its run data parsed (n8n stores it as `flatted` JSON). */
	async execution(id) {
		const data = await this.restOk('GET', `/executions/${encodeURIComponent(id)}`);
		if (typeof data.data === 'string') data.data = this.flatted().parse(data.data);
		return data;
	}

	flatted() {
		if (!this._flatted) {
			// n8n's own copy, so the format always matches the version under test.
			const n8nDir = path.dirname(path.dirname(this.install.n8nBin));
			this._flatted = require(require.resolve('flatted', { paths: [n8nDir] }));
		}
		return this._flatted;
	}

	/** Waits for `count` finished executions of a workflow and returns them (newest first), parsed. */
	async waitForExecutions(workflowId, count, { timeoutMs = 30_000, newerThan = 0 } = {}) {
		const rows = await waitFor(
			`${count} finished execution(s) of workflow ${workflowId}`,
			async () => {
				const list = (await this.executions(workflowId)).filter((row) => Number(row.id) > newerThan);
				const done = list.filter((row) => row.status && !['new', 'running', 'waiting'].includes(row.status) && row.stoppedAt);
				return done.length >= count && list.length === done.length ? done : undefined;
			},
			{ timeoutMs, intervalMs: 300 },
		);
		const out = [];
		for (const row of rows) out.push(await this.execution(row.id));
		return out;
	}

	async lastExecutionId(workflowId) {
		const list = await this.executions(workflowId, { limit: 1 });
		return list.length ? Number(list[0].id) : 0;
	}

	/** The bytes of a binary stored by n8n's binary data service (filesystem mode), through the REST API. */
	async binaryBytes(binary) {
		if (binary.id) {
			const res = await this.rest('GET', '/binary-data', {
				raw: true,
				query: { id: binary.id, action: 'download', fileName: binary.fileName || 'file', mimeType: binary.mimeType || '' },
			});
			if (res.status !== 200) throw new Error(`binary-data ${binary.id}: HTTP ${res.status}`);
			return res.buffer;
		}
		return Buffer.from(binary.data, 'base64');
	}

	/** Calls a production webhook. */
	async webhook(pathName, body, { timeoutMs = 120_000, method = 'POST', headers } = {}) {
		return await request(method, `${this.url}/webhook/${pathName}`, { json: body, timeoutMs, headers });
	}

	tail(lines = 40) {
		return this.output.slice(-lines).join('\n');
	}
}

module.exports = { N8n, installPackage, packPackage, OWNER, PACKAGE_NAME };
