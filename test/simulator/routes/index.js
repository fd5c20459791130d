'use strict';

const ROUTES = [
	...require('./revid'),
	...require('./sora2api'),
	...require('./kie'),
	...require('./veo'),
	...require('./upload').routes,
	...require('./chat'),
];
const FILE_PATH = /^\/files\/([A-Za-z0-9_]+)(?:-(\d+))?\.mp4$/;

/**
 * Finds the route for a request. Returns null for unknown paths and
 * { methodNotAllowed, provider } when the path exists with another method.
 */
function matchRoute(method, pathname) {
	const file = FILE_PATH.exec(pathname);
	if (file) {
		if (method !== 'GET' && method !== 'HEAD') return { methodNotAllowed: true, provider: null };
		return { route: 'file', provider: null, key: 'file', fileTaskId: file[1], fileIndex: Number(file[2] || 0) };
	}
	if (pathname.startsWith('/uploads/')) {
		if (method !== 'GET' && method !== 'HEAD') return { methodNotAllowed: true, provider: null };
		const uploadKey = pathname.slice('/uploads/'.length).split('/').map(decodeURIComponent).join('/');
		return { route: 'uploaded', provider: null, key: 'uploaded', uploadKey };
	}
	const candidates = ROUTES.filter((r) => r.path === pathname);
	if (candidates.length === 0) return null;
	const found = candidates.find((r) => r.method === method);
	if (!found) return { methodNotAllowed: true, provider: candidates[0].provider };
	return { ...found, key: `${found.provider}.${found.route}` };
}

module.exports = { matchRoute, ROUTES };
