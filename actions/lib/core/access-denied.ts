/**
 * What to change when AWS says AccessDenied. Every service words a denial of an identity-based
 * policy the same way (IAM User Guide, "Troubleshoot access denied error messages"):
 *
 *   User: arn:aws:sts::123456789012:assumed-role/<role>/<session> is not authorized to perform:
 *   <service:Action> on resource: <arn> because no identity-based policy allows the <action> action
 *
 * (EC2 puts it after "You are not authorized to perform this operation."; "with an explicit deny
 * in an identity-based policy" instead of "because no ..." for a Deny). From the action and the
 * role we name the statement of the stacks file that grants it, from the table that
 * scripts/iam-audit/gen-grants.ts writes from stacks/ (STACK_GRANTS): the role needs that
 * statement to allow this resource, or the step runs with the wrong role.
 */
import { STACK_GRANTS } from './stack-grants.js';

export interface StackGrant {
  /** As written in the statement (may hold wildcards). */
  action: string;
  effect?: 'Allow' | 'Deny';
  file: string;
  /** Logical ID of the AWS::IAM::Role. */
  role: string;
  policy: string;
  sid: string;
}

export interface Denial {
  principal: string;
  /** The role's name, for an assumed-role session. */
  roleName?: string;
  action: string;
  resource?: string;
  explicitDeny: boolean;
}

const DENIAL =
  /User: (\S+) is not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9*?]+)(?: on resource: (\S+?))?(?:\s+(?:because|with)\b(.*?))?(?:\.?\s*Encoded authorization failure message|$)/s;

/** The parts of a denial message, if it is one. */
export function parseDenial(message: string): Denial | undefined {
  const m = DENIAL.exec(message);
  if (!m) return undefined;
  const [, principal, action, resource, reason] = m;
  const role = /:assumed-role\/([^/]+)\//.exec(principal!);
  return {
    principal: principal!,
    roleName: role?.[1],
    action: action!,
    resource: resource?.replace(/[.,;]$/, ''),
    explicitDeny: /explicit deny/i.test(reason ?? ''),
  };
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}

/**
 * The stacks role a role name belongs to: CloudFormation names a role `<stack>-<LogicalId>-<suffix>`
 * (truncated to 64 characters), or the name is the logical ID itself.
 */
export function stackRoleOf(roleName: string, grants: readonly StackGrant[]): string | undefined {
  const roles = [...new Set(grants.map((g) => g.role))].sort((a, b) => b.length - a.length);
  return roles.find(
    (r) => roleName === r || roleName.includes(`-${r}-`) || roleName.startsWith(`${r}-`),
  );
}

const where = (g: StackGrant) => `statement ${g.sid} of ${g.file}`;

/** One sentence: which statement of which stacks file to change, or why the role is the wrong one. */
export function denialHint(d: Denial, grants: readonly StackGrant[] = STACK_GRANTS): string {
  const role = d.roleName ? stackRoleOf(d.roleName, grants) : undefined;
  const who = d.roleName ?? d.principal;
  const on = d.resource ? ` on ${d.resource}` : '';
  const matching = grants.filter((g) => actionMatches(g.action, d.action));
  const allows = matching.filter((g) => g.effect !== 'Deny');
  if (d.explicitDeny) {
    const deny = matching.find((g) => g.effect === 'Deny' && (!role || g.role === role));
    return `Role ${who} is explicitly denied ${d.action}${on}${deny ? ` by ${where(deny)}` : ''}: the role must never do this; check the resource the step was given`;
  }
  if (!role) {
    const list = allows.map((g) => `${g.role} (${where(g)})`).join(', ');
    return `${who} may not ${d.action}${on}; ${list ? `the stacks grant it to ${list}: the step should run with that role` : `no statement of stacks/ grants it`}`;
  }
  const own = allows.filter((g) => g.role === role);
  if (own.length) {
    const file = own[0]!.file;
    return `Role ${who} (${role} in ${file}) may not ${d.action}${on}: change ${own.map(where).join(' or ')}, whose Resource or Condition does not cover it (the project tag, the stack prefix, the primary and DR regions), or fix the resource the step was given`;
  }
  const others = allows.filter((g) => g.role !== role);
  if (others.length)
    return `Role ${who} (${role}) has no grant of ${d.action}${on}: ${others.map((g) => `${g.role} has it (${where(g)})`).join(', ')}; run this step with that role, or add ${d.action} to a statement of ${role}`;
  const file = grants.find((g) => g.role === role)?.file ?? 'stacks/';
  return `Role ${who} (${role} in ${file}) has no grant of ${d.action}${on}: add it to a statement of ${role} in ${file} and redeploy that stack`;
}

/** The hint for an AWS error, when it is a denial we can explain. */
export function accessDeniedHint(
  error: unknown,
  grants: readonly StackGrant[] = STACK_GRANTS,
): string | undefined {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const d = parseDenial(message);
  return d ? denialHint(d, grants) : undefined;
}
