'use strict';

// kie.ai is the judge. Each preset is held against kie.ai's own rules for its model
// (test/contracts/kie, written from kie.ai's OpenAPI exports, not from the catalogue):
// - the catalogue offers nothing the contract lacks, with the contract's types, values and limits;
// - the request a preset sends untouched, and the one with every field at its maximum, pass it;
// - every limit and rule the contract states is checked by the node before sending (a clear
//   error naming the field, nothing sent), or cannot be reached from the form.
const path = require('node:path');

const { CONTRACTS, contractFor, validate, RULE_KINDS } = require('./contracts/kie');
const { catalogueMismatches } = require('./support/contractChecks');
const { useSimulator } = require('./support/useSimulator');
const { runSora } = require('./support/soraNode');

const DIST = path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'models');
const catalogue = require(path.join(DIST, 'catalogue.js'));
const { FIELDS } = require(path.join(DIST, 'fields.js'));

jest.setTimeout(30_000);

const sim = useSimulator();

const kiePresets = catalogue.MODELS.filter((model) => model.providers.includes('kie'));
const withContract = kiePresets.filter((model) => contractFor(model.model));

const link = (i) => `https://example.com/media/${i}.png`;
const links = (n) => Array.from({ length: n }, (_, i) => link(i)).join(', ');
const kieFields = (model) => Object.entries(model.fields).filter(([, use]) => !use.nodeOption && (!use.providers || use.providers.includes('kie')));

/** Only what the preset requires, the rest untouched: the request a user gets by default. */
function requiredParameters(model) {
	const parameters = {};
	const needed = new Set(kieFields(model).filter(([, use]) => use.required).map(([name]) => name));
	for (const rule of model.rules ?? []) if ('atLeastOne' in rule) needed.add(rule.atLeastOne[0]);
	for (const name of needed) {
		const use = model.fields[name];
		const field = FIELDS[name];
		if (field.type === 'text') parameters[field.param] = use.check === 'timeSlice' ? '1,3' : 'A red fox runs through fresh snow'.slice(0, use.maxLength);
		if (field.type === 'url') parameters[field.param] = use.list ? links(Math.max(1, use.count?.min ?? 1)) : link(0);
		if (field.type === 'shots') parameters[field.param] = { shot: [{ scene: 'a fox', duration: use.sumEquals ? Number(totalField(model, use)[1].default) : (use.min ?? 1) }] };
	}
	return parameters;
}

/** The field whose value the shots' durations must add up to (Sora's storyboard). */
function totalField(model, use) {
	return Object.entries(model.fields).find(([, other]) => other.key === use.sumEquals);
}

function biggestOption(options) {
	return options.reduce((best, { value }) => (typeof value === 'number' || /^\d+$/.test(String(value)) ? (Number(value) > Number(best) ? value : best) : value), options[0].value);
}

/** Every field at its maximum: the longest texts, the most links, the largest values. */
function maximumParameters(model) {
	const parameters = {};
	for (const [name, use] of kieFields(model)) {
		const field = FIELDS[name];
		const param = field.param;
		if (field.type === 'text') parameters[param] = use.check === 'timeSlice' ? '0,4' : 'x'.repeat(use.maxLength ?? 200);
		if (field.type === 'url') parameters[param] = use.list ? links(use.count?.max ?? 1) : link(0);
		if (field.type === 'boolean') parameters[param] = true;
		if (field.type === 'choice') parameters[param] = biggestOption(use.options);
		if (field.type === 'number') parameters[param] = use.max;
		if (field.type === 'shots') {
			const total = use.sumEquals && biggestOption(totalField(model, use)[1].options);
			const duration = total ? Number(total) / use.count.max : use.max;
			parameters[param] = { shot: Array.from({ length: use.count.max }, () => ({ scene: 'y'.repeat(use.maxLength), duration })) };
		}
		if (field.type === 'json') {
			const entry = Object.fromEntries((use.itemKeys ?? ['name']).map((key) => [key, key.endsWith('urls') ? [link(1), link(2)] : key]));
			parameters[param] = JSON.stringify(Array.from({ length: use.count?.max ?? 1 }, (_, i) => ({ ...entry, name: `element_${i}` })));
		}
	}
	// A combination a cross-field rule forbids goes back to the field's first value.
	for (const rule of model.rules ?? []) {
		if (!('forbid' in rule)) continue;
		const hit = Object.entries(rule.when).every(([name, value]) => String(parameters[FIELDS[name].param]) === String(value));
		if (hit) for (const name of Object.keys(rule.forbid)) parameters[FIELDS[name].param] = model.fields[name].options[0].value;
	}
	return parameters;
}

// kie.ai takes 20 creates per 10 s per key and the node keeps to that per credential: each run
// here gets a credential of its own, so the many creates of this file are not paced.
let credential = 0;

async function create(model, parameters) {
	const node = { credentials: { kieAiApi: { id: `contracts-${++credential}`, name: 'Test' } } };
	return await runSora(sim, { parameters: { operation: 'create', model: model.id, ...parameters }, node });
}

function sentBody(result) {
	expect(result.error).toBeUndefined();
	const task = sim.getTask(result.items[0].json.taskId);
	return task.api === 'veo' ? task.body : task.input;
}

describe('the contracts', () => {
	test('each names its source copy and date, and uses only rule kinds the validator knows', () => {
		for (const contract of CONTRACTS) {
			expect({ file: contract.file, copy: typeof contract.source?.copy, date: typeof contract.source?.date }).toEqual({ file: contract.file, copy: 'string', date: 'string' });
			for (const rule of contract.rules ?? []) expect(RULE_KINDS).toContain(Object.keys(rule)[0]);
		}
	});

	test('every kie.ai preset has one, retired ones too: adding a model means adding its contract', () => {
		expect(kiePresets.filter((model) => !contractFor(model.model)).map((model) => model.id)).toEqual([]);
		expect(withContract.length).toBe(kiePresets.length);
		expect(kiePresets.some((model) => model.retired)).toBe(true);
	});
});

describe('the catalogue offers only what kie.ai takes', () => {
	test.each(withContract.map((model) => [model.id, model]))('%s', (_id, model) => {
		expect(catalogueMismatches(model, contractFor(model.model))).toEqual([]);
	});

	test('a field or value the contract lacks is caught', () => {
		const kling = catalogue.MODELS.find((model) => model.id === 'kling-3.0/video');
		const widened = {
			...kling,
			fields: {
				...kling.fields,
				mode: { ...kling.fields.mode, options: [...kling.fields.mode.options, { value: '8K' }] },
				negativePrompt: { key: 'negative_prompt', maxLength: 100 },
			},
		};
		expect(catalogueMismatches(widened, contractFor('kling-3.0/video'))).toEqual([
			'kling-3.0/video mode (mode): option "8K" is not one kie.ai takes',
			'kling-3.0/video negativePrompt (negative_prompt): kie.ai\'s contract has no field "negative_prompt"',
		]);
	});
});

// kie.ai no longer serves the retired Sora models; the simulator serves them again on request so
// what they send is still held against their contracts.
function serveRetired(model) {
	if (model.retired) sim.configure({ serveRetiredSora: true });
}

describe('what a preset sends passes kie.ai\'s contract', () => {
	test.each(kiePresets.map((model) => [model.id, model]))('%s: untouched, and with every field at its maximum', async (_id, model) => {
		serveRetired(model);
		const contract = contractFor(model.model);
		const untouched = sentBody(await create(model, requiredParameters(model)));
		expect(validate(contract, untouched)).toBeNull();
		// An optional field left alone is sent only when kie.ai gives no default, or the form shows
		// another value than kie.ai's (kept so saved workflows keep their cost and shape).
		const given = new Set(Object.values(model.fields).filter((use) => use.required).map((use) => use.key));
		for (const [key, value] of Object.entries(untouched)) {
			const spec = contract.fields[key];
			// A retired Sora preset shares its fields with Revid and Sora2API, whose defaults kie.ai's do not
			// settle: it keeps sending what it always sent (kie.ai no longer serves it anyway).
			if (!spec || spec.required || given.has(key) || key in (model.fixedInput ?? {}) || key === 'model' || model.retired) continue;
			expect({ key, value, sentAsKieDefault: spec.default !== undefined && String(spec.default) === String(value), switchOff: spec.type === 'boolean' && spec.default === undefined && value === false })
				.toEqual({ key, value, sentAsKieDefault: false, switchOff: false });
		}
		const maximum = sentBody(await create(model, maximumParameters(model)));
		expect(validate(contract, maximum)).toBeNull();
	});
});

/*
 * Each limit and rule of a contract becomes an attempt to break it through the form. The node
 * must refuse the attempt before sending, naming the field and the item; a rule the form cannot
 * reach (a field it does not offer, a value fixed by the preset) says why, checked here too.
 */
const EMPTY = '={{ "" }}';

function fieldAttempts(model, name, use, spec) {
	const field = FIELDS[name];
	const { param, label } = field;
	const attempts = [];
	const add = (what, value) => attempts.push({ what: `${label}: ${what}`, label, parameters: { [param]: value } });
	if (field.type === 'text' && !use.list) {
		if (spec.maxLength !== undefined) add(`${spec.maxLength + 1} characters`, 'x'.repeat(spec.maxLength + 1));
		if (spec.minLength > 1) add(`${spec.minLength - 1} characters`, 'x'.repeat(spec.minLength - 1));
		// An expression that gives nothing: a plain empty required field n8n refuses itself.
		if (spec.required) add('left empty', EMPTY);
	}
	if (field.type === 'url') {
		if (spec.type === 'array' && spec.maxItems !== undefined) add(`${spec.maxItems + 1} links`, links(spec.maxItems + 1));
		if (spec.required) add('left empty', EMPTY);
		if (spec.pattern || spec.type === 'string') add('not an http(s) link', 'ftp://example.com/a.png');
	}
	if (field.type === 'choice' && spec.enum) add('a value kie.ai does not take', '={{ "not-a-kie-value" }}');
	if (field.type === 'boolean') add('not true or false', '={{ "maybe" }}');
	if (field.type === 'number') {
		if (spec.maximum !== undefined) add(`above ${spec.maximum}`, spec.maximum + 1);
		if (spec.minimum !== undefined && spec.minimum > 0) add(`below ${spec.minimum}`, spec.minimum - 1 || -1);
	}
	if (field.type === 'shots') {
		const item = spec.items.fields;
		const shot = (over) => ({ shot: [{ scene: 'a fox', duration: use.min, ...over }] });
		if (spec.maxItems !== undefined) add(`${spec.maxItems + 1} shots`, { shot: Array.from({ length: spec.maxItems + 1 }, () => ({ scene: 'a', duration: use.min })) });
		if (item.prompt?.maxLength !== undefined) add('a shot text too long', shot({ scene: 'x'.repeat(item.prompt.maxLength + 1) }));
		if (item.duration?.maximum !== undefined) add('a shot too long', shot({ duration: item.duration.maximum + 1 }));
		if (item.duration?.minimum !== undefined) add('a shot too short', shot({ duration: item.duration.minimum - 0.5 }));
		if (spec.required || use.required) add('no shots', {});
	}
	if (field.type === 'json' && spec.type === 'array') {
		const entry = (i) => ({ name: `e${i}`, description: 'd', element_input_urls: [link(1), link(2)] });
		if (spec.maxItems !== undefined) add(`${spec.maxItems + 1} entries`, JSON.stringify(Array.from({ length: spec.maxItems + 1 }, (_, i) => entry(i))));
		for (const [key, item] of Object.entries(spec.items.fields ?? {})) {
			if (!item.required) continue;
			const { [key]: _dropped, ...rest } = entry(0);
			add(`an entry without ${key}`, JSON.stringify([rest]));
		}
	}
	return attempts;
}

const fieldOfKey = (model, key) => kieFields(model).find(([, use]) => use.key === key);
const labelOfKey = (model, key) => FIELDS[fieldOfKey(model, key)[0]].label;
const matchesFixed = (model, condition) => Object.entries(condition).every(([key, value]) => (model.fixedInput ?? {})[key] === value || (key === 'model' && model.model === value));
const fixedMismatch = (model, condition) => Object.entries(condition).some(([key, value]) => key in (model.fixedInput ?? {}) && model.fixedInput[key] !== value);

/** How the form meets each rule kind: attempts that must be refused, or why it cannot be reached. */
const RULE_ATTEMPTS = {
	requiredWhen: (model, { if: when, require }) => {
		if (fixedMismatch(model, when)) return { unreachable: 'the preset fixes another mode' };
		return { attempts: require.map((key) => ({ what: `${key} left empty`, label: labelOfKey(model, key), parameters: { [FIELDS[fieldOfKey(model, key)[0]].param]: FIELDS[fieldOfKey(model, key)[0]].type === 'shots' ? {} : EMPTY } })) };
	},
	atLeastOne: (model, keys) => ({
		attempts: [{ what: `none of ${keys.join(', ')}`, label: labelOfKey(model, keys[0]), parameters: Object.fromEntries(keys.map((key) => [FIELDS[fieldOfKey(model, key)[0]].param, EMPTY])) }],
	}),
	exclusive: (model, keys) => {
		const offered = keys.filter((key) => fieldOfKey(model, key));
		expect(offered.length).toBeLessThanOrEqual(1);
		return { unreachable: `the form offers only ${offered.join('') || 'none'} of ${keys.join(', ')}` };
	},
	forbid: (model, { if: when, then, present }) => {
		if (present) {
			// The form must not offer the condition's value where the forbidden field can be given.
			const [[key, value]] = Object.entries(when);
			const [name, use] = fieldOfKey(model, key);
			expect(use.options.map((option) => option.value)).not.toContain(value);
			return { attempts: [{ what: `${key} ${value} with ${present}`, label: FIELDS[name].label, parameters: { [FIELDS[name].param]: `={{ "${value}" }}` } }] };
		}
		const parameters = {};
		for (const [key, value] of Object.entries({ ...when, ...then })) parameters[FIELDS[fieldOfKey(model, key)[0]].param] = value;
		return { attempts: [{ what: `${JSON.stringify(when)} with ${JSON.stringify(then)}`, label: labelOfKey(model, Object.keys(then)[0]), parameters }] };
	},
	maxItemsWhen: (model, { if: when, field, max }) => {
		if (!matchesFixed(model, when)) return { unreachable: 'the preset fixes another mode' };
		return { attempts: [{ what: `${max + 1} ${field}`, label: labelOfKey(model, field), parameters: { [FIELDS[fieldOfKey(model, field)[0]].param]: links(max + 1) } }] };
	},
	countWhen: (model, { if: when, field, max }) => {
		if (!matchesFixed(model, when)) return { unreachable: 'the preset fixes another generation type' };
		return { attempts: [{ what: `${max + 1} ${field}`, label: labelOfKey(model, field), parameters: { [FIELDS[fieldOfKey(model, field)[0]].param]: links(max + 1) } }] };
	},
	onlyWhen: (model, { if: when, allow }) => {
		if (!matchesFixed(model, when)) return { unreachable: 'the preset fixes another generation type' };
		const attempts = [];
		for (const [key, values] of Object.entries(allow)) {
			if (key === 'model') {
				expect(values).toContain(model.model);
				continue;
			}
			const found = values.length && fieldOfKey(model, key);
			if (!found) continue;
			const bad = contractFor(model.model).fields[key].enum.find((value) => !values.includes(value));
			attempts.push({ what: `${key} ${bad}`, label: FIELDS[found[0]].label, parameters: { [FIELDS[found[0]].param]: `={{ "${bad}" }}` } });
		}
		return { attempts };
	},
};

describe('every limit and rule kie.ai states is checked before sending, or out of the form\'s reach', () => {
	test('every rule kind has its way through the form', () => {
		expect(Object.keys(RULE_ATTEMPTS).sort()).toEqual([...RULE_KINDS].sort());
	});

	test.each(kiePresets.map((model) => [model.id, model]))('%s', async (_id, model) => {
		serveRetired(model);
		const contract = contractFor(model.model);
		const attempts = kieFields(model).flatMap(([name, use]) => fieldAttempts(model, name, use, contract.fields[use.key]));
		for (const rule of contract.rules ?? []) {
			const [kind, args] = Object.entries(rule)[0];
			const outcome = RULE_ATTEMPTS[kind](model, args);
			attempts.push(...(outcome.attempts ?? []));
		}
		expect(attempts.length).toBeGreaterThan(0);
		const base = requiredParameters(model);
		for (const attempt of attempts) {
			const result = await create(model, { ...base, ...attempt.parameters });
			expect({ attempt: attempt.what, error: result.error?.name, message: result.error?.message }).toEqual({
				attempt: attempt.what,
				error: 'NodeOperationError',
				message: expect.stringContaining(`Item 1: "`),
			});
			expect({ attempt: attempt.what, namesField: result.error.message.includes(attempt.label) }).toEqual({ attempt: attempt.what, namesField: true });
		}
		expect(sim.stats.tasksCreated).toBe(0);
		expect(sim.stats.requests['kie.create'] ?? 0).toBe(0);
	});
});
