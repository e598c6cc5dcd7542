import { describe, it, expect } from '@jest/globals';
import { loadImageDefinition } from '../../actions/lib/definitions/load.js';
import {
  buildTargetFor,
  buildTargets,
  imageParentName,
  parentBuildTarget,
  stackArchitecture,
} from '../../actions/lib/definitions/targets.js';
import { instanceTypeArchitecture } from '../../actions/lib/definitions/architecture-rules.js';
import type { ImageDefinition } from '../../actions/lib/definitions/types.js';
import { lineOf } from './helpers.js';

const FILE = 'components/images/web-server.yml';

const TWO_ARCH = `name: web-server
platform: Linux
parentImage: image:base-linux
architectures:
  - x86_64
  - name: arm64
    parentImage: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64
    instanceTypes: [t4g.small, m7g.large]
components:
  - file: components/apache-install.yml
ssmParameter: /golden-ami/web-server
stack:
  name: golden-ami-app-web-server
  template: stacks/app-ec2.yml
  architecture: arm64
`;

function load(text: string) {
  return loadImageDefinition(text, FILE);
}

function definition(text: string): ImageDefinition {
  const { definition, findings } = load(text);
  expect(findings).toEqual([]);
  return definition!;
}

describe('the architectures format', () => {
  it('loads bare names and mappings into ArchitectureSpec, and stack.architecture', () => {
    const d = definition(TWO_ARCH);
    expect(d.parentImage).toBe('image:base-linux');
    expect(d.architectures).toEqual([
      { name: 'x86_64' },
      {
        name: 'arm64',
        parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
        instanceTypes: ['t4g.small', 'm7g.large'],
      },
    ]);
    expect(d.stack?.architecture).toBe('arm64');
  });

  it('leaves architectures absent when the file has none', () => {
    const d = definition(
      TWO_ARCH.replace(/architectures:[\s\S]*?(?=components:)/, '').replace(
        '  architecture: arm64\n',
        '',
      ),
    );
    expect(d).not.toHaveProperty('architectures');
  });

  it('refuses an unknown architecture at its line, with the nearest name', () => {
    const text = TWO_ARCH.replace('  - x86_64', '  - x86-64');
    const { findings } = load(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      line: lineOf(text, 'x86-64'),
      rule: 'definition/invalid-value',
    });
    expect(findings[0]!.message).toContain('x86_64, arm64');
    expect(findings[0]!.message).toContain('x86_64');
  });

  it('refuses a mapping entry without a name, and unknown keys in it', () => {
    const text = TWO_ARCH.replace('  - name: arm64\n', '  - instanceType: t4g.small\n');
    const messages = load(text).findings.map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Missing required key `name` in architectures[1]: the architecture',
        ),
        expect.stringMatching(/Unknown key `instanceType`.*instanceTypes/),
      ]),
    );
  });

  it('refuses an empty list', () => {
    const text = TWO_ARCH.replace(/architectures:[\s\S]*?(?=components:)/, 'architectures: []\n');
    expect(load(text).findings).toHaveLength(1);
  });
});

describe('buildTargets', () => {
  it('one target per architecture, named and published per architecture, in list order', () => {
    expect(buildTargets(definition(TWO_ARCH))).toEqual([
      {
        target: 'web-server-x86_64',
        architecture: 'x86_64',
        parentImage: 'image:base-linux',
        ssmParameter: '/golden-ami/web-server/x86_64',
      },
      {
        target: 'web-server-arm64',
        architecture: 'arm64',
        parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
        instanceTypes: ['t4g.small', 'm7g.large'],
        ssmParameter: '/golden-ami/web-server/arm64',
      },
    ]);
  });

  it('one target named after the image, with its SSM parameter, when no architecture is listed', () => {
    const d = definition(
      TWO_ARCH.replace(/architectures:[\s\S]*?(?=components:)/, '').replace(
        '  architecture: arm64\n',
        '',
      ),
    );
    expect(buildTargets(d)).toEqual([
      {
        target: 'web-server',
        parentImage: 'image:base-linux',
        ssmParameter: '/golden-ami/web-server',
      },
    ]);
    expect(buildTargetFor(d, '')).toEqual(buildTargets(d)[0]);
    expect(buildTargetFor(d, 'arm64')).toBeUndefined();
    expect(stackArchitecture(d)).toBeUndefined();
  });

  it('buildTargetFor picks the architecture; stackArchitecture defaults to the first', () => {
    const d = definition(TWO_ARCH);
    expect(buildTargetFor(d, 'arm64')?.target).toBe('web-server-arm64');
    expect(buildTargetFor(d, '')).toBeUndefined();
    expect(stackArchitecture(d)).toBe('arm64');
    expect(stackArchitecture(definition(TWO_ARCH.replace('  architecture: arm64\n', '')))).toBe(
      'x86_64',
    );
  });

  it('imageParentName reads only image: parents', () => {
    expect(imageParentName('image:base-linux')).toBe('base-linux');
    expect(imageParentName('ssm:/golden-ami/base')).toBeUndefined();
    expect(imageParentName('ami-0123456789abcdef0')).toBeUndefined();
  });
});

describe('architecture rules', () => {
  it.each([
    ['t4g.small', 'arm64'],
    ['m7g.large', 'arm64'],
    ['c6gn.xlarge', 'arm64'],
    ['x2gd.medium', 'arm64'],
    ['a1.large', 'arm64'],
    ['t3.micro', 'x86_64'],
    ['g5.xlarge', 'x86_64'],
    ['g4dn.xlarge', 'x86_64'],
    ['m7i-flex.large', 'x86_64'],
    ['c5d.large', 'x86_64'],
  ])('%s is %s', (type, arch) => {
    expect(instanceTypeArchitecture(type)).toBe(arch);
  });

  it('refuses an instance type of the other architecture at its line', () => {
    const text = TWO_ARCH.replace('[t4g.small, m7g.large]', '[t4g.small, m5.large]');
    const { findings } = load(text);
    expect(findings).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'm5.large'),
        rule: 'definition/instance-type',
        message: expect.stringContaining('`m5.large` is x86_64, but this entry builds arm64'),
      }),
    ]);
  });

  it('refuses a duplicate architecture, a stack architecture not built, a bad parent', () => {
    const text = TWO_ARCH.replace('  - x86_64\n', '  - arm64\n')
      .replace('parentImage: ssm:/aws/service', 'parentImage: ssm:aws/service')
      .replace('  architecture: arm64', '  architecture: x86_64');
    const rules = load(text).findings.map((f) => [f.rule, f.line]);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['definition/duplicate-architecture', lineOf(text, '- name: arm64')],
        ['definition/parent-image', lineOf(text, 'ssm:aws/service')],
        ['definition/stack-architecture', lineOf(text, 'architecture: x86_64')],
      ]),
    );
  });

  it('accepts image: and ssm: parents, public parameters and parameter ARNs', () => {
    for (const parent of [
      'image:base-linux',
      'ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
      'ssm:/golden-ami/base-linux/x86_64',
      'ssm:arn:aws:ssm:eu-west-1:123456789012:parameter/golden-ami/base',
    ]) {
      const text = TWO_ARCH.replace('parentImage: image:base-linux', `parentImage: ${parent}`);
      expect(load(text).findings).toEqual([]);
    }
    const bad = TWO_ARCH.replace('parentImage: image:base-linux', 'parentImage: "image:"');
    expect(load(bad).findings.map((f) => f.rule)).toEqual(['definition/parent-image']);
  });
});

describe('parentBuildTarget: which build of an image: parent a child starts from', () => {
  const ONE = `name: base
platform: Linux
parentImage: ami-0123456789abcdef0
components:
  - file: components/hardening.yml
ssmParameter: /golden-ami/base
`;

  it('a parent without architectures: its only build, for any architecture of the child', () => {
    const parent = definition(ONE);
    for (const arch of [undefined, 'x86_64', 'arm64'] as const)
      expect(parentBuildTarget(parent, arch)?.ssmParameter).toBe('/golden-ami/base');
  });

  it('a parent with architectures: the same architecture; a child without any takes a single entry only', () => {
    const two = definition(TWO_ARCH);
    expect(parentBuildTarget(two, 'arm64')?.target).toBe('web-server-arm64');
    expect(parentBuildTarget(two, undefined)).toBeUndefined();
    const armOnly = definition(`${ONE}architectures: [arm64]\n`);
    expect(parentBuildTarget(armOnly, undefined)?.ssmParameter).toBe('/golden-ami/base/arm64');
    expect(parentBuildTarget(armOnly, 'x86_64')).toBeUndefined();
  });
});
