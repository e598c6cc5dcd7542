import { describe, it, expect } from '@jest/globals';
import { FILE, VALID, load, minimal, only } from './definition-fixtures.js';

describe('loadImageDefinition: valid file', () => {
  it('produces the contract type with defaults and string parameter values', () => {
    const { definition, findings } = load(VALID);
    expect(findings).toEqual([]);
    expect(definition).toEqual({
      file: FILE,
      name: 'web-server',
      description: 'Apache on Amazon Linux 2023',
      platform: 'Linux',
      parentImage:
        'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:image/amazon-linux-2023-x86/x.x.x',
      version: '1.0.0',
      components: [
        {
          kind: 'arn',
          arn: 'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:component/update-linux/x.x.x',
          parameters: {},
        },
        {
          kind: 'file',
          file: 'components/apache-install.yml',
          name: 'apache-install',
          parameters: { IndexTitle: 'Golden AMI', Port: '8080' },
        },
        {
          kind: 'file',
          file: 'components/apache-test.yml',
          name: 'apache-test',
          version: '1.2.0',
          parameters: {},
        },
      ],
      workingDirectory: '/tmp',
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeSize: 20, volumeType: 'gp3', encrypted: true, deleteOnTermination: true },
        },
      ],
      ssmParameter: '/golden-ami/web-server',
      stack: {
        name: 'golden-ami-web-server',
        template: 'stacks/app-ec2.yml',
        parameters: { InstanceType: 't3.micro' },
      },
      tags: { team: 'platform' },
    });
  });

  it('defaults the image name to the file base name and empty collections', () => {
    const { definition, findings } = load(minimal(), 'components/images/api-server.yaml');
    expect(findings).toEqual([]);
    expect(definition?.name).toBe('api-server');
    expect(definition?.blockDeviceMappings).toEqual([]);
    expect(definition?.tags).toEqual({});
    expect(definition?.stack).toBeUndefined();
  });

  it('an empty description is none: the recipe is created without one (AWS takes 1 to 1024)', () => {
    const { definition, findings } = load(minimal('description: ""\n'));
    expect(findings).toEqual([]);
    expect(definition).toBeDefined();
    expect('description' in definition!).toBe(false);
  });
});

describe('loadImageDefinition: unusable files', () => {
  it('an empty file', () => {
    const f = only(load('').findings);
    expect(f.rule).toBe('definition/root-not-mapping');
    expect(f.message).toContain('is empty');
  });

  it('a list at the root', () => {
    expect(only(load('- a\n- b\n').findings)).toMatchObject({
      line: 1,
      rule: 'definition/root-not-mapping',
    });
  });

  it('YAML syntax errors come from the YAML layer, with no schema noise', () => {
    const r = load('platform: Linux\nplatform: Windows\n');
    expect(r.definition).toBeUndefined();
    expect(r.findings.map((f) => [f.line, f.rule])).toEqual([[2, 'yaml/duplicate-key']]);
  });
});

describe('loadImageDefinition: value rules', () => {
  it('an ARN with an unsupported token', () => {
    const text = minimal().replace(
      '  - file: components/app.yml\n',
      '  - arn: arn:aws:imagebuilder:${AWS::StackName}:aws:component/x/1.0.0\n',
    );
    const f = only(load(text).findings);
    expect(f).toMatchObject({ line: 4, column: 10, rule: 'definition/component-arn' });
    expect(f.message).toContain('${AWS::StackName} is not substituted');
  });

  it('SSM names: pattern, leading slash, reserved prefixes', () => {
    const cases: [string, string][] = [
      ['golden ami', 'only letters, digits'],
      ['golden-ami/web', 'must start with `/`'],
      ['/aws/service/x', 'reserved'],
      ['awsweb', 'cannot start with aws or ssm'],
      ['SSM-web', 'cannot start with aws or ssm'],
    ];
    for (const [name, message] of cases) {
      const f = only(load(minimal().replace('/golden-ami/x', `'${name}'`)).findings);
      expect(f).toMatchObject({ line: 5, column: 15, rule: 'definition/ssm-parameter-name' });
      expect(f.message).toContain(message);
    }
  });

  it('an SSM path under /aws-something is a warning, not an error', () => {
    const f = only(load(minimal().replace('/golden-ami/x', '/aws-team/x')).findings);
    expect(f.severity).toBe('warning');
  });

  it('a defaulted name that Image Builder would reject', () => {
    const f = only(load(minimal(), 'components/images/web.server.yml').findings);
    expect(f).toMatchObject({ rule: 'definition/invalid-name', line: 1 });
    expect(f.message).toContain('`web.server`');
  });

  it('a parent image that is none of ARN, AMI id, ssm:', () => {
    const f = only(load(minimal().replace('ami-0123456789abcdef0', 'amazon-linux-2023')).findings);
    expect(f).toMatchObject({ line: 2, column: 14, rule: 'definition/parent-image' });
  });

  it('component paths must be relative YAML paths', () => {
    for (const p of ['/abs/a.yml', '../a.yml', 'components/app.json']) {
      const f = only(load(minimal().replace('components/app.yml', p)).findings);
      expect(f).toMatchObject({ line: 4, column: 11, rule: 'definition/component-path' });
    }
  });
});
