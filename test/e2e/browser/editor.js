'use strict';

// n8n's editor in Debian's Chromium (headless), driven by puppeteer-core, as a user would use it:
// the sign-in form, the node panel, the canvas, the node panels and the output panel. Every step
// saves a screenshot under .cache/ui/<n8n version>/; they are kept, so a failed step can be seen.

const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SHOTS_ROOT = path.join(REPO, '.cache', 'ui');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PACKAGE_CODE = /sora|n8n-nodes-sora-video/i;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The screenshot folder of one n8n version, emptied once per run so old pictures never mislead. */
const preparedFolders = new Set();
function shotsFolder(version) {
	const dir = path.join(SHOTS_ROOT, version);
	if (!preparedFolders.has(dir)) {
		fs.rmSync(dir, { recursive: true, force: true });
		preparedFolders.add(dir);
	}
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

class Editor {
	static async open({ url, version }) {
		if (!fs.existsSync(CHROMIUM)) {
			throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
		}
		const puppeteer = require('puppeteer-core');
		const browser = await puppeteer.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1600,1000'],
			defaultViewport: { width: 1600, height: 1000 },
		});
		const page = await browser.newPage();
		// The machine may be busy (CI shares two cores): n8n's editor bundle is large.
		page.setDefaultTimeout(60_000);
		page.setDefaultNavigationTimeout(120_000);
		return new Editor(browser, page, { url, version });
	}

	constructor(browser, page, { url, version }) {
		this.browser = browser;
		this.page = page;
		this.url = url;
		this.version = version;
		this.dir = shotsFolder(version);
		this.pageErrors = [];
		page.on('pageerror', (error) => this.pageErrors.push(String(error && error.stack ? error.stack : error)));
		// Leaving a workflow with unsaved changes (a node just added) asks first; the suite leaves without saving.
		page.on('dialog', (dialog) => (dialog.type() === 'beforeunload' ? dialog.accept() : undefined));
		page.on('console', (message) => {
			if (message.type() === 'error') this.pageErrors.push(`console.error: ${message.text()}`);
		});
	}

	async close() {
		await this.browser.close().catch(() => {});
	}

	/** Saves .cache/ui/<version>/<name>.png and returns its path. */
	async shot(name) {
		const file = path.join(this.dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	/** Runs one step; on failure saves "<name>-FAILED.png" and adds the step's name to the error. */
	async step(name, fn) {
		try {
			const result = await fn();
			await this.shot(name);
			return result;
		} catch (error) {
			await this.shot(`${name}-FAILED`).catch(() => {});
			error.message = `${name}: ${error.message} (screenshot ${path.relative(REPO, path.join(this.dir, `${name}-FAILED.png`))})`;
			throw error;
		}
	}

	/** Page errors and console errors that come from this package's code (or name it). */
	packageErrors() {
		return this.pageErrors.filter((text) => PACKAGE_CODE.test(text));
	}

	async signIn({ email, password }) {
		await this.page.goto(`${this.url}/signin`, { waitUntil: 'domcontentloaded' });
		const emailField = 'input[name="emailOrLdapLoginId"], input[type="email"]';
		await this.page.waitForSelector(emailField);
		await this.page.type(emailField, email);
		await this.page.type('input[name="password"], input[type="password"]', password);
		await this.shot('01-sign-in-form');
		await this.page.click('[data-test-id="form-submit-button"]');
		await this.page.waitForFunction(() => !location.pathname.startsWith('/signin'), { timeout: 60_000 });
	}

	async openWorkflow(id) {
		await this.page.goto(`${this.url}/workflow/${encodeURIComponent(id)}`, { waitUntil: 'domcontentloaded' });
		await this.page.waitForSelector('[data-test-id="canvas-node"]');
		await sleep(500);
	}

	async newWorkflow() {
		await this.page.goto(`${this.url}/workflow/new`, { waitUntil: 'domcontentloaded' });
		await this.page.waitForSelector('[data-test-id="canvas-add-button"]');
		await sleep(500);
	}

	/** Types into the node panel's search and returns the names of the nodes it lists. */
	async searchNodePanel(query) {
		// The panel slides in: a click while it moves misses, so focus the field and clear it by keyboard.
		const selector = '[data-test-id="node-creator-search-bar"]';
		await this.page.waitForSelector(selector, { visible: true });
		await sleep(500);
		await this.page.$eval(selector, (el) => {
			const input = el.matches('input') ? el : el.querySelector('input');
			input.focus();
			input.select();
		});
		await this.page.keyboard.press('Backspace');
		await this.page.keyboard.type(query);
		await sleep(700);
		return await this.page.$$eval('[data-test-id="node-creator-item-name"]', (els) => els.map((el) => el.innerText.trim()));
	}

	/** Clicks a node in the node panel's list and returns the text of the details view it opens. */
	async openNodePanelItem(name) {
		const items = await this.page.$$('[data-test-id="node-creator-item-name"]');
		for (const item of items) {
			if ((await item.evaluate((el) => el.innerText.trim())) === name) {
				await item.click();
				await sleep(700);
				return await this.page.$eval('[data-test-id="node-creator"]', (el) => el.innerText);
			}
		}
		throw new Error(`"${name}" is not in the node panel's list`);
	}

	async closeNodePanel() {
		await this.page.keyboard.press('Escape');
		await sleep(300);
	}

	/** The canvas nodes: name and the text under it (its subtitle). */
	async canvasNodes() {
		return await this.page.$$eval('[data-test-id="canvas-node"]', (els) =>
			els.map((el) => ({ name: el.getAttribute('data-node-name'), text: el.innerText.replace(/\s+/g, ' ').trim() })),
		);
	}

	async openNode(name) {
		const node = await this.page.waitForSelector(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);
		await node.click({ count: 2 });
		await this.page.waitForSelector('[data-test-id="node-parameters"]');
		await sleep(700);
	}

	async closeNode() {
		const button = await this.page.$('[data-test-id="ndv-close-button"]');
		if (button) await button.click();
		else await this.page.keyboard.press('Escape');
		await sleep(400);
	}

	/**
	 * What the open node panel shows: each visible parameter with its label and whether it explains
	 * itself (a tooltip icon on the label, or a hint under the field), the credential selectors with
	 * their labels, and the parameter warnings n8n shows.
	 */
	async readPanel() {
		return await this.page.evaluate(() => {
			const root = document.querySelector('[data-test-id="node-parameters"]');
			const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
			const parameters = [...root.querySelectorAll('[data-test-id^="parameter-input-"]')]
				.filter(visible)
				.map((el) => el.getAttribute('data-test-id').slice('parameter-input-'.length))
				.filter((name) => name !== 'field');
			const labels = [...root.querySelectorAll('[data-test-id="parameter-item"] label[for]')].filter(visible).map((label) => {
				const item = label.closest('[data-test-id="parameter-item"]');
				// The label's first part holds the name and, when the field has a description, its tooltip icon.
				const title = label.firstElementChild;
				const tooltip = !!(title && title.querySelector(':scope > span svg'));
				const hint = [...item.querySelectorAll('.n8n-text')].some((el) => !label.contains(el) && el.innerText.trim() !== '');
				return { name: label.getAttribute('for'), text: label.innerText.split('\n')[0].trim(), explained: tooltip || hint, tooltip, hint };
			});
			const credentials = [...root.querySelectorAll('[data-test-id="node-credentials-select"]')].filter(visible).map((select) => {
				// 2.x wraps label and selector in a slot; 1.x puts them side by side.
				let scope = select.parentElement;
				while (scope && scope !== root && !scope.querySelector('[data-test-id="credentials-label"]')) scope = scope.parentElement;
				const label = scope && scope.querySelector('[data-test-id="credentials-label"]');
				const input = select.querySelector('input');
				return { label: label ? label.innerText.trim() : '', value: input ? input.value : '' };
			});
			const warnings = [...document.querySelectorAll('[data-test-id="ndv"] [data-test-id="parameter-issues"], [data-test-id="ndv"] [data-test-id="node-issues"]')]
				.filter(visible)
				.map((el) => el.closest('[data-test-id="parameter-item"]')?.innerText.split('\n')[0] || el.innerText || 'node issue');
			return { parameters, labels, credentials, warnings };
		});
	}

	/** Picks an option of an open node's dropdown parameter by the text the user reads. */
	async chooseOption(parameter, label) {
		await this.page.click(`[data-test-id="parameter-input-${parameter}"] input`);
		await sleep(500);
		const picked = await this.page.evaluate((text) => {
			const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
			const item = [...document.querySelectorAll('.el-select-dropdown__item')]
				.filter(visible)
				.find((el) => el.innerText.split('\n')[0].trim() === text);
			if (item) item.click();
			return Boolean(item);
		}, label);
		if (!picked) throw new Error(`"${label}" is not among the options of ${parameter}`);
		await sleep(700);
		return await this.page.$eval(`[data-test-id="parameter-input-${parameter}"] input`, (el) => el.value);
	}

	/** Opens an options field's dropdown and reads its entries as {name, description}; leaves it open. */
	async listOptions(parameter) {
		await this.page.click(`[data-test-id="parameter-input-${parameter}"] input`);
		await sleep(500);
		return await this.page.evaluate(() => {
			const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
			return [...document.querySelectorAll('.el-select-dropdown__item')].filter(visible).map((el) => {
				const [name, ...rest] = el.innerText.split('\n').map((line) => line.trim()).filter(Boolean);
				return { name, description: rest.join(' ') };
			});
		});
	}

	async executeWorkflow() {
		await this.page.click('[data-test-id="execute-workflow-button"]');
	}
}

module.exports = { Editor, sleep, SHOTS_ROOT };
