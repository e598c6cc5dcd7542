/**
 * Scenario 1: AWS misbehaves the way it does on a bad day: 20 % of calls throttled and 5 % answered
 * with a 5xx (each service's own codes: ThrottlingException, Throttling, RequestLimitExceeded,
 * InternalServerError, ServiceUnavailable...), half of them delayed. The full chain of a first push
 * must still end in the correct state: the SDK's retries (and ours, where the SDK does not retry)
 * absorb every fault. The figure: faults injected, all absorbed.
 */
import type { FaultRule } from '../local-aws/faults.js';
import { checkRelease } from './release-checks.js';
import { Checks, type ScenarioResult } from './scenario.js';
import { createWorld } from './world.js';

export const BAD_DAY: FaultRule[] = [
  { kind: 'throttle', probability: 0.2 },
  { kind: 'internal', probability: 0.025 },
  { kind: 'unavailable', probability: 0.025 },
  { kind: 'latency', probability: 0.5, latencyMs: 20 },
];

export async function faultsScenario(
  seed: number,
  log?: (l: string) => void,
): Promise<ScenarioResult> {
  const c = new Checks();
  const world = await createWorld({ seed });
  try {
    // Faults from here on: the long-lived stacks are the platform team's, created before.
    for (const rule of BAD_DAY) world.env.aws.admin.addFault(rule);
    const calls0 = world.calls();
    const t0 = Date.now();
    const failed: string[] = [];
    const r = await world.run(world.env.workspace.commit('first push under faults'), {
      log,
      onStep: (s) => {
        if (s.outcome === 'failure') failed.push(`${s.step}: ${errors(s.log)}`);
      },
    });
    c.check(r.success, 'the workflow succeeded under 20 % throttling and 5 % 5xx', () =>
      failed.join('; '),
    );
    world.env.aws.admin.clearFaults();
    checkRelease(c, await world.endState(), {
      ssmVersions: 1,
      builds: 1,
      components: { 'apache-install': 1, 'apache-test': 1 },
      recipes: 1,
      stackVersion: '1',
      stackUpdates: 0,
    });
    const injected = world.env.aws.admin.injected();
    c.figure('calls', world.calls() - calls0);
    c.figure('throttled', injected['throttle'] ?? 0);
    c.figure('5xx', (injected['internal'] ?? 0) + (injected['unavailable'] ?? 0));
    c.figure('delayed', injected['latency'] ?? 0);
    c.figure(
      'retriesAbsorbed',
      r.success
        ? (injected['throttle'] ?? 0) + (injected['internal'] ?? 0) + (injected['unavailable'] ?? 0)
        : 0,
    );
    c.figure('seconds', (Date.now() - t0) / 1000);
  } finally {
    await world.close();
  }
  return c.result(`faults seed ${seed}`);
}

/** The `::error::` lines of a step's log, for a problem's detail. */
export function errors(log: string): string {
  return log
    .split('\n')
    .filter((l) => l.includes('::error'))
    .join(' | ')
    .slice(0, 600);
}
