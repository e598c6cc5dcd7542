/**
 * IAM's wildcards on their own (IAM User Guide, "IAM JSON policy elements: Action", "Resource"
 * and the `...Like` condition operators): `*` is any run of characters, also none; `?` is exactly
 * one; every other character, regular-expression syntax included, stands for itself.
 */
import { describe, it, expect } from '@jest/globals';
import {
  hasWildcard,
  partsToRegExp,
  patternsOverlap,
  wildcardMatch,
} from '../../actions/lib/iam/wildcard.js';

describe('wildcardMatch', () => {
  it('regular-expression characters in a pattern are literal text', () => {
    // [pattern, the text it names, a text it would match if read as a regular expression]
    const cases: [string, string, string][] = [
      ['a.b*', 'a.b', 'axb'],
      ['ab+*', 'ab+', 'abb'],
      ['a^b*', 'a^b', 'b'],
      ['a$b*', 'a$b', 'a'],
      ['a{2}*', 'a{2}', 'aa'],
      ['a(b)*', 'a(b)', 'ab'],
      ['a|b*', 'a|b', 'b'],
      ['a[bc]*', 'a[bc]', 'ac'],
      ['a\\d*', 'a\\d', 'a1'],
      ['a)*', 'a)', 'a'],
    ];
    for (const [pattern, text, other] of cases) {
      expect([pattern, wildcardMatch(pattern, `${text}-x`)]).toEqual([pattern, true]);
      expect([pattern, wildcardMatch(pattern, other)]).toEqual([pattern, false]);
    }
  });

  it('* is any run, also none and across /; ? is exactly one character', () => {
    expect(wildcardMatch('parameter/*', 'parameter/')).toBe(true);
    expect(wildcardMatch('parameter/*', 'parameter/a/b/c')).toBe(true);
    expect(wildcardMatch('a?c', 'abc')).toBe(true);
    expect(wildcardMatch('a?c', 'ac')).toBe(false);
    expect(wildcardMatch('a?c', 'abbc')).toBe(false);
    expect(wildcardMatch('*', '')).toBe(true);
    expect(wildcardMatch('', '')).toBe(true);
    expect(wildcardMatch('', 'x')).toBe(false);
    // Anchored at both ends.
    expect(wildcardMatch('b*', 'ab')).toBe(false);
    expect(wildcardMatch('*a', 'ab')).toBe(false);
  });

  it('without a wildcard, the whole value must be equal, in case too unless told otherwise', () => {
    expect(wildcardMatch('ssm:GetParameter', 'ssm:GetParameter')).toBe(true);
    expect(wildcardMatch('ssm:GetParameter', 'ssm:GetParameters')).toBe(false);
    expect(wildcardMatch('ssm:GetParameter', 'SSM:getparameter')).toBe(false);
    expect(wildcardMatch('ssm:GetParameter', 'SSM:getparameter', true)).toBe(true);
    expect(wildcardMatch('ssm:Get*', 'SSM:getparameter')).toBe(false);
    expect(wildcardMatch('ssm:Get*', 'SSM:getparameter', true)).toBe(true);
  });

  it('one pattern matched with and without case does not mix the two', () => {
    // The compiled expressions are cached: the cache must keep the two modes apart.
    expect(wildcardMatch('Image/*', 'image/web', true)).toBe(true);
    expect(wildcardMatch('Image/*', 'image/web')).toBe(false);
    expect(wildcardMatch('Other/?', 'OTHER/x')).toBe(false);
    expect(wildcardMatch('Other/?', 'OTHER/x', true)).toBe(true);
  });
});

describe('partsToRegExp', () => {
  it('gives * and ? their meaning only in wild parts', () => {
    const re = partsToRegExp(
      [
        { text: 'home/', wild: true },
        { text: 'a*b?', wild: false },
        { text: '/*', wild: true },
      ],
      false,
    );
    expect(re.test('home/a*b?/x')).toBe(true);
    expect(re.test('home/aXXbY/x')).toBe(false);
    expect(partsToRegExp([{ text: 'A.', wild: false }], true).test('a.')).toBe(true);
    expect(partsToRegExp([{ text: 'A.', wild: false }], true).test('ax')).toBe(false);
  });
});

describe('hasWildcard', () => {
  it('is true for * or ? anywhere, false for plain text', () => {
    expect(hasWildcard('a*')).toBe(true);
    expect(hasWildcard('?')).toBe(true);
    expect(hasWildcard('arn:aws:s3:::bucket/key')).toBe(false);
  });
});

describe('patternsOverlap', () => {
  it('finds a common string of two wildcard patterns, or proves there is none', () => {
    expect(patternsOverlap('a*c', 'ab*')).toBe(true);
    expect(patternsOverlap('a?c', 'abd')).toBe(false);
    expect(patternsOverlap('*x', 'y*')).toBe(true);
    expect(patternsOverlap('component/*', 'component/*/*/*')).toBe(true);
    expect(patternsOverlap('document/*', 'parameter/*')).toBe(false);
    expect(patternsOverlap('A', 'a')).toBe(false);
    expect(patternsOverlap('A', 'a', true)).toBe(true);
    // `?` on either side stands for the other side's character.
    expect(patternsOverlap('abc', 'a?c')).toBe(true);
    expect(patternsOverlap('a?c', 'abc')).toBe(true);
  });

  it('an empty pattern overlaps only what can be empty', () => {
    expect(patternsOverlap('', '')).toBe(true);
    expect(patternsOverlap('', '*')).toBe(true);
    expect(patternsOverlap('**', '')).toBe(true);
    expect(patternsOverlap('', '?')).toBe(false);
    expect(patternsOverlap('a', '')).toBe(false);
  });

  it('? takes exactly one character on either side, * any number', () => {
    expect(patternsOverlap('??', 'abc')).toBe(false);
    expect(patternsOverlap('???', 'a*')).toBe(true);
    expect(patternsOverlap('a*', '?')).toBe(true);
    expect(patternsOverlap('a*b', '*c')).toBe(false);
    expect(patternsOverlap('x*y*z', '*y*')).toBe(true);
    expect(patternsOverlap('ab', 'a*b*c')).toBe(false);
    // A long literal against a short pattern: every position of the literal is tried.
    expect(patternsOverlap('parameter/golden-ami/web', '*parameter/*')).toBe(true);
    expect(patternsOverlap('imagebuilder', '*image*')).toBe(true);
  });

  it('many stars on both sides: still a plain yes or no', () => {
    const a = `${'a*'.repeat(30)}b`;
    const b = `${'*a'.repeat(30)}c`;
    expect(patternsOverlap(a, b)).toBe(false);
  });
});
