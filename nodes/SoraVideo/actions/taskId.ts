import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function readTaskId(fx: IExecuteFunctions, itemIndex: number): string {
	const taskId = String(fx.getNodeParameter('taskId', itemIndex, '') ?? '').trim();
	if (taskId === '') {
		throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Task ID" is required`, {
			itemIndex,
			description: `Item ${itemIndex + 1} has no task ID. Map it from the Create step, e.g. {{ $json.taskId }}.`,
		});
	}
	if (/[\s/?#]/.test(taskId) || taskId.length > 200) {
		throw new NodeOperationError(fx.getNode(), `Item ${itemIndex + 1}: "Task ID" does not look like a task ID`, {
			itemIndex,
			description: `Got "${taskId.slice(0, 80)}". A task ID has no spaces or slashes.`,
		});
	}
	return taskId;
}

export function taskIdProperty(operation: string): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.taskId }}',
		description: 'The ID the provider returned when the task was created',
		displayOptions: { show: { operation: [operation] } },
	};
}
