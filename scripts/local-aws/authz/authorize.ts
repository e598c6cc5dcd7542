/**
 * The authorize stage: every (action, resource) a request needs (`map-*.ts`) is evaluated against
 * the principal's identity policies with the request's condition keys, the resource's tags and
 * the global keys; the first that is not allowed answers in the service's own AccessDenied shape
 * with AWS's wording. Keys an action does not support are dropped, as AWS does not set them
 * (catalogue: the action's, its resource types' and the global keys).
 */
import { loadCatalogue, type Catalogue } from '../../../actions/lib/iam/catalogue.js';
import { denialMessage, evaluate, type Decision } from '../../../actions/lib/iam/evaluate.js';
import type { Clock } from '../../../actions/lib/core/clock.js';
import type { EmulatorState } from '../state.js';
import type { Input, ProtocolName } from '../types.js';
import { principalPolicies, type Principal } from '../iam/principal.js';
import { recordDecision, type DecisionRecord } from './decisions.js';
import { deniedError } from './errors.js';
import { resourceTags } from './resource-tags.js';
import type { AuthzCheck, AuthzEnv, Context, ServiceAuthz } from './types.js';
import { imagebuilderAuthz } from './map-imagebuilder.js';
import { ssmAuthz } from './map-ssm.js';
import { ec2Authz } from './map-ec2.js';
import { cloudformationAuthz } from './map-cloudformation.js';
import { stsAuthz } from './map-sts.js';

/** The glue per SigV4 signing name. */
export const SERVICE_AUTHZ: Record<string, ServiceAuthz> = {
  imagebuilder: imagebuilderAuthz,
  ssm: ssmAuthz,
  ec2: ec2Authz,
  cloudformation: cloudformationAuthz,
  sts: stsAuthz,
};

/** The checks of one call; throws when an operation has no mapping (never allow by omission). */
export function checksFor(
  service: string,
  operation: string,
  input: Input,
  env: AuthzEnv,
): AuthzCheck[] {
  const op = SERVICE_AUTHZ[service]?.[operation];
  if (!op)
    throw new Error(
      `no authorization mapping for ${service}.${operation}: add it to scripts/local-aws/authz/map-${service}.ts`,
    );
  return 'none' in op ? [] : op.checks(input, env);
}

function supported(cat: Catalogue, action: string, key: string): boolean {
  if (cat.isGlobalConditionKey(key)) return true;
  const a = cat.lookupAction(action);
  return !!a && cat.actionSupportsConditionKey(a, key);
}

/** The global keys of the principal and the request (IAM User Guide, "AWS global condition context keys"). */
function globalKeys(
  p: Principal,
  env: { region: string; accountId: string; now: number },
): Context {
  const role = p.session ? p.session.roleArn : undefined;
  return {
    'aws:PrincipalArn': role ?? p.arn,
    'aws:PrincipalAccount': env.accountId,
    'aws:PrincipalType': p.kind === 'user' ? 'User' : 'AssumedRole',
    'aws:userid': p.userId,
    'aws:username': p.kind === 'user' ? p.arn.split('/').pop() : undefined,
    'aws:FederatedProvider': p.session?.federatedProvider,
    'aws:RequestedRegion': env.region,
    'aws:CurrentTime': new Date(env.now).toISOString(),
    'aws:EpochTime': String(Math.floor(env.now / 1000)),
    // Requests to AWS travel over TLS; the emulator's loopback HTTP stands for that.
    'aws:SecureTransport': true,
  };
}

/** The check's full request context: its keys, the resource's tags, the global keys. */
export function requestContext(
  c: AuthzCheck,
  cat: Catalogue,
  state: EmulatorState,
  global: Context,
): Context {
  const ctx: Context = { ...global, ...c.context };
  if (c.resource !== '*') {
    for (const [k, v] of Object.entries(resourceTags(state, c.resource))) {
      ctx[`aws:ResourceTag/${k}`] = v;
      const svc = c.action.split(':')[0];
      if (svc === 'ec2' || svc === 'iam') ctx[`${svc}:ResourceTag/${k}`] = v;
      if (svc === 'ssm') ctx[`ssm:resourceTag/${k}`] = v;
    }
  }
  return Object.fromEntries(
    Object.entries(ctx).filter(([k, v]) => v !== undefined && supported(cat, c.action, k)),
  );
}

export interface AuthorizeEnv {
  state: EmulatorState;
  accountId: string;
  region: string;
  clock: Clock;
  decisions: DecisionRecord[];
  requestId: string;
  service: string;
  operation: string;
  protocol: ProtocolName;
  /** Overrides the decision log's call name (CloudFormation's resource steps). */
  call?: string;
}

/** The denial for a decision that is not Allow (EC2 adds its encoded authorization message). */
function denial(env: AuthorizeEnv, p: Principal, c: AuthzCheck, decision: Decision): Error {
  let message = denialMessage({
    principalArn: p.arn,
    action: c.action,
    resource: c.resource,
    decision,
  });
  if (env.protocol === 'ec2-query') {
    const encoded = Buffer.from(
      JSON.stringify({ action: c.action, resource: c.resource, decision }),
    ).toString('base64');
    message = `You are not authorized to perform this operation. ${message}. Encoded authorization failure message: ${encoded}`;
  }
  return deniedError(env.protocol, message);
}

/** Evaluates `checks` for `p`; throws the first denial. */
export async function authorizeChecks(
  checks: AuthzCheck[],
  p: Principal,
  env: AuthorizeEnv,
): Promise<void> {
  if (checks.length === 0) return;
  authorizeChecksWith(await loadCatalogue(), checks, p, env);
}

/** `authorizeChecks` with the catalogue already loaded (CloudFormation's synchronous resource steps). */
export function authorizeChecksWith(
  cat: Catalogue,
  checks: AuthzCheck[],
  p: Principal,
  env: AuthorizeEnv,
): void {
  const policies = principalPolicies(env.state, p);
  const global = globalKeys(p, {
    region: env.region,
    accountId: env.accountId,
    now: env.clock.now(),
  });
  for (const c of checks) {
    const context = requestContext(c, cat, env.state, global);
    const decision = evaluate(
      { action: c.action, resource: c.resource, principal: { arn: p.arn }, context },
      policies,
    );
    recordDecision(env, {
      principal: p.arn,
      action: c.action,
      resource: c.resource,
      decision,
      context,
      call: env.call,
    });
    if (decision.decision !== 'Allow') throw denial(env, p, c, decision);
  }
}

/** The authorize stage for one API call. */
export async function authorize(input: Input, p: Principal, env: AuthorizeEnv): Promise<void> {
  const catalogue = await loadCatalogue();
  const checks = checksFor(env.service, env.operation, input, {
    catalogue,
    state: env.state,
    region: env.region,
    accountId: env.accountId,
  });
  if (checks.length && p.kind === 'anonymous')
    throw new Error(`${env.service}.${env.operation} reached authorization unsigned`);
  await authorizeChecks(checks, p, env);
}
