import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shown for "Wait Until Done", and for "Create" with Wait for Completion on. */
export function waitProperties(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	return [
		{
			displayName: 'Download Video',
			name: 'downloadVideo',
			type: 'boolean',
			default: false,
			description: 'Whether to download the finished video as binary data, for nodes that upload files',
			displayOptions: { show },
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the video in',
			displayOptions: { show: { ...show, downloadVideo: [true] } },
		},
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 86400 },
					default: 1800,
					description:
						'How long to wait before giving up. The task keeps running at the provider; the error or output carries its task ID.',
				},
				{
					displayName: 'Polling',
					name: 'pollingMode',
					type: 'options',
					options: [
						{
							name: 'Adaptive',
							value: 'adaptive',
							description: "Often at first, then slower, and fast again near the end when the provider reports progress",
						},
						{ name: 'Fixed Interval', value: 'fixed', description: 'A status query every N seconds' },
					],
					default: 'adaptive',
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 600 },
					default: 10,
					displayOptions: { show: { pollingMode: ['fixed'] } },
				},
				{
					displayName: 'If the Task Fails',
					name: 'onTaskFailure',
					type: 'options',
					options: [
						{ name: 'Stop With an Error', value: 'error' },
						{ name: 'Output the Failed Task', value: 'output', description: 'Its status is "failed" and "error" says why' },
					],
					default: 'error',
				},
			],
		},
	];
}
