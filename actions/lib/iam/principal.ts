/**
 * The Principal element of a role's trust policy. IAM User Guide, "AWS JSON policy elements:
 * Principal":
 * - `"*"` and `{"AWS": "*"}` match everyone;
 * - an account (`123456789012` or `arn:aws:iam::123456789012:root`) matches every principal of it;
 * - a role ARN matches the role's sessions (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`: the
 *   session ARN has no path); a user or session ARN matches itself;
 * - `Federated` names an identity provider (the OIDC provider's ARN, `cognito-identity.amazonaws.com`);
 * - `Service` names a service principal (`ec2.amazonaws.com`).
 * No wildcards inside principal values (other than the whole `*`).
 */
import type { Principals } from './policy.js';

export interface RequestPrincipal {
  arn: string;
  federated?: string;
  service?: string;
}

function accountOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 ? parts[4] : undefined;
}

function awsMatches(value: string, principal: RequestPrincipal): boolean {
  if (value === '*') return true;
  const account = accountOf(principal.arn);
  if (/^\d{12}$/.test(value)) return account === value;
  if (/^arn:[^:]+:iam::\d{12}:root$/.test(value)) return account === accountOf(value);
  if (value === principal.arn) return true;
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(value);
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(principal.arn);
  return (
    !!role &&
    !!session &&
    role[1] === session[1] &&
    role[2] === session[2] &&
    role[3] === session[3]
  );
}

/** Whether the request's principal is one the block names. */
export function principalMatches(
  block: Principals,
  principal: RequestPrincipal | undefined,
): boolean {
  if (block.any) return true;
  if (!principal) return false;
  if (principal.federated !== undefined && block.federated.includes(principal.federated))
    return true;
  if (
    principal.service !== undefined &&
    block.service.some((s) => s.toLowerCase() === principal.service!.toLowerCase())
  )
    return true;
  return block.aws.some((v) => awsMatches(v, principal));
}
