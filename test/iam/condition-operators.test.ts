import { describe, it, expect } from '@jest/globals';
import {
  evaluate,
  type AuthzRequest,
  type NamedPolicy,
  type Statement,
} from '../../actions/lib/iam/evaluate.js';
import { policy, req } from './policy-fixtures.js';

const tagged = (c: Statement['Condition']): NamedPolicy[] => [
  policy('p', { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: c }),
];
const tags = (keys: string[] | undefined): AuthzRequest =>
  req('ec2:CreateTags', '*', { 'aws:TagKeys': keys });

describe('evaluate: conditions, missing keys and set operators', () => {
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
});

describe('evaluate: condition keys and string operators', () => {
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
});

describe('evaluate: typed condition operators', () => {
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

  it('a name of a JavaScript object (toString, constructor) is no operator either', () => {
    for (const op of ['toString', 'constructor', 'ForAnyValue:hasOwnProperty']) {
      expect(() =>
        evaluate(req('ec2:CreateTags', '*', { x: '1' }), tagged({ [op]: { x: '1' } })),
      ).toThrow(new RegExp(`unknown condition operator '${op}'`));
    }
  });

  it('an operator IAM does not know is a PolicyError, not a silent mismatch', () => {
    expect(() =>
      evaluate(req('ec2:CreateTags', '*'), tagged({ StringEqual: { 'aws:TagKeys': 'x' } })),
    ).toThrow(/unknown condition operator 'StringEqual'/);
  });
});
