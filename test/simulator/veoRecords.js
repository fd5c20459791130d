'use strict';

const { resultUrls } = require('./records');

// kie.ai's Veo 3.1 API: the record-info `data` and the callback, for tasks created through
// /api/v1/veo/generate. successFlag: 0 generating, 1 success, 2 failed, 3 generation failed.

function successFlag(ph) {
	if (!ph.done) return 0;
	if (!ph.failed) return 1;
	return ph.createFailed ? 2 : 3;
}

function veoData(task, ph, baseUrl) {
	const failed = ph.failed;
	const urls = ph.state === 'success' ? resultUrls(task, baseUrl) : null;
	return {
		taskId: task.taskId,
		paramJson: JSON.stringify(task.body),
		completeTime: ph.done ? ph.completeTime : null,
		response: urls ? { taskId: task.taskId, resultUrls: urls, originUrls: urls, resolution: '720p' } : null,
		successFlag: successFlag(ph),
		errorCode: failed ? Number(task.behaviour.failCode ?? 500) || 500 : null,
		errorMessage: failed ? task.behaviour.failMsg ?? 'Internal server error' : null,
		createTime: task.createTime,
		fallbackFlag: false,
	};
}

function veoCallback(task, ph, baseUrl) {
	const urls = ph.state === 'success' ? resultUrls(task, baseUrl) : [];
	return {
		code: ph.failed ? 501 : 200,
		msg: ph.failed ? task.behaviour.failMsg ?? 'Internal server error' : 'Veo3.1 video generated successfully.',
		data: { taskId: task.taskId, info: { resultUrls: urls, originUrls: urls, resolution: '720p' }, fallbackFlag: false },
	};
}

module.exports = { veoData, veoCallback };
