/**
 * npm run demo: the whole pipeline, offline, on a fresh clone. Starts the local AWS emulator, creates
 * the long-lived stacks from stacks/, then runs a consumer repository (docs/consumer-example/ and
 * the sample components/) whose workflows call the reusable workflows of .github/workflows, step
 * by step, each action as its bundled dist/index.js in a child process:
 *   1. a first push to main: the hardened base is built, then the web server on base's new AMI
 *      (and Windows alongside), each architecture, published to SSM in both regions, deployed;
 *   2. a web-only change: only web is rebuilt, on base's published AMI; a new version is deployed;
 *   3. a base component change: base is rebuilt, then web on base's new AMI, in that order;
 *   4. the rollback workflow: the stack goes back to the previous version, with no SSM write;
 *   then the scan gate: a critical finding blocks a rebuild, a committed exception lets it through.
 * It checks each outcome and exits non-zero if any step or check fails.
 */
import {
  createEnvironment,
  DR,
  PRIMARY,
  runPipelineWorkflow,
  type PipelineEnvironment,
} from './environment.js';
import { legName } from './fleet-checks.js';
import {
  baseChange,
  firstPush,
  release,
  rollBack,
  webOnlyChange,
  type FleetTools,
} from './fleet-scenarios.js';
import { stepLine, terminalSummary } from './render.js';
import { scanGateScenario } from './scan-gate-scenario.js';
import type { WorkflowResult } from './workflow-runner.js';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;
// 600× compresses a 16-minute build into ~1.6 s: the fleet's first push alone builds five targets.
const TIME_WARP = Number(process.env.DEMO_TIME_WARP_FACTOR ?? 600);
const verbose = process.argv.includes('--verbose');
const out = (line = '') => process.stdout.write(`${line}\n`);

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  out(`   ${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures.push(what);
}

async function run(
  env: PipelineEnvironment,
  title: string,
  workflow: string,
  name: 'push' | 'workflow_dispatch',
  payload: Record<string, unknown>,
): Promise<WorkflowResult> {
  out();
  out(`▶ ${title}`);
  out(`  .github/workflows/${workflow} (${name})`);
  const t0 = Date.now();
  const result = await runPipelineWorkflow(
    env,
    workflow,
    { name, payload: payload as never },
    {
      onLine: (line) => {
        if (line.startsWith('──')) out(`  ${line}`);
        else if (
          verbose ||
          /::error|::warning|^\s+(State|Step|\[|BUILDING|TESTING|AVAILABLE|FAILED)/.test(line)
        )
          out(`  ${line.replace(/::(error|warning)[^:]*::/, '$1: ').replace(/%0A/g, '\n     ')}`);
      },
      onStep: (s) => {
        const label = `${s.job}${s.leg ? ` [${legName(s)}]` : ''} › ${s.step}`;
        out(stepLine(s.outcome, label, s.ms, s.outcome === 'stand-in' ? s.log : ''));
        if (s.summary.trim()) out(terminalSummary(s.summary));
        if (s.outcome === 'failure' && !verbose)
          out(
            s.log
              .split('\n')
              .filter((l) => /::error/.test(l))
              .map((l) => `   ${l.replace(/%0A/g, '\n     ')}`)
              .join('\n'),
          );
      },
    },
  );
  out(`  ${result.success ? 'succeeded' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

async function main(): Promise<number> {
  const started = Date.now();
  out('imagebuilder-gitops demo: the whole pipeline, offline, against a local AWS emulator');
  const env = await createEnvironment({
    repoRoot: REPO_ROOT,
    timeWarp: TIME_WARP,
    log: (l) => out(`  ${l}`),
  });
  try {
    out(
      `  emulator ${env.aws.endpoint} (primary ${PRIMARY}, DR ${DR}); time runs ${TIME_WARP}× faster, so a build of ~20 minutes takes seconds`,
    );
    out(`  scratch repository ${env.workspace.dir}`);
    const t: FleetTools = {
      out,
      run: (title, name, payload) => run(env, title, 'image-pipeline.yml', name, payload),
      check,
      stackVersion: async () => (await release(env)).stackVersion,
    };
    const first = await firstPush(env, t);
    await webOnlyChange(env, t, first);
    await baseChange(env, t, first);
    await rollBack(env, t, (title, payload) =>
      run(env, title, 'rollback.yml', 'workflow_dispatch', payload),
    );
    await scanGateScenario(env, t);
  } finally {
    await env.close();
  }
  return verdict(started);
}

/** The last line: every check that did not hold, or what the demo showed; the exit code. */
function verdict(started: number): number {
  out();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    out(
      `demo FAILED in ${seconds} s: ${failures.length} check(s) did not hold: ${failures.join('; ')}`,
    );
    return 1;
  }
  out(
    `demo passed in ${seconds} s: built base then web on its new AMI (and Windows), published in two regions, deployed pinned, rebuilt only what changed (web alone; base then web), rolled back, blocked a vulnerable image until an exception was committed.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
