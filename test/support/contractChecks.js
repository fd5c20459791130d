'use strict';

// Compares a catalogue entry with kie.ai's contract for its model (test/contracts/kie): every
// field the node can send must exist there, with the type, values and limits kie.ai takes, and
// every field kie.ai requires must always be sent. Used for every preset and for a model added
// from data alone (test/models.addEntry.test.js).
const path = require('node:path');

const DIST = path.join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'models');
const { FIELDS } = require(path.join(DIST, 'fields.js'));

function typeFits(spec, value) {
	if (spec.type === 'integer') return Number.isInteger(value);
	if (spec.type === 'number') return typeof value === 'number';
	return typeof value === spec.type;
}

/** What the form can send for one field, as the contract's type. */
function sentType(field, use) {
	switch (field.type) {
		case 'text':
			return use.list ? 'array' : 'string';
		case 'url':
			return use.list ? 'array' : 'string';
		case 'json':
			return use.jsonKind === 'array' ? 'array' : 'object';
		case 'shots':
			return 'array';
		case 'number':
			return use.sendAs === 'string' ? 'string' : use.integer ? 'integer' : 'number';
		default:
			return field.type;
	}
}

function typeCompatible(expected, got) {
	return expected === got || (expected === 'number' && got === 'integer');
}

/** Problems with one field, as readable lines. */
function fieldProblems(id, name, use, spec) {
	const field = FIELDS[name];
	const where = `${id} ${name} (${use.key})`;
	if (!spec) return [`${where}: kie.ai's contract has no field "${use.key}"`];
	const problems = [];
	const type = sentType(field, use);
	if (field.type === 'choice') {
		for (const { value } of use.options ?? []) {
			if (!typeFits(spec, value)) problems.push(`${where}: option ${JSON.stringify(value)} is not of type ${spec.type}`);
			if (spec.enum && !spec.enum.includes(value)) problems.push(`${where}: option ${JSON.stringify(value)} is not one kie.ai takes`);
			if (spec.minimum !== undefined && value < spec.minimum) problems.push(`${where}: option ${value} is below ${spec.minimum}`);
			if (spec.maximum !== undefined && value > spec.maximum) problems.push(`${where}: option ${value} is above ${spec.maximum}`);
		}
	} else if (!typeCompatible(spec.type, type)) {
		problems.push(`${where}: sent as ${type}, kie.ai takes ${spec.type}`);
	}
	if (spec.maxLength !== undefined && !(use.maxLength <= spec.maxLength)) problems.push(`${where}: no limit of at most ${spec.maxLength} characters`);
	if (spec.minLength > 1 && !(use.minLength >= spec.minLength)) problems.push(`${where}: no minimum of ${spec.minLength} characters`);
	if (spec.type === 'array') {
		const counted = use.count ?? (field.type === 'url' ? { min: use.required ? 1 : 0, max: Infinity } : undefined);
		if (spec.maxItems !== undefined && !(counted && counted.max <= spec.maxItems)) problems.push(`${where}: no limit of at most ${spec.maxItems} items`);
		// An optional list left empty is not sent at all, so it never reaches kie.ai with too few items.
		const least = counted && (use.required ? counted.min : Math.max(counted.min, 1));
		if (spec.minItems !== undefined && !(counted && least >= spec.minItems)) problems.push(`${where}: allows fewer than ${spec.minItems} items`);
		const item = spec.items && spec.items.fields;
		if (field.type === 'shots' && item) {
			const keys = use.shotKeys ?? { text: 'prompt', duration: 'duration' };
			const text = item[keys.text];
			const duration = item[keys.duration];
			if (!text || !duration) problems.push(`${where}: shot keys ${keys.text}/${keys.duration} are not kie.ai's`);
			else {
				if (text.maxLength !== undefined && !(use.maxLength <= text.maxLength)) problems.push(`${where}: shot text over ${text.maxLength} characters allowed`);
				if (duration.minimum !== undefined && !(use.min >= duration.minimum)) problems.push(`${where}: shot shorter than ${duration.minimum} s allowed`);
				if (duration.maximum !== undefined && !(use.max <= duration.maximum)) problems.push(`${where}: shot longer than ${duration.maximum} s allowed`);
				if (duration.type === 'integer' && !use.integer) problems.push(`${where}: shot durations must be whole seconds`);
			}
		}
		if (field.type === 'json' && item) {
			const required = Object.entries(item).filter(([, s]) => s.required).map(([key]) => key);
			const missing = required.filter((key) => !(use.itemKeys ?? []).includes(key));
			if (missing.length) problems.push(`${where}: entries are not checked for ${missing.join(', ')}`);
		}
	}
	if (field.type === 'number') {
		if (spec.minimum !== undefined && !(use.min >= spec.minimum)) problems.push(`${where}: allows less than ${spec.minimum}`);
		if (spec.maximum !== undefined && !(use.max <= spec.maximum)) problems.push(`${where}: allows more than ${spec.maximum}`);
	}
	if (use.maxBytes !== undefined && spec.maxBytes !== undefined && use.maxBytes > spec.maxBytes) problems.push(`${where}: files up to ${use.maxBytes} bytes, kie.ai takes ${spec.maxBytes}`);
	if (spec.required && !use.required) problems.push(`${where}: kie.ai requires it, the catalogue does not`);
	if (use.providerDefault !== undefined) {
		if (spec.default === undefined) {
			// A switch kie.ai does not default is off when left out; nothing else may be assumed.
			if (!(field.type === 'boolean' && use.providerDefault === false)) problems.push(`${where}: providerDefault ${use.providerDefault} is not kie.ai's (it gives none)`);
		} else if (String(spec.default) !== String(use.providerDefault)) {
			problems.push(`${where}: providerDefault ${use.providerDefault}, kie.ai's default ${spec.default}`);
		}
	}
	return problems;
}

/** Every mismatch between a catalogue entry (kie.ai only) and its contract. */
function catalogueMismatches(model, contract) {
	if (!contract) return [`${model.id}: no contract for ${model.model} in test/contracts/kie`];
	if (!contract.source || !contract.source.copy || !contract.source.date) return [`${model.id}: the contract does not name its source copy and date`];
	const problems = [];
	for (const [name, use] of Object.entries(model.fields)) {
		if (use.nodeOption || (use.providers && !use.providers.includes('kie'))) continue;
		if (!FIELDS[name]) {
			problems.push(`${model.id}: unknown field meaning ${name}`);
			continue;
		}
		problems.push(...fieldProblems(model.id, name, use, contract.fields[use.key]));
	}
	for (const [key, value] of Object.entries(model.fixedInput ?? {})) {
		const spec = contract.fields[key];
		if (!spec) problems.push(`${model.id}: fixed input ${key} is not in kie.ai's contract`);
		else if (!typeFits(spec, value) || (spec.enum && !spec.enum.includes(value))) problems.push(`${model.id}: fixed ${key}=${value} is not a value kie.ai takes`);
	}
	const sent = new Set([...Object.values(model.fields).map((use) => use.key), ...Object.keys(model.fixedInput ?? {})]);
	for (const [key, spec] of Object.entries(contract.fields)) {
		if (spec.required && !sent.has(key) && key !== 'model') problems.push(`${model.id}: kie.ai requires ${key}, which the node never sends`);
	}
	return problems;
}

module.exports = { catalogueMismatches };
