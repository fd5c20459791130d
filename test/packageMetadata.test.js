'use strict';

// What npm and n8n's verification read about the package: it must describe the package as it is today,
// and point at one repository.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');

test('the description names the model families, the trigger and binary inputs', () => {
	for (const word of ['Kling', 'Veo', 'Wan', 'Seedance', 'Hailuo', 'MiniMax', 'Grok', 'Gemini Omni', 'kie.ai', 'Revid', 'Sora2API']) {
		expect(pkg.description).toContain(word);
	}
	expect(pkg.description).toMatch(/trigger/i);
	expect(pkg.description).toMatch(/binary inputs/i);
	// Sora 2 itself was shut down on 2026-09-24: the description must not sell it as what the package makes
	expect(pkg.description).not.toMatch(/for Sora 2 video generation/i);
});

test('the keywords let users find it by model family, and still by "sora"', () => {
	expect(pkg.keywords[0]).toBe('n8n-community-node-package');
	for (const word of ['n8n', 'sora', 'kling', 'veo', 'wan', 'seedance', 'hailuo', 'minimax', 'grok-imagine', 'gemini-omni', 'kie.ai']) {
		expect(pkg.keywords).toContain(word);
	}
	expect(new Set(pkg.keywords).size).toBe(pkg.keywords.length);
});

test('repository, homepage and bugs point at the same GitHub repository', () => {
	const repo = pkg.repository.url.match(/^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\.git$/)[1];
	expect(pkg.repository.type).toBe('git');
	expect(pkg.homepage).toBe(`${repo}#readme`);
	expect(pkg.bugs.url).toBe(`${repo}/issues`);
	// the codex files' documentation links go to the same README
	for (const folder of ['SoraVideo', 'SoraVideoCallbackTrigger']) {
		const codex = JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', folder, `${folder}.node.json`), 'utf8'));
		for (const { url } of codex.resources.primaryDocumentation) expect(url.startsWith(`${repo}#`)).toBe(true);
	}
	// and so do the changelog's compare links
	for (const [, url] of changelog.matchAll(/^\[[^\]]+\]: (\S+)$/gm)) expect(url.startsWith(`${repo}/`)).toBe(true);
});

test("the changelog keeps an Unreleased section and its latest release is package.json's version", () => {
	const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)];
	expect(headings[0][1]).toBe('Unreleased');
	expect(headings[1][1]).toBe(pkg.version);
	expect(headings[1][2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	for (const [, version] of headings) expect(changelog).toContain(`[${version}]: `);
});

test('nothing points at a file the package does not have', () => {
	expect(pkg.main).toBeUndefined(); // n8n loads the files of the n8n section, and there is no index.js
	expect(pkg.bin).toBeUndefined();
});
