/**
 * The grants of the stacks' roles: every Action entry of every Allow statement of every inline
 * policy of every AWS::IAM::Role in stacks/*.yml, with where it is (file, role, policy, Sid, line).
 * The audit removes them one at a time; the AccessDenied hints name the statement to change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate, type Template } from '../../actions/lib/cloudformation/index.js';
import type { StackGrant } from '../../actions/lib/core/access-denied.js';

export interface LocatedGrant extends StackGrant {
  /** The principals the role's trust names (`cloudformation.amazonaws.com`, an OIDC provider). */
  trustedBy: string[];
  /** Indexes into the template: Resources.<role>.Properties.Policies[policy].PolicyDocument.Statement[statement].Action[action]. */
  at: { policy: number; statement: number; action: number | undefined };
}

interface Statement {
  Sid?: unknown;
  Effect?: unknown;
  Action?: unknown;
}

function trustOf(role: unknown): string[] {
  const doc = (role as { Properties?: { AssumeRolePolicyDocument?: { Statement?: unknown } } })
    ?.Properties?.AssumeRolePolicyDocument?.Statement;
  const statements = (Array.isArray(doc) ? doc : doc ? [doc] : []) as {
    Principal?: Record<string, unknown>;
  }[];
  return statements.flatMap((st) =>
    Object.values(st.Principal ?? {}).flatMap((p) =>
      (Array.isArray(p) ? p : [p]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))),
    ),
  );
}

function statementsOf(role: unknown): { name: string; statements: Statement[] }[] {
  const policies = (role as { Properties?: { Policies?: unknown } })?.Properties?.Policies;
  if (!Array.isArray(policies)) return [];
  return policies.map((p: { PolicyName?: unknown; PolicyDocument?: { Statement?: unknown } }) => {
    const st = p?.PolicyDocument?.Statement;
    return {
      name: String(p?.PolicyName ?? ''),
      statements: (Array.isArray(st) ? st : st ? [st] : []) as Statement[],
    };
  });
}

/** Every granted (or, with `effects`, also denied) action of the template's roles, in order. */
export function templateGrants(
  template: Template,
  file: string,
  effects: readonly string[] = ['Allow'],
): LocatedGrant[] {
  const out: LocatedGrant[] = [];
  for (const [role, resource] of Object.entries(template.Resources ?? {})) {
    if (resource?.Type !== 'AWS::IAM::Role') continue;
    const trustedBy = trustOf(resource);
    statementsOf(resource).forEach(({ name, statements }, policy) =>
      statements.forEach((st, statement) => {
        if (!effects.includes(String(st.Effect))) return;
        const sid = typeof st.Sid === 'string' ? st.Sid : `#${statement + 1}`;
        const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
        actions.forEach((a, i) => {
          if (typeof a !== 'string') return;
          out.push({
            action: a,
            ...(st.Effect === 'Deny' ? { effect: 'Deny' as const } : {}),
            file,
            role,
            policy: name,
            sid,
            trustedBy,
            at: { policy, statement, action: Array.isArray(st.Action) ? i : undefined },
          });
        });
      }),
    );
  }
  return out;
}

export function parseStack(text: string, file: string): Template {
  const parsed = parseTemplate(text, file);
  if (!parsed.template) throw new Error(`${file}: not a readable template`);
  return parsed.template;
}

/** The grants of every template in stacks/, files in name order. */
export function stacksGrants(
  repoRoot: string,
  effects: readonly string[] = ['Allow'],
): LocatedGrant[] {
  const dir = join(repoRoot, 'stacks');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) =>
      templateGrants(
        parseStack(readFileSync(join(dir, f), 'utf8'), `stacks/${f}`),
        `stacks/${f}`,
        effects,
      ),
    );
}
