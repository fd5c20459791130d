'use strict';

// Each node folder is self-contained: code two nodes use lives in nodes/shared/, so a reader finds a node's
// logic in its own folder or in shared/, never in another node's folder (a hidden alias included).
const fs = require('node:fs');
const path = require('node:path');

const NODES = path.join(__dirname, '..', 'nodes');

function sourceFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.ts$/.test(entry.name) ? [full] : [];
	});
}

// Static imports, re-exports, `import type`, dynamic import() and require() with a relative path.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*)\1/gm;

function relativeImports(source) {
	return [...source.matchAll(SPECIFIER)].map((match) => match[2]);
}

// The folder directly under nodes/ that a path lies in ('SoraVideo', 'shared', ...), or null outside nodes/.
function nodeFolder(file) {
	const relative = path.relative(NODES, file);
	if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
	return relative.split(path.sep)[0];
}

function crossFolderImports(file, source) {
	const own = nodeFolder(file);
	return relativeImports(source)
		.map((specifier) => ({ specifier, target: nodeFolder(path.resolve(path.dirname(file), specifier)) }))
		.filter(({ target }) => target !== null && target !== own && target !== 'shared')
		.map(({ specifier }) => `${path.relative(NODES, file)} imports ${specifier}`);
}

test('the check sees every form of import into another node folder', () => {
	const file = path.join(NODES, 'SoraVideoTrigger', 'SoraVideoTrigger.node.ts');
	const source = [
		"import { A } from '../SoraVideoCallbackTrigger/SoraVideoCallbackTrigger.node';",
		"import type { B } from '../SoraVideo/actions/router';",
		"export { C } from '../SoraVideo/actions/taskId';",
		"import '../SoraVideo/SoraVideo.node';",
		"const d = require('../SoraVideo/actions/runItems');",
		"const e = import('../SoraVideoCallbackTrigger/x');",
		"import { ok } from '../shared/trigger/handleCallback';",
		"import { alsoOk } from './local';",
		"import { external } from 'n8n-workflow';",
	].join('\n');
	expect(crossFolderImports(file, source)).toHaveLength(6);
	// shared/ may not reach into a node folder either
	expect(crossFolderImports(path.join(NODES, 'shared', 'trigger', 'x.ts'), "import { y } from '../../SoraVideo/y';")).toHaveLength(1);
});

test('no file under nodes/ imports from another node folder', () => {
	const files = sourceFiles(NODES);
	expect(files.length).toBeGreaterThan(20);
	const offending = files.flatMap((file) => crossFolderImports(file, fs.readFileSync(file, 'utf8')));
	expect(offending).toEqual([]);
});

test("the trigger's logic lives beside the visible trigger or in nodes/shared/trigger, and the hidden type is an alias", () => {
	for (const logic of ['handleCallback', 'dedupe', 'deliveryRecord', 'syncRecord']) {
		expect(fs.existsSync(path.join(NODES, 'shared', 'trigger', `${logic}.ts`))).toBe(true);
	}
	expect(fs.readdirSync(path.join(NODES, 'SoraVideoTrigger'))).toEqual(['SoraVideoTrigger.node.ts']);
});
