import type { ProviderId } from '../providers/types';

/*
 * The field-type contract. A model declares its input as data; the node's form and the checks
 * run before any request are generated from it, so a new Market model is one entry, no code.
 *
 * - FIELDS (fields.ts) holds one entry per field *meaning*: its n8n parameter name, label, hint
 *   and type. Models that share a meaning share the entry, so the panel shows one "Prompt".
 * - A model's `fields` map says, per field, the key sent in `input`, whether it is required, its
 *   default and what the model allows: options, a number range, a length, a URL count.
 * - Types and how they are read (one reader per type, in readFieldValue.ts):
 *   - text: a string, trimmed; `maxLength`.
 *   - number: `min`/`max`, `integer`; sent as a number, or as a string with `sendAs: 'string'`.
 *     An optional number with no default whose range excludes 0 is left out when it is 0
 *     (optionalNumber.ts: n8n's number field cannot be empty).
 *   - boolean: sent as true/false.
 *   - choice: `options`; each value is sent with the type it has here ("5" stays a string, 5 a number).
 *   - url: public http(s) links of one `media` kind ('image' | 'video' | 'audio'). `list: true`
 *     sends an array (`count` gives min/max links), otherwise one string. `maxBytes` is the size
 *     limit the docs give. In the form it is one text field; links are separated by commas, spaces
 *     or new lines. This is the hook for binary input: a reader that turns a binary property into
 *     such links can stand in for the URL reader without touching any model.
 *   - json: a JSON object or array, sent as parsed; `jsonKind` says which.
 *   - shots: a list of {text, duration} scenes (a fixedCollection), `shotKeys` names the keys sent.
 * - An optional field whose value equals `providerDefault` (the provider's own default) is left
 *   out, so an untouched optional field is never sent and the provider applies its default.
 * - `fixedInput` is sent as is (e.g. Kling 3.0's `multi_shots`), so one model ID can have presets.
 * - `nodeOption` marks a field that is not sent but tells the node what to do once the task is
 *   done: 'fullResolution' fetches the provider's higher-resolution copy (kie.ai's Veo 1080p).
 */

export type FieldType = 'text' | 'number' | 'boolean' | 'choice' | 'url' | 'json' | 'shots';

export type MediaKind = 'image' | 'video' | 'audio';

export type FieldValue = string | number | boolean;

export interface ChoiceOption {
	value: string | number;
	/** Shown in the dropdown; defaults to the value. */
	label?: string;
}

/** One field meaning, shared by every model that has it. */
export interface FieldDefinition {
	/** The n8n parameter name; saved workflows hold it, so it never changes. */
	param: string;
	label: string;
	/** What the field means; what a model allows is added to it from the model's entry. */
	hint: string;
	type: FieldType;
	/** For url fields. */
	media?: MediaKind;
	placeholder?: string;
	/** For text fields: the editor's row count. */
	rows?: number;
}

/** How one model uses one field. */
export interface ModelField {
	/** The key sent in `input` (or in the body, for APIs with a flat body). */
	key: string;
	required?: boolean;
	/** The form's default; a field with no default and no value is left out of the request. */
	default?: FieldValue;
	/**
	 * What the provider uses when the field is left out, per its schema. An optional field whose
	 * value equals it is not sent: a field the user left alone is never sent unless required.
	 */
	providerDefault?: FieldValue;
	options?: ChoiceOption[];
	min?: number;
	max?: number;
	integer?: boolean;
	/** For number fields whose page shows the value as a string. */
	sendAs?: 'string' | 'number';
	maxLength?: number;
	/** For text fields: the fewest characters the provider takes. */
	minLength?: number;
	/** For url fields: send an array rather than one string. */
	list?: boolean;
	count?: { min: number; max: number };
	maxBytes?: number;
	jsonKind?: 'object' | 'array';
	/** For json lists: the keys each entry must have. */
	itemKeys?: string[];
	/** For shots: the keys of each scene's text and duration, the range of each duration, and the scene count. */
	shotKeys?: { text: string; duration: string };
	/** For shots: the shot durations must add up to this input key's value. */
	sumEquals?: string;
	/** A check beyond the type's own: 'timeSlice' is "start,end", 1 to 4 seconds apart. */
	check?: 'timeSlice';
	/** A model-specific note added to the hint. */
	note?: string;
	/** Not sent: an instruction to the node for when the task is done (see the contract above). */
	nodeOption?: 'fullResolution';
	/** Only these providers take the field (Sora2API's flat body has no duration, for one). */
	providers?: ProviderId[];
}

/**
 * A check across fields, by field name, run before sending: a combination the docs forbid, or
 * fields of which at least one must be given. `message` completes "<model> ...".
 */
export type ModelRule =
	| { when: Record<string, FieldValue>; forbid: Record<string, FieldValue>; message: string }
	| { atLeastOne: string[]; message: string };

export interface ModelSpec {
	/** The value of the Model dropdown; equal to the model ID unless one ID has several presets. */
	id: string;
	/** The model ID sent to the provider. */
	model: string;
	name: string;
	description: string;
	providers: ProviderId[];
	/** Field name (a key of FIELDS) to how this model uses it, in form order. */
	fields: Record<string, ModelField>;
	fixedInput?: Record<string, FieldValue>;
	rules?: ModelRule[];
	/** Set for models the providers no longer serve: the date and what happened. */
	retired?: string;
	/** The docs page the entry was checked against, and when. */
	docs: { url: string; checked: string; note?: string };
}
