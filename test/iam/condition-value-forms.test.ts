/**
 * How condition values are read before they are compared (IAM User Guide, "IAM JSON policy
 * elements: Condition operators"): numbers, dates in ISO 8601 or epoch seconds, addresses and
 * CIDR ranges of one IP family, ARNs part by part, and request values that form an empty set.
 */
import { describe, it, expect } from '@jest/globals';
import { evaluate, type AuthzRequest, type Statement } from '../../actions/lib/iam/evaluate.js';
import { policy, req } from './policy-fixtures.js';

/** The decision on ec2:CreateTags under one Condition block and request context. */
const at = (c: Statement['Condition'], ctx: AuthzRequest['context']): string =>
  evaluate(req('ec2:CreateTags', '*', ctx), [
    policy('p', { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: c }),
  ]).decision;

describe('condition values: numbers and dates', () => {
  it('an empty or non-finite value is no number: it equals nothing, not even 0', () => {
    expect(at({ NumericEquals: { 'x:n': '0' } }, { 'x:n': '' })).toBe('ImplicitDeny');
    expect(at({ NumericEquals: { 'x:n': '0' } }, { 'x:n': '  ' })).toBe('ImplicitDeny');
    expect(at({ NumericEquals: { 'x:n': 'Infinity' } }, { 'x:n': 'Infinity' })).toBe(
      'ImplicitDeny',
    );
    expect(at({ NumericEquals: { 'x:n': '0' } }, { 'x:n': 0 })).toBe('Allow');
  });

  it('...Equals operators hold at the bound, the strict ones do not', () => {
    expect(at({ NumericGreaterThanEquals: { 'x:n': '5' } }, { 'x:n': 5 })).toBe('Allow');
    expect(at({ NumericGreaterThan: { 'x:n': '5' } }, { 'x:n': 5 })).toBe('ImplicitDeny');
    expect(at({ NumericGreaterThanEquals: { 'x:n': '5' } }, { 'x:n': 4 })).toBe('ImplicitDeny');
    const t = '2026-01-01T00:00:00Z';
    expect(at({ DateGreaterThanEquals: { 'aws:CurrentTime': t } }, { 'aws:CurrentTime': t })).toBe(
      'Allow',
    );
    expect(at({ DateLessThan: { 'aws:CurrentTime': t } }, { 'aws:CurrentTime': t })).toBe(
      'ImplicitDeny',
    );
  });

  it('a date in epoch seconds is the same instant as its ISO 8601 form', () => {
    // 1767225600 s = 2026-01-01T00:00:00Z
    expect(
      at(
        { DateEquals: { 'aws:CurrentTime': '1767225600' } },
        { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      ),
    ).toBe('Allow');
    expect(
      at(
        { DateGreaterThan: { 'aws:CurrentTime': '1767225600' } },
        { 'aws:CurrentTime': '2025-12-31T23:59:59Z' },
      ),
    ).toBe('ImplicitDeny');
    expect(at({ DateEquals: { 'aws:CurrentTime': 'soon' } }, { 'aws:CurrentTime': 'soon' })).toBe(
      'ImplicitDeny',
    );
  });

  it('ISO 8601 with an offset, and epoch seconds with a fraction, are instants too', () => {
    const now = (policyValue: string, request: string) =>
      at({ DateEquals: { 'aws:CurrentTime': policyValue } }, { 'aws:CurrentTime': request });
    expect(now('2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00Z')).toBe('Allow');
    expect(now('1767225600.25', '2026-01-01T00:00:00.250Z')).toBe('Allow');
    expect(now('1767225600.25', '2026-01-01T00:00:00.200Z')).toBe('ImplicitDeny');
    // As numbers are read (Number() ignores surrounding spaces), so are epoch seconds.
    expect(now(' 1767225600 ', '2026-01-01T00:00:00Z')).toBe('Allow');
  });
});

describe('condition values: addresses and ARNs', () => {
  const ip = (range: string, address: string) =>
    at({ IpAddress: { 'aws:SourceIp': range } }, { 'aws:SourceIp': address });

  it('an address without a prefix length is that one address; families never mix', () => {
    expect(ip('203.0.113.5', '203.0.113.5')).toBe('Allow');
    expect(ip('203.0.113.5', '203.0.113.6')).toBe('ImplicitDeny');
    expect(ip('2001:db8::1', '2001:db8::1')).toBe('Allow');
    expect(ip('0.0.0.0/0', '2001:db8::1')).toBe('ImplicitDeny');
    expect(ip('::/0', '203.0.113.5')).toBe('ImplicitDeny');
    expect(ip('203.0.113.0/24', 'not-an-address')).toBe('ImplicitDeny');
    expect(ip('not-a-range', 'not-an-address')).toBe('ImplicitDeny');
    // An IPv6 address without a prefix length is /128, not a wider range.
    expect(ip('2001:db8::1', '2001:db8::2')).toBe('ImplicitDeny');
  });

  it('/0 is every address of its family', () => {
    expect(ip('0.0.0.0/0', '203.0.113.5')).toBe('Allow');
    expect(ip('::/0', '2001:db8::1')).toBe('Allow');
  });

  it('a prefix length out of range or not a whole number matches nothing', () => {
    for (const range of ['203.0.113.0/33', '203.0.113.0/-1', '203.0.113.0/8.5', '2001:db8::/129'])
      expect(ip(range, '203.0.113.5')).toBe('ImplicitDeny');
    expect(
      at({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }, { 'aws:SourceIp': '203.0.113.5' }),
    ).toBe('Allow');
  });

  it('the sixth ARN part keeps its colons; a value with fewer than six parts is no ARN', () => {
    const fn = (pattern: string, arn: string) =>
      at({ ArnLike: { 'lambda:FunctionArn': pattern } }, { 'lambda:FunctionArn': arn });
    const PATTERN = 'arn:aws:lambda:*:123456789012:function:build-*';
    expect(fn(PATTERN, 'arn:aws:lambda:us-east-1:123456789012:function:build-ami')).toBe('Allow');
    expect(fn(PATTERN, 'arn:aws:lambda:us-east-1:123456789012:function:deploy')).toBe(
      'ImplicitDeny',
    );
    expect(fn('arn:aws:lambda', 'arn:aws:lambda')).toBe('ImplicitDeny');
    expect(fn('*', 'build-ami')).toBe('ImplicitDeny');
  });

  it('a * in one ARN part never spans a colon into the next part', () => {
    const fn = (pattern: string, arn: string) =>
      at({ ArnLike: { 'lambda:FunctionArn': pattern } }, { 'lambda:FunctionArn': arn });
    // The account part's * would reach across `123456789012:extra` if the ARN were one string.
    expect(
      fn(
        'arn:aws:lambda:us-east-1:*:function:x',
        'arn:aws:lambda:us-east-1:123456789012:extra:function:x',
      ),
    ).toBe('ImplicitDeny');
    // The sixth part is compared with its colons where they are.
    expect(
      fn('arn:aws:logs:us-east-1:1:log-group:ab', 'arn:aws:logs:us-east-1:1:log-groupa:b'),
    ).toBe('ImplicitDeny');
    expect(
      fn(
        'arn:aws:logs:us-east-1:1:log-group:*',
        'arn:aws:logs:us-east-1:1:log-group:a:log-stream:b',
      ),
    ).toBe('Allow');
  });

  it('ARN operators match case-sensitively', () => {
    const role = (pattern: string, arn: string) =>
      at({ ArnLike: { 'iam:PassedToService': pattern } }, { 'iam:PassedToService': arn });
    expect(role('arn:aws:iam::*:role/App*', 'arn:aws:iam::123456789012:role/App-1')).toBe('Allow');
    expect(role('arn:aws:iam::*:role/App*', 'arn:aws:iam::123456789012:role/app-1')).toBe(
      'ImplicitDeny',
    );
  });

  it('a ? from a variable is a literal character in an ARN operator value', () => {
    const arn = (request: string) =>
      at(
        { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::b/${?}${*}' } },
        { 'aws:SourceArn': request },
      );
    expect(arn('arn:aws:s3:::b/?*')).toBe('Allow');
    expect(arn('arn:aws:s3:::b/x*')).toBe('ImplicitDeny');
    expect(arn('arn:aws:s3:::b/?x')).toBe('ImplicitDeny');
  });
});

describe('condition values: empty request sets', () => {
  it('an empty list of values is an absent key: positive operators fail, negated ones hold', () => {
    expect(at({ StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': [] })).toBe(
      'ImplicitDeny',
    );
    expect(at({ StringNotEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': [] })).toBe('Allow');
    expect(at({ Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] })).toBe('Allow');
  });

  it('set operators skip empty strings: only empty strings make an empty set', () => {
    const keys = (v: string[]) => ({ 'aws:TagKeys': v });
    expect(at({ 'ForAnyValue:StringLike': { 'aws:TagKeys': '*' } }, keys(['']))).toBe(
      'ImplicitDeny',
    );
    expect(at({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }, keys(['team', '']))).toBe(
      'Allow',
    );
  });
});
