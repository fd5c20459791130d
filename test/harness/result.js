'use strict';

/** Helpers turning a raw `IRun` into what tests assert on. */

function taskDataOf(run, nodeName) {
	const list = run?.data?.resultData?.runData?.[nodeName];
	return list && list.length ? list[list.length - 1] : undefined;
}

/**
 * Output of one node (its last run): all main outputs, output 0, and the error of that
 * node's task (set when the node threw — also with continueOnFail, where n8n passes the
 * input items through and records the error on the task).
 */
function nodeResult(run, nodeName) {
	const task = taskDataOf(run, nodeName);
	const outputs = task?.data?.main ?? [];
	return {
		task,
		outputs,
		items: outputs[0] ?? undefined,
		error: task?.error,
		executionStatus: task?.executionStatus,
	};
}

/**
 * The execution error as n8n stores it: the error object spread into a plain object
 * (`{ ...error, message, stack }`), which keeps `name` (e.g. 'NodeApiError'),
 * `description`, `httpCode`, `context`, `node`, `cause`, ...
 * Falls back to the error thrown before the execution could start (e.g. a
 * WorkflowHasIssuesError for a missing required parameter), which is a real Error.
 */
function executionError(run, startError) {
	if (startError) return startError;
	return run?.data?.resultData?.error;
}

module.exports = { taskDataOf, nodeResult, executionError };
