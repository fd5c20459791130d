'use strict';

// What `npm publish` would upload: only what n8n loads (compiled nodes and credentials, their codex files and
// the icons they name) and the package's own documents; no sources, tests, simulator, bench, docs images,
// examples, source maps, type declarations or build caches.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const dist = (...parts) => require(path.join(ROOT, 'dist', ...parts));

let packed;
let files;
beforeAll(() => {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	[packed] = JSON.parse(out);
	files = packed.files.map((file) => file.path).sort();
}, 60000);

// Every `file:` icon a node or credential description names, as a path inside the package.
function referencedIcons() {
	const { SoraVideo, SoraVideoCallbackTrigger, SoraVideoTrigger, credentialTypes } = require('./support/dist');
	const named = [];
	const collect = (icon, fromDir) => {
		for (const value of typeof icon === 'string' ? [icon] : Object.values(icon ?? {})) {
			if (String(value).startsWith('file:')) named.push(path.posix.join(fromDir, value.slice('file:'.length)));
		}
	};
	collect(new (SoraVideo())().description.icon, 'dist/nodes/SoraVideo');
	collect(new (SoraVideoCallbackTrigger())().description.icon, 'dist/nodes/SoraVideoCallbackTrigger');
	collect(new (SoraVideoTrigger())().description.icon, 'dist/nodes/SoraVideoTrigger');
	for (const Credential of credentialTypes()) collect(new Credential().icon, 'dist/credentials');
	return [...new Set(named)].sort();
}

function sourcesUnder(dir) {
	return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(ROOT, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'));
}

test('the package is the built nodes and credentials, their codex files and icons, and the documents', () => {
	expect(packed.name).toBe('n8n-nodes-sora-video');
	const outsideDist = files.filter((file) => !file.startsWith('dist/'));
	expect(outsideDist.sort()).toEqual(['LICENSE.md', 'README.md', 'package.json']);
	for (const file of files.filter((f) => f.startsWith('dist/'))) {
		expect(file).toMatch(/^dist\/(nodes|credentials)\/.+\.js$|^dist\/nodes\/.+\.node\.json$|^dist\/icons\/[^/]+\.svg$/);
	}
});

test('each compiled file comes from a source file of today (no leftovers of moved or deleted files)', () => {
	const sources = new Set([...sourcesUnder('nodes'), ...sourcesUnder('credentials')]);
	const leftovers = files.filter((f) => f.endsWith('.js') && !sources.has(f.replace(/^dist\//, '').replace(/\.js$/, '.ts')));
	// tsc never deletes: after a file moves, `rm -rf dist && npm run build` (a fresh clone has no dist/)
	if (leftovers.length) throw new Error(`dist/ has files of no source (rm -rf dist, then build): ${leftovers.join(', ')}`);
	for (const source of sources) {
		if (source.endsWith('.ts')) expect(files).toContain(`dist/${source.replace(/\.ts$/, '.js')}`);
		if (source.endsWith('.node.json')) expect(files).toContain(`dist/${source}`);
	}
});

test("every file package.json's n8n section names is in the package, with its codex file", () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(file);
	// the hidden first type name of the trigger is never in the node panel, so it has no codex file
	for (const node of pkg.n8n.nodes.filter((file) => !file.includes('/SoraVideoTrigger/'))) {
		expect(files).toContain(node.replace(/\.js$/, '.json'));
	}
});

test('the icons are exactly those the nodes and credentials name', () => {
	const icons = referencedIcons();
	expect(icons.length).toBeGreaterThanOrEqual(2); // light and dark
	expect(files.filter((file) => file.startsWith('dist/icons/'))).toEqual(icons);
});

test('nothing for development ships: tests, simulator, bench, docs, examples, scripts, maps, declarations', () => {
	const unwanted = /(^|\/)(test|tests|__tests__|simulator|bench|docs|examples|scripts|\.github|\.ci|node_modules)\/|\.map$|\.d\.ts$|\.tsbuildinfo$|\.ts$|\.png$|\.tgz$/;
	expect(files.filter((file) => unwanted.test(file))).toEqual([]);
	// a loose bound that a stray folder would break: the whole package stays small
	expect(packed.unpackedSize).toBeLessThan(2 * 1024 * 1024);
});

test('the shipped code loads on its own: every relative require resolves inside the package', () => {
	const shipped = new Set(files);
	for (const file of files.filter((f) => f.endsWith('.js'))) {
		const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const [, request] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
			const target = path.posix.join(path.posix.dirname(file), request);
			expect([`${target}.js`, target, `${target}/index.js`].some((candidate) => shipped.has(candidate))).toBe(true);
		}
	}
	expect(dist('nodes', 'SoraVideo', 'SoraVideo.node.js').SoraVideo).toBeDefined();
});
