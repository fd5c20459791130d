import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export const CALLBACK_GRACE_MINUTES = 5;

function waitModeProperty(show: NonNullable<IDisplayOptions['show']>): INodeProperties {
	return {
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Poll',
				value: 'poll',
				description: "Ask the provider for the task's status until it is done. Works on any n8n.",
			},
			{
				name: 'Callback',
				value: 'callback',
				description:
					'Pause the execution and resume it when the provider calls back, with no polling. n8n must be reachable from the internet (set WEBHOOK_URL).',
			},
		],
		default: 'poll',
		description:
			"How to learn that the video is ready. Callback mode frees n8n while the video is made and survives a restart of n8n, but the provider must be able to reach this n8n: set the WEBHOOK_URL environment variable to n8n's public address.",
		displayOptions: { show },
	};
}

/** Why callback mode behaves as it does; n8n resumes a paused node without running it again. */
function callbackNotice(show: NonNullable<IDisplayOptions['show']>): INodeProperties {
	return {
		displayName: `The execution pauses until the provider calls back. After it resumes, a failed or unfinished task comes out as an item with "error" set and its task ID, because n8n cannot stop a resumed workflow from here. With several items, the first callback resumes the execution and the other tasks are then looked up, and polled if still running. If no callback arrives, the execution resumes ${CALLBACK_GRACE_MINUTES} minutes after the Timeout with every task as an item with error code TIMEOUT.`,
		name: 'callbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, waitMode: ['callback'] } },
	};
}

/**
 * For a task created earlier; a Create takes it from the model's own "1080p Video" field instead.
 * Query does not offer it: it answers at once, and the 1080p copy takes minutes.
 */
const fullResolutionOption: INodeProperties = {
	displayName: '1080p Video (Veo 3.1)',
	name: 'fullResolution',
	type: 'boolean',
	default: false,
	description:
		'Whether to fetch the 1080p version of a Veo 3.1 video once it is done (kie.ai renders it 1 to 3 minutes later); the output and the download are then the 1080p video. Other tasks ignore this option.',
	displayOptions: { show: { '/provider': ['kie'] } },
};

/**
 * Shown for "Wait Until Done", and for "Create" with Wait for Completion on. An existing task keeps
 * the callback URL it was created with, so Wait Until Done only polls and offers no Wait Mode.
 */
export function waitProperties(
	show: NonNullable<IDisplayOptions['show']>,
	{ existingTask, waitMode = !existingTask }: { existingTask: boolean; /** Whether the node starts the task and can give it its callback URL. */ waitMode?: boolean },
): INodeProperties[] {
	return [
		...(waitMode ? [waitModeProperty(show), callbackNotice(show)] : []),
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
				...(existingTask ? [fullResolutionOption] : []),
				{
					displayName: 'Confirm Callback With Provider',
					name: 'confirmCallback',
					type: 'boolean',
					default: true,
					description:
						'Whether to look the task up at the provider when its callback arrives, instead of trusting the callback alone. Costs one status query per task.',
					displayOptions: { show: { '/waitMode': ['callback'] } },
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
					description: 'What to do when the provider reports that it could not make the video',
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 600 },
					default: 10,
					description: 'Seconds between two status queries',
					displayOptions: { show: { pollingMode: ['fixed'] } },
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
					description: 'How often to ask the provider for the status of the task',
				},
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 86400 },
					default: 1800,
					description:
						'How long to wait before giving up. The task keeps running at the provider; the error or output carries its task ID.',
				},
			],
		},
	];
}
