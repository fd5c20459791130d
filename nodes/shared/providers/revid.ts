import { marketAdapter } from './marketAdapter';

// Revid resells kie.ai: the same records and kie.ai's published rate limits.
export const revidAdapter = marketAdapter({
	id: 'revid',
	displayName: 'Revid API',
	credentialType: 'revidApi',
	createPath: '/paid/sora2/create',
	// A POST with the ID in the query string and no body, as Revid's docs show.
	buildQuery: (taskId) => ({ method: 'POST', path: '/paid/get/taskid', qs: { taskId } }),
});
