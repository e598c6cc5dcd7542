import { describe, expect, it } from '@jest/globals';
import { notExercised, usesOf } from '../../scripts/iam-audit/audit.js';
import type { LocatedGrant } from '../../scripts/iam-audit/grants.js';
import type { ScenarioRun } from '../../scripts/iam-audit/scenarios.js';
import type { DecisionRecord } from '../../scripts/local-aws/authz/decisions.js';

const grant = (action: string, sid: string, i: number, role = 'BuildRole'): LocatedGrant => ({
  action,
  file: 'stacks/github-oidc.yml',
  role,
  policy: 'p',
  sid,
  trustedBy: role === 'ExecRole' ? ['cloudformation.amazonaws.com'] : ['oidc'],
  at: { policy: 0, statement: sid === 'A' ? 0 : 1, action: i },
});
const grants = [
  grant('ssm:GetParameter', 'A', 0),
  grant('ssm:Get*', 'A', 1),
  grant('ssm:PutParameter', 'A', 2),
  grant('ec2:DescribeImages', 'B', 0),
  grant('ec2:RunInstances', 'C', 0, 'ExecRole'),
];
const decision = (
  action: string,
  sids: string[],
  role = 'BuildRole',
  call = 'ssm.X',
): DecisionRecord => ({
  at: 0,
  requestId: 'r',
  call,
  region: 'us-east-1',
  principal: `arn:aws:sts::1:assumed-role/stack-${role}-XYZ/GitHubActions`,
  action,
  resource: '*',
  decision: 'Allow',
  statements: sids.map((sid, index) => ({ policy: 'p', sid, index, effect: 'Allow' as const })),
});
const run = (decisions: DecisionRecord[], scenario = 's'): ScenarioRun => ({
  scenario,
  ok: true,
  denied: [],
  steps: [{ step: `${scenario}: build › publish`, decisions }],
  ms: 0,
});

describe('which calls a grant allowed, and which only it allowed', () => {
  it('counts the calls its statement allowed with a matching action, by that role', () => {
    const runs = [
      run([decision('ssm:PutParameter', ['A']), decision('ssm:PutParameter', ['A'], 'DeployRole')]),
    ];
    const { uses, alone } = usesOf(grants[2]!, runs, grants);
    expect(uses).toHaveLength(1);
    expect(alone).toHaveLength(1);
    expect(uses[0]!.step).toBe('s: build › publish');
  });

  it('a call another statement also allows is not its alone', () => {
    const runs = [run([decision('ec2:DescribeImages', ['B', 'Other'])])];
    expect(usesOf(grants[3]!, runs, grants)).toMatchObject({ alone: [] });
    expect(usesOf(grants[3]!, runs, grants).uses).toHaveLength(1);
  });

  it('nor a call another action of the same statement matches (ssm:Get* covers ssm:GetParameter)', () => {
    const runs = [run([decision('ssm:GetParameter', ['A'])])];
    expect(usesOf(grants[0]!, runs, grants).alone).toEqual([]);
    expect(usesOf(grants[1]!, runs, grants).alone).toEqual([]);
  });

  it('an action never called has no uses', () => {
    expect(usesOf(grants[2]!, [run([])], grants)).toEqual({ uses: [], alone: [] });
  });
});

describe('roles the offline world cannot judge', () => {
  it('a role no scenario acts as', () => {
    expect(notExercised('BuildRole', [run([])], grants)).toMatch(/no scenario acts as this role/);
  });

  it("CloudFormation's role while the emulator authorizes no resource operation with it", () => {
    const api = run([decision('ssm:GetParameters', ['C'], 'ExecRole')]);
    expect(notExercised('ExecRole', [api], grants)).toMatch(/resource operations/);
    const step = run([
      decision('ec2:RunInstances', ['C'], 'ExecRole', 'cloudformation:app/WebServer'),
    ]);
    expect(notExercised('ExecRole', [step], grants)).toBeUndefined();
    expect(
      notExercised('BuildRole', [run([decision('ssm:GetParameter', ['A'])])], grants),
    ).toBeUndefined();
  });
});
