/** The end state a release must reach, as checks shared by the scenarios. */
import type { Checks } from './scenario.js';
import { DR, PRIMARY, type EndState } from './world.js';

export interface Expected {
  /** SSM versions each region must hold (the latest is the release). */
  ssmVersions: number;
  /** Builds (images) ever started in the primary region, all AVAILABLE. */
  builds: number;
  /** Versions of each component. */
  components: Record<string, number>;
  recipes: number;
  /** The app stack's AmiParameterVersion and how many stack updates completed. */
  stackVersion: string;
  stackUpdates: number;
}

export function checkRelease(c: Checks, s: EndState, e: Expected): boolean {
  const before = c.problems.length;
  for (const region of [PRIMARY, DR]) {
    const versions = s.ssm[region] ?? [];
    c.check(
      versions.length === e.ssmVersions && versions.at(-1)?.version === e.ssmVersions,
      `SSM ${region}: exactly ${e.ssmVersions} version(s), the latest is ${e.ssmVersions}`,
      () => JSON.stringify(versions.map((v) => v.version)),
    );
    c.check(
      versions.every((v) => v.amiAvailable),
      `SSM ${region}: every version points at an AVAILABLE AMI in ${region}`,
      () => JSON.stringify(versions),
    );
  }
  const built = s.builds.filter((b) => b.status !== 'CANCELLED');
  c.check(
    built.length === e.builds && built.every((b) => b.status === 'AVAILABLE'),
    `${e.builds} build(s), all AVAILABLE`,
    () => JSON.stringify(s.builds),
  );
  c.check(
    JSON.stringify(sorted(s.components)) === JSON.stringify(sorted(e.components)),
    `component versions ${JSON.stringify(sorted(e.components))}`,
    () => JSON.stringify(sorted(s.components)),
  );
  c.check(s.recipes === e.recipes, `${e.recipes} recipe version(s)`, () => String(s.recipes));
  const settled = e.stackUpdates === 0 ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
  c.check(
    s.stack.status === settled && s.stack.version === e.stackVersion,
    `stack ${settled} at AmiParameterVersion ${e.stackVersion}`,
    () => `${s.stack.status} at ${s.stack.version} (${s.stack.reason})`,
  );
  c.check(s.stack.updates === e.stackUpdates, `stack updated ${e.stackUpdates} time(s)`, () =>
    String(s.stack.updates),
  );
  return c.problems.length === before;
}

function sorted(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}
