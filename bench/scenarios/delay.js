'use strict';

/**
 * Scenario 1, delay against cost. Tasks of about 20 s, 60 s and 180 s run side by side, each
 * waited for by the node's default adaptive polling and by fixed polling at 30 s, 10 s and 3 s
 * (Wait Until Done, one execution per task, so "the node returned" is that task's moment).
 * Every mode gets the same set of task durations and its own credential id, so the modes
 * never share a rate limit (the node paces per provider + credential).
 *
 * Wait Mode "Callback" runs beside them: Create with Wait for Completion pauses each execution
 * (n8n-core's putExecutionToWait), the simulator's callback resumes it through the harness's
 * waiting-webhook server, and the node confirms the task with one query (the default).
 */

const { createSimulator } = require('../../test/simulator');
const { runSoraNode, TEXT } = require('../lib/sora');
const { startWaitingServer } = require('../../test/harness');
const { seededRandom, mean, max, round } = require('../lib/util');

const SEED = 20_260_505;

function modes(scale) {
	const fixed = (seconds) => ({
		id: `fixed${seconds}`,
		label: scale === 1 ? `fixed ${seconds} s` : `fixed ${seconds} s (×${round(scale, 2)}: ${round(seconds * scale, 2)} s)`,
		waitOptions: { pollingMode: 'fixed', pollInterval: seconds * scale },
	});
	return [{ id: 'adaptive', label: 'adaptive (default)', waitOptions: {} }, fixed(30), fixed(10), fixed(3)];
}

/** The same durations for every mode: each class ±10 %, from a fixed seed. */
function taskDurations({ classesS, perClass, scale }) {
	const random = seededRandom(SEED);
	const out = [];
	for (const seconds of classesS) {
		for (let i = 0; i < perClass; i++) {
			out.push({ classS: seconds, durationMs: Math.round(seconds * scale * 1000 * (0.9 + 0.2 * random())) });
		}
	}
	return out;
}

function summarise(rows) {
	const delays = rows.map((r) => r.delayMs / 1000);
	return {
		tasks: rows.length,
		meanDelayS: round(mean(delays)),
		maxDelayS: round(max(delays)),
		meanQueries: round(mean(rows.map((r) => r.queries))),
		failed: rows.filter((r) => r.status !== 'succeeded').length,
	};
}

async function run({ quick, log }) {
	const scale = quick ? 1 / 3 : 1;
	const config = { classesS: [20, 60, 180], perClass: quick ? 3 : 5, scale };
	const durations = taskDurations(config);
	const sim = await createSimulator({ taskDurationMs: 1000 });
	const started = Date.now();
	try {
		const plan = [];
		// Create each mode's tasks in one run of the node (its own credential id), then wait for
		// every task in its own execution, all at once.
		for (const mode of modes(scale)) {
			for (const d of durations) sim.setNextTask({ durationMs: d.durationMs });
			const created = await runSoraNode(sim, {
				credentialId: `bench-${mode.id}`,
				parameters: TEXT,
				items: durations.map((_, i) => ({ json: { i } })),
			});
			if (created.error) throw new Error(`creating tasks for ${mode.id} failed: ${created.error.message}`);
			for (const item of created.items) {
				const task = sim.getTask(item.json.taskId);
				plan.push({ mode, taskId: task.taskId, durationMs: task.endAt - task.createTime });
			}
		}
		// The creates of one mode reach the simulator in any order; map each task back to its class.
		for (const p of plan) {
			const d = durations.find((x) => x.durationMs === p.durationMs);
			p.classS = d ? d.classS : null;
		}
		// Callback mode: each execution creates its task and pauses; the callback resumes it.
		const waiting = await startWaitingServer();
		const callbackRuns = [];
		for (const d of durations) {
			sim.setNextTask({ durationMs: d.durationMs });
			const paused = await runSoraNode(sim, {
				credentialId: 'bench-callback',
				parameters: { ...TEXT, waitForCompletion: true, waitMode: 'callback', waitOptions: { timeout: 3600 } },
				urls: { webhookWaitingBaseUrl: waiting.baseUrl },
			});
			if (paused.status !== 'waiting') throw new Error(`callback mode did not pause: ${paused.error?.message ?? paused.status}`);
			const record = waiting.park(paused);
			const resumed = waiting.nextResume(record.executionId, 30 * 60_000);
			resumed.catch(() => {});
			callbackRuns.push({ classS: d.classS, taskId: paused.items[0].json.taskId, resumed });
		}
		log(`  ${plan.length + callbackRuns.length} tasks created (${durations.length} per mode); waiting for all of them at once…`);

		const rows = await Promise.all(
			plan.map(async (p) => {
				const result = await runSoraNode(sim, {
					credentialId: `bench-${p.mode.id}`,
					parameters: { operation: 'waitUntilDone', taskId: p.taskId, waitOptions: p.mode.waitOptions },
				});
				const task = sim.getTask(p.taskId);
				return {
					mode: p.mode.id,
					classS: p.classS,
					taskId: p.taskId,
					durationMs: p.durationMs,
					status: result.error ? 'error' : result.items?.[0]?.json?.status,
					error: result.error?.message,
					delayMs: result.nodeEndedAt - task.endAt,
					queries: sim.stats.perTask[p.taskId].queries,
				};
			}),
		);

		const callbackRows = await Promise.all(
			callbackRuns.map(async (c) => {
				const resumed = await c.resumed;
				const own = resumed.run?.data?.resultData?.runData?.['Sora Video']?.at(-1);
				const task = sim.getTask(c.taskId);
				const item = resumed.node('Sora Video').items?.[0];
				return {
					mode: 'callback',
					classS: c.classS,
					taskId: c.taskId,
					durationMs: task.endAt - task.createTime,
					status: item?.json?.status ?? 'error',
					error: item?.json?.error?.message,
					delayMs: (own ? own.startTime + own.executionTime : Date.now()) - task.endAt,
					queries: sim.stats.perTask[c.taskId].queries,
				};
			}),
		);
		rows.push(...callbackRows);

		const byMode = {};
		const callbackMode = { id: 'callback', label: 'callback (confirmed, no polling)', waitOptions: {} };
		for (const mode of [...modes(scale), callbackMode]) {
			const own = rows.filter((r) => r.mode === mode.id);
			byMode[mode.id] = {
				label: mode.label,
				pollIntervalS: mode.waitOptions.pollInterval ? round(mode.waitOptions.pollInterval) : null,
				all: summarise(own),
				byClass: Object.fromEntries(
					config.classesS.map((c) => [`${c}s`, summarise(own.filter((r) => r.classS === c))]),
				),
			};
		}
		const adaptive = byMode.adaptive.all;
		const ratios = {
			adaptiveMeanDelayOverFixed30: round(adaptive.meanDelayS / byMode.fixed30.all.meanDelayS),
			adaptiveQueriesOverFixed3: round(adaptive.meanQueries / byMode.fixed3.all.meanQueries),
			adaptiveMeanDelayOverFixed10: round(adaptive.meanDelayS / byMode.fixed10.all.meanDelayS),
			adaptiveQueriesOverFixed10: round(adaptive.meanQueries / byMode.fixed10.all.meanQueries),
			callbackMeanDelayOverFixed30: round(byMode.callback.all.meanDelayS / byMode.fixed30.all.meanDelayS),
			callbackQueriesOverFixed3: round(byMode.callback.all.meanQueries / byMode.fixed3.all.meanQueries),
		};
		return {
			config: {
				taskClassesS: config.classesS.map((c) => round(c * scale, 2)),
				tasksPerClassPerMode: config.perClass,
				durationJitter: '±10 %, seeded',
				seed: SEED,
				timeScale: round(scale),
				provider: 'kie',
			},
			byMode,
			ratios,
			maxQueriesPerSecondAllModes: sim.maxInWindow('kie.query', 1000),
			responses429: sim.stats.responses429,
			wallS: round((Date.now() - started) / 1000, 1),
			tasks: rows.map((r) => ({ ...r, delayMs: Math.round(r.delayMs) })),
		};
	} finally {
		await sim.close();
	}
}

module.exports = { run, taskDurations, modes };
