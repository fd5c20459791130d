'use strict';

const { priceOf } = require('./models');

// Sora2API prints times as "yyyy-MM-dd HH:mm:ss"; the simulator uses UTC.
function sora2apiTime(ms) {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function resultUrls(task, baseUrl) {
	const b = task.behaviour;
	if (b.resultUrls) return [...b.resultUrls];
	const urls = [`${baseUrl}/files/${task.taskId}.mp4`];
	for (let i = 1; i <= (b.extraResultUrls || 0); i++) urls.push(`${baseUrl}/files/${task.taskId}-${i}.mp4`);
	return urls;
}

function failure(task) {
	const b = task.behaviour;
	return {
		failCode: b.failCode ?? '500',
		failMsg: b.failMsg ?? (b.createFailed ? 'Task creation failed' : 'Internal server error'),
	};
}

/** The market task record both kie.ai and Revid return, with the state each reports. */
function marketData(task, ph, baseUrl, state) {
	const f = ph.failed ? failure(task) : null;
	return {
		taskId: task.taskId,
		model: task.model,
		state,
		param: JSON.stringify(task.body),
		resultJson: ph.state === 'success' ? JSON.stringify({ resultUrls: resultUrls(task, baseUrl) }) : null,
		failCode: f ? f.failCode : null,
		failMsg: f ? f.failMsg : null,
		costTime: ph.done ? ph.completeTime - task.createTime : null,
		completeTime: ph.done ? ph.completeTime : null,
		createTime: task.createTime,
	};
}

/** The `data` of a Revid query response (the documented fields, nothing more). */
function revidData(task, ph, baseUrl) {
	// Revid documents only waiting | success | fail.
	return marketData(task, ph, baseUrl, ph.done ? ph.state : 'waiting');
}

/** The `data` of a kie.ai recordInfo response: the market record plus progress and credits. */
function kieData(task, ph, baseUrl) {
	return {
		...marketData(task, ph, baseUrl, ph.state),
		updateTime: ph.updateTime,
		progress: ph.progress,
		creditsConsumed: ph.state === 'success' ? priceOf(task.model, task.input) : ph.failed ? 0 : null,
	};
}

function successFlag(ph) {
	if (!ph.done) return 0;
	if (!ph.failed) return 1;
	return ph.createFailed ? 2 : 3;
}

/** The `data` of a Sora2API record-info response. */
function sora2apiData(task, ph, baseUrl) {
	const f = ph.failed ? failure(task) : null;
	const urls = ph.state === 'success' ? resultUrls(task, baseUrl) : null;
	return {
		taskId: task.taskId,
		paramJson: JSON.stringify(task.body),
		completeTime: ph.done ? sora2apiTime(ph.completeTime) : null,
		response: urls ? { imageUrl: urls[0] ?? null } : null,
		successFlag: successFlag(ph),
		errorCode: f ? Number(f.failCode) || 500 : 0,
		errorMessage: f ? f.failMsg : null,
		createTime: sora2apiTime(task.createTime),
	};
}

const DATA = { revid: revidData, kie: kieData, sora2api: sora2apiData };

function queryData(task, ph, baseUrl) {
	// Required here, not at the top: veoRecords.js uses resultUrls from this file.
	if (task.api === 'veo') return require('./veoRecords').veoData(task, ph, baseUrl);
	return DATA[task.provider](task, ph, baseUrl);
}

/**
 * The body of a completion callback. kie.ai and Revid send the query response
 * with code 501 on failure; Sora2API sends either the query response ('record')
 * or the short { taskId, promptJson, resultUrls } shape ('simple').
 */
function callbackBody(task, ph, baseUrl, { sora2apiShape = 'record' } = {}) {
	if (task.api === 'veo') return require('./veoRecords').veoCallback(task, ph, baseUrl);
	const data = queryData(task, ph, baseUrl);
	if (task.provider === 'sora2api') {
		if (sora2apiShape === 'simple') {
			return {
				code: ph.failed ? 500 : 200,
				msg: ph.failed ? data.errorMessage : 'success',
				data: {
					taskId: task.taskId,
					promptJson: JSON.stringify(task.body),
					resultUrls: ph.state === 'success' ? resultUrls(task, baseUrl) : [],
				},
			};
		}
		return { code: 200, msg: 'success', data };
	}
	return { code: ph.failed ? 501 : 200, msg: ph.failed ? data.failMsg : 'success', data };
}

module.exports = { queryData, callbackBody, resultUrls, sora2apiTime };
