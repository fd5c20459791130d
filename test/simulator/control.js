'use strict';

const { readBody, parseJson } = require('./exchange');

function send(res, status, obj) {
	const buffer = Buffer.from(JSON.stringify(obj === undefined ? null : obj));
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': buffer.length });
	res.end(buffer);
}

function jsonBody(text) {
	const { value, error } = parseJson(text);
	if (error) throw Object.assign(new Error(`invalid JSON: ${error}`), { status: 400 });
	return value === undefined ? {} : value;
}

/**
 * /__sim/*: the control and recorder API, without auth, so an end-to-end test
 * can drive a simulator that runs in another process exactly as jest drives
 * the in-process object.
 */
async function handleControl(req, res, sim, pathname, searchParams) {
	const text = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
	const route = `${req.method} ${pathname}`;
	const taskMatch = /^\/__sim\/tasks\/([^/]+)(\/finish)?$/.exec(pathname);
	const faultMatch = /^\/__sim\/faults\/([^/]+)$/.exec(pathname);
	switch (route) {
		case 'GET /__sim/health':
			return send(res, 200, { ok: true, url: sim.url, baseUrls: sim.baseUrls });
		case 'POST /__sim/reset':
			sim.reset();
			return send(res, 200, { ok: true });
		case 'POST /__sim/configure':
			sim.configure(jsonBody(text));
			return send(res, 200, { ok: true });
		case 'GET /__sim/faults':
			return send(res, 200, sim.listFaults());
		case 'POST /__sim/faults':
			return send(res, 200, { id: sim.addFault(jsonBody(text)) });
		case 'DELETE /__sim/faults':
			sim.clearFaults();
			return send(res, 200, { ok: true });
		case 'POST /__sim/next-task':
			return send(res, 200, { ok: true, queued: sim.setNextTask(jsonBody(text)) });
		case 'GET /__sim/stats':
			return send(res, 200, sim.stats.toJSON());
		case 'GET /__sim/max-in-window': {
			const key = searchParams.get('key');
			const windowMs = Number(searchParams.get('windowMs'));
			if (!key || !(windowMs > 0)) return send(res, 400, { ok: false, error: 'key and windowMs are required' });
			return send(res, 200, { key, windowMs, max: sim.maxInWindow(key, windowMs) });
		}
		case 'POST /__sim/record':
			sim.recorded.push(text ? jsonBody(text) : null);
			return send(res, 200, { ok: true });
		case 'GET /__sim/recorded':
			return send(res, 200, sim.recorded);
		case 'GET /__sim/studio':
			return send(res, 200, { creates: sim.studio.creates, balance: sim.studio.balance, active: sim.studio.active });
		case 'GET /__sim/uploads':
			return send(res, 200, sim.uploads.toJSON());
		case 'GET /__sim/callbacks':
			return send(res, 200, sim.callbacks);
		case 'POST /__sim/send-callback': {
			const { url, ...rest } = jsonBody(text);
			return send(res, 200, await sim.sendCallback(url, rest));
		}
	}
	if (taskMatch && !taskMatch[2] && req.method === 'GET') {
		const task = sim.getTask(decodeURIComponent(taskMatch[1]));
		return task ? send(res, 200, task) : send(res, 404, { ok: false, error: 'task not found' });
	}
	if (taskMatch && taskMatch[2] && req.method === 'POST') {
		const task = sim.finishTask(decodeURIComponent(taskMatch[1]), jsonBody(text));
		return task ? send(res, 200, task) : send(res, 404, { ok: false, error: 'task not found' });
	}
	if (faultMatch && req.method === 'DELETE') {
		return send(res, 200, { ok: sim.removeFault(decodeURIComponent(faultMatch[1])) });
	}
	return send(res, 404, { ok: false, error: `no control route ${route}` });
}

async function control(req, res, sim, pathname, searchParams) {
	try {
		await handleControl(req, res, sim, pathname, searchParams);
	} catch (err) {
		if (!res.headersSent) send(res, err.status || 400, { ok: false, error: err.message });
	}
}

module.exports = { control };
