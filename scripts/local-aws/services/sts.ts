/**
 * STS (awsQuery): GetCallerIdentity for the request's principal, and AssumeRoleWithWebIdentity,
 * which AWS serves unsigned: the token is verified against the account's OIDC provider for its
 * issuer (`oidc/verify.ts`), the role's trust policy is evaluated with the token's claims as the
 * provider's condition keys, and a session with temporary credentials is issued.
 */
import * as sts from '@aws-sdk/client-sts';
import { randomBytes } from 'node:crypto';
import { evaluateTrust } from '../../../actions/lib/iam/evaluate.js';
import {
  ApiError,
  num,
  str,
  type Input,
  type OpContext,
  type ServiceDefinition,
} from '../types.js';
import { iamState, roleNameOf, type Session } from '../iam/model.js';
import { issuerKey, verifyWebIdentity, type VerifiedToken } from '../oidc/verify.js';
import { recordDecision } from '../authz/decisions.js';

/**
 * The claims STS exposes as `<provider>:<claim>` condition keys for GitHub's issuer: `aud` and
 * `sub` for every OIDC provider, and since January 2026 GitHub's `actor`, `actor_id`,
 * `job_workflow_ref`, `repository`, `repository_id`, `workflow`, `ref`, `environment` and
 * `enterprise_id` (AWS What's New 2026-01, "AWS STS supports validation of identity provider
 * claims"; IAM User Guide, "Available keys for AWS OIDC federation").
 */
export const WEB_IDENTITY_CLAIM_KEYS = [
  'aud',
  'sub',
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id',
];

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const MIN_DURATION = 900;

function validation(message: string): ApiError {
  return new ApiError('ValidationError', message, 400);
}

function denied(): ApiError {
  return new ApiError(
    'AccessDenied',
    'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    403,
  );
}

/** The trust policy's request context: the token's claims under the provider's key prefix. */
export function webIdentityContext(v: VerifiedToken): Record<string, string | string[]> {
  const prefix = issuerKey(v.provider.url);
  const ctx: Record<string, string | string[]> = { 'aws:FederatedProvider': v.provider.arn };
  for (const claim of WEB_IDENTITY_CLAIM_KEYS) {
    const value = v.claims[claim];
    if (typeof value === 'string' || typeof value === 'number')
      ctx[`${prefix}:${claim}`] = String(value);
    else if (Array.isArray(value)) ctx[`${prefix}:${claim}`] = value.map(String);
  }
  return ctx;
}

const alnum = (n: number) =>
  [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');

/**
 * Credentials come from node:crypto, not the emulator's seeded PRNG: they are secrets, and
 * drawing them from the PRNG would shift every generated id after the first session.
 */
function newSession(
  ctx: OpContext,
  roleArn: string,
  roleId: string,
  sessionName: string,
  seconds: number,
): Session {
  const roleName = roleNameOf(roleArn)!;
  return {
    accessKeyId: `ASIA${alnum(16)}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(180).toString('base64')}`,
    expiration: ctx.clock.now() + seconds * 1000,
    roleName,
    roleArn,
    sessionName,
    assumedRoleId: `${roleId}:${sessionName}`,
    arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${roleName}/${sessionName}`,
  };
}

async function assumeRoleWithWebIdentity(input: Input, ctx: OpContext) {
  const roleArn = str(input['RoleArn']) ?? '';
  const sessionName = str(input['RoleSessionName']) ?? '';
  if (!SESSION_NAME.test(sessionName))
    throw validation(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  if (input['Policy'] !== undefined || Object.keys(input).some((k) => k.startsWith('PolicyArns.')))
    throw validation(
      'Session policies (Policy, PolicyArns) are not supported by the local emulator.',
    );
  const duration = num(input['DurationSeconds']) ?? 3600;
  if (duration < MIN_DURATION)
    throw validation(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_DURATION}`,
    );
  const iam = iamState(ctx.state);
  const verified = await verifyWebIdentity(str(input['WebIdentityToken']) ?? '', {
    providers: Object.values(iam.oidcProviders),
    issuers: ctx.settings.oidcIssuers,
    now: ctx.clock.now(),
  });
  const role = iam.roles[roleNameOf(roleArn) ?? ''];
  const request = {
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: roleArn,
    principal: { arn: verified.provider.arn, federated: verified.provider.arn },
    context: webIdentityContext(verified),
  };
  const decision = role?.arn === roleArn ? evaluateTrust(request, role.trust) : undefined;
  recordDecision(ctx, {
    principal: `${verified.provider.arn} (sub ${String(verified.claims.sub)})`,
    action: request.action,
    resource: roleArn,
    decision: decision ?? { decision: 'ImplicitDeny', statements: [] },
    context: request.context,
  });
  if (!role || decision?.decision !== 'Allow') throw denied();
  if (duration > role.maxSessionDuration)
    throw validation(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  const session = {
    ...newSession(ctx, role.arn, role.roleId, sessionName, duration),
    federatedProvider: verified.provider.arn,
  };
  iam.sessions[session.accessKeyId] = session;
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiration),
    },
    SubjectFromWebIdentityToken: verified.claims.sub,
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.arn },
    Provider: verified.provider.arn,
    Audience: Array.isArray(verified.claims.aud) ? verified.claims.aud[0] : verified.claims.aud,
  };
}

/** GetCallerIdentity needs no permission: "No permissions are required" (STS API reference). */
function getCallerIdentity(_input: Input, ctx: OpContext) {
  const p = ctx.principal;
  if (!p || p.kind === 'anonymous')
    throw new ApiError(
      'MissingAuthenticationToken',
      'Request is missing Authentication Token',
      403,
    );
  return { UserId: p.userId, Account: ctx.accountId, Arn: p.arn };
}

export const stsService: ServiceDefinition = {
  signingName: 'sts',
  protocol: 'aws-query',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  sdk: sts as unknown as Record<string, unknown>,
  validationError: { code: 'ValidationError', status: 400 },
  throttlingError: { code: 'Throttling', status: 400 },
  internalError: { code: 'InternalFailure', status: 500 },
  unavailableError: { code: 'ServiceUnavailable', status: 503 },
  anonymousOperations: ['AssumeRoleWithWebIdentity'],
  operations: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  },
};
