import { describe, it, expect } from '@jest/globals';
import { FILE, load, minimal, only } from './definition-fixtures.js';

describe('loadImageDefinition: schema errors in keys and types, at the exact YAML node', () => {
  it('unknown top-level key, with did-you-mean, at the key', () => {
    const f = only(load(minimal('parentimage: x\n')).findings);
    expect(f).toMatchObject({
      file: FILE,
      line: 6,
      column: 1,
      severity: 'error',
      rule: 'definition/unknown-key',
    });
    expect(f.message).toBe(
      'Unknown key `parentimage` in the image definition. Did you mean `parentImage`?',
    );
  });

  it('unknown key without a close match lists the known keys', () => {
    const f = only(load(minimal('zzz: 1\n')).findings);
    expect(f.message).toContain('Known keys: name, description, platform');
  });

  it('unknown nested key inside a component entry', () => {
    const text = minimal().replace(
      '  - file: components/app.yml\n',
      '  - file: components/app.yml\n    paramters:\n      A: b\n',
    );
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 5, column: 5, rule: 'definition/unknown-key' });
    expect(f.message).toBe('Unknown key `paramters` in components[0]. Did you mean `parameters`?');
  });

  it('missing required key names it and says what to write', () => {
    const text = minimal().replace('ssmParameter: /golden-ami/x\n', '');
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 1, column: 1, rule: 'definition/missing-key' });
    expect(f.message).toContain(
      'Missing required key `ssmParameter` in the image definition: the SSM parameter',
    );
  });

  it('missing key in a nested mapping points at that mapping', () => {
    const f = only(load(minimal('stack:\n  template: stacks/a.yml\n')).findings);
    expect(f).toMatchObject({ line: 7, column: 3, rule: 'definition/missing-key' });
    expect(f.message).toContain('`name` in stack');
  });

  it('wrong type: a number where a version string is expected, with a quoting hint', () => {
    const f = only(load(minimal('version: 1.0\n')).findings);
    expect(f).toMatchObject({ line: 6, column: 10, rule: 'definition/wrong-type' });
    expect(f.message).toBe('`version` must be a string, got the number 1. Quote it, e.g. "1.0.0".');
  });

  it('wrong type: a mapping where a list is expected', () => {
    const text = minimal().replace(
      'components:\n  - file: components/app.yml\n',
      'components:\n  file: components/app.yml\n',
    );
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 4, column: 3, rule: 'definition/wrong-type' });
    expect(f.message).toBe('`components` must be a list, got a mapping.');
  });

  it('an empty value points at its key', () => {
    const text = minimal().replace('platform: Linux', 'platform:');
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 1, column: 1, rule: 'definition/invalid-value' });
    expect(f.message).toBe('`platform` must be one of Linux, Windows; it is empty.');
  });

  it('an empty string value says it is empty, at the key', () => {
    const f = only(
      load(minimal().replace('parentImage: ami-0123456789abcdef0', 'parentImage:')).findings,
    );
    expect(f).toMatchObject({
      line: 2,
      column: 1,
      rule: 'definition/wrong-type',
      message: '`parentImage` must be a string, got an empty value.',
    });
  });
});

describe('loadImageDefinition: schema errors in values and component entries', () => {
  it('enum with did-you-mean', () => {
    const f = only(load(minimal().replace('platform: Linux', 'platform: linux')).findings);
    expect(f).toMatchObject({ line: 1, column: 11, rule: 'definition/invalid-value' });
    expect(f.message).toBe(
      '`platform` must be one of Linux, Windows; got `linux`. Did you mean `Linux`?',
    );
  });

  it('version that is not x.y.z', () => {
    const text = minimal().replace(
      '  - file: components/app.yml\n',
      '  - file: components/app.yml\n    version: 1.2\n',
    );
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 5, column: 14, rule: 'definition/wrong-type' });
    const g = only(load(minimal("version: '1.2'\n")).findings);
    expect(g).toMatchObject({ line: 6, column: 10, rule: 'definition/invalid-value' });
    expect(g.message).toContain('semantic version x.y.z');
  });

  it('a component entry with both file and arn, or neither', () => {
    const both = minimal().replace(
      '  - file: components/app.yml\n',
      '  - file: components/app.yml\n    arn: arn:aws:imagebuilder:us-east-1:aws:component/x/1.0.0\n',
    );
    expect(only(load(both).findings)).toMatchObject({
      line: 4,
      column: 5,
      rule: 'definition/component-source',
      message: 'Components[0] has both `file:` and `arn:`; keep one.',
    });
    const neither = minimal().replace('  - file: components/app.yml\n', '  - parameters: {}\n');
    const f = only(load(neither).findings);
    expect(f).toMatchObject({ line: 4, column: 5, rule: 'definition/component-source' });
    expect(f.message).toContain('needs `file:`');
  });

  it('version on an arn component is rejected at the key', () => {
    const text = minimal().replace(
      '  - file: components/app.yml\n',
      '  - arn: arn:aws:imagebuilder:us-east-1:aws:component/x/1.0.0\n    version: 1.0.0\n',
    );
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 5, column: 5, rule: 'definition/unknown-key' });
    expect(f.message).toContain('`version` does not apply to an `arn:` component');
  });

  it('more than 20 components', () => {
    const items = Array.from({ length: 21 }, (_, i) => `  - file: components/c${i}.yml\n`).join('');
    const text = minimal().replace('  - file: components/app.yml\n', items);
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 4, column: 3, rule: 'definition/component-count' });
    expect(f.message).toContain('this one lists 21 components');
  });

  it('reports several errors at once, each at its own line', () => {
    const text = minimal('foo: 1\nstack:\n  name: 9lives\n  template: t.yml\n').replace(
      'platform: Linux',
      'platform: Linuxx',
    );
    const lines = load(text).findings.map((f) => [f.line, f.rule]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [1, 'definition/invalid-value'],
        [6, 'definition/unknown-key'],
        [8, 'definition/invalid-value'],
      ]),
    );
    expect(lines).toHaveLength(3);
  });
});

describe('loadImageDefinition: schema messages name what was expected and what was found', () => {
  it('a stack name that CloudFormation would refuse says what a stack name is', () => {
    const f = only(load(minimal('stack:\n  name: 1bad\n  template: stacks/a.yml\n')).findings);
    expect(f.line).toBe(7);
    expect(f.message).toBe(
      '`stack.name` is `1bad`; it must be a CloudFormation stack name: a letter, then letters, digits and `-`, at most 128 characters.',
    );
  });

  it('types read as YAML words: a mapping, a list, an integer', () => {
    const message = (extra: string) => only(load(minimal(extra)).findings).message;
    expect(message('stack: web\n')).toBe('`stack` must be a mapping, got a string.');
    expect(message('description: [a]\n')).toBe('`description` must be a string, got a list.');
    expect(
      message('blockDeviceMappings:\n  - deviceName: /dev/xvda\n    ebs: { volumeSize: big }\n'),
    ).toBe('`blockDeviceMappings[0].ebs.volumeSize` must be an integer, got a string.');
  });
});
