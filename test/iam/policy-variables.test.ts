import { describe, it, expect } from '@jest/globals';
import { evaluate, type NamedPolicy } from '../../actions/lib/iam/evaluate.js';
import { policy, req } from './policy-fixtures.js';

const home: NamedPolicy = policy('home', {
  Effect: 'Allow',
  Action: 's3:*',
  Resource: 'arn:aws:s3:::bucket/home/${aws:username}/*',
});

describe('evaluate: policy variables in resources', () => {
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

  it('${constructor} or ${toString} is a key like any other: absent, it matches nothing', () => {
    const odd = policy('odd', {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::bucket/${constructor}', 'arn:aws:s3:::bucket/${toString}/*'],
    });
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::bucket/x'), [odd]).decision).toBe(
      'ImplicitDeny',
    );
    expect(
      evaluate(req('s3:GetObject', 'arn:aws:s3:::bucket/x', { constructor: 'x' }), [odd]).decision,
    ).toBe('Allow');
  });

  it('a default may contain a quote written twice, and spaces around the key do not count', () => {
    const quoted = policy('q', {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: "arn:aws:s3:::bucket/${ aws:PrincipalTag/team , 'it''s' }/*",
    });
    expect(evaluate(req('s3:GetObject', "arn:aws:s3:::bucket/it's/x"), [quoted]).decision).toBe(
      'Allow',
    );
    const ops = { 'aws:PrincipalTag/team': 'ops' };
    expect(evaluate(req('s3:GetObject', 'arn:aws:s3:::bucket/ops/x', ops), [quoted]).decision).toBe(
      'Allow',
    );
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
});

describe('evaluate: policy variables in conditions and documents', () => {
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
