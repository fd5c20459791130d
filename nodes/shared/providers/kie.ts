import { marketAdapter } from './marketAdapter';

export const kieAdapter = marketAdapter({
	id: 'kie',
	displayName: 'kie.ai',
	credentialType: 'kieAiApi',
	createPath: '/api/v1/jobs/createTask',
	buildQuery: (taskId) => ({ method: 'GET', path: '/api/v1/jobs/recordInfo', qs: { taskId } }),
});
