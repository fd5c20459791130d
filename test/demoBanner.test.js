'use strict';

const { demoBanner } = require('../scripts/demoBanner');

const facts = {
	version: '1.123.81',
	nodeVersion: 'v20.20.0',
	editorUrl: 'http://127.0.0.1:5678',
	owner: { email: 'demo@example.com', password: 'SoraVideo-demo-1' },
	simUrl: 'http://127.0.0.1:8790',
	taskSeconds: 20,
	hook: 'http://127.0.0.1:5678/webhook/x/callback',
	readySeconds: 42,
};

test.each([
	['without a login note', undefined],
	['with a login note', '(could not log in as the demo owner: 401)'],
])('the demo banner has no empty lines, %s', (_, loginNote) => {
	const lines = demoBanner({ ...facts, loginNote }).split('\n');
	expect(lines.filter((line) => line.trim() === '')).toEqual([]);
	expect(lines.join('\n')).toContain('Login:     demo@example.com');
	if (loginNote) expect(lines.some((line) => line.includes(loginNote))).toBe(true);
});
