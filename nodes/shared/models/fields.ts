import type { FieldDefinition } from './types';

/**
 * Every field meaning the catalogue's models use, in the order the form shows them. The
 * parameter names are the ones saved workflows hold: never rename one.
 */
export const FIELDS = {
	prompt: {
		param: 'prompt',
		label: 'Prompt',
		hint: 'What the video should show',
		type: 'text',
		rows: 4,
		placeholder: 'e.g. A red fox runs through fresh snow at dawn, slow motion',
	},
	shots: {
		param: 'shots',
		label: 'Shots',
		hint: 'The scenes of the video, in order, each with its own text and length in seconds',
		type: 'shots',
	},
	negativePrompt: {
		param: 'negativePrompt',
		label: 'Negative Prompt',
		hint: 'What the video should not show',
		type: 'text',
		rows: 2,
	},
	imageUrl: {
		param: 'imageUrl',
		label: 'Image URL',
		hint: 'Public http(s) link to the image the video starts from',
		type: 'url',
		media: 'image',
		placeholder: 'https://example.com/first-frame.png',
	},
	firstFrameUrl: {
		param: 'firstFrameUrl',
		label: 'First Frame URL',
		hint: 'Public http(s) link to the image the video starts with',
		type: 'url',
		media: 'image',
		placeholder: 'https://example.com/first-frame.png',
	},
	lastFrameUrl: {
		param: 'lastFrameUrl',
		label: 'Last Frame URL',
		hint: 'Public http(s) link to the image the video ends with',
		type: 'url',
		media: 'image',
		placeholder: 'https://example.com/last-frame.png',
	},
	referenceImageUrls: {
		param: 'referenceImageUrls',
		label: 'Reference Image URLs',
		hint: 'Public http(s) links to images whose subjects or style the video should use, separated by commas',
		type: 'url',
		media: 'image',
	},
	referenceVideoUrls: {
		param: 'referenceVideoUrls',
		label: 'Reference Video URLs',
		hint: 'Public http(s) links to videos whose motion or style the video should follow, separated by commas',
		type: 'url',
		media: 'video',
	},
	referenceAudioUrls: {
		param: 'referenceAudioUrls',
		label: 'Reference Audio URLs',
		hint: 'Public http(s) links to audio the video should use, separated by commas',
		type: 'url',
		media: 'audio',
	},
	videoUrl: {
		param: 'videoUrl',
		label: 'Video URL',
		hint: 'Public http(s) link to the video to work on',
		type: 'url',
		media: 'video',
		placeholder: 'https://sora.chatgpt.com/p/s_...',
	},
	characterFileUrl: {
		param: 'characterFileUrl',
		label: 'Character Video URL',
		hint: 'Public http(s) link to one video of 1 to 4 seconds showing the character',
		type: 'url',
		media: 'video',
	},
	aspectRatio: {
		param: 'aspectRatio',
		label: 'Aspect Ratio',
		hint: 'Shape of the video, width to height',
		type: 'choice',
	},
	duration: {
		param: 'duration',
		label: 'Duration (Seconds)',
		hint: 'Length of the video, in seconds',
		type: 'choice',
	},
	resolution: {
		param: 'resolution',
		label: 'Resolution',
		hint: 'Height of the video in pixels; higher costs more credits',
		type: 'choice',
	},
	mode: {
		param: 'mode',
		label: 'Quality Mode',
		hint: 'Standard is faster and cheaper; Pro renders at a higher resolution',
		type: 'choice',
	},
	style: {
		param: 'style',
		label: 'Style',
		hint: 'How freely the model interprets the prompt',
		type: 'choice',
	},
	size: {
		param: 'size',
		label: 'Size',
		hint: 'Standard is 720p; High is 1080p and costs about 2.5 times as much',
		type: 'choice',
	},
	sound: {
		param: 'sound',
		label: 'Sound',
		hint: 'Whether the video gets a generated soundtrack (speech, effects, music); sound costs more credits',
		type: 'boolean',
	},
	multiShots: {
		param: 'multiShots',
		label: 'Multiple Shots',
		hint: 'Whether the model may cut between several shots within the video',
		type: 'boolean',
	},
	webSearch: {
		param: 'webSearch',
		label: 'Web Search',
		hint: 'Whether the model may look things up on the web to follow the prompt',
		type: 'boolean',
	},
	removeWatermark: {
		param: 'removeWatermark',
		label: 'Remove Watermark',
		hint: "Whether to remove the provider's watermark from the video",
		type: 'boolean',
	},
	watermarkText: {
		// The parameter Sora2API's own Watermark Text field has always had (createFields.description.ts).
		param: 'watermarkText',
		label: 'Watermark Text',
		hint: 'Text to show as a watermark on the video; leave empty for none',
		type: 'text',
	},
	seed: {
		param: 'seed',
		label: 'Seed',
		hint: 'The same seed with the same input gives a similar video; leave at 0 for a random one',
		type: 'number',
	},
	translatePrompt: {
		param: 'translatePrompt',
		label: 'Translate Prompt to English',
		hint: 'Whether the provider translates the prompt to English before making the video',
		type: 'boolean',
	},
	promptExtend: {
		param: 'promptExtend',
		label: 'Prompt Rewriting',
		hint: 'Whether the model rewrites the prompt in more detail before making the video',
		type: 'boolean',
	},
	fullResolution: {
		param: 'fullResolution',
		label: '1080p Video',
		hint: 'Whether to fetch the 1080p version once the video is done (the provider renders it 1 to 3 minutes later). Applies with Wait for Completion; the output and the download are then the 1080p video.',
		type: 'boolean',
	},
	elements: {
		param: 'elements',
		label: 'Elements (JSON)',
		hint: 'Reusable subjects, referenced in the prompt as @name: a JSON list of {"name", "description", "element_input_urls": [image links]}',
		type: 'json',
	},
	characterIds: {
		param: 'characterIds',
		label: 'Character IDs',
		hint: 'Character IDs from earlier "Characters" tasks, separated by commas',
		type: 'text',
		placeholder: 'e.g. char_123, char_456',
	},
	originTaskId: {
		param: 'originTaskId',
		label: 'Origin Task ID',
		hint: 'The ID of the earlier task whose video contains the character',
		type: 'text',
	},
	timestamps: {
		param: 'timestamps',
		label: 'Timestamps',
		hint: 'Start and end, in seconds, of a 1 to 4 second slice: "start,end"',
		type: 'text',
		placeholder: 'e.g. 1.5,4',
	},
	characterUserName: {
		param: 'characterUserName',
		label: 'Character User Name',
		hint: 'The name the character is known by',
		type: 'text',
	},
	characterPrompt: {
		param: 'characterPrompt',
		label: 'Character Prompt',
		hint: 'How the character looks and behaves',
		type: 'text',
		rows: 2,
	},
	safetyInstruction: {
		param: 'safetyInstruction',
		label: 'Safety Instruction',
		hint: 'What the character must never do',
		type: 'text',
		rows: 2,
	},
} satisfies Record<string, FieldDefinition>;

export type FieldName = keyof typeof FIELDS;

export function fieldDefinition(name: string): FieldDefinition | undefined {
	return Object.prototype.hasOwnProperty.call(FIELDS, name) ? (FIELDS as Record<string, FieldDefinition>)[name] : undefined;
}
