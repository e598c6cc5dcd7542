/**
 * A step's `loop` (actions/lib/awstoe/loops.ts): exactly one of `for` and `forEach`, integer bounds
 * that reach `end`, string entries, a one-character delimiter, each reported where it is wrong.
 */
import { describe, expect, it } from '@jest/globals';
import { findings, only } from './helpers.js';

/** A step with `loop:` at line 9 and the loop's own lines from line 10 (indented under it). */
function looped(loop: string, head = ''): string {
  const body = loop
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n');
  return `schemaVersion: 1.0\n${head}phases:\n  - name: build\n    steps:\n      - name: S\n        action: ExecuteBash\n        inputs:\n          commands: [echo]\n        loop:\n${body}\n`;
}

describe('loop shape', () => {
  it('a loop that is not a mapping is an error at the loop', () => {
    const text = looped('').replace('        loop:\n          \n', '        loop: 3\n');
    const f = only(text);
    expect(f.at).toBe('error awstoe/loop-shape @9');
    expect(f.message).toContain('A `loop` must be a mapping with `for: {start, end, updateBy}`');
  });

  it('needs exactly one of for and forEach', () => {
    const both = only(looped('for: {start: 0, end: 1, updateBy: 1}\nforEach: [a]'));
    expect(both.at).toBe('error awstoe/loop-shape @10');
    expect(both.message).toBe('A loop has both `for` and `forEach`; keep exactly one.');
    const none = only(looped('name: L'));
    expect(none.message).toBe(
      'A loop needs exactly one of `for: {start, end, updateBy}` or `forEach: [...]`.',
    );
  });

  it('an unknown loop key warns at that key with the nearest setting', () => {
    const f = only(looped('forEach: [a]\nnmae: L'));
    expect(f.at).toBe('warning awstoe/unknown-key @11');
    expect(f.message).toBe(
      '`nmae` is not a loop setting (name, for, forEach). Did you mean `name`?',
    );
  });

  it('a loop name must have a value; a numeric one is a name', () => {
    const f = only(looped('name:\nforEach: [a]'));
    expect(f.at).toBe('error awstoe/loop-shape @10');
    expect(f.message).toBe('The loop `name` must be a string; remove it or give it a value.');
    expect(findings(looped('name: 7\nforEach: [a]'))).toEqual([]);
  });
});

describe('for', () => {
  it('counts up or down to end', () => {
    expect(findings(looped('for: {start: 0, end: 3, updateBy: 1}'))).toEqual([]);
    expect(findings(looped('for: {start: 3, end: 0, updateBy: -1}'))).toEqual([]);
    expect(findings(looped('for: {start: 2, end: 2, updateBy: 5}'))).toEqual([]);
  });

  it('an updateBy that moves away from end is an error at updateBy, saying to flip its sign', () => {
    const f = only(looped('for:\n  start: 3\n  end: 0\n  updateBy: 1'));
    expect(f.at).toBe('error awstoe/loop-for @13');
    expect(f.message).toBe(
      '`updateBy: 1` moves away from `end: 0` (start 3); the loop could never finish. Flip its sign.',
    );
    expect(only(looped('for: {start: 0, end: 3, updateBy: -2}')).message).toContain(
      '`updateBy: -2` moves away from `end: 3` (start 0)',
    );
  });

  it('updateBy 0 never ends', () => {
    const f = only(looped('for:\n  start: 0\n  end: 3\n  updateBy: 0'));
    expect(f.at).toBe('error awstoe/loop-for @13');
    expect(f.message).toBe('`updateBy` must not be 0: the loop would never end.');
  });

  it('each bound is required and an integer; a whole {{ parameter }} is accepted', () => {
    const missing = findings(looped('for: {start: 0}'));
    expect(missing.map((x) => x.message)).toEqual([
      '`for` needs `end` (an integer).',
      '`for` needs `updateBy` (an integer).',
    ]);
    const f = only(looped('for:\n  start: 0\n  end: 2.5\n  updateBy: 1'));
    expect(f.at).toBe('error awstoe/loop-for @12');
    expect(f.message).toBe('`end` must be an integer; found `2.5`.');
    expect(only(looped('for: {start: 0, end: [3], updateBy: 1}')).message).toBe(
      '`end` must be an integer; found `a collection`.',
    );
    const param = 'parameters:\n  - Count:\n      type: string\n';
    expect(findings(looped("for: {start: 0, end: '{{ Count }}', updateBy: 1}", param))).toEqual([]);
    expect(
      only(looped("for: {start: 0, end: 'n{{ Count }}', updateBy: 1}", param)).message,
    ).toContain('`end` must be an integer');
  });

  it('`for` must be a mapping; its unknown keys warn', () => {
    expect(only(looped('for: 3')).message).toBe(
      '`for` must be a mapping `{start: <int>, end: <int>, updateBy: <non-zero int>}`.',
    );
    const f = only(looped('for: {start: 0, end: 1, updateBy: 1, step: 1}'));
    expect(f.at).toBe('warning awstoe/unknown-key @10');
    expect(f.message).toContain('`step` is not a `for` setting (start, end, updateBy).');
  });
});

describe('forEach', () => {
  it('a list of strings, or a delimited string with a one-character delimiter', () => {
    expect(findings(looped('forEach: [a, b, 1]'))).toEqual([]);
    expect(findings(looped("forEach: {list: 'a,b', delimiter: ','}"))).toEqual([]);
    expect(findings(looped("forEach: {list: 'a,b'}"))).toEqual([]);
  });

  it('each list entry must be a string', () => {
    const f = only(looped('forEach:\n  - a\n  - [b]'));
    expect(f.at).toBe('error awstoe/loop-foreach @12');
    expect(f.message).toBe(
      'Each `forEach` entry must be a string; loops support only string data.',
    );
  });

  it('a single value is neither form', () => {
    expect(only(looped('forEach: a,b')).message).toBe(
      '`forEach` must be a list of strings or a mapping `{list: "a,b", delimiter: ","}`.',
    );
  });

  it('the mapping form needs a string list', () => {
    expect(only(looped("forEach: {delimiter: ','}")).message).toBe(
      '`forEach` as a mapping needs `list` (a delimited string).',
    );
    expect(only(looped('forEach: {list: [a, b]}')).message).toBe(
      '`forEach.list` must be one delimited string, e.g. `list: "a,b,c"`.',
    );
    expect(only(looped('forEach: {list: }')).message).toContain('`forEach.list` must be one');
  });

  it('the delimiter is exactly one character', () => {
    const f = only(looped("forEach:\n  list: 'a;b'\n  delimiter: ';;'"));
    expect(f.at).toBe('error awstoe/loop-foreach @12');
    expect(f.message).toBe('`delimiter` must be exactly one character; found `;;`.');
    expect(only(looped("forEach: {list: 'a', delimiter: }")).message).toBe(
      '`delimiter` must be exactly one character; found ``.',
    );
  });

  it('an unknown forEach key warns with the nearest one', () => {
    const f = only(looped("forEach: {list: 'a', delimeter: ','}"));
    expect(f.at).toBe('warning awstoe/unknown-key @10');
    expect(f.message).toBe(
      '`delimeter` is not a `forEach` setting (list, delimiter). Did you mean `delimiter`?',
    );
  });
});
