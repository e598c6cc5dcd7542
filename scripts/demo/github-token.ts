/**
 * The claims of the OIDC token GitHub gives a job (docs: "OpenID Connect reference", "Understanding
 * the OIDC token"), for the demo's workflow runner: pure, so the subject rules are unit-tested.
 *
 * - `sub`: `repo:OWNER/REPO:environment:NAME` for a job with an environment, else
 *   `repo:OWNER/REPO:pull_request` for a pull_request event, else `repo:OWNER/REPO:ref:REF`.
 *   Repositories created or renamed on or after 2026-07-15 (and those that opted in) send the
 *   immutable form, `repo:OWNER@<owner-id>/REPO@<repo-id>:…` (GitHub docs, "Immutable subject
 *   claims"); the others the name-only form.
 * - `job_workflow_ref` names the workflow file that defines the job (the called file for a job of a
 *   reusable workflow), `workflow_ref` the workflow of the run, both `OWNER/REPO/PATH@REF`.
 * - Lifetime as in GitHub's example token: not before 10 minutes ago, expiring 5 minutes after issue.
 */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** What aws-actions/configure-aws-credentials asks for (its `audience` input's default). */
export const STS_AUDIENCE = 'sts.amazonaws.com';
const NOT_BEFORE_S = 600;
const LIFETIME_S = 300;

export interface RepositoryIdentity {
  /** `owner/name` */
  fullName: string;
  ownerId: string;
  id: string;
  /** The repository sends `repo:OWNER@id/REPO@id:…` subjects (GitHub's default for new repositories). */
  immutableSubject: boolean;
  visibility?: 'private' | 'internal' | 'public';
}

export interface JobIdentity {
  repository: RepositoryIdentity;
  /** `.github/workflows/x.yml` of the run. */
  workflowPath: string;
  /** The workflow file that defines this job, when it is a called (reusable) workflow's job. */
  jobWorkflowPath?: string;
  /** The whole job_workflow_ref of a job of a workflow called from another repository (`owner/repo/path@ref`). */
  jobWorkflowRef?: string;
  workflowName: string;
  eventName: string;
  ref: string;
  sha: string;
  environment?: string;
  runId: string;
  runNumber?: string;
  runAttempt: number;
  actor: string;
  actorId: string;
  headRef?: string;
  baseRef?: string;
}

export interface GitHubTokenClaims {
  [claim: string]: string | number;
  iss: string;
  aud: string;
  sub: string;
  jti: string;
  repository: string;
  repository_id: string;
  repository_owner: string;
  repository_owner_id: string;
  repository_visibility: string;
  ref: string;
  ref_type: string;
  sha: string;
  event_name: string;
  workflow: string;
  workflow_ref: string;
  workflow_sha: string;
  job_workflow_ref: string;
  job_workflow_sha: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  actor: string;
  actor_id: string;
  head_ref: string;
  base_ref: string;
  runner_environment: string;
  iat: number;
  nbf: number;
  exp: number;
}

export class TokenClaimsError extends Error {
  override name = 'TokenClaimsError';
}

function splitRepository(fullName: string): [string, string] {
  const [owner, name, extra] = fullName.split('/');
  if (!owner || !name || extra !== undefined)
    throw new TokenClaimsError(`repository '${fullName}' is not OWNER/NAME`);
  return [owner, name];
}

/** `repo:OWNER/REPO` or `repo:OWNER@id/REPO@id`: what every default subject starts with. */
export function subjectPrefix(repo: RepositoryIdentity): string {
  const [owner, name] = splitRepository(repo.fullName);
  if (!repo.immutableSubject) return `repo:${owner}/${name}`;
  if (!/^\d+$/.test(repo.ownerId) || !/^\d+$/.test(repo.id))
    throw new TokenClaimsError(
      `immutable subject of ${repo.fullName} needs numeric owner and repository IDs (got '${repo.ownerId}', '${repo.id}')`,
    );
  return `repo:${owner}@${repo.ownerId}/${name}@${repo.id}`;
}

/** The default `sub`: environment first, then pull_request, then the ref. */
export function subjectClaim(job: JobIdentity): string {
  const prefix = subjectPrefix(job.repository);
  if (job.environment) return `${prefix}:environment:${job.environment}`;
  if (job.eventName === 'pull_request') return `${prefix}:pull_request`;
  return `${prefix}:ref:${job.ref}`;
}

export function refType(ref: string): string {
  return ref.startsWith('refs/tags/') ? 'tag' : 'branch';
}

export function githubTokenClaims(
  job: JobIdentity,
  opts: { audience?: string; nowSeconds: number; jti: string },
): GitHubTokenClaims {
  const [owner] = splitRepository(job.repository.fullName);
  const at = (path: string) => `${job.repository.fullName}/${path}@${job.ref}`;
  const iat = Math.floor(opts.nowSeconds);
  return {
    iss: GITHUB_ISSUER,
    aud: opts.audience ?? `https://github.com/${owner}`,
    sub: subjectClaim(job),
    jti: opts.jti,
    repository: job.repository.fullName,
    repository_id: job.repository.id,
    repository_owner: owner,
    repository_owner_id: job.repository.ownerId,
    repository_visibility: job.repository.visibility ?? 'private',
    ref: job.ref,
    ref_type: refType(job.ref),
    sha: job.sha,
    event_name: job.eventName,
    ...(job.environment ? { environment: job.environment } : {}),
    workflow: job.workflowName,
    workflow_ref: at(job.workflowPath),
    workflow_sha: job.sha,
    job_workflow_ref: job.jobWorkflowRef ?? at(job.jobWorkflowPath ?? job.workflowPath),
    job_workflow_sha: job.sha,
    run_id: job.runId,
    run_number: job.runNumber ?? job.runId,
    run_attempt: String(job.runAttempt),
    actor: job.actor,
    actor_id: job.actorId,
    head_ref: job.headRef ?? '',
    base_ref: job.baseRef ?? '',
    runner_environment: 'github-hosted',
    iat,
    nbf: iat - NOT_BEFORE_S,
    exp: iat + LIFETIME_S,
  };
}
