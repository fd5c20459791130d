'use strict';

const { marketCreate, marketQuery } = require('./common');

// Revid's seed lists 404 "Resource not found"; kie.ai's 422 is covered there, so
// the two providers exercise both ways a client may be told "no such task".
const NOT_FOUND = { code: 404, msg: 'Task not found' };

module.exports = [
	{ method: 'POST', path: '/paid/sora2/create', provider: 'revid', route: 'create', handler: marketCreate },
	// The query is a POST with the id in the query string and no body, as documented.
	{
		method: 'POST',
		path: '/paid/get/taskid',
		provider: 'revid',
		route: 'query',
		handler: (ex, ctx) => marketQuery(ex, ctx, NOT_FOUND),
	},
];
