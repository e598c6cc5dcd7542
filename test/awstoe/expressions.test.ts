/**
 * Conditional expressions in a step's `if` and in Assert's inputs (actions/lib/awstoe/expressions.ts):
 * one operator per level, operands of the right kind, then/else at the top only, at most four
 * levels of logical nesting, each reported where it is wrong with what to write.
 */
import { describe, expect, it } from '@jest/globals';
import { findings, only } from './helpers.js';

/** A step whose `if:` is at line 9, its lines from line 10. */
function withIf(expr: string): string {
  const body = expr
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n');
  return `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ExecuteBash\n        inputs:\n          commands: [echo]\n        if:\n${body}\n`;
}
/** An Assert step whose `inputs:` is at line 7, its lines from line 8. */
function assert(expr: string): string {
  const body = expr
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n');
  return `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: Assert\n        inputs:\n${body}\n`;
}
/** `and:` nested `n` levels deep around one comparison. */
function nested(n: number): string {
  let e = 'binaryExists: bash';
  for (let i = 0; i < n; i++) e = `and:\n  - ${e.replace(/\n/g, '\n    ')}`;
  return e;
}

describe('the top of `if`', () => {
  it('a value that is not an expression is an error showing the form', () => {
    const f = only(withIf('').replace('        if:\n          \n', '        if: yes\n'));
    expect(f.at).toBe('error awstoe/if-not-expression @9');
    expect(f.message).toBe(
      "`if` must be a mapping with one operator, e.g. `if: {binaryExists: 'dnf'}`; found `yes`.",
    );
  });

  it('the one-item list form holds exactly one expression', () => {
    expect(findings(withIf('- binaryExists: dnf\n  then: Execute'))).toEqual([]);
    const f = findings(withIf('- binaryExists: dnf\n- fileExists: /x'));
    expect(f.map((x) => x.at)).toEqual(['error awstoe/if-multiple-operators @10']);
    expect(f[0]!.message).toBe(
      '`if` holds 2 expressions; it must hold exactly one. Combine conditions with `and`/`or`.',
    );
    expect(only(withIf('- binaryExists')).at).toBe('error awstoe/if-not-expression @10');
  });

  it('then and else take Abort, Execute or Skip', () => {
    expect(findings(withIf('binaryExists: dnf\nthen: Abort\nelse: Skip'))).toEqual([]);
    const f = only(withIf('binaryExists: dnf\nelse: skip'));
    expect(f.at).toBe('error awstoe/if-then-else @11');
    expect(f.message).toBe('`else` must be one of `Abort`, `Execute` or `Skip`; found `skip`.');
    expect(only(withIf('binaryExists: dnf\nthen:')).message).toContain('found an empty value');
    expect(only(withIf('binaryExists: dnf\nthen: [Skip]')).message).toContain('found a list');
  });

  it('then/else nested inside an expression is an error saying to move it up', () => {
    const f = only(withIf('not:\n  binaryExists: dnf\n  then: Skip'));
    expect(f.at).toBe('error awstoe/if-then-else @12');
    expect(f.message).toBe(
      "`then` belongs at the top of a step's `if`, not inside a nested expression or Assert. Move it up.",
    );
  });
});

describe('operators', () => {
  it('two operators at one level: the second is the error', () => {
    const f = only(withIf('binaryExists: dnf\nfileExists: /x'));
    expect(f.at).toBe('error awstoe/if-multiple-operators @11');
    expect(f.message).toBe(
      '`fileExists` is a second operator next to `binaryExists`; an expression holds exactly one operator per level. Combine them with `and` or `or`.',
    );
  });

  it('an unknown operator names the nearest one and lists all', () => {
    const f = findings(withIf('stringEqual: a\nvalue: a'));
    expect(f.map((x) => x.at)).toEqual([
      'error awstoe/unknown-operator @10',
      'error awstoe/if-missing-operator @10',
    ]);
    expect(f[0]!.message).toContain(
      '`stringEqual` is not a conditional operator. Did you mean `stringEquals`?',
    );
    expect(f[0]!.message).toContain('Operators: stringEquals, ');
    expect(f[1]!.message).toContain('This expression has no operator.');
  });

  it('a comparison compares one value; value-comparisons need `value`', () => {
    expect(findings(withIf('numberGreaterThan: 5\nvalue: 3'))).toEqual([]);
    const f = only(withIf('numberLessThan: 3'));
    expect(f.at).toBe('error awstoe/if-missing-value @10');
    expect(f.message).toBe(
      '`numberLessThan` compares two values: add `value: <the other value>` next to it.',
    );
    const g = only(withIf('stringIsEmpty: [a]'));
    expect(g.at).toBe('error awstoe/if-comparison-operand @10');
    expect(g.message).toBe(
      '`stringIsEmpty` compares a single value; found a list. Quote the value as a string.',
    );
    expect(findings(withIf('stringIsEmpty:'))).toEqual([]);
  });

  it('file hash comparisons want the file in `path` (a warning: unverified)', () => {
    expect(findings(withIf('fileSHA256Equals: abc\npath: /x'))).toEqual([]);
    const f = only(withIf('fileMD5Equals: abc'));
    expect(f.at).toBe('warning awstoe/if-missing-value @10');
    expect(f.message).toContain('add `path: <file>` next to it');
  });
});

describe('logical operators', () => {
  it('and/or take a list, not takes one expression', () => {
    expect(findings(withIf('or:\n  - binaryExists: dnf\n  - binaryExists: yum'))).toEqual([]);
    expect(findings(withIf('not:\n  binaryExists: dnf'))).toEqual([]);
    const f = only(withIf('and:\n  binaryExists: dnf'));
    expect(f.at).toBe('error awstoe/if-logical-operand @11');
    expect(f.message).toBe(
      '`and` takes a list of expressions (`and: [ {…}, {…} ]`); found a mapping.',
    );
    const g = only(withIf('not:\n  - binaryExists: dnf'));
    expect(g.at).toBe('error awstoe/if-logical-operand @11');
    expect(g.message).toBe(
      "`not` takes one expression (a mapping such as `not: {binaryExists: 'x'}`); found a list.",
    );
    expect(only(withIf('or:')).message).toContain('found an empty value');
  });

  it('each operand of and/or is an expression mapping', () => {
    const f = only(withIf('and:\n  - binaryExists: dnf\n  - dnf'));
    expect(f.at).toBe('error awstoe/if-logical-operand @12');
    expect(f.message).toBe(
      'Each operand of a logical operator must be an expression mapping; found `dnf`.',
    );
  });

  it('operands are checked as expressions themselves', () => {
    expect(only(withIf('or:\n  - stringEquals: a')).at).toBe('error awstoe/if-missing-value @11');
    expect(only(withIf('not:\n  stringEquals: a')).at).toBe('error awstoe/if-missing-value @11');
  });

  it('nests at most four levels deep', () => {
    expect(findings(withIf(nested(4)))).toEqual([]);
    const f = only(withIf(nested(5)));
    expect(f.at).toMatch(/^error awstoe\/if-too-deep @/);
    expect(f.message).toBe(
      'Logical operators are nested 5 levels deep; AWSTOE allows at most 4. Flatten the expression (e.g. merge nested `and`s).',
    );
    expect(findings(withIf(nested(6))).map((x) => x.message)).toEqual([f.message]);
  });
});

describe('Assert', () => {
  it('its inputs are one expression, without then/else', () => {
    expect(findings(assert("stringEquals: 'a'\nvalue: 'a'"))).toEqual([]);
    const f = only(assert('binaryExists: dnf\nthen: Skip'));
    expect(f.at).toBe('error awstoe/if-then-else @9');
    const g = only(assert('- binaryExists: dnf'));
    expect(g.at).toBe('error awstoe/assert-inputs @8');
    expect(g.message).toBe(
      "Assert `inputs` must be one comparison or logical expression (a mapping such as `{stringEquals: 'a', value: 'b'}`); found a list.",
    );
  });
});
