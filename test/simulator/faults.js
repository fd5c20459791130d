'use strict';

const { PROVIDERS } = require('./options');

const ROUTES = ['create', 'query', 'credit', 'file', 'upload', 'extend', 'veo4k', 'downloadUrl'];
const ACTIONS = ['code', 'rateLimit', 'delay', 'reset', 'resetMidBody', 'malformed', 'html', 'empty'];

function validateRule(rule) {
	if (rule === null || typeof rule !== 'object') throw new Error('fault rule must be an object');
	const { provider, route, taskId, times, action } = rule;
	if (provider !== undefined && !PROVIDERS.includes(provider)) throw new Error(`fault: unknown provider "${provider}"`);
	if (route !== undefined && !ROUTES.includes(route)) throw new Error(`fault: unknown route "${route}"`);
	if (taskId !== undefined && typeof taskId !== 'string') throw new Error('fault: taskId must be a string');
	if (times !== undefined && !(Number.isInteger(times) && times > 0)) {
		throw new Error('fault: times must be a positive integer');
	}
	if (!action || !ACTIONS.includes(action.type)) {
		throw new Error(`fault: action.type must be one of ${ACTIONS.join(', ')}`);
	}
	if (action.type === 'code' && !(Number.isInteger(action.code) && action.code >= 100 && action.code <= 999)) {
		throw new Error('fault: code action needs an integer code (100-999)');
	}
	if (action.type === 'delay' && !(typeof action.ms === 'number' && action.ms >= 0)) {
		throw new Error('fault: delay action needs ms >= 0');
	}
	if (action.type === 'delay' && action.then !== undefined) validateRule({ action: action.then });
	for (const k of ['status']) {
		if (action[k] !== undefined && !(Number.isInteger(action[k]) && action[k] >= 100 && action[k] <= 999)) {
			throw new Error(`fault: ${k} must be an HTTP status`);
		}
	}
}

/** Fault rules, checked in insertion order; the first match wins and uses up one of its `times`. */
class Faults {
	constructor() {
		this.rules = [];
		this.nextId = 1;
	}

	add(rule) {
		validateRule(rule);
		const id = `fault-${this.nextId++}`;
		this.rules.push({ id, ...rule, action: { ...rule.action }, hits: 0 });
		return id;
	}

	remove(id) {
		const before = this.rules.length;
		this.rules = this.rules.filter((r) => r.id !== id);
		return this.rules.length !== before;
	}

	clear() {
		this.rules = [];
	}

	match({ provider, route, taskId }) {
		const index = this.rules.findIndex(
			(r) =>
				(r.provider === undefined || r.provider === provider) &&
				(r.route === undefined || r.route === route) &&
				(r.taskId === undefined || r.taskId === taskId),
		);
		if (index < 0) return null;
		const rule = this.rules[index];
		rule.hits++;
		if (rule.times !== undefined && rule.hits >= rule.times) this.rules.splice(index, 1);
		return rule;
	}

	list() {
		return this.rules.map((r) => ({ ...r, action: { ...r.action } }));
	}
}

module.exports = { Faults, validateRule };
