/**
 * Least privilege, measured: the pipeline's scenarios with the stacks' full roles (all must pass),
 * then, for each granted action, the same scenarios with a copy of the stack that lacks it. A
 * grant is needed when some scenario then fails with an AccessDenied naming its action.
 *
 * To keep it quick, a grant is re-run only where it could matter: the decision log of the full
 * run says which calls each statement allowed. A grant no call used, or whose every use another
 * statement also allows, cannot change a decision when removed (an Allow removed turns only the
 * calls it alone allowed into implicit denials), so it is flagged without a run. The others are
 * re-run from a snapshot of the state before the first scenario that used them alone, with the
 * stack updated to the copy, scenario after scenario until one fails.
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionMatches, stackRoleOf } from '../../actions/lib/core/access-denied.js';
import type { DecisionRecord } from '../local-aws/authz/decisions.js';
import { handlersUsing } from '../local-aws/services/cloudformation/resource-authz.js';

const HANDLERS_FILE = 'scripts/local-aws/services/cloudformation/handler-permissions.json';
import type { EmulatorState } from '../local-aws/state.js';
import { settledStack, type PipelineEnvironment } from '../demo/environment.js';
import type { LocatedGrant } from './grants.js';
import { withoutGrants } from './remove-grant.js';
import { runScenario, type Scenario, type ScenarioRun } from './scenarios.js';

/** Which stack was created from which stacks file (the environment's long-lived stacks). */
export const STACK_OF_FILE: Record<string, string> = {
  'stacks/image-builder.yml': 'golden-ami-image-builder',
  'stacks/github-oidc.yml': 'golden-ami-github-oidc',
};

export interface Use {
  step: string;
  scenario: number;
  decision: DecisionRecord;
}

export type Verdict =
  | { kind: 'needed'; scenario: string; step: string; message: string }
  | { kind: 'unused' }
  | { kind: 'redundant'; by: string[] }
  | { kind: 'not-needed'; ran: string[] }
  | { kind: 'fails-otherwise'; scenario: string; problem: string }
  | { kind: 'not-exercised'; why: string }
  | { kind: 'untested-path'; files: string[] };

export interface GrantResult {
  grant: LocatedGrant;
  uses: Use[];
  verdict: Verdict;
  ms: number;
}

interface Snapshot {
  state: EmulatorState;
  head: string | undefined;
}

export function snapshot(env: PipelineEnvironment): Snapshot {
  return { state: env.aws.admin.dump(), head: env.workspace.current() };
}

export function restore(env: PipelineEnvironment, s: Snapshot): void {
  const copy = structuredClone(s.state);
  env.aws.state.regions = copy.regions;
  env.aws.state.global = copy.global;
  env.workspace.reset(s.head);
  env.aws.admin.clearDecisions();
}

/** The stacks role a decision's principal is a session of (or undefined: the administrator). */
function roleOfPrincipal(d: DecisionRecord, grants: readonly LocatedGrant[]): string | undefined {
  const name = /:assumed-role\/([^/]+)\//.exec(d.principal)?.[1];
  return name ? stackRoleOf(name, grants) : undefined;
}

const sameStatement = (g: LocatedGrant, st: { policy: string; sid?: string; index: number }) =>
  st.policy === g.policy && (st.sid ?? `#${st.index + 1}`) === g.sid;

/**
 * The calls of the full run that this grant's statement allowed with this action, and those that
 * only this entry allowed (no other statement, and no other action of the same statement).
 */
export function usesOf(
  g: LocatedGrant,
  runs: readonly ScenarioRun[],
  grants: readonly LocatedGrant[],
): { uses: Use[]; alone: Use[] } {
  const siblings = grants.filter(
    (o) =>
      o.role === g.role &&
      o.policy === g.policy &&
      o.sid === g.sid &&
      o.file === g.file &&
      o.at.action !== g.at.action,
  );
  const uses: Use[] = [];
  const alone: Use[] = [];
  runs.forEach((run, scenario) => {
    for (const s of run.steps)
      for (const d of s.decisions) {
        if (d.decision !== 'Allow' || !actionMatches(g.action, d.action)) continue;
        if (roleOfPrincipal(d, grants) !== g.role) continue;
        if (!d.statements.some((st) => sameStatement(g, st))) continue;
        const use = { step: s.step, scenario, decision: d };
        uses.push(use);
        const others = d.statements.filter((st) => st.effect === 'Allow' && !sameStatement(g, st));
        if (!others.length && !siblings.some((o) => actionMatches(o.action, d.action)))
          alone.push(use);
      }
  });
  return { uses, alone };
}

/** Replaces a long-lived stack's template with `text` (same parameters), as its administrator. */
async function updateStack(env: PipelineEnvironment, file: string, text: string): Promise<void> {
  const StackName = STACK_OF_FILE[file];
  if (!StackName) throw new Error(`no stack of the environment comes from ${file}`);
  const cfn = env.client(CloudFormationClient);
  const current = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
  const params = (current?.Parameters ?? []).map((p) => p.ParameterKey!);
  await cfn.send(
    new UpdateStackCommand({
      StackName,
      TemplateBody: text,
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: params.map((ParameterKey) => ({ ParameterKey, UsePreviousValue: true })),
    }),
  );
  const s = await settledStack(cfn, StackName);
  if (s.StackStatus !== 'UPDATE_COMPLETE')
    throw new Error(
      `updating ${StackName} to the copy failed: ${s.StackStatus} ${s.StackStatusReason ?? ''}`,
    );
}

export interface AuditContext {
  env: PipelineEnvironment;
  repoRoot: string;
  scenarios: readonly Scenario[];
  /** State before each scenario of the full run. */
  before: readonly Snapshot[];
  runs: readonly ScenarioRun[];
  grants: readonly LocatedGrant[];
  /** IAM action → the actions' source files that call it (code-calls.ts). */
  codeCalls: ReadonlyMap<string, string[]>;
}

/**
 * Why the offline world cannot judge this role's grants, if it cannot: no scenario acts as the
 * role (the build instances' and the lifecycle policy's roles: the emulator runs no instance
 * and no lifecycle), or, for CloudFormation's role, the emulator does not yet authorize each
 * resource operation (no decision of a resource step in the log).
 */
export function notExercised(
  role: string,
  runs: readonly ScenarioRun[],
  grants: readonly LocatedGrant[],
): string | undefined {
  const decisions = runs.flatMap((r) => r.steps.flatMap((s) => s.decisions));
  if (!decisions.some((d) => roleOfPrincipal(d, grants) === role))
    return 'no scenario acts as this role offline';
  const cfnRole = grants.some(
    (g) => g.role === role && g.trustedBy.includes('cloudformation.amazonaws.com'),
  );
  if (cfnRole && !decisions.some((d) => /^cloudformation:[^/]+\/.+/.test(d.call)))
    return 'the emulator does not authorize CloudFormation resource operations with it';
  return undefined;
}

/** The verdict on one grant: from the decision log, or by re-running the scenarios without it. */
export async function auditGrant(ctx: AuditContext, g: LocatedGrant): Promise<GrantResult> {
  const t0 = Date.now();
  const { uses, alone } = usesOf(g, ctx.runs, ctx.grants);
  const done = (verdict: Verdict): GrantResult => ({
    grant: g,
    uses,
    verdict,
    ms: Date.now() - t0,
  });
  const unjudged = notExercised(g.role, ctx.runs, ctx.grants);
  if (unjudged && !alone.length) return done({ kind: 'not-exercised', why: unjudged });
  if (!uses.length) {
    // Our code (or, for CloudFormation's role, a resource handler of the registry schemas) calls
    // it on a path no scenario takes (a stack deletion, an instance type change): keep it, and say where.
    const files = g.trustedBy.includes('cloudformation.amazonaws.com')
      ? handlersUsing((a) => actionMatches(g.action, a)).map((h) => `${HANDLERS_FILE} (${h})`)
      : [...ctx.codeCalls].filter(([a]) => actionMatches(g.action, a)).flatMap(([, f]) => f);
    return done(
      files.length ? { kind: 'untested-path', files: [...new Set(files)] } : { kind: 'unused' },
    );
  }
  if (!alone.length)
    return done({
      kind: 'redundant',
      by: [
        ...new Set(
          uses.flatMap((u) =>
            u.decision.statements
              .filter((st) => !sameStatement(g, st))
              .map((st) => st.sid ?? `${st.policy}#${st.index + 1}`),
          ),
        ),
      ],
    });
  const text = readFileSync(join(ctx.repoRoot, g.file), 'utf8');
  const copy = withoutGrants(text, g.file, [g]);
  const ran: string[] = [];
  for (const i of [...new Set(alone.map((u) => u.scenario))].sort((a, b) => a - b)) {
    const scenario = ctx.scenarios[i]!;
    restore(ctx.env, ctx.before[i]!);
    await updateStack(ctx.env, g.file, copy);
    const run = await runScenario(ctx.env, scenario);
    ran.push(scenario.name);
    if (run.ok) continue;
    if (run.denied.some((a) => actionMatches(g.action, a))) {
      const step = alone.find((u) => u.scenario === i)!.step;
      return done({ kind: 'needed', scenario: scenario.name, step, message: run.problem ?? '' });
    }
    return done({ kind: 'fails-otherwise', scenario: scenario.name, problem: run.problem ?? '' });
  }
  return done({ kind: 'not-needed', ran });
}
