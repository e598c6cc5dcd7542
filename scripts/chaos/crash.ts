/**
 * Scenario 2: the runner dies at every step. From a released first version, a component change is
 * pushed; an uninterrupted run gives the reference end state and how many AWS calls each action
 * makes. Then, for each action and each k, the same push starts from the same state, the action's
 * process is SIGKILLed at its k-th AWS call (crash-preload.mjs: before the request, or after its
 * response), and the whole workflow is re-run as GitHub re-runs it: the same run id, attempt 2.
 * The end state must equal the uninterrupted one: one build of the new recipe version, one new
 * version of the changed component and the recipe, one new SSM version per region, the stack
 * updated once.
 */
import { join } from 'node:path';
import { checkRelease, type Expected } from './release-checks.js';
import { Checks, prng, type ScenarioResult } from './scenario.js';
import { changeComponent, createWorld, REPO_ROOT } from './world.js';

export const CRASHABLE = ['build-image', 'wait-image', 'publish-ami', 'deploy-stack'] as const;

export interface CrashOptions {
  seed: number;
  /** Crash points per action: 'all', or at most this many (first, last and seeded picks between). */
  sample: 'all' | number;
  when?: ('before' | 'after')[];
  log?: (line: string) => void;
}

export const EXPECTED_SECOND: Expected = {
  ssmVersions: 2,
  builds: 2,
  components: { 'apache-install': 2, 'apache-test': 1 },
  recipes: 2,
  stackVersion: '2',
  stackUpdates: 1,
};

export function pick(n: number, sample: 'all' | number, random: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i + 1);
  if (sample === 'all' || n <= sample) return all;
  const chosen = new Set([1, n]);
  while (chosen.size < sample) chosen.add(1 + Math.floor(random() * n));
  return [...chosen].sort((a, b) => a - b);
}

export async function crashScenario(opts: CrashOptions): Promise<ScenarioResult> {
  const c = new Checks();
  const random = prng(opts.seed);
  const world = await createWorld({ seed: opts.seed });
  const t0 = Date.now();
  try {
    const first = await world.run(world.env.workspace.commit('first release'));
    if (!c.check(first.success, 'the first release succeeded'))
      return c.result(`crash seed ${opts.seed}`);
    changeComponent(world, `seed-${opts.seed}`);
    const push = world.env.workspace.commit('apache-install: one more command');
    const released = world.snapshot();

    // The uninterrupted run: the reference, and each action's calls.
    const perAction: Record<string, number> = {};
    let mark = world.calls();
    const clean = await world.run(push, {
      onStep: (s) => {
        const now = world.calls();
        const action = s.uses?.split('/').pop();
        if (action) perAction[action] = (perAction[action] ?? 0) + now - mark;
        mark = now;
      },
    });
    c.check(clean.success, 'the uninterrupted run succeeded');
    c.check(
      checkRelease(new Checks(), await world.endState(), EXPECTED_SECOND),
      'the uninterrupted run reached the expected state',
    );
    for (const a of CRASHABLE) c.figure(`calls.${a}`, perAction[a] ?? 0);

    const preload = `--import=${join(REPO_ROOT, 'scripts/chaos/crash-preload.mjs')}`;
    let points = 0;
    let converged = 0;
    for (const action of CRASHABLE) {
      for (const when of opts.when ?? ['after', 'before']) {
        for (const k of pick(perAction[action] ?? 0, opts.sample, random)) {
          world.restore(released);
          const label = `${action} killed ${when} call ${k}`;
          const crashed = await world.run(push, {
            stepEnv: (s) =>
              s.uses.endsWith(`/${action}`)
                ? {
                    NODE_OPTIONS: `${world.env.runnerEnv.NODE_OPTIONS ?? ''} ${preload}`,
                    CHAOS_CRASH_AT: String(k),
                    CHAOS_CRASH_WHEN: when,
                  }
                : undefined,
          });
          const rerun = await world.run(push, { runId: crashed.runId, runAttempt: 2 });
          const sub = new Checks(`${label}, then re-run: `);
          // A k past the calls of this run (polls vary with timing) crashes nothing: still checked.
          if (crashed.success) c.add('notReached', 1);
          sub.check(rerun.success, 'the re-run succeeded', () => failures(rerun));
          const ok = checkRelease(sub, await world.endState(), EXPECTED_SECOND);
          points++;
          if (ok && sub.problems.length === 0) converged++;
          else c.problems.push(...sub.problems);
          opts.log?.(`${ok && sub.problems.length === 0 ? '✓' : '✗'} ${label}`);
        }
      }
    }
    c.check(
      points > 0 && converged === points,
      `every crash point converged after a re-run (${converged}/${points})`,
    );
    c.figure('crashPoints', points);
    c.figure('converged', converged);
    c.figure('seconds', (Date.now() - t0) / 1000);
  } finally {
    await world.close();
  }
  return c.result(`crash seed ${opts.seed}`);
}

function failures(r: { steps: { outcome: string; step: string; log: string }[] }): string {
  return r.steps
    .filter((s) => s.outcome === 'failure')
    .map(
      (s) =>
        `${s.step}: ${s.log
          .split('\n')
          .filter((l) => l.includes('::error'))
          .join(' ')}`,
    )
    .join('; ')
    .slice(0, 800);
}
