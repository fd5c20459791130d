'use strict';

// Callback bodies in the kie.ai / Revid market shape, with no dependencies, so the
// benchmark can use them outside jest as well.

/** A kie.ai / Revid callback body claiming success with the given result URLs. */
function marketSuccessBody(taskId, urls, extra = {}) {
	const now = Date.now();
	return {
		code: 200,
		msg: 'success',
		data: {
			taskId,
			model: 'sora-2-text-to-video',
			state: 'success',
			param: JSON.stringify({ model: 'sora-2-text-to-video', input: { prompt: 'forged' } }),
			resultJson: JSON.stringify({ resultUrls: urls }),
			failCode: null,
			failMsg: null,
			costTime: 1000,
			completeTime: now,
			createTime: now - 1000,
			...extra,
		},
	};
}

module.exports = { marketSuccessBody };
