/**
 * The top level of a component document (actions/lib/awstoe/document.ts, validate.ts): root keys,
 * `schemaVersion`, the inline size limit, and which findings a broken file gets.
 */
import { describe, expect, it } from '@jest/globals';
import { validateComponent } from '../../actions/lib/awstoe/index.js';
import { INLINE_LIMIT } from '../../actions/lib/awstoe/document.js';
import { findings, only } from './helpers.js';

const phases = 'phases:\n  - name: build\n    steps:\n      - name: S\n        action: Reboot\n';

describe('schemaVersion', () => {
  it('1.0, written as a number or a string, is the one version', () => {
    expect(findings(`schemaVersion: 1.0\n${phases}`)).toEqual([]);
    expect(findings(`schemaVersion: "1.0"\n${phases}`)).toEqual([]);
  });

  it('a bare 1 (number or string) warns, saying to write 1.0', () => {
    for (const v of ['1', "'1'"]) {
      const f = only(`schemaVersion: ${v}\n${phases}`);
      expect(f.at).toBe('warning awstoe/schema-version @1');
      expect(f.message).toBe(
        '`schemaVersion` should be written `1.0`; a bare `1` is not the documented value.',
      );
    }
  });

  it('another version, or none, is an error', () => {
    expect(only(`schemaVersion: 2.0\n${phases}`).message).toBe(
      '`schemaVersion` must be `1.0` (the only AWSTOE schema version); found `2.0`.',
    );
    expect(only(`schemaVersion:\n${phases}`).message).toContain('found `nothing`');
    const f = only(`name: x\n${phases}`);
    expect(f.at).toBe('error awstoe/schema-version @1');
    expect(f.message).toBe('The document needs `schemaVersion: 1.0` at the top level.');
  });
});

describe('root keys', () => {
  it('an unknown key warns with the documented keys and the nearest one', () => {
    const f = only(`schemaVersion: 1.0\ndescripton: x\n${phases}`);
    expect(f.at).toBe('warning awstoe/unknown-key @2');
    expect(f.message).toBe(
      '`descripton` is not a documented top-level key (name, description, schemaVersion, parameters, constants, phases); AWSTOE may reject it. Did you mean `description`?',
    );
  });

  it('name and description are strings', () => {
    expect(findings(`name: n\ndescription: d\nschemaVersion: 1.0\n${phases}`)).toEqual([]);
    const f = findings(`name: [a]\ndescription:\n  x: y\nschemaVersion: 1.0\n${phases}`);
    expect(f.map((x) => x.at)).toEqual([
      'error awstoe/root-value @1',
      'error awstoe/root-value @3',
    ]);
    expect(f[0]!.message).toBe('`name` must be a string.');
    expect(f[1]!.message).toBe('`description` must be a string.');
  });
});

describe('inline size', () => {
  const sized = (n: number) => {
    const base = `schemaVersion: 1.0\n${phases}# `;
    return `${base}${'x'.repeat(n - base.length - 1)}\n`;
  };

  it(`up to ${INLINE_LIMIT} characters is fine; one more warns, saying to use an S3 uri`, () => {
    expect(sized(INLINE_LIMIT)).toHaveLength(INLINE_LIMIT);
    expect(findings(sized(INLINE_LIMIT))).toEqual([]);
    const f = only(sized(INLINE_LIMIT + 1));
    expect(f.at).toBe('warning awstoe/inline-size @1');
    expect(f.message).toBe(
      `The document is ${INLINE_LIMIT + 1} characters; inline component data (CloudFormation \`Data\`, API \`data\`) is limited to ${INLINE_LIMIT}. Upload it to S3 and create the component with \`uri\` instead.`,
    );
  });
});

describe('a broken file gets the finding that matters', () => {
  it('after a YAML syntax error, no rule runs on the guessed tree', () => {
    const f = findings(`schemaVersion: 1.0\nphases:\n  - name: build\n\tsteps: []\n`);
    expect(f.every((x) => x.at.includes(' yaml/'))).toBe(true);
    expect(f.length).toBeGreaterThan(0);
  });

  it('after a duplicate key, the rules still run', () => {
    const f = findings(`schemaVersion: 1.0\nschemaVersion: 1.0\nphases: x\n`);
    expect(f.map((x) => x.at)).toEqual([
      'error yaml/duplicate-key @2',
      'error awstoe/phases-not-list @3',
    ]);
  });

  it('an empty file is one finding; a list at the root says so', () => {
    expect(only('').at).toBe('error awstoe/root-not-mapping @1');
    expect(only('# only a comment\n').at).toBe('error awstoe/root-not-mapping @1');
    expect(only('- a\n').at).toBe('error awstoe/root-not-mapping @1');
  });

  it('another kind of document is named, with what to do', () => {
    const f = only(
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  C:\n    Type: AWS::ImageBuilder::Component\n',
    );
    expect(f.at).toBe('error awstoe/not-a-component @1');
    expect(f.message).toMatch(/^This is .+, not an AWSTOE component document\. \S/);
  });

  it('every finding names the file', () => {
    expect(validateComponent('- a\n', 'components/x.yml')[0]!.file).toBe('components/x.yml');
    expect(validateComponent('x'.repeat(INLINE_LIMIT + 1), 'big.yml')[0]!.file).toBe('big.yml');
  });
});
