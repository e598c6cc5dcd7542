import { describe, it, expect } from '@jest/globals';
import {
  denialMessage,
  evaluate,
  evaluateTrust,
  PolicyError,
  type AuthzRequest,
  type NamedPolicy,
  type Statement,
} from '../../actions/lib/iam/evaluate.js';

const V = '2012-10-17';
const policy = (name: string, ...Statement: Statement[]): NamedPolicy => ({
  name,
  document: { Version: V, Statement },
});
const req = (
  action: string,
  resource: string,
  context: AuthzRequest['context'] = {},
): AuthzRequest => ({
  action,
  resource,
  context,
});
const PARAM = 'arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/web';

describe('evaluate: allow, deny, implicit deny', () => {
  it('denies implicitly when no statement allows the action', () => {
    const d = evaluate(req('ssm:PutParameter', PARAM), [
      policy('p', { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }),
    ]);
    expect(d).toEqual({ decision: 'ImplicitDeny', statements: [] });
  });

  it('allows, naming the statement that allowed (policy, source, sid, index)', () => {
    const d = evaluate(req('ssm:PutParameter', PARAM), [
      {
        ...policy(
          'publish',
          { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' },
          {
            Sid: 'Put',
            Effect: 'Allow',
            Action: 'ssm:PutParameter',
            Resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/*',
          },
        ),
        source: 'stack s, resource BuildRole, policy publish',
      },
    ]);
    expect(d).toEqual({
      decision: 'Allow',
      statements: [
        {
          policy: 'publish',
          source: 'stack s, resource BuildRole, policy publish',
          sid: 'Put',
          index: 1,
          effect: 'Allow',
        },
      ],
    });
  });

  it('an explicit deny in any policy overrides an allow in another', () => {
    const d = evaluate(
      req('ec2:TerminateInstances', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1'),
      [
        policy('allow-all', { Effect: 'Allow', Action: '*', Resource: '*' }),
        policy('guard', {
          Sid: 'NoTerminate',
          Effect: 'Deny',
          Action: 'ec2:TerminateInstances',
          Resource: '*',
        }),
      ],
    );
    expect(d.decision).toBe('ExplicitDeny');
    expect(d.statements).toEqual([
      { policy: 'guard', sid: 'NoTerminate', index: 0, effect: 'Deny' },
    ]);
  });

  it('matches actions case-insensitively with * and ?, resources case-sensitively', () => {
    const p = [
      policy('p', {
        Effect: 'Allow',
        Action: ['EC2:*vpc*', 's3:Get?bject'],
        Resource: 'arn:aws:*:*:*:vpc/*',
      }),
    ];
    expect(evaluate(req('ec2:CreateVpc', 'arn:aws:ec2:us-east-1:1:vpc/vpc-1'), p).decision).toBe(
      'Allow',
    );
    expect(evaluate(req('ec2:DescribeVpcs', 'arn:aws:ec2:us-east-1:1:VPC/vpc-1'), p).decision).toBe(
      'ImplicitDeny',
    );
    const s3 = [
      policy('p', { Effect: 'Allow', Action: 's3:Get?bject', Resource: 'arn:aws:s3:::b/*' }),
    ];
    expect(evaluate(req('s3:getobject', 'arn:aws:s3:::b/k'), s3).decision).toBe('Allow');
    expect(evaluate(req('s3:GetObjectAcl', 'arn:aws:s3:::b/k'), s3).decision).toBe('ImplicitDeny');
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::B/k'), s3).decision).toBe('ImplicitDeny');
  });

  it('an action without resource types is requested on "*", which only Resource "*" covers', () => {
    const p = [
      policy('p', {
        Effect: 'Allow',
        Action: 'ec2:DescribeImages',
        Resource: 'arn:aws:ec2:*:*:image/*',
      }),
    ];
    expect(evaluate(req('ec2:DescribeImages', '*'), p).decision).toBe('ImplicitDeny');
    const star = [policy('p', { Effect: 'Allow', Action: 'ec2:DescribeImages', Resource: '*' })];
    expect(evaluate(req('ec2:DescribeImages', '*'), star).decision).toBe('Allow');
  });
});

describe('evaluate: NotAction and NotResource', () => {
  it('Allow with NotAction allows every action except those listed', () => {
    const p = [policy('p', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })];
    expect(evaluate(req('s3:ListBucket', 'arn:aws:s3:::b'), p).decision).toBe('Allow');
    expect(evaluate(req('iam:CreateUser', 'arn:aws:iam::1:user/u'), p).decision).toBe(
      'ImplicitDeny',
    );
  });

  it('Deny with NotAction denies everything but the listed actions (the MFA example)', () => {
    const p = [
      policy(
        'p',
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          NotAction: ['iam:ListMFADevices', 'sts:GetSessionToken'],
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ),
    ];
    const noMfa = { 'aws:MultiFactorAuthPresent': false };
    expect(evaluate(req('ec2:RunInstances', '*', noMfa), p).decision).toBe('ExplicitDeny');
    expect(evaluate(req('sts:GetSessionToken', '*', noMfa), p).decision).toBe('Allow');
    expect(
      evaluate(req('ec2:RunInstances', '*', { 'aws:MultiFactorAuthPresent': true }), p).decision,
    ).toBe('Allow');
    // Long-term credentials carry no aws:MultiFactorAuthPresent: BoolIfExists then holds, so deny.
    expect(evaluate(req('ec2:RunInstances', '*'), p).decision).toBe('ExplicitDeny');
  });

  it('NotResource applies to every resource except those listed', () => {
    const p = [
      policy(
        'p',
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 's3:*',
          NotResource: ['arn:aws:s3:::home', 'arn:aws:s3:::home/*'],
        },
      ),
    ];
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::home/a.txt'), p).decision).toBe('Allow');
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::other/a.txt'), p).decision).toBe(
      'ExplicitDeny',
    );
  });
});

describe('evaluate: conditions', () => {
  const tagged = (c: Statement['Condition']): NamedPolicy[] => [
    policy('p', { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: c }),
  ];
  const tags = (keys: string[] | undefined): AuthzRequest =>
    req('ec2:CreateTags', '*', { 'aws:TagKeys': keys });

  it('a missing key makes a positive operator false and a negated one true', () => {
    const eq = tagged({ StringEquals: { 'aws:RequestTag/Project': 'golden-ami' } });
    expect(evaluate(req('ec2:CreateTags', '*'), eq).decision).toBe('ImplicitDeny');
    const neq = tagged({ StringNotEquals: { 'aws:RequestTag/Project': 'other' } });
    expect(evaluate(req('ec2:CreateTags', '*'), neq).decision).toBe('Allow');
  });

  it('...IfExists holds when the key is absent and tests the value when present', () => {
    const p = tagged({ StringEqualsIfExists: { 'ec2:InstanceType': ['t3.micro', 't3.small'] } });
    expect(evaluate(req('ec2:CreateTags', '*'), p).decision).toBe('Allow');
    expect(
      evaluate(req('ec2:CreateTags', '*', { 'ec2:InstanceType': 't3.small' }), p).decision,
    ).toBe('Allow');
    expect(
      evaluate(req('ec2:CreateTags', '*', { 'ec2:InstanceType': 'm5.large' }), p).decision,
    ).toBe('ImplicitDeny');
  });

  it('ForAllValues: every request tag key must be allowed; holds for no keys at all', () => {
    const p = tagged({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'Owner'] } });
    expect(evaluate(tags(['Project']), p).decision).toBe('Allow');
    expect(evaluate(tags(['Project', 'Owner']), p).decision).toBe('Allow');
    expect(evaluate(tags(['Project', 'Cost']), p).decision).toBe('ImplicitDeny');
    // The documented edge: ForAllValues is true when the key is absent or its set is empty.
    expect(evaluate(tags(undefined), p).decision).toBe('Allow');
    expect(evaluate(tags([]), p).decision).toBe('Allow');
  });

  it('ForAnyValue: at least one request tag key must match; false for no keys', () => {
    const p = tagged({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Project', 'Owner'] } });
    expect(evaluate(tags(['Cost', 'Owner']), p).decision).toBe('Allow');
    expect(evaluate(tags(['Cost']), p).decision).toBe('ImplicitDeny');
    expect(evaluate(tags(undefined), p).decision).toBe('ImplicitDeny');
    expect(evaluate(tags([]), p).decision).toBe('ImplicitDeny');
  });

  it('negated set operators apply the negation to each request value', () => {
    const noneOf = tagged({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['Secret'] } });
    expect(evaluate(tags(['A', 'B']), noneOf).decision).toBe('Allow');
    expect(evaluate(tags(['A', 'Secret']), noneOf).decision).toBe('ImplicitDeny');
    const someNot = tagged({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': ['sys:*'] } });
    expect(evaluate(tags(['sys:a', 'user']), someNot).decision).toBe('Allow');
    expect(evaluate(tags(['sys:a', 'sys:b']), someNot).decision).toBe('ImplicitDeny');
  });

  it('several keys must all hold (AND); several values of one key are alternatives (OR)', () => {
    const p = tagged({
      StringEquals: { 'aws:RequestTag/Project': ['a', 'b'], 'aws:RequestedRegion': 'us-east-1' },
    });
    const ctx = (project: string, region: string): AuthzRequest =>
      req('ec2:CreateTags', '*', {
        'aws:RequestTag/Project': project,
        'aws:RequestedRegion': region,
      });
    expect(evaluate(ctx('b', 'us-east-1'), p).decision).toBe('Allow');
    expect(evaluate(ctx('c', 'us-east-1'), p).decision).toBe('ImplicitDeny');
    expect(evaluate(ctx('a', 'eu-west-1'), p).decision).toBe('ImplicitDeny');
  });

  it('condition key names are case-insensitive; StringEquals values are case-sensitive', () => {
    const p = tagged({ StringEquals: { 'AWS:REQUESTTAG/project': 'Golden' } });
    expect(
      evaluate(req('ec2:CreateTags', '*', { 'aws:RequestTag/Project': 'Golden' }), p).decision,
    ).toBe('Allow');
    expect(
      evaluate(req('ec2:CreateTags', '*', { 'aws:RequestTag/Project': 'golden' }), p).decision,
    ).toBe('ImplicitDeny');
    const ic = tagged({ StringEqualsIgnoreCase: { 'aws:RequestTag/Project': 'GOLDEN' } });
    expect(
      evaluate(req('ec2:CreateTags', '*', { 'aws:RequestTag/Project': 'golden' }), ic).decision,
    ).toBe('Allow');
  });

  it('StringLike: * spans any run (also empty), ? exactly one character', () => {
    const p = tagged({ StringLike: { 's3:prefix': ['home/*', 'tmp/?'] } });
    const at = (prefix: string): string =>
      evaluate(req('ec2:CreateTags', '*', { 's3:prefix': prefix }), p).decision;
    expect(at('home/')).toBe('Allow');
    expect(at('home/a/b')).toBe('Allow');
    expect(at('tmp/x')).toBe('Allow');
    expect(at('tmp/xy')).toBe('ImplicitDeny');
    expect(at('Home/a')).toBe('ImplicitDeny');
  });

  it('Numeric, Date, Bool, Binary, IpAddress and Arn operators', () => {
    const at = (c: Statement['Condition'], ctx: AuthzRequest['context']): string =>
      evaluate(req('ec2:CreateTags', '*', ctx), tagged(c)).decision;
    expect(at({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 })).toBe(
      'Allow',
    );
    expect(at({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' })).toBe(
      'ImplicitDeny',
    );
    expect(at({ NumericNotEquals: { 'x:n': ['1', '2'] } }, { 'x:n': 3 })).toBe('Allow');
    expect(
      at(
        { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
        { 'aws:CurrentTime': '2026-06-01T00:00:00Z' },
      ),
    ).toBe('Allow');
    expect(
      at(
        { DateLessThan: { 'aws:EpochTime': '1700000000' } },
        { 'aws:EpochTime': '2026-06-01T00:00:00Z' },
      ),
    ).toBe('ImplicitDeny');
    expect(at({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': true })).toBe(
      'Allow',
    );
    expect(
      at({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' }),
    ).toBe('ImplicitDeny');
    expect(at({ BinaryEquals: { 'x:b': 'QmluYXJ5' } }, { 'x:b': 'QmluYXJ5' })).toBe('Allow');
    expect(
      at(
        { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
        { 'aws:SourceIp': '203.0.113.9' },
      ),
    ).toBe('Allow');
    expect(
      at({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:1::5' }),
    ).toBe('Allow');
    expect(
      at(
        { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        { 'aws:SourceIp': '198.51.100.1' },
      ),
    ).toBe('Allow');
    expect(
      at({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.1' }),
    ).toBe('ImplicitDeny');
    const role = 'arn:aws:iam::123456789012:role/app/Exec';
    expect(
      at(
        { ArnLike: { 'cloudformation:RoleArn': 'arn:aws:iam::*:role/app/*' } },
        { 'cloudformation:RoleArn': role },
      ),
    ).toBe('Allow');
    // Each of the six ARN parts is matched on its own: `*` in the account part cannot reach into the resource.
    expect(
      at(
        { ArnLike: { 'cloudformation:RoleArn': 'arn:aws:iam::*' } },
        { 'cloudformation:RoleArn': role },
      ),
    ).toBe('ImplicitDeny');
    expect(
      at({ ArnEquals: { 'cloudformation:RoleArn': role } }, { 'cloudformation:RoleArn': role }),
    ).toBe('Allow');
    expect(at({ ArnNotEquals: { 'cloudformation:RoleArn': role } }, {})).toBe('Allow');
  });

  it('Null: "true" holds when the key is absent, "false" when it is present', () => {
    const absent = tagged({ Null: { 'aws:RequestTag/Project': 'true' } });
    const present = tagged({ Null: { 'aws:RequestTag/Project': 'false' } });
    expect(evaluate(req('ec2:CreateTags', '*'), absent).decision).toBe('Allow');
    expect(evaluate(req('ec2:CreateTags', '*'), present).decision).toBe('ImplicitDeny');
    expect(
      evaluate(req('ec2:CreateTags', '*', { 'aws:RequestTag/Project': 'x' }), present).decision,
    ).toBe('Allow');
  });

  it('an operator IAM does not know is a PolicyError, not a silent mismatch', () => {
    expect(() =>
      evaluate(req('ec2:CreateTags', '*'), tagged({ StringEqual: { 'aws:TagKeys': 'x' } })),
    ).toThrow(/unknown condition operator 'StringEqual'/);
  });
});

describe('evaluate: policy variables', () => {
  const home: NamedPolicy = policy('home', {
    Effect: 'Allow',
    Action: 's3:*',
    Resource: 'arn:aws:s3:::bucket/home/${aws:username}/*',
  });

  it('substitutes ${aws:username} in Resource', () => {
    expect(
      evaluate(req('s3:GetObject', 'arn:aws:s3:::bucket/home/ana/x', { 'aws:username': 'ana' }), [
        home,
      ]).decision,
    ).toBe('Allow');
    expect(
      evaluate(req('s3:GetObject', 'arn:aws:s3:::bucket/home/bo/x', { 'aws:username': 'ana' }), [
        home,
      ]).decision,
    ).toBe('ImplicitDeny');
  });

  it('a variable with no value matches nothing; a default gives it one', () => {
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::bucket/home//x'), [home]).decision).toBe(
      'ImplicitDeny',
    );
    const dflt = policy('d', {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'company-wide'}/*",
    });
    expect(
      evaluate(req('s3:GetObject', 'arn:aws:s3:::bucket/company-wide/x'), [dflt]).decision,
    ).toBe('Allow');
    expect(
      evaluate(
        req('s3:GetObject', 'arn:aws:s3:::bucket/ops/x', { 'aws:PrincipalTag/team': 'ops' }),
        [dflt],
      ).decision,
    ).toBe('Allow');
  });

  it('${*}, ${?} and ${$} are literal characters, not wildcards', () => {
    const p = policy('p', {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/${*}${?}${$}',
    });
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::b/*?$'), [p]).decision).toBe('Allow');
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::b/ab$'), [p]).decision).toBe('ImplicitDeny');
  });

  it('variables resolve in condition values, OIDC claim keys included', () => {
    const p = policy('p', {
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: {
        StringEquals: {
          'aws:RequestTag/Repo': '${token.actions.githubusercontent.com:repository}',
        },
      },
    });
    const ctx = {
      'token.actions.githubusercontent.com:repository': 'org/repo',
      'aws:RequestTag/Repo': 'org/repo',
    };
    expect(evaluate(req('ec2:CreateTags', '*', ctx), [p]).decision).toBe('Allow');
    expect(
      evaluate(req('ec2:CreateTags', '*', { ...ctx, 'aws:RequestTag/Repo': 'x' }), [p]).decision,
    ).toBe('ImplicitDeny');
  });

  it('variables in ARN operator values: resolved per ARN part, their text never a wildcard', () => {
    const p = policy('p', {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: {
        ArnLike: {
          'iam:AssociatedResourceArn':
            'arn:aws:ec2:*:${aws:PrincipalAccount}:instance/${aws:userid}',
        },
      },
    });
    const at = (arn: string, userid: string): string =>
      evaluate(
        req('iam:PassRole', '*', {
          'iam:AssociatedResourceArn': arn,
          'aws:PrincipalAccount': '123456789012',
          'aws:userid': userid,
        }),
        [p],
      ).decision;
    expect(at('arn:aws:ec2:us-east-1:123456789012:instance/i-1', 'i-1')).toBe('Allow');
    expect(at('arn:aws:ec2:us-east-1:210987654321:instance/i-1', 'i-1')).toBe('ImplicitDeny');
    expect(at('arn:aws:ec2:us-east-1:123456789012:instance/i-2', '*')).toBe('ImplicitDeny');
    expect(at('arn:aws:ec2:us-east-1:123456789012:instance/*', '*')).toBe('Allow');
  });

  it('a multivalued key is no variable value', () => {
    const p = policy('p', {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/${aws:TagKeys}',
    });
    expect(
      evaluate(req('s3:GetObject', 'arn:aws:s3:::b/a', { 'aws:TagKeys': ['a'] }), [p]).decision,
    ).toBe('ImplicitDeny');
  });

  it('without Version 2012-10-17, ${...} is plain text', () => {
    const old: NamedPolicy = {
      name: 'old',
      document: {
        Statement: {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/${aws:username}',
        },
      },
    };
    expect(
      evaluate(req('s3:GetObject', 'arn:aws:s3:::b/ana', { 'aws:username': 'ana' }), [old])
        .decision,
    ).toBe('ImplicitDeny');
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::b/${aws:username}'), [old]).decision).toBe(
      'Allow',
    );
  });
});

describe('evaluate: documents as text', () => {
  const doc = {
    Version: V,
    Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
  };

  it('accepts JSON text and the URL-encoded JSON that IAM returns', () => {
    const r = req('sts:GetCallerIdentity', '*');
    expect(evaluate(r, [{ name: 'j', document: JSON.stringify(doc) }]).decision).toBe('Allow');
    expect(
      evaluate(r, [{ name: 'u', document: encodeURIComponent(JSON.stringify(doc)) }]).decision,
    ).toBe('Allow');
  });

  it('refuses a document IAM would refuse, saying why', () => {
    expect(() => evaluate(req('a:b', '*'), [{ name: 'bad', document: '{"Statement":' }])).toThrow(
      PolicyError,
    );
    expect(() =>
      evaluate(req('a:b', '*'), [
        { name: 'bad', document: { Statement: { Effect: 'Permit', Action: '*', Resource: '*' } } },
      ]),
    ).toThrow(/Effect must be Allow or Deny/);
    expect(() =>
      evaluate(req('a:b', '*'), [
        {
          name: 'bad',
          document: {
            Statement: { Effect: 'Allow', Action: '*', NotAction: 'x:y', Resource: '*' },
          },
        },
      ]),
    ).toThrow(/exactly one of Action and NotAction/);
  });
});

describe('evaluateTrust', () => {
  const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
  const ROLE = 'arn:aws:iam::123456789012:role/deploy';
  const trust: NamedPolicy = policy('trust', {
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: {
        'token.actions.githubusercontent.com:sub': 'repo:org@1/repo@2:environment:production',
      },
    },
  });
  const web = (federated: string, claims: Record<string, string>): AuthzRequest => ({
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: ROLE,
    principal: { arn: federated, federated },
    context: Object.fromEntries(
      Object.entries(claims).map(([k, v]) => [`token.actions.githubusercontent.com:${k}`, v]),
    ),
  });

  it('allows the Federated principal when the aud and sub conditions hold', () => {
    const d = evaluateTrust(
      web(PROVIDER, { aud: 'sts.amazonaws.com', sub: 'repo:org@1/repo@2:environment:production' }),
      trust,
    );
    expect(d.decision).toBe('Allow');
  });

  it('denies another subject, another audience, another provider', () => {
    expect(
      evaluateTrust(
        web(PROVIDER, { aud: 'sts.amazonaws.com', sub: 'repo:org@1/repo@2:ref:refs/heads/main' }),
        trust,
      ).decision,
    ).toBe('ImplicitDeny');
    expect(
      evaluateTrust(
        web(PROVIDER, { aud: 'other', sub: 'repo:org@1/repo@2:environment:production' }),
        trust,
      ).decision,
    ).toBe('ImplicitDeny');
    const other = 'arn:aws:iam::123456789012:oidc-provider/gitlab.com';
    expect(
      evaluateTrust(
        web(other, { aud: 'sts.amazonaws.com', sub: 'repo:org@1/repo@2:environment:production' }),
        trust,
      ).decision,
    ).toBe('ImplicitDeny');
  });

  it('StringLike on sub with a wildcard admits every ref of the repository', () => {
    const wide = policy('wide', {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:*' } },
    });
    expect(evaluateTrust(web(PROVIDER, { sub: 'repo:org/repo:pull_request' }), wide).decision).toBe(
      'Allow',
    );
    expect(
      evaluateTrust(web(PROVIDER, { sub: 'repo:org/other:pull_request' }), wide).decision,
    ).toBe('ImplicitDeny');
  });

  it('Service and AWS principals: a role ARN matches its sessions, an account matches its principals', () => {
    const svc = policy('svc', {
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    const asService = (service: string): AuthzRequest => ({
      action: 'sts:AssumeRole',
      resource: ROLE,
      principal: { arn: service, service },
      context: {},
    });
    expect(evaluateTrust(asService('ec2.amazonaws.com'), svc).decision).toBe('Allow');
    expect(evaluateTrust(asService('lambda.amazonaws.com'), svc).decision).toBe('ImplicitDeny');

    const aws = (principal: string): Decision['decision'] =>
      evaluateTrust(
        {
          action: 'sts:AssumeRole',
          resource: ROLE,
          principal: { arn: 'arn:aws:sts::123456789012:assumed-role/Builder/run-1' },
          context: {},
        },
        policy('t', { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }),
      ).decision;
    expect(aws('arn:aws:iam::123456789012:role/ci/Builder')).toBe('Allow');
    expect(aws('arn:aws:iam::123456789012:role/Other')).toBe('ImplicitDeny');
    expect(aws('123456789012')).toBe('Allow');
    expect(aws('arn:aws:iam::123456789012:root')).toBe('Allow');
    expect(aws('arn:aws:iam::210987654321:root')).toBe('ImplicitDeny');
    expect(aws('*')).toBe('Allow');
  });

  it('NotPrincipal with Deny denies everyone but the named principal', () => {
    const p = policy(
      't',
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/Builder' },
        Action: 'sts:AssumeRole',
      },
    );
    const as = (arn: string): string =>
      evaluateTrust(
        { action: 'sts:AssumeRole', resource: ROLE, principal: { arn }, context: {} },
        p,
      ).decision;
    expect(as('arn:aws:sts::123456789012:assumed-role/Builder/s')).toBe('Allow');
    expect(as('arn:aws:sts::123456789012:assumed-role/Intruder/s')).toBe('ExplicitDeny');
  });

  it('a trust statement without Principal or NotPrincipal applies to no one', () => {
    const p = policy('t', { Effect: 'Allow', Action: 'sts:AssumeRole' });
    expect(
      evaluateTrust(
        { action: 'sts:AssumeRole', resource: ROLE, principal: { arn: 'x' }, context: {} },
        p,
      ).decision,
    ).toBe('ImplicitDeny');
  });
});

type Decision = ReturnType<typeof evaluate>;

describe('denialMessage', () => {
  const base = {
    principalArn: 'arn:aws:sts::123456789012:assumed-role/deploy/run-7',
    action: 'ssm:PutParameter',
    resource: PARAM,
  };

  it('uses AWS wording for an implicit deny', () => {
    expect(denialMessage({ ...base, decision: { decision: 'ImplicitDeny', statements: [] } })).toBe(
      `User: arn:aws:sts::123456789012:assumed-role/deploy/run-7 is not authorized to perform: ssm:PutParameter on resource: ${PARAM} because no identity-based policy allows the ssm:PutParameter action`,
    );
  });

  it('uses AWS wording for an explicit deny, with the managed policy ARN when there is one', () => {
    const inline: Decision = {
      decision: 'ExplicitDeny',
      statements: [{ policy: 'guard', index: 0, effect: 'Deny' }],
    };
    expect(denialMessage({ ...base, decision: inline })).toBe(
      `User: ${base.principalArn} is not authorized to perform: ssm:PutParameter on resource: ${PARAM} with an explicit deny in an identity-based policy`,
    );
    const managed: Decision = {
      decision: 'ExplicitDeny',
      statements: [{ policy: 'arn:aws:iam::123456789012:policy/Guard', index: 0, effect: 'Deny' }],
    };
    expect(denialMessage({ ...base, decision: managed })).toMatch(
      /in an identity-based policy: arn:aws:iam::123456789012:policy\/Guard$/,
    );
  });
});
