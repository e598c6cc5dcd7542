/**
 * The shapes the demo's workflow runner speaks: what a caller gives it (`RunWorkflowOptions`), what
 * it reports (`StepReport`, `WorkflowResult`), and the parts of a workflow file it reads (`Job`,
 * `Step`). See workflow-runner.ts for what it runs and how.
 */
import type { Clock } from '../../actions/lib/core/clock.js';
import type { ConcurrencyGroups } from './concurrency.js';
import type { Contexts } from './expressions.js';
import type { GitHubTokenClaims, RepositoryIdentity } from './github-token.js';
import type { Upstream } from './reusable-workflows.js';

export type Json = Contexts[string];

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

/** What a step did, before the runner names the job, leg and step it belongs to. */
export type StepOutcome = Omit<StepReport, 'job' | 'leg' | 'step' | 'uses'>;

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

export interface JobResult {
  result: 'success' | 'failure' | 'skipped' | 'cancelled';
  outputs: Record<string, string>;
}

export interface WorkflowResult {
  success: boolean;
  steps: StepReport[];
  jobs: Record<string, JobResult>;
}

export interface Step {
  'continue-on-error'?: unknown;
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: unknown;
}

export interface Job {
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

/** The parts of a workflow file the runner reads. */
export interface Workflow {
  name?: string;
  on?: { workflow_dispatch?: { inputs?: Record<string, { default?: Json }> } };
  jobs?: Record<string, Job>;
  env?: Record<string, unknown>;
  permissions?: string | Record<string, string>;
}

/** The `steps` context of one leg: each step with an `id` that ran, its outputs and outcome. */
export type StepsContext = Record<string, { outputs: Record<string, string>; outcome: string }>;

export class WorkflowRunError extends Error {
  override name = 'WorkflowRunError';
}
