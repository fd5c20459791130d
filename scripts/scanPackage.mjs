// n8n's community-package scanner (@n8n/scan-community-package), on this checkout and its packed tarball.
//
// The scanner's command line only takes a published package: it checks its npm provenance, fetches the
// source the provenance names, then lints that source (package.json, nodes/, credentials/) and the published
// tarball's .js files with n8n's rules, ignoring eslint-disable comments. Provenance exists only once the
// Publish workflow has run, so this runs the scanner's own lint of both legs on what `npm pack` makes here.
// The scanner is installed into .cache/ on first use (it is large, and only CI and releases need it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCANNER_VERSION = '0.32.0';
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, '.cache', `scan-community-package-${SCANNER_VERSION}`);
const SCANNER = path.join(CACHE, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');

if (!fs.existsSync(SCANNER)) {
	fs.mkdirSync(CACHE, { recursive: true });
	fs.writeFileSync(path.join(CACHE, 'package.json'), '{"private":true}\n');
	execFileSync(
		'npm',
		['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', `@n8n/scan-community-package@${SCANNER_VERSION}`],
		{ cwd: CACHE, stdio: 'inherit' },
	);
}
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(SCANNER).href);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-'));
try {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
	);
	const packed = path.join(work, 'package');
	fs.mkdirSync(packed);
	execFileSync('tar', ['-xzf', path.join(work, filename), '-C', packed, '--strip-components=1']);

	const legs = [
		['source (package.json, nodes/, credentials/)', await analyzePackage(ROOT, SOURCE_FILE_PATTERNS)],
		[`packed ${filename} (.js files, package.json)`, await analyzePackage(packed, ['**/*.js', 'package.json'])],
	];
	for (const [name, result] of legs) {
		console.log(`${result.passed ? 'passed' : 'FAILED'}: ${name}${result.message ? ` - ${result.message}` : ''}`);
		if (result.details) console.log(result.details);
	}
	if (!legs.every(([, result]) => result.passed)) process.exitCode = 1;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
