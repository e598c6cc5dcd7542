/**
 * Runs a workflow file the way GitHub does, on this machine: jobs in `needs` order, matrix legs,
 * `if:` conditions, `with:` and `outputs:` evaluated from `${{ }}` expressions, each local action
 * (`uses: ./actions/<name>`) as its bundled dist in a child process. The demo reads the real
 * workflow, so it cannot drift from it. What it cannot run is an error, never skipped: an unknown
 * third-party action, an expression it cannot evaluate, a matrix it cannot expand.
 * Three steps are stood in for, and the log says so: actions/checkout (the workspace is already the
 * checkout), actions/setup-node (the runner's node) and aws-actions/configure-aws-credentials, which
 * does what the real action does: it gets the job's OIDC token (only with `id-token: write`), with
 * the claims GitHub would put in it, from the local issuer, and exchanges it for a role session
 * through the emulator's STS. No step gets AWS credentials any other way. Each must pin the release
 * third-party-actions.ts records and pass only inputs that release declares.
 *
 * This file orchestrates; the parts are: job-graph.ts (needs order, matrix legs), run-context.ts
 * (contexts, environment, identity), step-runner.ts (one step), concurrency.ts (groups) and
 * workflow-types.ts (the shapes).
 */
import { parse } from 'yaml';
import { grantsIdToken } from './configure-credentials.js';
import { concurrencyKey } from './concurrency.js';
import { condition, type Contexts } from './expressions.js';
import type { JobIdentity } from './github-token.js';
import { expandMatrix, jobOrder, legHeading, legName, needsContext } from './job-graph.js';
import {
  callInputs,
  callOutputs,
  permissionProblems,
  resolveWorkflow,
} from './reusable-workflows.js';
import {
  calledWorkflowOf,
  githubContext,
  interpolateMap,
  jobEnvironment,
  jobIdentity,
  runnerEnvironment,
  workflowInputs,
} from './run-context.js';
import { runStep } from './step-runner.js';
import {
  WorkflowRunError,
  type Job,
  type JobResult,
  type Json,
  type RunWorkflowOptions,
  type StepsContext,
  type Workflow,
  type WorkflowResult,
} from './workflow-types.js';

export { ConcurrencyGroups } from './concurrency.js';
export { expandMatrix, jobOrder } from './job-graph.js';
export { dispatchInputs } from './run-context.js';
export {
  WorkflowRunError,
  type OidcSetup,
  type RunWorkflowOptions,
  type StepReport,
  type WorkflowEvent,
  type WorkflowResult,
} from './workflow-types.js';

/** One run of a workflow file: its options, the parsed file, and what every job starts from. */
interface Run {
  opts: RunWorkflowOptions;
  wf: Workflow;
  result: WorkflowResult;
  github: Record<string, Json>;
  inputs: Record<string, Json>;
  baseEnv: Record<string, string>;
  prefix: string;
}

export async function runWorkflow(opts: RunWorkflowOptions): Promise<WorkflowResult> {
  const wf = parse(opts.workflowText) as Workflow;
  const jobs = wf.jobs ?? {};
  const run: Run = {
    opts,
    wf,
    result: { success: true, steps: [], jobs: {} },
    github: githubContext(opts),
    inputs: workflowInputs(wf, opts),
    baseEnv: runnerEnvironment(opts),
    prefix: opts.jobPrefix ?? '',
  };
  for (const jobName of jobOrder(jobs)) {
    const job = jobs[jobName]!;
    const done = await runJobOrSkip(run, jobName, job);
    run.result.jobs[jobName] = done;
    run.result.success &&= done.result === 'success' || done.result === 'skipped';
  }
  return run.result;
}

async function runJobOrSkip(run: Run, jobName: string, job: Job): Promise<JobResult> {
  const { needs, allSucceeded } = needsContext(job, run.result.jobs);
  const jobCtx: Contexts = { github: run.github, inputs: run.inputs, vars: run.opts.vars, needs };
  if (!condition(job.if, jobCtx, { success: allSucceeded })) {
    run.opts.onLine?.(`── job ${jobName}: skipped (if: ${job.if ?? 'success()'})`);
    return { result: 'skipped', outputs: {} };
  }
  return job.uses
    ? runCalledWorkflow(run, jobName, job as Job & { uses: string }, jobCtx)
    : runJob(run, jobName, job, jobCtx);
}

/** A job that calls a reusable workflow: its permissions checked, then the workflow run as a whole. */
async function runCalledWorkflow(
  run: Run,
  jobName: string,
  job: Job & { uses: string },
  jobCtx: Contexts,
): Promise<JobResult> {
  const { opts, prefix } = run;
  const called = resolveWorkflow(job.uses, opts.workspace, opts.upstream);
  const problems = permissionProblems(job.permissions ?? run.wf.permissions, called.doc);
  if (problems.length) throw new WorkflowRunError(`${prefix}${jobName}: ${problems.join(' ')}`);
  const given = callInputs(called.doc.on?.workflow_call?.inputs, job.with, jobCtx);
  opts.onLine?.(`── job ${prefix}${jobName}: calls ${job.uses}`);
  const sub = await runWorkflow({
    ...opts,
    workflowText: called.text,
    callInputs: given,
    jobPrefix: `${prefix}${jobName} / `,
    calledWorkflow: calledWorkflowOf(job.uses),
  });
  run.result.steps.push(...sub.steps);
  const cancelled = Object.values(sub.jobs).some((j) => j.result === 'cancelled');
  return {
    result: sub.success ? 'success' : cancelled ? 'cancelled' : 'failure',
    outputs: callOutputs(called.doc, sub.jobs),
  };
}

/** A job of steps, as its legs and steps see it. */
interface JobRun {
  run: Run;
  jobName: string;
  job: Job;
  jobCtx: Contexts;
  identity: JobIdentity;
  idTokenWrite: boolean;
}

/** A job of steps: each matrix leg in turn; its outputs from the legs that succeeded. */
async function runJob(run: Run, jobName: string, job: Job, jobCtx: Contexts): Promise<JobResult> {
  const environment = jobEnvironment(job, jobCtx);
  if (environment) {
    run.opts.onLine?.(
      `── job ${jobName}: environment '${environment}' approved (the demo has no reviewers to wait for)`,
    );
  }
  const jr: JobRun = {
    run,
    jobName,
    job,
    jobCtx,
    identity: jobIdentity(run.opts, run.wf, environment),
    idTokenWrite: grantsIdToken(run.wf.permissions, job.permissions),
  };
  const legs = expandMatrix(job.strategy?.matrix, jobCtx);
  let jobOk = true;
  let cancelled = false;
  let outputs: Record<string, string> = {};
  for (const matrix of legs) {
    run.opts.onLine?.(legHeading(jobName, matrix, legs.length));
    const leg = await runLeg(jr, matrix);
    if (leg === 'cancelled') {
      jobOk = false;
      cancelled = true;
      continue;
    }
    jobOk &&= leg.ok;
    const ctx: Contexts = { ...jobCtx, matrix, steps: leg.steps as unknown as Json };
    // As on GitHub, a matrix job's outputs are those of the leg that set them last.
    if (leg.ok) outputs = { ...outputs, ...interpolateMap(job.outputs, ctx, { success: true }) };
  }
  return { result: jobOk ? 'success' : cancelled ? 'cancelled' : 'failure', outputs };
}

/** One leg: admitted by its concurrency group (or cancelled while waiting), then its steps in order. */
async function runLeg(
  jr: JobRun,
  matrix: Record<string, Json>,
): Promise<{ ok: boolean; steps: StepsContext } | 'cancelled'> {
  const { opts } = jr.run;
  const group = concurrencyKey(jr.job, { ...jr.jobCtx, matrix });
  if (group !== undefined && opts.concurrency && !(await opts.concurrency.enter(group))) {
    opts.onLine?.(
      `── job ${jr.jobName}: cancelled while waiting in concurrency group '${group}' (a newer run is queued)`,
    );
    return 'cancelled';
  }
  try {
    return await runSteps(jr, matrix);
  } finally {
    if (group !== undefined) opts.concurrency?.leave(group);
  }
}

async function runSteps(
  { run, jobName, job, jobCtx, identity, idTokenWrite }: JobRun,
  matrix: Record<string, Json>,
): Promise<{ ok: boolean; steps: StepsContext }> {
  const steps: StepsContext = {};
  let ok = true;
  let env: Record<string, string> = { ...run.baseEnv };
  for (const [i, step] of (job.steps ?? []).entries()) {
    const label = step.name ?? step.id ?? step.uses ?? `step ${i + 1}`;
    const done = await runStep({
      opts: run.opts,
      jobName,
      label,
      step,
      ctx: { ...jobCtx, matrix, steps: steps as unknown as Json, env },
      env,
      declaredEnv: { ...run.wf.env, ...job.env },
      legOk: ok,
      identity,
      idTokenWrite,
    });
    ok &&= done.passed;
    if (done.recorded && step.id) steps[step.id] = done.recorded;
    if (done.env) env = done.env;
    // `uses` without its @ref: what the step runs, whichever release pins it.
    const uses = step.uses?.split('@')[0];
    const report = { job: `${run.prefix}${jobName}`, leg: legName(matrix), step: label, uses };
    const full = { ...report, ...done.outcome };
    run.result.steps.push(full);
    run.opts.onStep?.(full);
  }
  return { ok, steps };
}
