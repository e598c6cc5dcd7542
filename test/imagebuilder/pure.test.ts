import { describe, it, expect } from '@jest/globals';
import {
  canonicalJson,
  componentHash,
  deterministicToken,
  recipeHash,
  type RecipeHashInput,
} from '../../actions/lib/imagebuilder/hash.js';
import {
  compareSemver,
  nextVersion,
  parseSemver,
} from '../../actions/lib/imagebuilder/versions.js';
import {
  substitutePseudo,
  versionOfArn,
  semanticVersionArn,
  locationFromArn,
} from '../../actions/lib/imagebuilder/arns.js';
import { changeDescription } from '../../actions/lib/imagebuilder/reconcile-context.js';
import { ConfigurationError } from '../../actions/lib/core/errors.js';

const DOC = `name: apache
description: Install Apache
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Install
        action: ExecuteBash
        inputs:
          commands: ["dnf install -y httpd", 'echo done']
`;

const REORDERED = `# the same document, reformatted
schemaVersion: 1.0
description: "Install Apache"
name: 'apache'
phases:
- steps:
  - action: ExecuteBash
    name: Install
    inputs:
      commands:
        - 'dnf install -y httpd'   # comment
        - "echo done"
  name: build
`;

describe('componentHash', () => {
  const base = { platform: 'Linux' };
  it('ignores key order, comments, quoting style and whitespace', () => {
    expect(componentHash({ ...base, document: REORDERED })).toBe(
      componentHash({ ...base, document: DOC }),
    );
  });
  it('changes with content, platform, OS versions and value types', () => {
    const h = componentHash({ ...base, document: DOC });
    expect(componentHash({ ...base, document: DOC.replace('httpd', 'nginx') })).not.toBe(h);
    expect(componentHash({ platform: 'Windows', document: DOC })).not.toBe(h);
    expect(
      componentHash({ ...base, document: DOC, supportedOsVersions: ['Amazon Linux 2023'] }),
    ).not.toBe(h);
    expect(
      componentHash({
        ...base,
        document: DOC.replace('schemaVersion: 1.0', "schemaVersion: '1.0'"),
      }),
    ).not.toBe(h);
  });
  it('is stable: a known value and sorted OS versions', () => {
    expect(componentHash({ ...base, document: DOC })).toMatch(/^v1:[0-9a-f]{64}$/);
    expect(componentHash({ ...base, document: DOC, supportedOsVersions: ['b', 'a'] })).toBe(
      componentHash({ ...base, document: DOC, supportedOsVersions: ['a', 'b'] }),
    );
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});

describe('recipeHash', () => {
  const input: RecipeHashInput = {
    parentImage: 'arn:aws:imagebuilder:eu-west-1:aws:image/al2023/x.x.x',
    components: [
      { arn: 'arn:a/1.0.0/1', parameters: { B: '2', A: '1' } },
      { arn: 'arn:b/1.0.0/1', parameters: {} as Record<string, string> },
    ],
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 20 } }],
    tags: { team: 'platform' },
  };
  it('sorts parameters by name but keeps component order', () => {
    const h = recipeHash(input);
    expect(
      recipeHash({
        ...input,
        components: [
          { arn: 'arn:a/1.0.0/1', parameters: { A: '1', B: '2' } },
          input.components[1]!,
        ],
      }),
    ).toBe(h);
    expect(recipeHash({ ...input, components: [...input.components].reverse() })).not.toBe(h);
  });
  it('changes with parent image, block devices, working directory, description, tags', () => {
    const h = recipeHash(input);
    for (const changed of [
      { ...input, parentImage: 'ami-123' },
      { ...input, blockDeviceMappings: [] },
      { ...input, workingDirectory: '/tmp' },
      { ...input, description: 'x' },
      { ...input, tags: {} },
    ])
      expect(recipeHash(changed)).not.toBe(h);
  });
  it('includes component parameters: a changed, added or removed parameter value rebuilds', () => {
    const h = recipeHash(input);
    const withParams = (a: Record<string, string>, b: Record<string, string> = {}) => ({
      ...input,
      components: [
        { ...input.components[0]!, parameters: a },
        { ...input.components[1]!, parameters: b },
      ],
    });
    const variants = [
      withParams({ B: '2', A: 'changed' }),
      withParams({ B: '2' }),
      withParams({ B: '2', A: '1', C: '3' }),
      // The same parameter on the other component is a different recipe.
      withParams({ B: '2' }, { A: '1' }),
      // A value is not a name: {A: 'B'} is not {B: 'A'}.
      withParams({ A: '2', B: '1' }),
    ];
    const hashes = variants.map((v) => recipeHash(v));
    for (const x of hashes) expect(x).not.toBe(h);
    expect(new Set(hashes).size).toBe(variants.length);
  });
  it('tokens are deterministic and UUID-shaped', () => {
    expect(deterministicToken('a', 'b')).toBe(deterministicToken('a', 'b'));
    expect(deterministicToken('a', 'b')).not.toBe(deterministicToken('ab', ''));
    expect(deterministicToken('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
});

describe('versions', () => {
  it('parses and compares x.y.z', () => {
    expect(parseSemver('1.2.3')).toEqual([1, 2, 3]);
    expect(parseSemver('1.2')).toBeUndefined();
    expect(parseSemver('01.2.3')).toBeUndefined();
    expect(compareSemver([1, 10, 0], [1, 9, 9])).toBeGreaterThan(0);
  });
  it('bumps the patch of the highest, numerically', () => {
    expect(nextVersion(['1.0.9', '1.0.10', '1.0.2'])).toBe('1.0.11');
    expect(nextVersion([])).toBe('1.0.0');
  });
  it('respects the pinned minimum', () => {
    expect(nextVersion([], '2.0.0')).toBe('2.0.0');
    expect(nextVersion(['1.0.4'], '1.2.0')).toBe('1.2.0');
    expect(nextVersion(['1.2.0'], '1.2.0')).toBe('1.2.1');
    expect(nextVersion(['3.0.0'], '1.2.0')).toBe('3.0.1');
  });
  it('rejects a bad pin as a configuration error', () => {
    expect(() => nextVersion([], 'v1')).toThrow(ConfigurationError);
  });
});

describe('arns and descriptions', () => {
  const loc = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
  it('substitutes pseudo parameters', () => {
    expect(
      substitutePseudo(
        'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:${AWS::AccountId}:x',
        loc,
      ),
    ).toBe('arn:aws:imagebuilder:eu-west-1:123456789012:x');
  });
  it('reads versions and the account from ARNs', () => {
    expect(versionOfArn('arn:aws:imagebuilder:eu-west-1:1:image-recipe/web/1.2.3')).toBe('1.2.3');
    expect(semanticVersionArn('arn:aws:imagebuilder:r:1:component/c/1.0.0/3')).toBe(
      'arn:aws:imagebuilder:r:1:component/c/1.0.0',
    );
    expect(
      locationFromArn(
        'arn:aws-cn:imagebuilder:cn-north-1:123456789012:infrastructure-configuration/x',
        'cn-north-1',
        'i',
      ),
    ).toEqual({
      partition: 'aws-cn',
      region: 'cn-north-1',
      accountId: '123456789012',
    });
    expect(() => locationFromArn('nope', 'eu-west-1', 'infrastructure-configuration-arn')).toThrow(
      /infrastructure-configuration-arn/,
    );
  });
  it('builds changeDescription from the short sha and first line, at most 1024 chars', () => {
    expect(changeDescription('abcdef1234567', 'Fix httpd\n\nlong body')).toBe('abcdef1 Fix httpd');
    expect(changeDescription('abcdef1234567', 'x'.repeat(2000))).toHaveLength(1024);
  });
});
