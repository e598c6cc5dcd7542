/**
 * CloudFormation acts as the role a stack is given (RoleARN), or else as the caller: it assumes
 * the role as the `cloudformation.amazonaws.com` service (the role's trust must allow that, with
 * `aws:SourceAccount` and `aws:SourceArn` set as for every service principal), and reads the
 * parameters of dynamic references and SSM parameter types with that principal's permissions
 * (CloudFormation User Guide, "CloudFormation service role": "CloudFormation uses the role's
 * credentials to make calls on your behalf").
 */
import { evaluateTrust } from '../../../../actions/lib/iam/evaluate.js';
import { findDynamicReferences } from '../../../../actions/lib/cloudformation/index.js';
import { loadCatalogue } from '../../../../actions/lib/iam/catalogue.js';
import { authorizeChecks } from '../../authz/authorize.js';
import { check } from '../../authz/arns.js';
import { recordDecision } from '../../authz/decisions.js';
import { parameterArn } from '../../authz/map-ssm.js';
import { iamState, roleNameOf } from '../../iam/model.js';
import type { Principal } from '../../iam/principal.js';
import { ApiError, type OpContext } from '../../types.js';
import { validation, type StackDefinition } from './model.js';

export const CLOUDFORMATION_SERVICE = 'cloudformation.amazonaws.com';

/** CloudFormation's session name when it assumes a stack's service role (as CloudTrail shows). */
const SESSION_NAME = 'AWSCloudFormation';

/**
 * Checks that CloudFormation can assume `roleArn` for `stackArn`; throws CloudFormation's
 * ValidationError otherwise ("Role ... is invalid or cannot be assumed").
 */
export function checkServiceRole(ctx: OpContext, roleArn: string, stackArn: string): void {
  const role = iamState(ctx.state).roles[roleNameOf(roleArn) ?? ''];
  const context = { 'aws:SourceAccount': ctx.accountId, 'aws:SourceArn': stackArn };
  const decision =
    role && role.arn === roleArn
      ? evaluateTrust(
          {
            action: 'sts:AssumeRole',
            resource: roleArn,
            principal: { arn: CLOUDFORMATION_SERVICE, service: CLOUDFORMATION_SERVICE },
            context,
          },
          role.trust,
        )
      : { decision: 'ImplicitDeny' as const, statements: [] };
  recordDecision(ctx, {
    principal: CLOUDFORMATION_SERVICE,
    action: 'sts:AssumeRole',
    resource: roleArn,
    decision,
    context,
  });
  if (decision.decision !== 'Allow')
    throw validation(`Role ${roleArn} is invalid or cannot be assumed`);
}

/** The principal CloudFormation acts as: the stack's role session, or the caller. */
export function actingPrincipal(
  ctx: Pick<OpContext, 'state' | 'accountId' | 'principal'>,
  roleArn: string | undefined,
): Principal {
  const role = roleArn ? iamState(ctx.state).roles[roleNameOf(roleArn) ?? ''] : undefined;
  if (!role) return ctx.principal!;
  const arn = `arn:aws:sts::${ctx.accountId}:assumed-role/${role.name}/${SESSION_NAME}`;
  return {
    kind: 'assumed-role',
    arn,
    userId: `${role.roleId}:${SESSION_NAME}`,
    session: {
      accessKeyId: '',
      secretAccessKey: '',
      sessionToken: '',
      expiration: Number.MAX_SAFE_INTEGER,
      roleName: role.name,
      roleArn: role.arn,
      sessionName: SESSION_NAME,
      assumedRoleId: `${role.roleId}:${SESSION_NAME}`,
      arn,
      service: CLOUDFORMATION_SERVICE,
    },
  };
}

/**
 * Authorizes `ssm:GetParameters` on every parameter the definition reads (dynamic references,
 * SSM parameter types) for the acting principal; returns the denial's message, if any.
 */
export async function authorizeParameterReads(
  ctx: OpContext,
  definition: StackDefinition,
  ssmTypedNames: string[],
  stackName: string,
): Promise<string | undefined> {
  const names = new Set(ssmTypedNames);
  for (const raw of Object.keys(definition.references))
    for (const r of findDynamicReferences(raw)) if (r.service.startsWith('ssm')) names.add(r.name);
  if (names.size === 0) return undefined;
  const catalogue = await loadCatalogue();
  const env = { catalogue, state: ctx.state, region: ctx.region, accountId: ctx.accountId };
  const checks = [...names].map((n) =>
    check('ssm:GetParameters', parameterArn(env, n), 'parameter'),
  );
  try {
    await authorizeChecks(checks, actingPrincipal(ctx, definition.roleArn), {
      ...ctx,
      protocol: 'aws-query',
      call: `cloudformation:${stackName} (parameters)`,
    });
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
  return undefined;
}
