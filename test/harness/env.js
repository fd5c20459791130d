'use strict';

/**
 * Process environment for n8n-core, set up BEFORE anything reads it.
 *
 * n8n's config classes (@n8n/config) read `process.env` the first time they are
 * resolved from the DI container, so this module must be required before any
 * harness code asks the container for `InstanceSettings`, `BinaryDataConfig`, ...
 * Every other harness module requires it first (through `./n8n`).
 *
 * All state n8n-core wants to write (the `.n8n/config` settings file holding the
 * encryption key, filesystem binary data, ...) goes to a temporary user folder
 * created under `os.tmpdir()`, never to the real home folder. `removeTempRoot()`
 * deletes it again (called by the harness teardown).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));

// `getN8nFolder()` in @n8n/config resolves `<N8N_USER_FOLDER>/.n8n`.
process.env.N8N_USER_FOLDER = tempRoot;
// Writes the generated settings file with 0600 so InstanceSettings does not log
// a "permissions too wide" warning into every captured log.
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'true';
// No diagnostics / version notifications / telemetry of any kind from tests.
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED = 'false';
// Binary data modes are chosen per run by the harness (see binary-data.js); make
// sure an inherited environment cannot change what "default" means.
delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
delete process.env.N8N_AVAILABLE_BINARY_DATA_MODES;
delete process.env.N8N_BINARY_DATA_STORAGE_PATH;

const n8nFolder = path.join(tempRoot, '.n8n');

let removed = false;

function removeTempRoot() {
	if (removed) return;
	removed = true;
	fs.rmSync(tempRoot, { recursive: true, force: true });
}

module.exports = { tempRoot, n8nFolder, removeTempRoot };
