/**
 * npm run iam-audit [-- --fix] [--only Sid,...]: every grant of the stacks' roles, proven needed
 * or flagged. Runs the pipeline's scenarios (first push, component change, rollback, DR drill, a
 * failed build) in this process against the emulator with the full roles, then audits each
 * granted action (audit.ts), and prints the table role × action → the step that needs it.
 * `--fix` deletes the flagged grants from stacks/ (commit that on its own, saying why).
 * Exits 1 when a scenario fails with the full roles or a grant is flagged (so CI can hold it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEnvironment } from '../demo/environment.js';
import { auditGrant, restore, snapshot, type GrantResult } from './audit.js';
import { codeCalls } from './code-calls.js';
import { stacksGrants } from './grants.js';
import { withoutGrants } from './remove-grant.js';
import { renderTable } from './render.js';
import { runScenario, SCENARIOS, type ScenarioRun } from './scenarios.js';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;
const out = (line = '') => process.stdout.write(`${line}\n`);
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<number> {
  const started = Date.now();
  const fix = process.argv.includes('--fix');
  const only = arg('--only')?.split(',');
  // Builds a quarter of their usual length at 600×: well under a second each, every phase still
  // seen. A removed grant that fails a parent's build leaves its child waiting out
  // parent-timeout-minutes (150): 15 s at this speed.
  const env = await createEnvironment({
    repoRoot: REPO_ROOT,
    timeWarp: 600,
    emulator: { seed: 10, timeScale: 0.25 },
  });
  try {
    out('iam-audit: the pipeline scenarios with the full roles');
    const before = [];
    const runs: ScenarioRun[] = [];
    for (const s of SCENARIOS) {
      before.push(snapshot(env));
      const run = await runScenario(env, s);
      runs.push(run);
      out(
        `  ${run.ok ? '✓' : '✗'} ${s.name} (${(run.ms / 1000).toFixed(1)} s)${run.ok ? '' : `: ${run.problem}`}`,
      );
    }
    const fullMs = runs.reduce((a, r) => a + r.ms, 0);
    if (runs.some((r) => !r.ok)) {
      out(
        'a scenario fails with the full roles: fix that first (the AccessDenied hint says which statement)',
      );
      return 1;
    }
    const grants = stacksGrants(REPO_ROOT).filter((g) => !only || only.includes(g.sid));
    out(`\niam-audit: ${grants.length} granted actions, each removed in turn`);
    const ctx = {
      codeCalls: codeCalls(REPO_ROOT),
      env,
      repoRoot: REPO_ROOT,
      scenarios: SCENARIOS,
      before,
      runs,
      grants: stacksGrants(REPO_ROOT),
    };
    const results: GrantResult[] = [];
    for (const g of grants) {
      const r = await auditGrant(ctx, g);
      results.push(r);
      out(
        `  ${r.verdict.kind === 'needed' ? '✓' : '·'} ${g.role} ${g.action} (${g.sid}): ${r.verdict.kind} (${(r.ms / 1000).toFixed(1)} s)`,
      );
    }
    restore(env, before[0]!);
    out();
    out(renderTable(results));
    // Flagged: what the scenarios prove unneeded. Not judged offline: kept, and said so.
    const flagged = results.filter((r) =>
      ['unused', 'redundant', 'not-needed'].includes(r.verdict.kind),
    );
    const unjudged = results.filter((r) =>
      ['not-exercised', 'untested-path'].includes(r.verdict.kind),
    );
    const reruns = results.filter((r) =>
      ['needed', 'not-needed', 'fails-otherwise'].includes(r.verdict.kind),
    ).length;
    out(
      `\n${results.length - flagged.length - unjudged.length} needed, ${flagged.length} flagged, ${unjudged.length} not judged offline; full run ${(fullMs / 1000).toFixed(1)} s, ${reruns} grants re-run, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (fix && flagged.length) {
      for (const file of [...new Set(flagged.map((r) => r.grant.file))]) {
        const path = join(REPO_ROOT, file);
        const mine = flagged.filter((r) => r.grant.file === file).map((r) => r.grant);
        writeFileSync(path, withoutGrants(readFileSync(path, 'utf8'), file, mine));
        out(
          `removed ${mine.length} grant(s) from ${file}: ${mine.map((g) => `${g.action} (${g.sid})`).join(', ')}`,
        );
      }
      out('then: npx tsx scripts/iam-audit/gen-grants.ts, and commit the removal on its own');
    }
    return flagged.length ? 1 : 0;
  } finally {
    await env.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `iam-audit failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
