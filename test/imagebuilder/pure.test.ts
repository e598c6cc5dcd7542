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
  nameOfArn,
  parseArn,
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
    // The value tagged on components by earlier releases: if it changed, every component would
    // get a new version on upgrade. Change the inputs only with a new `v2:` prefix.
    expect(componentHash({ ...base, document: DOC })).toBe(
      'v1:a152bc6d65851805ce35c6ec8cc771241a34e3e48d3ec5c93633dd6b19ba9ea4',
    );
    expect(canonicalJson({ z: null, y: [1, 'a', true], x: { b: undefined, a: 'é"' } })).toBe(
      '{"x":{"a":"é\\""},"y":[1,"a",true],"z":null}',
    );
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ a: { c: 1, b: 2 }, A: 0 })).toBe('{"A":0,"a":{"b":2,"c":1}}');
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
  it('is stable: the value tagged on recipes by earlier releases', () => {
    expect(recipeHash(input)).toBe(
      'v1:b2ab5f4af9b3a7f047fef5362584dfa4df1f5d3e68596065297e1b52f18aacc1',
    );
  });
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
  it('start tokens are stable across releases: a re-run after an upgrade gets the same build', () => {
    expect(deterministicToken('start', 'acme/golden', 'web', '1.0.3', '777')).toBe(
      'be9e56b5-23ab-348e-bbb4-20f1e3528534',
    );
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
  it('names where a bad version came from, the value and the expected form', () => {
    expect(() => nextVersion(['1.0.0'], '1.2')).toThrow(
      "pinned minimum: version '1.2' is not x.y.z (three whole numbers, e.g. 1.2.0).",
    );
    expect(() => nextVersion([], undefined, 'latest')).toThrow("default: version 'latest'");
  });
  it('reads a version with surrounding whitespace (as YAML block scalars leave it)', () => {
    expect(parseSemver(' 1.2.3\n')).toEqual([1, 2, 3]);
    expect(nextVersion(['1.0.4 '], ' 1.0.0')).toBe('1.0.5');
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
  it('substitutes every occurrence, and only the three pseudo parameters', () => {
    expect(
      substitutePseudo('${AWS::Region}/${AWS::Region} ${AWS::AccountId}${AWS::AccountId}', loc),
    ).toBe('eu-west-1/eu-west-1 123456789012123456789012');
    expect(substitutePseudo('${AWS::Partition}-${AWS::Partition}', loc)).toBe('aws-aws');
    expect(substitutePseudo('${AWS::StackName} $AWS::Region', loc)).toBe(
      '${AWS::StackName} $AWS::Region',
    );
  });
  it('parses ARNs into their parts; a resource may contain colons', () => {
    expect(parseArn('arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.0.3/2')).toEqual({
      partition: 'aws',
      service: 'imagebuilder',
      region: 'eu-west-1',
      account: '123456789012',
      resource: 'image/web/1.0.3/2',
    });
    expect(parseArn('arn:aws:s3:::bucket:key')).toMatchObject({
      region: '',
      resource: 'bucket:key',
    });
    for (const bad of [
      '',
      'ami-123',
      'arn:aws:imagebuilder',
      'xarn:aws:s:r:a:res',
      'arn:aws:s:r:a:',
    ])
      expect(parseArn(bad)).toBeUndefined();
    expect(nameOfArn('arn:aws:imagebuilder:r:1:image-recipe/web/1.2.3')).toBe('web');
    expect(nameOfArn('nope')).toBeUndefined();
    expect(versionOfArn('arn:aws:imagebuilder:r:1:component/c/1.0.0/3')).toBe('1.0.0');
    expect(versionOfArn('nope')).toBeUndefined();
    expect(semanticVersionArn('arn:aws:imagebuilder:r:1:component/c/x.x.x')).toBe(
      'arn:aws:imagebuilder:r:1:component/c/x.x.x',
    );
    expect(semanticVersionArn('arn:aws:imagebuilder:r:1:component/c/1.0.0')).toBe(
      'arn:aws:imagebuilder:r:1:component/c/1.0.0',
    );
  });
  it('needs a 12-digit account in the ARN it takes the location from, and says which input', () => {
    const arn = (account: string) =>
      `arn:aws:imagebuilder:eu-west-1:${account}:infrastructure-configuration/x`;
    expect(() => locationFromArn(arn('12345678901'), 'eu-west-1', 'infra')).toThrow(
      "Input 'infra' must be an ARN with an account id (arn:aws:imagebuilder:<region>:<account>:...), got",
    );
    expect(() => locationFromArn(arn('1234567890123'), 'eu-west-1', 'infra')).toThrow(
      'Pass the output of the image-builder stack.',
    );
    expect(() => locationFromArn(arn('aws'), 'eu-west-1', 'infra')).toThrow(ConfigurationError);
    // The region is the action's, not the ARN's.
    expect(locationFromArn(arn('123456789012'), 'us-east-1', 'infra').region).toBe('us-east-1');
  });
  it('builds changeDescription from the short sha and first line, at most 1024 chars', () => {
    expect(changeDescription('abcdef1234567', 'Fix httpd\n\nlong body')).toBe('abcdef1 Fix httpd');
    expect(changeDescription('abcdef1234567', 'x'.repeat(2000))).toHaveLength(1024);
  });
  it('changeDescription: CRLF, padding, no message, and the cut marked with an ellipsis', () => {
    expect(changeDescription('abcdef1234567', 'Fix httpd\r\nbody')).toBe('abcdef1 Fix httpd');
    expect(changeDescription('abcdef1234567', '  Fix httpd  \n')).toBe('abcdef1 Fix httpd');
    expect(changeDescription('abcdef1234567')).toBe('abcdef1');
    expect(changeDescription('abcdef1234567', '\nbody only')).toBe('abcdef1');
    const exact = 'y'.repeat(1024 - 8);
    expect(changeDescription('abcdef1234567', exact)).toBe(`abcdef1 ${exact}`);
    const cut = changeDescription('abcdef1234567', 'y'.repeat(1024 - 7));
    expect(cut).toHaveLength(1024);
    expect(cut.endsWith('y...')).toBe(true);
  });
});
