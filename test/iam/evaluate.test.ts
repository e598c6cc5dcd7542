import { describe, it, expect } from '@jest/globals';
import { denialMessage, evaluate, PolicyError } from '../../actions/lib/iam/evaluate.js';
import { V, policy, req, PARAM } from './policy-fixtures.js';

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

  it('* in Resource spans every character of a key, line breaks included', () => {
    const bucket = policy('b', {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::bucket/*',
    });
    const key = 'arn:aws:s3:::bucket/reports/2026\nq1.csv';
    expect(evaluate(req('s3:GetObject', key), [bucket]).decision).toBe('Allow');
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

  it('NotAction names actions case-insensitively, as Action does', () => {
    // "Action names are case insensitive" (IAM JSON policy elements: Action); NotAction lists them too.
    const p = [policy('p', { Effect: 'Allow', NotAction: 'IAM:createuser', Resource: '*' })];
    expect(evaluate(req('iam:CreateUser', 'arn:aws:iam::1:user/u'), p).decision).toBe(
      'ImplicitDeny',
    );
    expect(evaluate(req('iam:DeleteUser', 'arn:aws:iam::1:user/u'), p).decision).toBe('Allow');
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

  it('names a resource-based policy when one decided (a bucket or key policy)', () => {
    const implicit: Decision = { decision: 'ImplicitDeny', statements: [] };
    expect(denialMessage({ ...base, kind: 'resource', decision: implicit })).toMatch(
      / because no resource-based policy allows the ssm:PutParameter action$/,
    );
    const explicit: Decision = {
      decision: 'ExplicitDeny',
      statements: [{ policy: 'bucket-policy', index: 0, effect: 'Deny' }],
    };
    expect(denialMessage({ ...base, kind: 'resource', decision: explicit })).toMatch(
      / with an explicit deny in a resource-based policy$/,
    );
  });
});
