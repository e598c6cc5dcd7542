/**
 * What a workflow run sees, pure: the `github` and `inputs` contexts, the runner's environment, a
 * job's environment and OIDC identity, and `${{ }}` maps (`env:`, `with:`, `outputs:`) evaluated.
 */
import { interpolate, type Contexts, type JobStatus } from './expressions.js';
import type { JobIdentity } from './github-token.js';
import type { Job, Json, RunWorkflowOptions, Workflow } from './workflow-types.js';

/** The `github` context of every job of the run. */
export function githubContext(opts: RunWorkflowOptions): Record<string, Json> {
  return {
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
}

/** The `inputs` context: a called workflow's inputs, a dispatch's, or none. */
export function workflowInputs(wf: Workflow, opts: RunWorkflowOptions): Record<string, Json> {
  if (opts.callInputs) return opts.callInputs;
  return opts.event.name === 'workflow_dispatch'
    ? dispatchInputs(wf.on?.workflow_dispatch?.inputs, opts.event.payload.inputs)
    : {};
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

/** The environment every step starts from: the runner machine's, and GitHub's default variables. */
export function runnerEnvironment(opts: RunWorkflowOptions): Record<string, string> {
  return {
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
}

/** The job's `environment:` (a name or `{ name, url }`), its expressions evaluated. */
export function jobEnvironment(job: Job, ctx: Contexts): string | undefined {
  const raw = typeof job.environment === 'object' ? job.environment?.name : job.environment;
  return raw ? interpolate(String(raw), ctx) : undefined;
}

/** Who a job is to GitHub's OIDC issuer: the claims its token carries. */
export function jobIdentity(
  opts: RunWorkflowOptions,
  wf: Workflow,
  environment: string | undefined,
): JobIdentity {
  const called = opts.calledWorkflow;
  return {
    repository: opts.oidc.repository,
    workflowPath: opts.workflowPath,
    ...(called && 'path' in called ? { jobWorkflowPath: called.path } : {}),
    ...(called && 'ref' in called ? { jobWorkflowRef: called.ref } : {}),
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
}

/**
 * Where a called workflow's jobs are defined, as GitHub names it in their tokens' job_workflow_ref:
 * `./.github/workflows/x.yml` is this repository's file at the run's ref; `owner/repo/…/x.yml@v1.0.0`
 * is another repository's at that ref, expanded to `refs/tags/…` (a SHA stays as it is).
 */
export function calledWorkflowOf(uses: string): { path: string } | { ref: string } {
  if (uses.startsWith('./')) return { path: uses.slice(2).split('@')[0]! };
  const [file, ref = ''] = uses.split('@');
  const full = /^[0-9a-f]{40}$/.test(ref) || ref.startsWith('refs/') ? ref : `refs/tags/${ref}`;
  return { ref: `${file}@${full}` };
}

/** A mapping of `${{ }}` templates (`env:`, `with:`, `outputs:`) evaluated to strings. */
export function interpolateMap(
  map: Record<string, unknown> | undefined,
  ctx: Contexts,
  status: JobStatus,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {}))
    out[k] = interpolate(v === null || v === undefined ? '' : String(v), ctx, status);
  return out;
}
