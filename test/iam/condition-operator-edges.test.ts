/**
 * The edges of IAM's condition operators (IAM User Guide, "IAM JSON policy elements: Condition
 * operators", "Single-valued vs. multivalued context keys"): operator names taken exactly, every
 * operator's false case, Null's values, set operators on absent keys, unresolvable variables, and
 * what the validator says of a key no request carries, which must be what evaluation does.
 */
import { describe, it, expect } from '@jest/globals';
import {
  CONDITION_OPERATORS,
  holdsWhenAbsent,
  parseOperator,
  testCondition,
} from '../../actions/lib/iam/conditions.js';
import { evaluate, type AuthzRequest, type Statement } from '../../actions/lib/iam/evaluate.js';
import { normalizeContext } from '../../actions/lib/iam/variables.js';
import { policy, req } from './policy-fixtures.js';

/** The decision on ec2:CreateTags under one Condition block and request context. */
const at = (c: Statement['Condition'], ctx: AuthzRequest['context'] = {}): string =>
  evaluate(req('ec2:CreateTags', '*', ctx), [
    policy('p', { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: c }),
  ]).decision;

describe('condition operator names', () => {
  it('are taken exactly: no text before a set prefix, after the name, or a line break', () => {
    for (const op of [
      'xForAnyValue:StringEquals',
      'ForAnyValue:StringEquals\nx',
      ' StringEquals',
      'StringEqualsX',
      'ForAnyValue:Null',
      'NullIfExists',
    ])
      expect([op, parseOperator(op)]).toEqual([op, undefined]);
    expect(parseOperator('ForAllValues:StringLikeIfExists')).toEqual({
      set: 'ForAllValues',
      name: 'StringLike',
      ifExists: true,
    });
    expect(parseOperator('Null')).toEqual({ name: 'Null', ifExists: false });
  });
});

describe('each operator has a false case', () => {
  it('StringEqualsIgnoreCase, BinaryEquals and NumericLessThan', () => {
    const tag = (v: string) => ({ 'aws:RequestTag/Project': v });
    expect(
      at({ StringEqualsIgnoreCase: { 'aws:RequestTag/Project': 'GOLDEN' } }, tag('gold')),
    ).toBe('ImplicitDeny');
    expect(at({ BinaryEquals: { 'x:b': 'QmluYXJ5' } }, { 'x:b': 'b3RoZXI=' })).toBe('ImplicitDeny');
    expect(at({ NumericLessThan: { 'x:n': '5' } }, { 'x:n': 4 })).toBe('Allow');
    expect(at({ NumericLessThan: { 'x:n': '5' } }, { 'x:n': 5 })).toBe('ImplicitDeny');
    expect(at({ NumericLessThanEquals: { 'x:n': '5' } }, { 'x:n': 5 })).toBe('Allow');
    expect(at({ NumericEquals: { 'x:n': '5' } }, { 'x:n': 6 })).toBe('ImplicitDeny');
  });

  it('Bool compares true and false without regard to case (our reading: AWS says true|false)', () => {
    expect(at({ Bool: { 'aws:SecureTransport': 'True' } }, { 'aws:SecureTransport': true })).toBe(
      'Allow',
    );
    expect(at({ Bool: { 'aws:SecureTransport': 'FALSE' } }, { 'aws:SecureTransport': false })).toBe(
      'Allow',
    );
  });
});

describe('Null', () => {
  it('with both values holds either way; a value other than true or false never holds', () => {
    const both = { Null: { 'aws:RequestTag/Project': ['true', 'false'] } };
    expect(at(both)).toBe('Allow');
    expect(at(both, { 'aws:RequestTag/Project': 'x' })).toBe('Allow');
    const neither = { Null: { 'aws:RequestTag/Project': 'yes' } };
    expect(at(neither)).toBe('ImplicitDeny');
    expect(at(neither, { 'aws:RequestTag/Project': 'x' })).toBe('ImplicitDeny');
    expect(at({ Null: { 'aws:RequestTag/Project': 'TRUE' } })).toBe('Allow');
    expect(
      at({ Null: { 'aws:RequestTag/Project': 'False' } }, { 'aws:RequestTag/Project': 'x' }),
    ).toBe('Allow');
  });
});

describe('set operators and multivalued keys', () => {
  it('ForAnyValue on an absent key is false, negated too; ForAllValues is true, negated too', () => {
    expect(at({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'Secret' } })).toBe('ImplicitDeny');
    expect(at({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'Secret' } })).toBe('Allow');
  });

  it('without a set operator a multivalued key matches when any value does (our reading)', () => {
    // AWS says multivalued keys need a set operator and leaves the rest unsaid; we read a plain
    // operator as "some request value matches", and its negation as "none does".
    const keys = { 'aws:TagKeys': ['Project', 'Owner'] };
    expect(at({ StringEquals: { 'aws:TagKeys': 'Owner' } }, keys)).toBe('Allow');
    expect(at({ StringNotEquals: { 'aws:TagKeys': 'Owner' } }, keys)).toBe('ImplicitDeny');
    expect(at({ StringNotEquals: { 'aws:TagKeys': 'Cost' } }, keys)).toBe('Allow');
  });
});

describe('policy variables without a value', () => {
  it('make String and Arn operators match nothing, and their negations hold', () => {
    const user = '${aws:username}';
    expect(
      at({ StringEquals: { 'aws:RequestTag/Owner': user } }, { 'aws:RequestTag/Owner': 'x' }),
    ).toBe('ImplicitDeny');
    expect(
      at({ StringNotEquals: { 'aws:RequestTag/Owner': user } }, { 'aws:RequestTag/Owner': 'x' }),
    ).toBe('Allow');
    expect(
      at(
        { ArnLike: { 'aws:SourceArn': `arn:aws:iam::*:user/${user}` } },
        { 'aws:SourceArn': 'arn:aws:iam::123456789012:user/x' },
      ),
    ).toBe('ImplicitDeny');
  });
});

describe('a key no request carries', () => {
  /** The documented rules, read off the operator's name. */
  const expected = (operator: string, values: string[]): boolean => {
    if (operator === 'Null') return values.some((v) => v.toLowerCase() === 'true');
    if (operator.endsWith('IfExists')) return true;
    if (operator.startsWith('ForAllValues:')) return true;
    if (operator.startsWith('ForAnyValue:')) return false;
    return /Not/.test(operator);
  };

  it('holds or fails by the documented rules, in evaluation and in the validator alike', () => {
    const absent = normalizeContext({});
    const forms = CONDITION_OPERATORS.flatMap((o) =>
      o === 'Null'
        ? ['Null']
        : [o, `${o}IfExists`, `ForAnyValue:${o}`, `ForAllValues:${o}`, `ForAnyValue:${o}IfExists`],
    );
    for (const operator of forms) {
      for (const values of [['true'], ['false'], ['x', 'TRUE']]) {
        const want = expected(operator, values);
        const evaluated = testCondition({ operator, key: 'x:k', values }, absent, true);
        expect([operator, values, evaluated]).toEqual([operator, values, want]);
        // The validator's "always holds / never holds" for a key the actions do not carry.
        const op = parseOperator(operator)!;
        expect([operator, values, holdsWhenAbsent(op, values)]).toEqual([operator, values, want]);
      }
    }
  });
});
