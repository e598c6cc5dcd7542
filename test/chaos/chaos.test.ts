/**
 * The chaos suite at small seeds (scripts/chaos; `npm run chaos -- --runs 50` runs it large): the
 * real workflow over the emulator, every action as its bundle, under faults, crashes, races,
 * contained failures and bad input. Each scenario prints what it checked and what it measured.
 */
import { describe, expect, it } from '@jest/globals';
import { containedScenario } from '../../scripts/chaos/contained.js';
import { crashScenario } from '../../scripts/chaos/crash.js';
import { faultsScenario } from '../../scripts/chaos/faults.js';
import { fuzzScenario } from '../../scripts/chaos/fuzz.js';
import { quickSuccession, sameCommitRace } from '../../scripts/chaos/races.js';
import { render, type ScenarioResult } from '../../scripts/chaos/scenario.js';

function report(r: ScenarioResult): ScenarioResult {
  process.stdout.write(`${render(r)}\n`);
  return r;
}

describe('chaos', () => {
  it.each([7, 11])(
    'faults: 20 %% throttling, 5 %% 5xx, latency → the correct end state (seed %i)',
    async (seed) => {
      const r = report(await faultsScenario(seed));
      expect(r.problems).toEqual([]);
    },
    60_000,
  );

  it('crash: killed after the k-th AWS call of each action, a re-run converges (sampled k)', async () => {
    const r = report(await crashScenario({ seed: 3, sample: 2, when: ['after'] }));
    expect(r.problems).toEqual([]);
    expect(r.figures['crashPoints']).toBeGreaterThanOrEqual(7);
  }, 150_000);

  // Both runs start a build (neither sees the other's when it lists); build-image then keeps the
  // lowest build number and the later run cancels its own and attaches (start-build.ts).
  it('races: two runs of the same commit started together → one build', async () => {
    const r = report(await sameCommitRace(5));
    expect(r.problems).toEqual([]);
  }, 60_000);

  it('races: two commits in quick succession → the later one is deployed', async () => {
    const r = report(await quickSuccession(5));
    expect(r.problems).toEqual([]);
  }, 60_000);

  it('failures stay contained: failed build, missing DR AMI, failed stack update', async () => {
    const r = report(await containedScenario(9));
    expect(r.problems).toEqual([]);
  }, 90_000);

  it('bad input never crashes: fuzzed documents, definitions and action inputs', async () => {
    const r = report(await fuzzScenario(13, 6));
    expect(r.problems).toEqual([]);
  }, 90_000);
});
