/**
 * IAM policy evaluation for one request: pure, no I/O.
 *
 * Why it is written here: the known IAM simulator on npm, `@cloud-copilot/iam-simulate`, is
 * licensed AGPL-3.0-or-later (its package.json, checked at 0.1.173), and this MIT repository is
 * copied by adopters as a template, so it takes no GPL/AGPL dependency.
 *
 * Semantics (IAM User Guide, "Policy evaluation logic"): a statement applies when its Action (or
 * NotAction), Resource (or NotResource), Principal (or NotPrincipal, trust policies only) and
 * Condition all match; any applicable Deny → ExplicitDeny; else any applicable Allow → Allow;
 * else ImplicitDeny. Action names match case-insensitively, resources case-sensitively, both with
 * `*` and `?` wildcards; policy variables resolve in Resource and condition values (variables.ts).
 */
import { conditionsHold } from './conditions.js';
import { parsePolicy, type NamedPolicy, type ParsedStatement } from './policy.js';
import { principalMatches, type RequestPrincipal } from './principal.js';
import {
  normalizeContext,
  resolveVariables,
  type ContextValue,
  type RequestContext,
} from './variables.js';
import { partsToRegExp, wildcardMatch } from './wildcard.js';

export type { NamedPolicy, PolicyDocument, Statement } from './policy.js';
export { PolicyError } from './policy.js';
export type { ContextValue } from './variables.js';

export interface AuthzRequest {
  /** `ssm:PutParameter` */
  action: string;
  /** The resource's ARN, or `*` for actions with no resource type. */
  resource: string;
  /** Who asks (trust and resource policies match it against Principal). */
  principal?: RequestPrincipal;
  /** Condition keys, case-insensitive: `aws:RequestTag/x`, `iam:PassedToService`, `token.actions.githubusercontent.com:sub`... */
  context: Record<string, ContextValue | undefined>;
}

export interface MatchedStatement {
  policy: string;
  source?: string;
  sid?: string;
  /** 0-based position in the policy's Statement list. */
  index: number;
  effect: 'Allow' | 'Deny';
}

export interface Decision {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The statements that decided: the matching Denies for ExplicitDeny, the matching Allows for Allow. */
  statements: MatchedStatement[];
}

function actionMatches(st: ParsedStatement, action: string): boolean {
  if (st.action) return st.action.some((p) => wildcardMatch(p, action, true));
  return !st.notAction!.some((p) => wildcardMatch(p, action, true));
}

function resourcePatternMatches(
  pattern: string,
  resource: string,
  ctx: RequestContext,
  vars: boolean,
): boolean {
  if (pattern === '*') return true;
  const parts = resolveVariables(pattern, ctx, vars);
  return parts !== undefined && partsToRegExp(parts, false).test(resource);
}

/** `required`: identity policies must name a Resource; a trust policy has none. */
function resourceMatches(
  st: ParsedStatement,
  resource: string,
  ctx: RequestContext,
  vars: boolean,
  required: boolean,
): boolean {
  if (st.resource) return st.resource.some((p) => resourcePatternMatches(p, resource, ctx, vars));
  if (st.notResource)
    return !st.notResource.some((p) => resourcePatternMatches(p, resource, ctx, vars));
  return !required;
}

function decide(matches: MatchedStatement[]): Decision {
  const denies = matches.filter((m) => m.effect === 'Deny');
  if (denies.length > 0) return { decision: 'ExplicitDeny', statements: denies };
  if (matches.length > 0) return { decision: 'Allow', statements: matches };
  return { decision: 'ImplicitDeny', statements: [] };
}

function run(request: AuthzRequest, policies: NamedPolicy[], trust: boolean): Decision {
  const ctx = normalizeContext(request.context);
  const matches: MatchedStatement[] = [];
  for (const policy of policies) {
    const parsed = parsePolicy(policy.document);
    for (const st of parsed.statements) {
      if (!actionMatches(st, request.action)) continue;
      if (!resourceMatches(st, request.resource, ctx, parsed.variables, !trust)) continue;
      if (trust) {
        if (st.principal && !principalMatches(st.principal, request.principal)) continue;
        if (st.notPrincipal && principalMatches(st.notPrincipal, request.principal)) continue;
        if (!st.principal && !st.notPrincipal) continue;
      }
      if (!conditionsHold(st.conditions, ctx, parsed.variables)) continue;
      matches.push({
        policy: policy.name,
        ...(policy.source !== undefined ? { source: policy.source } : {}),
        ...(st.sid !== undefined ? { sid: st.sid } : {}),
        index: st.index,
        effect: st.effect,
      });
    }
  }
  return decide(matches);
}

/** The identity policies' decision on a request (throws PolicyError for a document IAM would refuse). */
export function evaluate(request: AuthzRequest, policies: NamedPolicy[]): Decision {
  return run(request, policies, false);
}

/**
 * A role trust policy's decision: as `evaluate`, with Principal/NotPrincipal matched against
 * `request.principal`, and Resource optional (a trust policy names none).
 */
export function evaluateTrust(request: AuthzRequest, trustPolicy: NamedPolicy): Decision {
  return run(request, [trustPolicy], true);
}

export interface DenialInput {
  principalArn: string;
  action: string;
  resource: string;
  decision: Decision;
  /** Which kind of policy decided; identity-based by default. */
  kind?: 'identity' | 'resource';
}

/**
 * AWS's AccessDenied wording (IAM User Guide, "Troubleshoot access denied error messages"):
 * `User: <arn> is not authorized to perform: <action> on resource: <arn> because no
 * identity-based policy allows the <action> action`, or `... with an explicit deny in an
 * identity-based policy` (followed by `: <policy ARN>` when the denying policy is a managed one).
 */
export function denialMessage(req: DenialInput): string {
  const kind = req.kind === 'resource' ? 'resource-based' : 'identity-based';
  const head = `User: ${req.principalArn} is not authorized to perform: ${req.action} on resource: ${req.resource}`;
  if (req.decision.decision === 'ExplicitDeny') {
    const arn = req.decision.statements.find((s) => s.policy.startsWith('arn:'))?.policy;
    const article = kind === 'identity-based' ? 'an' : 'a';
    return `${head} with an explicit deny in ${article} ${kind} policy${arn ? `: ${arn}` : ''}`;
  }
  return `${head} because no ${kind} policy allows the ${req.action} action`;
}
