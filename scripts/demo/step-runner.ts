/**
 * One step of a job leg, as the GitHub runner runs it: its `if:`, its `env:` and `with:` evaluated,
 * then a stand-in (checkout, setup-node, configure-aws-credentials), a local action's bundled dist
 * in a child process, or a `run:` script in bash. Returns what the step did; the leg (in
 * workflow-runner.ts) records it.
 */
import { spawnSync } from 'node:child_process';
import { configureAwsCredentials, CredentialsError } from './configure-credentials.js';
import { condition, interpolate, type Contexts } from './expressions.js';
import { githubTokenClaims, type JobIdentity } from './github-token.js';
import { resolveActionDir } from './reusable-workflows.js';
import { runAction, type ActionRun } from './run-action.js';
import { interpolateMap } from './run-context.js';
import { checkPinnedStep, PINNED_ACTIONS } from './third-party-actions.js';
import {
  WorkflowRunError,
  type RunWorkflowOptions,
  type Step,
  type StepOutcome,
} from './workflow-types.js';

const STAND_INS: Record<string, string> = Object.fromEntries(
  PINNED_ACTIONS.map((p) => [p.action, p.standIn]),
);

export interface StepCall {
  opts: RunWorkflowOptions;
  jobName: string;
  /** The step's name in reports and errors. */
  label: string;
  step: Step;
  /** The contexts the step's expressions see (`matrix`, `steps`, `env` included). */
  ctx: Contexts;
  /** The leg's environment so far (the runner's, and credentials set by earlier steps). */
  env: Record<string, string>;
  /** The workflow's and the job's `env:`, merged, still unevaluated. */
  declaredEnv: Record<string, unknown>;
  /** Whether every earlier step of the leg succeeded. */
  legOk: boolean;
  /** For the credentials stand-in: the job's token claims and whether it may have a token. */
  identity: JobIdentity;
  idTokenWrite: boolean;
}

export interface StepDone {
  outcome: StepOutcome;
  /** False when the step fails its leg. */
  passed: boolean;
  /** The step's `steps.<id>` entry, when it records one. */
  recorded?: { outputs: Record<string, string>; outcome: 'success' | 'failure' };
  /** The leg's environment from here on, when the step changes it. */
  env?: Record<string, string>;
}

const QUIET = { outputs: {}, summary: '' };

export async function runStep(call: StepCall): Promise<StepDone> {
  const { step, ctx } = call;
  const status = { success: call.legOk };
  if (!condition(step.if, ctx, status))
    return { outcome: { outcome: 'skipped', ms: 0, ...QUIET, log: '' }, passed: true };
  const env = {
    ...call.env,
    ...interpolateMap({ ...call.declaredEnv, ...step.env }, ctx, status),
  };
  const inputs = interpolateMap(step.with, ctx, status);
  const uses = step.uses?.split('@')[0];
  if (uses && STAND_INS[uses]) return standIn(call, uses, inputs);
  return finished(step, await execute(call, uses, env, inputs));
}

/** A stood-in third-party action: checked against its pinned release, then done in-process. */
async function standIn(
  call: StepCall,
  uses: string,
  inputs: Record<string, string>,
): Promise<StepDone> {
  const { step, jobName, label } = call;
  const problems = checkPinnedStep(step.uses!, Object.keys(step.with ?? {}));
  if (problems.length) throw new WorkflowRunError(`${jobName} › ${label}: ${problems.join('; ')}`);
  if (uses !== 'aws-actions/configure-aws-credentials')
    return {
      outcome: { outcome: 'stand-in', ms: 0, ...QUIET, log: STAND_INS[uses]! },
      passed: true,
    };
  if (!inputs['aws-region'])
    throw new WorkflowRunError(
      `${jobName} › ${label}: aws-region evaluated to '' (is the variable set?)`,
    );
  const t0 = Date.now();
  const got = await assumeJobRole(call, inputs);
  const ms = Date.now() - t0;
  if ('error' in got) {
    return {
      outcome: { outcome: 'failure', ms, ...QUIET, log: got.error },
      passed: false,
      recorded: step.id ? { outputs: {}, outcome: 'failure' } : undefined,
    };
  }
  return {
    outcome: { outcome: 'stand-in', ms, ...QUIET, log: `${STAND_INS[uses]!}: ${got.arn}` },
    passed: true,
    env: { ...call.env, AWS_ENDPOINT_URL: call.opts.aws.endpoint, ...got.env },
  };
}

let tokenCounter = 0;

/** The credentials stand-in: the job's token from the local issuer, then STS; a failure as its log. */
async function assumeJobRole(
  { opts, identity, idTokenWrite }: StepCall,
  inputs: Record<string, string>,
): Promise<{ env: Record<string, string>; arn: string } | { error: string }> {
  try {
    const got = await configureAwsCredentials({
      inputs,
      idTokenWrite,
      endpoint: opts.aws.endpoint,
      clock: opts.aws.clock,
      idToken: (audience) =>
        opts.oidc.mint(
          githubTokenClaims(identity, {
            audience,
            nowSeconds: (opts.aws.clock?.now() ?? Date.now()) / 1000,
            jti: `demo-${identity.runId}-${++tokenCounter}`,
          }),
        ),
    });
    for (const line of got.lines) opts.onLine?.(`   ${line}`);
    return { env: got.env, arn: got.assumedRoleArn };
  } catch (e) {
    if (!(e instanceof CredentialsError)) throw e;
    return { error: [...e.lines, `::error::${e.message}`].join('\n') };
  }
}

/** A local action (its bundled dist) or a `run:` script; anything else is an error. */
async function execute(
  call: StepCall,
  uses: string | undefined,
  env: Record<string, string>,
  inputs: Record<string, string>,
): Promise<ActionRun> {
  const { opts, step, jobName, label } = call;
  const actionDir = step.uses
    ? resolveActionDir(step.uses, opts.workspace, opts.upstream)
    : undefined;
  if (actionDir) {
    return runAction({
      actionDir,
      inputs,
      cwd: opts.workspace,
      env: { ...env, ...opts.stepEnv?.({ job: jobName, step: label, uses: uses! }) },
      onStdout: (chunk) =>
        chunk
          .split('\n')
          .filter((l) => l && !l.startsWith('::debug'))
          .forEach((l) => opts.onLine?.(`   ${l}`)),
    });
  }
  if (step.run !== undefined) return runShell(interpolate(step.run, call.ctx), opts.workspace, env);
  throw new WorkflowRunError(
    `${jobName} › ${label}: the demo cannot run '${step.uses}' (only ./actions/*, ${opts.upstream?.repository ?? 'upstream'}/actions/*, run:, and the stood-in actions)`,
  );
}

/** A `run:` step: bash -e, in the workspace, with only PATH from this process's environment. */
function runShell(script: string, cwd: string, env: Record<string, string>): ActionRun {
  const t0 = Date.now();
  const r = spawnSync('bash', ['-e', '-c', script], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return {
    code: r.status ?? 1,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: {},
    summary: '',
    ms: Date.now() - t0,
  };
}

/** A step that ran: its outcome; with continue-on-error a failure does not fail the leg. */
function finished(step: Step, run: ActionRun): StepDone {
  const ok = run.code === 0;
  const continueOnError = String(step['continue-on-error'] ?? false) === 'true';
  return {
    outcome: {
      outcome: ok ? 'success' : 'failure',
      ms: run.ms,
      outputs: run.outputs,
      summary: run.summary,
      log: run.stdout + run.stderr,
    },
    passed: ok || continueOnError,
    recorded: step.id ? { outputs: run.outputs, outcome: ok ? 'success' : 'failure' } : undefined,
  };
}
