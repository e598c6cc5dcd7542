/**
 * A role session for one GitHub job, outside a workflow run: the token GitHub would give that job
 * (githubTokenClaims), signed by the local issuer, exchanged as configure-aws-credentials does.
 * The end-to-end tests and the IAM audit's negative scenarios use it to act as the build or the
 * deploy job, or as a job the roles must refuse (a pull request, another repository or branch).
 */
import type { Clock } from '../../actions/lib/core/clock.js';
import { configureAwsCredentials } from './configure-credentials.js';
import type { OidcIssuer } from '../local-aws/oidc/issuer.js';
import {
  githubTokenClaims,
  type GitHubTokenClaims,
  type JobIdentity,
  type RepositoryIdentity,
} from './github-token.js';
import type { OidcSetup } from './workflow-runner.js';

/** The build job of the image pipeline on main (push), unless `job` says otherwise. */
export function pipelineJob(
  repository: RepositoryIdentity,
  job: Partial<JobIdentity> = {},
): JobIdentity {
  return {
    repository,
    workflowPath: '.github/workflows/image-pipeline.yml',
    workflowName: 'Image pipeline',
    eventName: 'push',
    ref: 'refs/heads/main',
    sha: '0123456789abcdef0123456789abcdef01234567',
    runId: '1001',
    runAttempt: 1,
    actor: 'platform-engineer',
    actorId: '1000001',
    ...job,
  };
}

/** Signs claims with an issuer at their own issue time (it stamps iss/iat/nbf/exp/jti itself). */
export function minter(issuer: OidcIssuer): OidcSetup['mint'] {
  return (claims: GitHubTokenClaims) => issuer.mint(claims, { now: claims.iat * 1000 });
}

let counter = 0;

/** AWS_* variables of the session (or the stand-in's error, worded as the real action's). */
export async function jobSession(opts: {
  endpoint: string;
  clock?: Clock;
  oidc: Pick<OidcSetup, 'mint'>;
  job: JobIdentity;
  roleArn: string;
  region: string;
  durationSeconds?: number;
}): Promise<Record<string, string>> {
  const got = await configureAwsCredentials({
    inputs: {
      'role-to-assume': opts.roleArn,
      'aws-region': opts.region,
      ...(opts.durationSeconds ? { 'role-duration-seconds': String(opts.durationSeconds) } : {}),
    },
    idTokenWrite: true,
    endpoint: opts.endpoint,
    clock: opts.clock,
    idToken: (audience) =>
      opts.oidc.mint(
        githubTokenClaims(opts.job, {
          audience,
          nowSeconds: (opts.clock?.now() ?? Date.now()) / 1000,
          jti: `session-${++counter}`,
        }),
      ),
  });
  return got.env;
}
