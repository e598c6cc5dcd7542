/**
 * `parameters` and `constants` (actions/lib/awstoe/variables.ts): the list-of-single-key-mappings
 * shape, names, `type: string`, a constant's `value`, each reported where it is wrong, saying what
 * to write.
 */
import { describe, expect, it } from '@jest/globals';
import { findings, only } from './helpers.js';

/** A valid document whose root gains `head` (from line 2). */
const doc = (head: string) =>
  `schemaVersion: 1.0\n${head}phases:\n  - name: build\n    steps:\n      - name: S\n        action: Reboot\n`;

describe('section shape', () => {
  it('the SSM mapping style is an error showing the list form', () => {
    const p = only(doc('parameters:\n  Version:\n    type: string\n'));
    expect(p.at).toBe('error awstoe/parameter-shape @3');
    expect(p.message).toContain('`parameters` is a mapping keyed by name (the SSM document style)');
    expect(p.message).toContain('`- MyName: type: string default: x`');
    const c = only(doc('constants:\n  Root:\n    type: string\n    value: /opt\n'));
    expect(c.at).toBe('error awstoe/constant-shape @3');
    expect(c.message).toContain('`- MyName: type: string value: x`');
  });

  it('a section that is a single value or empty is an error, saying to remove an empty one', () => {
    const f = only(doc('parameters:\n'));
    expect(f.at).toBe('error awstoe/parameter-shape @2');
    expect(f.message).toContain('remove the key if there are none');
    expect(only(doc('constants: x\n')).at).toBe('error awstoe/constant-shape @2');
  });

  it('each entry is a mapping', () => {
    const f = only(doc('parameters:\n  - Version\n'));
    expect(f.at).toBe('error awstoe/parameter-shape @3');
    expect(f.message).toBe(
      'Each parameter must be a single-key mapping `- MyName: type: string default: x`.',
    );
  });

  it('the workflow style (`- name: X` with siblings) is named as such', () => {
    const f = only(doc('parameters:\n  - name: Version\n    type: string\n'));
    expect(f.at).toBe('error awstoe/parameter-shape @3');
    expect(f.message).toContain('written in the workflow style (`- name: X` with sibling keys)');
    expect(only(doc('parameters:\n  - name: Version\n')).message).toContain('workflow style');
  });

  it('a parameter literally named `name` is a name', () => {
    expect(findings(doc('parameters:\n  - name:\n      type: string\n'))).toEqual([]);
  });

  it('settings beside the name instead of under it: says to indent them', () => {
    const f = only(doc('parameters:\n  - Version:\n    type: string\n'));
    expect(f.at).toBe('error awstoe/parameter-shape @3');
    expect(f.message).toBe(
      'A parameter entry must have exactly one key (its name) holding its settings; this one has 2. Indent the settings under the name.',
    );
  });

  it('settings that are not a mapping', () => {
    const f = only(doc('constants:\n  - Root: /opt\n'));
    expect(f.at).toBe('error awstoe/constant-shape @3');
    expect(f.message).toBe(
      'The constant `Root` needs its settings as a mapping under the name, at least `type: string` and `value`.',
    );
    expect(only(doc('parameters:\n  - Root: x\n')).message).toBe(
      'The parameter `Root` needs its settings as a mapping under the name, at least `type: string`.',
    );
  });
});

describe('names', () => {
  it('3 to 128 letters, digits, `_` and `-`', () => {
    const ok = (n: string) => doc(`parameters:\n  - ${n}:\n      type: string\n`);
    expect(findings(ok('abc'))).toEqual([]);
    expect(findings(ok(`a-_${'x'.repeat(125)}`))).toEqual([]);
    for (const bad of ['ab', 'x'.repeat(129), 'my.name', 'a b c']) {
      const f = only(ok(bad));
      expect(f.at).toBe('error awstoe/variable-name @3');
      expect(f.message).toContain(`The parameter name \`${bad}\` is invalid`);
      expect(f.message).toContain(`(and every \`{{ ${bad} }}\`)`);
    }
  });

  it('a name that YAML reads as a number must be quoted', () => {
    const f = only(doc('constants:\n  - 1234:\n      type: string\n      value: x\n'));
    expect(f.at).toBe('error awstoe/variable-name @3');
    expect(f.message).toBe('The constant name `1234` must be written as a YAML string (quote it).');
    expect(findings(doc("constants:\n  - '1234':\n      type: string\n      value: x\n"))).toEqual(
      [],
    );
  });

  it('names are unique across both sections, reported at the second', () => {
    const f = only(
      doc('parameters:\n  - Root:\n      type: string\n  - Root:\n      type: string\n'),
    );
    expect(f.at).toBe('error awstoe/duplicate-variable @5');
    expect(f.message).toBe(
      '`Root` is defined twice (the first is at line 3); parameter and constant names must be unique across both sections. Rename or remove one.',
    );
  });
});

describe('settings', () => {
  it('an unknown setting warns, listing the section’s settings and the nearest one', () => {
    const f = only(doc('parameters:\n  - Root:\n      type: string\n      defualt: x\n'));
    expect(f.at).toBe('warning awstoe/unknown-key @5');
    expect(f.message).toBe(
      '`defualt` is not a documented parameter setting (type, default, description, allowedValues); AWSTOE may reject or ignore it. Did you mean `default`?',
    );
    expect(
      only(doc('constants:\n  - Root:\n      type: string\n      value: x\n      default: y\n'))
        .message,
    ).toContain('(type, value, description)');
  });

  it('a default or value must be a string, not a list', () => {
    const f = only(doc('parameters:\n  - Root:\n      type: string\n      default: [a, b]\n'));
    expect(f.at).toBe('error awstoe/variable-type @5');
    expect(f.message).toBe(
      'The parameter `Root` default must be a string; loops and inputs receive only strings. Write the list as a delimited string.',
    );
    expect(
      only(doc('constants:\n  - Root:\n      type: string\n      value: {a: 1}\n')).message,
    ).toContain('The constant `Root` value must be a string');
  });

  it('type is required and must be `string`', () => {
    const f = only(doc('parameters:\n  - Root:\n      default: x\n'));
    expect(f.at).toBe('error awstoe/variable-type @3');
    expect(f.message).toBe('The parameter `Root` needs `type: string`.');
    const g = only(doc('parameters:\n  - Root:\n      type: StringList\n'));
    expect(g.at).toBe('error awstoe/variable-type @4');
    expect(g.message).toBe(
      "The parameter `Root` has type `StringList`; the only supported type is `string` (SSM's `String`/`StringList` do not apply).",
    );
    expect(only(doc('parameters:\n  - Root:\n      type: [string]\n')).message).toContain(
      'has type `?`',
    );
  });
});

describe('constant values', () => {
  it('a constant needs `value`, at its name', () => {
    const f = only(doc('constants:\n  - Root:\n      type: string\n'));
    expect(f.at).toBe('error awstoe/constant-value @3');
    expect(f.message).toBe('The constant `Root` needs a `value`.');
  });

  it('`default:` on a constant: the error is at that key, naming it a parameter setting', () => {
    const f = only(doc('constants:\n  - Root:\n      type: string\n      default: /opt\n'));
    expect(f.at).toBe('error awstoe/constant-value @5');
    expect(f.message).toBe(
      'The constant `Root` needs `value`, not `default` (a parameter setting): rename the key to `value`.',
    );
  });

  it('`Value:` on a constant: the error is at that key', () => {
    const f = only(doc('constants:\n  - Root:\n      type: string\n      Value: /opt\n'));
    expect(f.at).toBe('error awstoe/constant-value @5');
    expect(f.message).toBe(
      'The constant `Root` needs `value`, not `Value`: rename the key to `value`.',
    );
  });

  it('a parameter needs no value', () => {
    expect(findings(doc('parameters:\n  - Root:\n      type: string\n'))).toEqual([]);
  });
});
