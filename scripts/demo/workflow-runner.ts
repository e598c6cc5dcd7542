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
 */
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import type { Clock } from '../../actions/lib/core/clock.js';
import {
  configureAwsCredentials,
  CredentialsError,
  grantsIdToken,
} from './configure-credentials.js';
import { condition, evaluate, interpolate, type Contexts, type JobStatus } from './expressions.js';
import {
  githubTokenClaims,
  type GitHubTokenClaims,
  type JobIdentity,
  type RepositoryIdentity,
} from './github-token.js';
import { runAction, type ActionRun } from './run-action.js';
import { checkPinnedStep, PINNED_ACTIONS } from './third-party-actions.js';
import {
  callInputs,
  callOutputs,
  permissionProblems,
  resolveActionDir,
  resolveWorkflow,
  type Upstream,
} from './reusable-workflows.js';

type Json = Contexts[string];

export interface StepReport {
  job: string;
  leg: string;
  step: string;
  uses?: string;
  outcome: 'success' | 'failure' | 'skipped' | 'stand-in';
  ms: number;
  outputs: Record<string, string>;
  summary: string;
  log: string;
}

export interface WorkflowEvent {
  name: 'push' | 'workflow_dispatch' | 'schedule' | 'pull_request';
  payload: Record<string, Json>;
  /** File the payload is written to (GITHUB_EVENT_PATH). */
  path: string;
}

/** GitHub's side of OIDC for the runner: who the repository is, and the issuer that signs tokens. */
export interface OidcSetup {
  repository: RepositoryIdentity;
  /** Signs a token with these claims (the local issuer's keys). */
  mint(claims: GitHubTokenClaims): string | Promise<string>;
  /** Who triggered the runs (`actor`, `actor_id`). */
  actor?: { login: string; id: string };
}

export interface RunWorkflowOptions {
  workflowText: string;
  /** Path of the workflow in the repository (`.github/workflows/x.yml`): workflow_ref, job_workflow_ref. */
  workflowPath: string;
  workspace: string;
  event: WorkflowEvent;
  vars: Record<string, string>;
  github: { repository: string; sha: string; runId: string; ref: string };
  /** The AWS endpoint the jobs reach (AWS_ENDPOINT_URL) and its clock (token times, SigV4 dates). */
  aws: { endpoint: string; clock?: Clock };
  oidc: OidcSetup;
  /** Concurrency groups shared with the other runs in flight (GitHub's are per repository). */
  concurrency?: ConcurrencyGroups;
  /** The runner machine's own environment, given to every step. */
  runnerEnv?: Record<string, string>;
  onStep?: (report: StepReport) => void;
  onLine?: (line: string) => void;
  /** Extra environment for one local action step (the chaos suite's fault preloads); merged last. */
  stepEnv?: (step: {
    job: string;
    step: string;
    uses: string;
  }) => Record<string, string> | undefined;
  /** GITHUB_RUN_ATTEMPT (a re-run keeps the run id and bumps the attempt); default 1. */
  runAttempt?: number;
  /**
   * The repository `owner/repo/actions/x@ref` steps and `owner/repo/.github/workflows/x.yml@ref`
   * jobs come from (this checkout, as a consumer gets it); see reusable-workflows.ts.
   */
  upstream?: Upstream;
  /** Set when this workflow runs as a called (reusable) workflow: its `inputs` context. */
  callInputs?: Record<string, Json>;
  /** Prefix of job names in reports: the calling job (`pipeline / `). */
  jobPrefix?: string;
  /**
   * The file that defines this (called) workflow's jobs, for their tokens' job_workflow_ref: a path
   * in this repository, or `owner/repo/.github/workflows/x.yml@refs/...` of another repository.
   */
  calledWorkflow?: { path: string } | { ref: string };
}

export interface WorkflowResult {
  success: boolean;
  steps: StepReport[];
  jobs: Record<
    string,
    { result: 'success' | 'failure' | 'skipped' | 'cancelled'; outputs: Record<string, string> }
  >;
}

interface Step {
  'continue-on-error'?: unknown;
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: unknown;
}
interface Job {
  environment?: string | { name?: string };
  concurrency?: string | { group?: string; 'cancel-in-progress'?: unknown };
  needs?: string | string[];
  if?: unknown;
  /** A reusable workflow this job calls, with its inputs. */
  uses?: string;
  with?: Record<string, unknown>;
  permissions?: string | Record<string, string>;
  strategy?: { matrix?: unknown };
  outputs?: Record<string, string>;
  steps?: Step[];
  env?: Record<string, unknown>;
}

/**
 * GitHub's concurrency groups across the runs that share this object: in a group at most one job
 * runs and one waits; a job that arrives while another waits cancels the waiting one
 * (docs: "Control the concurrency of workflows and jobs", cancel-in-progress false).
 */
export class ConcurrencyGroups {
  private groups = new Map<string, { busy: boolean; waiting?: (admitted: boolean) => void }>();

  /** Resolves true when the job may run, false when a newer job cancelled it while it waited. */
  enter(key: string): Promise<boolean> {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { busy: false }));
    if (!g.busy) {
      g.busy = true;
      return Promise.resolve(true);
    }
    g.waiting?.(false);
    return new Promise((resolve) => (g.waiting = resolve));
  }

  leave(key: string): void {
    const g = this.groups.get(key);
    if (!g) return;
    const next = g.waiting;
    g.waiting = undefined;
    if (next) next(true);
    else g.busy = false;
  }
}

/** The group a job leg belongs to, if any; cancel-in-progress: true is not modelled (an error). */
function concurrencyKey(job: Job, ctx: Contexts): string | undefined {
  if (job.concurrency === undefined) return undefined;
  const spec = typeof job.concurrency === 'string' ? { group: job.concurrency } : job.concurrency;
  const cancel = spec['cancel-in-progress'];
  if (cancel !== undefined && cancel !== false && String(cancel) !== 'false') {
    throw new WorkflowRunError(
      'concurrency with cancel-in-progress: true is not modelled by the demo runner',
    );
  }
  return interpolate(String(spec.group ?? ''), ctx);
}

export class WorkflowRunError extends Error {
  override name = 'WorkflowRunError';
}

/** Jobs in an order where every job comes after the jobs it needs. */
export function jobOrder(jobs: Record<string, Job>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, from?: string) => {
    if (!jobs[name])
      throw new WorkflowRunError(
        `job '${from}' needs '${name}', which is not a job of this workflow`,
      );
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw new WorkflowRunError(`jobs need each other in a cycle through '${name}'`);
    state.set(name, 'visiting');
    for (const n of needsOf(jobs[name]!)) visit(n, name);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name);
  return order;
}

function needsOf(job: Job): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** Matrix legs: a `${{ fromJSON(...) }}` or a mapping, with `include` entries and/or axes. */
export function expandMatrix(matrix: unknown, contexts: Contexts): Record<string, Json>[] {
  if (matrix === undefined) return [{}];
  const value =
    typeof matrix === 'string'
      ? evaluate(matrix.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim(), contexts)
      : (matrix as Json);
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new WorkflowRunError(`strategy.matrix is not a mapping: ${JSON.stringify(value)}`);
  const { include, exclude, ...axes } = value as Record<string, Json>;
  if (exclude !== undefined)
    throw new WorkflowRunError('strategy.matrix.exclude is not supported by the demo runner');
  let legs: Record<string, Json>[] = [{}];
  for (const [axis, values] of Object.entries(axes)) {
    if (!Array.isArray(values)) throw new WorkflowRunError(`matrix axis '${axis}' is not a list`);
    legs = legs.flatMap((leg) => values.map((v) => ({ ...leg, [axis]: v })));
  }
  const includes = Array.isArray(include) ? (include as Record<string, Json>[]) : [];
  if (Object.keys(axes).length === 0) return includes;
  return [...legs, ...includes];
}

const STAND_INS: Record<string, string> = Object.fromEntries(
  PINNED_ACTIONS.map((p) => [p.action, p.standIn]),
);

function interpolateMap(
  map: Record<string, unknown> | undefined,
  ctx: Contexts,
  status: JobStatus,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {}))
    out[k] = interpolate(v === null || v === undefined ? '' : String(v), ctx, status);
  return out;
}

/** The `inputs` context of a dispatch: the values given, else the workflow's defaults (as GitHub does). */
export function dispatchInputs(
  declared: Record<string, { default?: Json }> | undefined,
  given: Json | undefined,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, spec] of Object.entries(declared ?? {}))
    if (spec?.default !== undefined) out[k] = spec.default;
  if (given && typeof given === 'object' && !Array.isArray(given)) Object.assign(out, given);
  return out;
}

/**
 * Where a called workflow's jobs are defined, as GitHub names it in their tokens' job_workflow_ref:
 * `./.github/workflows/x.yml` is this repository's file at the run's ref; `owner/repo/…/x.yml@v1.0.0`
 * is another repository's at that ref, expanded to `refs/tags/…` (a SHA stays as it is).
 */
function calledWorkflowOf(uses: string): { path: string } | { ref: string } {
  if (uses.startsWith('./')) return { path: uses.slice(2).split('@')[0]! };
  const [file, ref = ''] = uses.split('@');
  const full = /^[0-9a-f]{40}$/.test(ref) || ref.startsWith('refs/') ? ref : `refs/tags/${ref}`;
  return { ref: `${file}@${full}` };
}

/** The job's `environment:` (a name or `{ name, url }`), its expressions evaluated. */
function jobEnvironment(job: Job, ctx: Contexts): string | undefined {
  const raw = typeof job.environment === 'object' ? job.environment?.name : job.environment;
  return raw ? interpolate(String(raw), ctx) : undefined;
}

let tokenCounter = 0;

/** The credentials stand-in for one step: the job's token, then STS; a failure as its log. */
async function assumeJobRole(
  opts: RunWorkflowOptions,
  identity: JobIdentity,
  idTokenWrite: boolean,
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

export async function runWorkflow(opts: RunWorkflowOptions): Promise<WorkflowResult> {
  const actionDir = (uses: string | undefined) =>
    uses ? resolveActionDir(uses, opts.workspace, opts.upstream) : undefined;
  const wf = parse(opts.workflowText) as {
    name?: string;
    on?: { workflow_dispatch?: { inputs?: Record<string, { default?: Json }> } };
    jobs?: Record<string, Job>;
    env?: Record<string, unknown>;
    permissions?: string | Record<string, string>;
  };
  const jobs = wf.jobs ?? {};
  const result: WorkflowResult = { success: true, steps: [], jobs: {} };
  const github = {
    event_name: opts.event.name,
    event: opts.event.payload,
    repository: opts.github.repository,
    sha: opts.github.sha,
    ref: opts.github.ref,
    run_id: opts.github.runId,
    run_attempt: String(opts.runAttempt ?? 1),
    workspace: opts.workspace,
    server_url: 'https://github.com',
  };
  const inputs =
    opts.callInputs ??
    (opts.event.name === 'workflow_dispatch'
      ? dispatchInputs(wf.on?.workflow_dispatch?.inputs, opts.event.payload.inputs)
      : {});
  const prefix = opts.jobPrefix ?? '';
  const baseEnv: Record<string, string> = {
    ...opts.runnerEnv,
    GITHUB_EVENT_NAME: opts.event.name,
    GITHUB_EVENT_PATH: opts.event.path,
    GITHUB_REPOSITORY: opts.github.repository,
    GITHUB_SHA: opts.github.sha,
    GITHUB_REF: opts.github.ref,
    GITHUB_RUN_ID: opts.github.runId,
    GITHUB_RUN_ATTEMPT: String(opts.runAttempt ?? 1),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
  };

  for (const jobName of jobOrder(jobs)) {
    const job = jobs[jobName]!;
    const needs: Record<string, Json> = {};
    for (const n of needsOf(job))
      needs[n] = { result: result.jobs[n]!.result, outputs: result.jobs[n]!.outputs };
    const jobCtx: Contexts = { github, inputs, vars: opts.vars, needs };
    const needsOk = needsOf(job).every((n) => result.jobs[n]!.result === 'success');
    if (!condition(job.if, jobCtx, { success: needsOk })) {
      result.jobs[jobName] = { result: 'skipped', outputs: {} };
      opts.onLine?.(`── job ${jobName}: skipped (if: ${job.if ?? 'success()'})`);
      continue;
    }
    if (job.uses) {
      const called = resolveWorkflow(job.uses, opts.workspace, opts.upstream);
      const problems = permissionProblems(job.permissions ?? wf.permissions, called.doc);
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
      result.steps.push(...sub.steps);
      const cancelled = Object.values(sub.jobs).some((j) => j.result === 'cancelled');
      result.jobs[jobName] = {
        result: sub.success ? 'success' : cancelled ? 'cancelled' : 'failure',
        outputs: callOutputs(called.doc, sub.jobs),
      };
      result.success &&= sub.success;
      continue;
    }
    const environment = jobEnvironment(job, jobCtx);
    if (environment) {
      opts.onLine?.(
        `── job ${jobName}: environment '${environment}' approved (the demo has no reviewers to wait for)`,
      );
    }
    const identity: JobIdentity = {
      repository: opts.oidc.repository,
      workflowPath: opts.workflowPath,
      ...(opts.calledWorkflow && 'path' in opts.calledWorkflow
        ? { jobWorkflowPath: opts.calledWorkflow.path }
        : {}),
      ...(opts.calledWorkflow && 'ref' in opts.calledWorkflow
        ? { jobWorkflowRef: opts.calledWorkflow.ref }
        : {}),
      workflowName: wf.name ?? opts.workflowPath,
      eventName: opts.event.name,
      ref: opts.github.ref,
      sha: opts.github.sha,
      environment,
      runId: opts.github.runId,
      runAttempt: opts.runAttempt ?? 1,
      actor: opts.oidc.actor?.login ?? 'platform-engineer',
      actorId: opts.oidc.actor?.id ?? '1000001',
    };
    const idTokenWrite = grantsIdToken(wf.permissions, job.permissions);
    const legs = expandMatrix(job.strategy?.matrix, jobCtx);
    let jobOk = true;
    let cancelled = false;
    let outputs: Record<string, string> = {};
    for (const matrix of legs) {
      const leg = Object.keys(matrix).length ? JSON.stringify(matrix) : '';
      opts.onLine?.(
        `── job ${jobName}${legs.length > 1 || leg ? ` (${(matrix as Record<string, Json>).target ?? (matrix as Record<string, Json>).image ?? leg})` : ''}`,
      );
      const group = concurrencyKey(job, { ...jobCtx, matrix });
      if (group !== undefined && opts.concurrency && !(await opts.concurrency.enter(group))) {
        opts.onLine?.(
          `── job ${jobName}: cancelled while waiting in concurrency group '${group}' (a newer run is queued)`,
        );
        jobOk = false;
        cancelled = true;
        continue;
      }
      const steps: Record<string, { outputs: Record<string, string>; outcome: string }> = {};
      let legOk = true;
      try {
        let env: Record<string, string> = { ...baseEnv };
        for (const [i, step] of (job.steps ?? []).entries()) {
          const ctx: Contexts = { ...jobCtx, matrix, steps: steps as unknown as Json, env };
          const label = step.name ?? step.id ?? step.uses ?? `step ${i + 1}`;
          const report = (r: Omit<StepReport, 'job' | 'leg' | 'step' | 'uses'>) => {
            // `uses` without its @ref: what the step runs, whichever release pins it.
            const uses = step.uses?.split('@')[0];
            const full = { job: `${prefix}${jobName}`, leg, step: label, uses, ...r };
            result.steps.push(full);
            opts.onStep?.(full);
          };
          if (!condition(step.if, ctx, { success: legOk })) {
            report({ outcome: 'skipped', ms: 0, outputs: {}, summary: '', log: '' });
            continue;
          }
          const stepEnv = {
            ...env,
            ...interpolateMap({ ...wf.env, ...job.env, ...step.env }, ctx, { success: legOk }),
          };
          const withValues = interpolateMap(step.with, ctx, { success: legOk });
          const uses = step.uses?.split('@')[0];
          let run: ActionRun;
          if (uses && STAND_INS[uses]) {
            const problems = checkPinnedStep(step.uses!, Object.keys(step.with ?? {}));
            if (problems.length)
              throw new WorkflowRunError(`${jobName} › ${label}: ${problems.join('; ')}`);
            if (uses === 'aws-actions/configure-aws-credentials') {
              if (!withValues['aws-region'])
                throw new WorkflowRunError(
                  `${jobName} › ${label}: aws-region evaluated to '' (is the variable set?)`,
                );
              const t0 = Date.now();
              const got = await assumeJobRole(opts, identity, idTokenWrite, withValues);
              if ('error' in got) {
                legOk = false;
                if (step.id) steps[step.id] = { outputs: {}, outcome: 'failure' };
                report({
                  outcome: 'failure',
                  ms: Date.now() - t0,
                  outputs: {},
                  summary: '',
                  log: got.error,
                });
                continue;
              }
              env = { ...env, AWS_ENDPOINT_URL: opts.aws.endpoint, ...got.env };
              report({
                outcome: 'stand-in',
                ms: Date.now() - t0,
                outputs: {},
                summary: '',
                log: `${STAND_INS[uses]!}: ${got.arn}`,
              });
              continue;
            }
            report({ outcome: 'stand-in', ms: 0, outputs: {}, summary: '', log: STAND_INS[uses]! });
            continue;
          } else if (actionDir(step.uses)) {
            run = await runAction({
              actionDir: actionDir(step.uses)!,
              inputs: withValues,
              cwd: opts.workspace,
              env: {
                ...stepEnv,
                ...opts.stepEnv?.({ job: jobName, step: label, uses: uses! }),
              },
              onStdout: (chunk) =>
                chunk
                  .split('\n')
                  .filter((l) => l && !l.startsWith('::debug'))
                  .forEach((l) => opts.onLine?.(`   ${l}`)),
            });
          } else if (step.run !== undefined) {
            const t0 = Date.now();
            const r = spawnSync('bash', ['-e', '-c', interpolate(step.run, ctx)], {
              cwd: opts.workspace,
              env: { PATH: process.env.PATH, ...stepEnv },
              encoding: 'utf8',
            });
            run = {
              code: r.status ?? 1,
              stdout: r.stdout,
              stderr: r.stderr,
              outputs: {},
              summary: '',
              ms: Date.now() - t0,
            };
          } else {
            throw new WorkflowRunError(
              `${jobName} › ${label}: the demo cannot run '${step.uses}' (only ./actions/*, ${opts.upstream?.repository ?? 'upstream'}/actions/*, run:, and the stood-in actions)`,
            );
          }
          const ok = run.code === 0;
          // continue-on-error: the step's outcome is failure, the job goes on (its conclusion).
          const continueOnError = String(step['continue-on-error'] ?? false) === 'true';
          legOk &&= ok || continueOnError;
          if (step.id)
            steps[step.id] = { outputs: run.outputs, outcome: ok ? 'success' : 'failure' };
          report({
            outcome: ok ? 'success' : 'failure',
            ms: run.ms,
            outputs: run.outputs,
            summary: run.summary,
            log: run.stdout + run.stderr,
          });
        }
      } finally {
        if (group !== undefined) opts.concurrency?.leave(group);
      }
      jobOk &&= legOk;
      const ctx: Contexts = { ...jobCtx, matrix, steps: steps as unknown as Json };
      // As on GitHub, a matrix job's outputs are those of the leg that set them last.
      if (legOk) outputs = { ...outputs, ...interpolateMap(job.outputs, ctx, { success: true }) };
    }
    result.jobs[jobName] = {
      result: jobOk ? 'success' : cancelled ? 'cancelled' : 'failure',
      outputs,
    };
    result.success &&= jobOk;
  }
  return result;
}
