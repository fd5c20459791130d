'use strict';

/**
 * n8n-core's BinaryDataService, one initialised instance per mode.
 *
 *  - 'default'    binary data is kept in memory, base64 in `item.binary[prop].data`
 *                 (what n8n does with N8N_DEFAULT_BINARY_DATA_MODE=default)
 *  - 'filesystem' binary data is streamed to files under the harness' temporary n8n
 *                 folder (`<tmp>/.n8n/binaryData`), `item.binary[prop].id` is
 *                 `filesystem-v2:workflows/<wf>/executions/<exec>/binary_data/<uuid>`;
 *                 the folder is removed with the rest of the temp root at teardown.
 *
 * `activateBinaryDataMode(mode)` registers the instance for `mode` in the container; the
 * execution contexts resolve `BinaryDataService` from the container when they are
 * created and the binary helpers (`prepareBinaryData`, `getBinaryDataBuffer`, ...) on
 * every call, so switching modes between runs works. Runs using DIFFERENT modes must
 * not overlap in time (the container holds one active instance).
 *
 * Both instances are built from the real `BinaryDataConfig` (so the signing secret is
 * derived from the instance encryption key exactly as in n8n) with `availableModes`
 * including 'filesystem', so ids produced in filesystem mode stay readable after a
 * switch back to 'default'.
 */

const { core, Container, Logger } = require('./n8n');

const MODES = ['default', 'filesystem'];
const services = new Map();

function assertMode(mode) {
	if (!MODES.includes(mode)) {
		throw new Error(`Unsupported binaryMode "${mode}" (expected one of ${MODES.join(', ')})`);
	}
}

async function getBinaryDataService(mode) {
	assertMode(mode);
	let pending = services.get(mode);
	if (!pending) {
		pending = (async () => {
			const baseConfig = Container.get(core.BinaryDataConfig);
			const config = Object.assign(Object.create(Object.getPrototypeOf(baseConfig)), baseConfig, {
				mode,
				availableModes: ['filesystem'],
			});
			const service = new core.BinaryDataService(
				config,
				Container.get(core.ErrorReporter),
				Container.get(Logger),
			);
			await service.init();
			return service;
		})();
		services.set(mode, pending);
	}
	return await pending;
}

/** Makes `mode` the BinaryDataService n8n-core sees; returns the service. */
async function activateBinaryDataMode(mode = 'default') {
	const service = await getBinaryDataService(mode);
	Container.set(core.BinaryDataService, service);
	return service;
}

/**
 * Reads `item.binary[property]` back through the BinaryDataService (works for inline
 * base64 data and for stored ids of any initialised mode).
 */
async function readBinary(service, item, property = 'data') {
	const binary = item && item.binary && item.binary[property];
	if (!binary) {
		const available = item && item.binary ? Object.keys(item.binary).join(', ') : 'none';
		throw new Error(`Item has no binary property "${property}" (available: ${available})`);
	}
	return await service.getAsBuffer(binary);
}

module.exports = { activateBinaryDataMode, getBinaryDataService, readBinary, MODES };
