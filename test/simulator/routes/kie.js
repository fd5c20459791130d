'use strict';

const { marketCreate, marketQuery } = require('./common');

// kie.ai answers an unknown taskId with 422 "recordInfo is null".
const NOT_FOUND = { code: 422, msg: 'recordInfo is null' };

module.exports = [
	{ method: 'POST', path: '/api/v1/jobs/createTask', provider: 'kie', route: 'create', handler: marketCreate },
	{
		method: 'GET',
		path: '/api/v1/jobs/recordInfo',
		provider: 'kie',
		route: 'query',
		handler: (ex, ctx) => marketQuery(ex, ctx, NOT_FOUND),
	},
	{
		method: 'GET',
		path: '/api/v1/chat/credit',
		provider: 'kie',
		route: 'credit',
		handler: (ex, ctx) => ex.ok(ctx.options.credits),
	},
];
