// Copies what tsc does not emit (icons and codex files) next to the compiled nodes,
// because n8n resolves `file:` icons and `.node.json` codex files relative to the .js.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(['icons/*.svg'], { encoding: false }).pipe(dest(path.join('dist', 'icons')));
}

function copyCodex() {
	return src(['nodes/**/*.node.json']).pipe(dest(path.join('dist', 'nodes')));
}

task('build:assets', parallel(copyIcons, copyCodex));
