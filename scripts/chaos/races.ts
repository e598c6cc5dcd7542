/**
 * Scenario 3: races. Two runs of the same commit started together (two pushes delivered twice, a
 * dispatch next to a push) must produce one build; two commits in quick succession must end with
 * the later one deployed. The demo's runner does not queue by `concurrency:` groups, so the runs
 * really overlap: the actions' own idempotency (clientToken, attach) is what is tested.
 */
import { checkRelease } from './release-checks.js';
import { Checks, type ScenarioResult } from './scenario.js';
import { changeComponent, createWorld, DR, PRIMARY } from './world.js';

export async function sameCommitRace(seed: number): Promise<ScenarioResult> {
  const c = new Checks();
  const world = await createWorld({ seed });
  try {
    const push = world.env.workspace.commit('first push, delivered twice');
    const [a, b] = await Promise.all([world.run(push), world.run(push)]);
    c.check(a.success && b.success, 'both runs succeeded');
    const s = await world.endState();
    const builds = s.builds.filter((x) => x.status !== 'CANCELLED');
    c.check(builds.length === 1, 'one build for the two runs', () => JSON.stringify(s.builds));
    c.check(
      s.recipes === 1 && s.components['apache-install'] === 1 && s.components['apache-test'] === 1,
      'one version of each component and of the recipe',
      () => JSON.stringify(s),
    );
    for (const region of [PRIMARY, DR]) {
      const v = s.ssm[region] ?? [];
      c.check(
        v.length > 0 && v.every((x) => x.amiAvailable),
        `SSM ${region}: every version points at an AVAILABLE AMI`,
        () => JSON.stringify(v),
      );
      c.check(
        new Set(v.map((x) => x.value)).size === 1,
        `SSM ${region}: all versions hold the one AMI built`,
        () => JSON.stringify(v),
      );
    }
    const latest = s.ssm[PRIMARY]?.at(-1)?.version;
    c.check(
      s.stack.status.endsWith('_COMPLETE') &&
        !s.stack.status.includes('ROLLBACK') &&
        s.stack.version === String(latest),
      `the stack runs the latest SSM version (${latest})`,
      () => JSON.stringify(s.stack),
    );
    c.figure('builds', builds.length);
    c.figure('ssmVersions', s.ssm[PRIMARY]?.length ?? 0);
  } finally {
    await world.close();
  }
  return c.result(`race: same commit twice, seed ${seed}`);
}

export async function quickSuccession(seed: number): Promise<ScenarioResult> {
  const c = new Checks();
  const world = await createWorld({ seed });
  try {
    const first = await world.run(world.env.workspace.commit('first release'));
    c.check(first.success, 'the first release succeeded');
    changeComponent(world, 'A');
    const pushA = world.env.workspace.commit('change A');
    changeComponent(world, 'B');
    const pushB = world.env.workspace.commit('change B');
    const runA = world.run(pushA);
    await new Promise((r) => setTimeout(r, 300));
    const runB = world.run(pushB);
    const [a, b] = await Promise.all([runA, runB]);
    c.check(b.success, 'the later run succeeded');
    c.figure('earlierRunSucceeded', a.success ? 1 : 0);
    const s = await world.endState();
    const deployed = s.ssm[PRIMARY]?.find((v) => String(v.version) === s.stack.version);
    const commitB = String(pushB.after).slice(0, 7);
    c.check(
      Boolean(deployed?.labels.includes(`commit-${commitB}`)),
      `the stack runs the later commit's AMI (commit-${commitB})`,
      () => JSON.stringify({ stack: s.stack, deployed }),
    );
    c.check(
      s.builds.filter((x) => x.status === 'AVAILABLE').length >= 2,
      'the later commit was built',
      () => JSON.stringify(s.builds),
    );
    c.figure('builds', s.builds.length);
    c.figure('stackVersion', Number(s.stack.version));
    void checkRelease;
  } finally {
    await world.close();
  }
  return c.result(`race: two commits in quick succession, seed ${seed}`);
}
