'use strict';

// kie.ai's input rules per model, kept as data beside this file (one JSON file per docs page),
// written from kie.ai's own OpenAPI exports and never from the node's catalogue: a second source
// of truth, so a catalogue mistake fails a test instead of a user's first real request.
//
// A contract: { model, models?, api: 'market' | 'veo', source: { copy, date, others, note? },
//   fields: { key: spec }, rules?: [rule] }.
// A spec: type 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object'; required; default
//   (kie.ai's own, when the export gives one); enum; minimum / maximum; minLength / maxLength;
//   pattern; minItems / maxItems and items (a spec; an object item lists its own `fields`);
//   maxBytes (a file size limit: informational, links are not fetched).
// A rule: requiredWhen { if, require }, atLeastOne [keys], exclusive [keys], forbid { if, then }
//   or { if, present }, maxItemsWhen { if, field, max }, countWhen { if, field, min, max },
//   onlyWhen { if, allow: { key: [values] } }. `if` matches present values, or defaults when absent.

const fs = require('node:fs');
const path = require('node:path');

// Every Market model takes upload_method (the providers' seed document), so no contract repeats it.
const COMMON = { upload_method: { type: 'string', enum: ['s3', 'oss'] } };

function loadContracts(dir = __dirname) {
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ file: name, ...JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) }));
}

const CONTRACTS = loadContracts();

/** The contract for a model ID (Veo's one contract serves its three model IDs). */
function contractFor(model, extra = []) {
	return [...extra, ...CONTRACTS].find((contract) => (contract.models ?? [contract.model]).includes(model));
}

function typeOf(value) {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	return typeof value;
}

function typeMatches(spec, value) {
	if (spec.type === 'integer') return Number.isInteger(value);
	if (spec.type === 'number') return typeof value === 'number' && Number.isFinite(value);
	return typeOf(value) === spec.type;
}

/** Checks one value against its spec; returns what is wrong, or null. */
function checkValue(name, value, spec) {
	if (!typeMatches(spec, value)) return `${name} must be of type ${spec.type}, but is ${typeOf(value)}`;
	if (spec.enum && !spec.enum.includes(value)) return `${name} must be one of ${spec.enum.join(', ')}`;
	if (spec.minimum !== undefined && value < spec.minimum) return `${name} must be at least ${spec.minimum}`;
	if (spec.maximum !== undefined && value > spec.maximum) return `${name} must be at most ${spec.maximum}`;
	if (spec.multipleOf !== undefined && value % spec.multipleOf !== 0) return `${name} must be a multiple of ${spec.multipleOf}`;
	if (spec.type === 'string') {
		if (spec.minLength !== undefined && value.length < spec.minLength) return `${name} must be at least ${spec.minLength} characters`;
		if (spec.maxLength !== undefined && value.length > spec.maxLength) return `${name} exceeds ${spec.maxLength} characters`;
		if (spec.pattern && !new RegExp(spec.pattern).test(value)) return `${name} does not match ${spec.pattern}`;
	}
	if (spec.type === 'array') {
		if (spec.minItems !== undefined && value.length < spec.minItems) return `${name} needs at least ${spec.minItems} items`;
		if (spec.maxItems !== undefined && value.length > spec.maxItems) return `${name} takes at most ${spec.maxItems} items`;
		for (const [index, item] of value.entries()) {
			const problem = spec.items && checkValue(`${name}[${index}]`, item, spec.items);
			if (problem) return problem;
		}
	}
	if (spec.type === 'object' && spec.fields) return checkObject(name, value, spec.fields);
	return null;
}

function checkObject(prefix, object, fields) {
	for (const [key, value] of Object.entries(object)) {
		const spec = fields[key];
		if (!spec) return `${prefix}.${key} is not a parameter`;
		const problem = checkValue(`${prefix}.${key}`, value, spec);
		if (problem) return problem;
	}
	for (const [key, spec] of Object.entries(fields)) {
		if (spec.required && !(key in object)) return `${prefix}.${key} is required`;
	}
	return null;
}

function valueOf(input, fields, key) {
	return key in input ? input[key] : fields[key]?.default;
}

function applies(input, fields, condition) {
	return Object.entries(condition).every(([key, value]) => valueOf(input, fields, key) === value);
}

function count(input, key) {
	return Array.isArray(input[key]) ? input[key].length : 0;
}

const RULES = {
	requiredWhen: ({ if: when, require }, input, fields, p) =>
		applies(input, fields, when) ? require.filter((key) => !(key in input)).map((key) => `${p}${key} is required here`)[0] : null,
	atLeastOne: (keys, input, _fields, p) => (keys.some((key) => key in input) ? null : `${keys.map((key) => p + key).join(' or ')} is required`),
	exclusive: (keys, input, _fields, p) =>
		keys.filter((key) => key in input).length > 1 ? `${keys.map((key) => p + key).join(' and ')} cannot be used together` : null,
	forbid: ({ if: when, then, present }, input, fields, p) => {
		if (!applies(input, fields, when)) return null;
		if (present && present in input) return `${p}${present} cannot be used here`;
		const hit = then && Object.entries(then).find(([key, value]) => valueOf(input, fields, key) === value);
		return hit ? `${p}${hit[0]} cannot be ${hit[1]} here` : null;
	},
	maxItemsWhen: ({ if: when, field, max }, input, fields, p) =>
		applies(input, fields, when) && count(input, field) > max ? `${p}${field} takes at most ${max} items here` : null,
	countWhen: ({ if: when, field, min, max }, input, fields, p) => {
		if (!applies(input, fields, when)) return null;
		const got = count(input, field);
		return got < min || got > max ? `${p}${field} takes ${min} to ${max} items here` : null;
	},
	onlyWhen: ({ if: when, allow }, input, fields, p) => {
		if (!applies(input, fields, when)) return null;
		const hit = Object.entries(allow).find(([key, values]) => {
			const value = valueOf(input, fields, key);
			return value !== undefined && !values.includes(value);
		});
		return hit ? `${p}${hit[0]} must be one of ${hit[1].join(', ')} here` : null;
	},
};

/**
 * Validates what is sent for a model: a Market `input`, or a Veo body. Returns the 422 message
 * kie.ai would give (its wording where known, else a plain statement), or null when valid.
 */
function validate(contract, input) {
	const prefix = contract.api === 'market' ? 'input.' : '';
	const fields = contract.api === 'market' ? { ...COMMON, ...contract.fields } : contract.fields;
	for (const [key, value] of Object.entries(input)) {
		const spec = fields[key];
		if (!spec) return `${prefix}${key} is not a parameter of ${contract.model}`;
		const problem = checkValue(prefix + key, value, spec);
		if (problem) return problem;
	}
	for (const [key, spec] of Object.entries(fields)) {
		if (spec.required && !(key in input)) return `${prefix}${key} is required`;
	}
	for (const rule of contract.rules ?? []) {
		const [kind, args] = Object.entries(rule)[0];
		const problem = RULES[kind](args, input, fields, prefix);
		if (problem) return problem;
	}
	return null;
}

module.exports = { CONTRACTS, COMMON, contractFor, loadContracts, validate, RULE_KINDS: Object.keys(RULES) };
