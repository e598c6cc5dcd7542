/**
 * npm run chaos -- [--runs 50] [--seed 1] [--only faults,crash,races,contained,fuzz] [--crash-sample all|N]
 * The chaos suite at scale: `runs` seeds of the faults scenario (one line per run), then the crash
 * scenario over every crash point (both before a request and after its response), the races, the
 * contained failures and the fuzzing. Prints what each checked and the tally; exits 1 if any run
 * did not end in the correct state.
 */
import { containedScenario } from './contained.js';
import { crashScenario } from './crash.js';
import { faultsScenario } from './faults.js';
import { fuzzScenario } from './fuzz.js';
import { quickSuccession, sameCommitRace } from './races.js';
import { render, type ScenarioResult } from './scenario.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const runs = Number(arg('runs', '50'));
  const seed = Number(arg('seed', '1'));
  const only = arg('only', 'faults,crash,races,contained,fuzz').split(',');
  const sampleArg = arg('crash-sample', 'all');
  const results: ScenarioResult[] = [];
  const t0 = Date.now();

  if (only.includes('faults')) {
    out(`faults: ${runs} runs of a first push under 20 % throttling, 5 % 5xx and added latency`);
    let correct = 0;
    let absorbed = 0;
    for (let i = 0; i < runs; i++) {
      const r = await faultsScenario(seed + i);
      results.push(r);
      if (r.ok) correct++;
      absorbed += r.figures['retriesAbsorbed'] ?? 0;
      const f = r.figures;
      out(
        `  run ${String(i + 1).padStart(3)} seed ${seed + i}: ${r.ok ? 'correct' : 'WRONG  '} calls=${f['calls']} throttled=${f['throttled']} 5xx=${f['5xx']} delayed=${f['delayed']} ${(f['seconds'] ?? 0).toFixed(1)} s${r.ok ? '' : `  ${r.problems.join('; ')}`}`,
      );
    }
    out(`faults tally: runs=${runs} correctEndStates=${correct} retriesAbsorbed=${absorbed}`);
  }
  if (only.includes('crash')) {
    const r = await crashScenario({
      seed,
      sample: sampleArg === 'all' ? 'all' : Number(sampleArg),
      when: ['after', 'before'],
      log: (l) => out(`  ${l}`),
    });
    results.push(r);
    out(render(r));
  }
  if (only.includes('races')) {
    for (const r of [await sameCommitRace(seed), await quickSuccession(seed)]) {
      results.push(r);
      out(render(r));
    }
  }
  if (only.includes('contained')) {
    const r = await containedScenario(seed);
    results.push(r);
    out(render(r));
  }
  if (only.includes('fuzz')) {
    const r = await fuzzScenario(seed, 40);
    results.push(r);
    out(render(r));
  }
  const failed = results.filter((r) => !r.ok);
  out(
    `chaos: ${results.length - failed.length}/${results.length} scenario runs correct in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `chaos failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
