/**
 * The demo's stand-in for aws-actions/configure-aws-credentials with `role-to-assume`, doing what
 * that action does (its src/index.ts and src/assumeRole.ts): read role-to-assume, aws-region,
 * role-session-name (default GitHubActions), role-duration-seconds (default 3600) and audience
 * (default sts.amazonaws.com); get the job's OIDC token for that audience, which GitHub gives only
 * to a job with `id-token: write`; call STS AssumeRoleWithWebIdentity with it; check the session
 * with GetCallerIdentity; export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
 * AWS_REGION and AWS_DEFAULT_REGION to the job's later steps.
 *
 * One difference, on purpose: the real action retries every failure up to 12 times with backoff,
 * a denial included; here the SDK retries throttling and 5xx only, so a denial shows at once.
 */
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { MAX_ATTEMPTS } from '../../actions/lib/core/aws.js';

/** Fresh tokens tried when STS answers that the job's token expired. */
const TOKEN_ATTEMPTS = 3;
import type { Clock } from '../../actions/lib/core/clock.js';
import { errorMessage } from '../../actions/lib/core/errors.js';
import { STS_AUDIENCE } from './github-token.js';

const ROLE_SESSION_NAME = 'GitHubActions';
const DEFAULT_ROLE_DURATION = 3600;
const SESSION_NAME = /^[\w+=,.@-]*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export interface CredentialsRequest {
  /** The step's `with:` values. */
  inputs: Record<string, string>;
  /** Whether the job's permissions grant `id-token: write` (else GitHub gives it no token). */
  idTokenWrite: boolean;
  /** The job's OIDC token for an audience (GitHub's ACTIONS_ID_TOKEN_REQUEST_URL). */
  idToken(audience: string): Promise<string> | string;
  endpoint: string;
  /** The emulator's clock: SigV4 dates must agree with it (the demo compresses time). */
  clock?: Clock;
}

export interface CredentialsResult {
  env: Record<string, string>;
  lines: string[];
  assumedRoleArn: string;
}

/** A failure of the stand-in, worded as the real action words it. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
  constructor(
    message: string,
    readonly lines: string[] = [],
  ) {
    super(message);
  }
}

/** Validates the inputs as the action does before it calls AWS. */
export function credentialInputs(inputs: Record<string, string>): {
  roleToAssume: string;
  region: string;
  sessionName: string;
  durationSeconds: number;
  audience: string;
} {
  const region = inputs['aws-region'] ?? '';
  if (!region) throw new CredentialsError('Input required and not supplied: aws-region');
  if (!REGION.test(region)) throw new CredentialsError(`Region is not valid: ${region}`);
  const sessionName = inputs['role-session-name'] || ROLE_SESSION_NAME;
  if (sessionName.length < 2 || sessionName.length > 64)
    throw new CredentialsError(
      `Role session name must be between 2 and 64 characters, got ${sessionName.length}: '${sessionName}'`,
    );
  if (!SESSION_NAME.test(sessionName))
    throw new CredentialsError(
      `Role session name is not valid: '${sessionName}'. Must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  return {
    roleToAssume: inputs['role-to-assume'] ?? '',
    region,
    sessionName,
    durationSeconds:
      Number.parseInt(inputs['role-duration-seconds'] ?? '', 10) || DEFAULT_ROLE_DURATION,
    audience: inputs.audience || STS_AUDIENCE,
  };
}

export async function configureAwsCredentials(req: CredentialsRequest): Promise<CredentialsResult> {
  const input = credentialInputs(req.inputs);
  const lines: string[] = [];
  if (!input.roleToAssume)
    throw new CredentialsError(
      'role-to-assume is empty: the demo has no static credentials to give a job (is the repository variable set?)',
    );
  if (!req.idTokenWrite) {
    // What the action prints and fails with when the job lacks the permission: it falls back to
    // ambient credentials, and a GitHub-hosted runner has none.
    lines.push(
      'It looks like you might be trying to authenticate with OIDC. Did you mean to set the `id-token` permission? ' +
        'If you are not trying to authenticate with OIDC and the action is working successfully, you can ignore this message.',
    );
    throw new CredentialsError(
      'Credentials could not be loaded, please check your action inputs: Could not load credentials from any providers',
      lines,
    );
  }
  const offset = req.clock ? req.clock.now() - Date.now() : 0;
  const sts = new STSClient({
    region: input.region,
    endpoint: req.endpoint,
    maxAttempts: MAX_ATTEMPTS,
    systemClockOffset: offset,
  });
  let creds;
  try {
    // A GitHub token lives 5 minutes. The action asks for a token again when it retries; here the
    // SDK's retries under a throttled STS can outlast one token when time is compressed (the
    // demo's and chaos suite's warp), so an expired token is fetched anew, a bounded number of times.
    for (let attempt = 1; ; attempt++) {
      const token = await req.idToken(input.audience);
      try {
        const out = await sts.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: input.roleToAssume,
            RoleSessionName: input.sessionName,
            WebIdentityToken: token,
            DurationSeconds: input.durationSeconds,
          }),
        );
        creds = out.Credentials;
        lines.push(`Authenticated as assumedRoleId ${out.AssumedRoleUser?.AssumedRoleId ?? ''}`);
        break;
      } catch (e) {
        if ((e as { name?: string }).name !== 'ExpiredTokenException' || attempt >= TOKEN_ATTEMPTS)
          throw e;
      }
    }
  } catch (e) {
    throw new CredentialsError(`Could not assume role with OIDC: ${errorMessage(e)}`, lines);
  } finally {
    sts.destroy();
  }
  if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken)
    throw new CredentialsError('AssumeRoleWithWebIdentity returned no credentials', lines);
  const session = new STSClient({
    region: input.region,
    endpoint: req.endpoint,
    maxAttempts: MAX_ATTEMPTS,
    systemClockOffset: offset,
    credentials: {
      accessKeyId: creds.AccessKeyId,
      secretAccessKey: creds.SecretAccessKey,
      sessionToken: creds.SessionToken,
    },
  });
  let assumedRoleArn: string;
  try {
    assumedRoleArn = (await session.send(new GetCallerIdentityCommand({}))).Arn ?? '';
  } catch (e) {
    throw new CredentialsError(
      `The assumed role's credentials do not work: ${errorMessage(e)}`,
      lines,
    );
  } finally {
    session.destroy();
  }
  return {
    assumedRoleArn,
    lines,
    env: {
      AWS_ACCESS_KEY_ID: creds.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey,
      AWS_SESSION_TOKEN: creds.SessionToken,
      AWS_REGION: input.region,
      AWS_DEFAULT_REGION: input.region,
    },
  };
}

/**
 * Whether a job's token may be requested: `id-token: write` in the job's `permissions`, or in the
 * workflow's when the job sets none (a job's permissions replace the workflow's), or `write-all`.
 */
export function grantsIdToken(workflowPermissions: unknown, jobPermissions: unknown): boolean {
  const effective = jobPermissions !== undefined ? jobPermissions : workflowPermissions;
  if (effective === 'write-all') return true;
  if (!effective || typeof effective !== 'object') return false;
  return (effective as Record<string, unknown>)['id-token'] === 'write';
}
