import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Finding } from '../../actions/lib/core/findings.js';
import { parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { loadResourceSpec } from '../../actions/lib/cloudformation/spec/load.js';
import type { ResourceSpec } from '../../actions/lib/cloudformation/spec/types.js';
import { validateParsed, validateTemplate } from '../../actions/lib/cloudformation/validate.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/templates/${name}`, import.meta.url), 'utf8');
let spec: ResourceSpec;
beforeAll(async () => {
  spec = await loadResourceSpec();
});

function check(text: string): Finding[] {
  return validateParsed(parseTemplate(text, 't.yml'), spec);
}
const rules = (fs: Finding[]) => fs.map((f) => f.rule);

/** A template with one resource, `props` indented under Properties. */
function one(type: string, props: string[], extra: string[] = []): string {
  return [
    'Resources:',
    '  R:',
    `    Type: ${type}`,
    ...(props.length ? ['    Properties:', ...props.map((p) => `      ${p}`)] : []),
    ...extra,
    '',
  ].join('\n');
}

describe('validateTemplate on fixtures', () => {
  it.each(['app-stack.yml', 'launch-template.json'])(
    'accepts the valid fixture %s',
    async (name) => {
      expect(await validateTemplate(fixture(name), name)).toEqual([]);
    },
  );

  it('reports each mistake of the broken fixture on its line', async () => {
    const got = (await validateTemplate(fixture('app-stack-broken.yml'), 'b.yml')).map(
      (f) => `${f.line}:${f.column} ${f.rule}`,
    );
    expect(got).toEqual([
      '2:1 cfn/unknown-section',
      '11:5 cfn/missing-property',
      '13:29 cfn/property-type',
      '16:11 cfn/unknown-type',
      '21:17 cfn/unknown-depends-on',
      '23:21 cfn/unversioned-ssm-image',
      '24:7 cfn/unknown-property',
      '25:34 cfn/unknown-attribute',
      '26:22 cfn/unknown-ref',
      '31:17 cfn/unknown-ref',
      '32:3 cfn/output-value',
    ]);
  });

  it('suggests close names', async () => {
    const fs = await validateTemplate(fixture('app-stack-broken.yml'), 'b.yml');
    const msg = (rule: string) => fs.find((f) => f.rule === rule)!.message;
    expect(msg('cfn/unknown-section')).toContain('Did you mean `Description`?');
    expect(msg('cfn/unknown-type')).toContain('Did you mean `AWS::IAM::Role`?');
    expect(msg('cfn/unknown-property')).toContain('Did you mean `InstanceType`?');
    expect(msg('cfn/unknown-depends-on')).toContain('Did you mean `WebSecurityGroup`?');
    expect(msg('cfn/unknown-attribute')).toContain('GroupId');
  });
});

describe('resource rules', () => {
  it('requires GroupDescription on a security group and AssumeRolePolicyDocument on a role', () => {
    expect(check(one('AWS::EC2::SecurityGroup', ['GroupName: web']))).toMatchObject([
      {
        rule: 'cfn/missing-property',
        line: 4,
        message: expect.stringContaining("'GroupDescription'"),
      },
    ]);
    const role = check(one('AWS::IAM::Role', []));
    expect(role).toMatchObject([
      {
        rule: 'cfn/missing-property',
        line: 2,
        message: expect.stringContaining('AssumeRolePolicyDocument'),
      },
    ]);
  });

  it('skips required checks when Properties is an intrinsic', () => {
    const text = [
      'Conditions:',
      '  C: !Equals [a, a]',
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties: !If [C, {}, {}]',
      '',
    ].join('\n');
    expect(check(text)).toEqual([]);
  });

  it('checks nested property types: unknown and required keys', () => {
    const fs = check(
      one('AWS::EC2::SecurityGroup', [
        'GroupDescription: d',
        'SecurityGroupIngress:',
        '  - FromPort: 1',
        '    Cidr: x',
      ]),
    );
    expect(fs.map((f) => `${f.line} ${f.rule}`)).toEqual([
      '7 cfn/missing-property',
      '8 cfn/unknown-property',
    ]);
    expect(fs[1]!.message).toContain('Did you mean `CidrIp`');
  });

  it.each([
    ['SecurityGroupIngress: tcp', 'a list'],
    ['GroupDescription: [a, b]', 'a string'],
    ['Tags: [{Key: a, Value: {b: c}}]', 'a string'],
    ['SecurityGroupIngress: [{IpProtocol: tcp, FromPort: eighty}]', 'a number'],
  ])('refuses a certain type mismatch: %s', (prop, expected) => {
    const fs = check(
      one(
        'AWS::EC2::SecurityGroup',
        ['GroupDescription: d', prop].filter(
          (p, i) => i === 1 || !prop.startsWith('GroupDescription'),
        ),
      ),
    );
    expect(fs).toMatchObject([
      { rule: 'cfn/property-type', message: expect.stringContaining(`expects ${expected}`) },
    ]);
  });

  it('accepts intrinsics and numeric strings wherever a type is expected', () => {
    const props = [
      'GroupDescription: !Ref AWS::StackName',
      'SecurityGroupIngress: !If [C, [], !Ref AWS::NoValue]',
      'Tags: [!If [C, {Key: a, Value: b}, !Ref AWS::NoValue]]',
    ];
    const text = ['Conditions:', '  C: !Equals [a, b]', one('AWS::EC2::SecurityGroup', props)].join(
      '\n',
    );
    expect(check(text)).toEqual([]);
    expect(
      check(
        one('AWS::EC2::SecurityGroup', [
          'GroupDescription: d',
          "SecurityGroupIngress: [{IpProtocol: tcp, FromPort: '80'}]",
        ]),
      ),
    ).toEqual([]);
  });

  it('accepts custom resources with a ServiceToken and warns on modules', () => {
    expect(
      check(one('Custom::AmiLookup', ['ServiceToken: arn:aws:lambda:x', 'Anything: 1'])),
    ).toEqual([]);
    expect(rules(check(one('AWS::CloudFormation::CustomResource', ['Foo: 1'])))).toEqual([
      'cfn/missing-property',
    ]);
    expect(check(one('My::Org::Thing::MODULE', ['X: 1']))).toMatchObject([
      { rule: 'cfn/module', severity: 'warning' },
    ]);
  });

  it('requires Resources, a Type, known resource attributes', () => {
    expect(rules(check('Description: x\n'))).toEqual(['cfn/missing-resources']);
    expect(rules(check('Resources: []\n'))).toEqual(['cfn/resources-not-mapping']);
    expect(check('Resources:\n  R:\n    Properties: {}\n')).toMatchObject([
      { rule: 'cfn/missing-type', line: 2 },
    ]);
    expect(check(one('AWS::SNS::Topic', [], ['    DeletionPolicys: Retain']))).toMatchObject([
      { rule: 'cfn/unknown-resource-attribute', line: 4 },
    ]);
  });

  it('skips SAM types when the Serverless transform is declared', () => {
    expect(
      check(
        `Transform: AWS::Serverless-2016-10-31\n${one('AWS::Serverless::Function', ['Handler: x'])}`,
      ),
    ).toEqual([]);
    const fs = check(one('AWS::Serverless::Nope', ['Handler: x']));
    expect(fs).toMatchObject([
      {
        rule: 'cfn/unknown-type',
        message: expect.stringContaining('Transform: AWS::Serverless-2016-10-31'),
      },
    ]);
  });
});

describe('reference rules', () => {
  const base = (lines: string[]) =>
    [
      'Parameters:',
      '  P: {Type: String}',
      'Conditions:',
      '  C: !Equals [!Ref P, x]',
      'Resources:',
      '  Topic: {Type: AWS::SNS::Topic}',
      '  Other:',
      '    Type: AWS::SNS::Topic',
      ...lines,
      '',
    ].join('\n');

  it.each([
    ['    Properties: {TopicName: !Ref P}', []],
    ['    Properties: {TopicName: !Ref AWS::StackName}', []],
    ['    Properties: {TopicName: !Ref Nope}', ['cfn/unknown-ref']],
    ["    Properties: {TopicName: !Sub '${P}-${AWS::Region}-${!Literal}'}", []],
    ["    Properties: {TopicName: !Sub '${Topic.TopicName}'}", []],
    ["    Properties: {TopicName: !Sub '${Other.TopicName}'}", ['cfn/circular-dependency']],
    ["    Properties: {TopicName: !Sub '${Topic.Nope}'}", ['cfn/unknown-attribute']],
    ["    Properties: {TopicName: !Sub '${Q}'}", ['cfn/unknown-ref']],
    ["    Properties: {TopicName: !Sub ['${Q}', {Q: !Ref P}]}", []],
    ['    Properties: {TopicName: !GetAtt Topic.TopicArn}', []],
    ['    Properties: {TopicName: !GetAtt Topik.TopicArn}', ['cfn/unknown-getatt']],
    ['    Properties: {TopicName: !If [D, a, b]}', ['cfn/unknown-condition']],
    ['    Condition: C', []],
    ['    Condition: D', ['cfn/unknown-condition']],
    ['    Properties: {TopicName: !FindInMap [M, a, b]}', ['cfn/unknown-mapping']],
  ])('%s', (line, expected) => {
    expect(rules(check(base([line])))).toEqual(expected);
  });

  it('places a Sub finding on the Sub and says which variable', () => {
    const fs = check(base(['    Properties:', "      TopicName: !Sub '${Nope}'"]));
    expect(fs).toMatchObject([
      { rule: 'cfn/unknown-ref', line: 10, message: expect.stringContaining('${Nope}') },
    ]);
  });

  it('refuses a resource Ref inside Conditions and a circular dependency', () => {
    const cond = [
      'Conditions:',
      '  C: !Equals [!Ref T, x]',
      'Resources:',
      '  T: {Type: AWS::SNS::Topic}',
      '',
    ].join('\n');
    expect(rules(check(cond))).toEqual(['cfn/unknown-ref']);
    const cycle = [
      'Resources:',
      '  A: {Type: AWS::SNS::Topic, DependsOn: B}',
      '  B: {Type: AWS::SNS::Topic, DependsOn: A}',
      '',
    ].join('\n');
    expect(check(cycle)).toMatchObject([
      { rule: 'cfn/circular-dependency', message: expect.stringContaining('A → B → A') },
    ]);
  });
});

describe('the AMI rule (#844)', () => {
  const instance = (
    imageId: string,
    params = ['  AmiParameterName: {Type: String}', '  AmiParameterVersion: {Type: Number}'],
  ) =>
    [
      'Parameters:',
      ...params,
      'Resources:',
      '  Web:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      `      ImageId: ${imageId}`,
      '',
    ].join('\n');

  it.each([
    ["'{{resolve:ssm:/golden-ami/web}}'"],
    ["!Sub '{{resolve:ssm:${AmiParameterName}}}'"],
    ["!Sub ['{{resolve:ssm:${N}}}', {N: !Ref AmiParameterName}]"],
  ])('refuses an unversioned reference: %s', (imageId) => {
    const fs = check(instance(imageId));
    expect(fs).toMatchObject([{ rule: 'cfn/unversioned-ssm-image', severity: 'error', line: 8 }]);
    expect(fs[0]!.message).toContain('cloudformation-coverage-roadmap#844');
    expect(fs[0]!.message).toContain(
      "!Sub '{{resolve:ssm:${AmiParameterName}:${AmiParameterVersion}}}'",
    );
  });

  it.each([
    ["'{{resolve:ssm:/golden-ami/web:12}}'"],
    ["!Sub '{{resolve:ssm:${AmiParameterName}:${AmiParameterVersion}}}'"],
    ["!Sub ['{{resolve:ssm:${N}:${V}}}', {N: !Ref AmiParameterName, V: !Ref AmiParameterVersion}]"],
    ['ami-0123456789abcdef0'],
  ])('accepts a pinned reference or a literal AMI: %s', (imageId) => {
    expect(check(instance(imageId))).toEqual([]);
  });

  it('applies to launch templates and warns on a label as a version', () => {
    const lt = one('AWS::EC2::LaunchTemplate', [
      'LaunchTemplateData:',
      "  ImageId: '{{resolve:ssm:/golden-ami/web}}'",
    ]);
    expect(check(lt)).toMatchObject([{ rule: 'cfn/unversioned-ssm-image', line: 6 }]);
    expect(check(instance("'{{resolve:ssm:/golden-ami/web:prod}}'"))).toMatchObject([
      { rule: 'cfn/dynamic-reference-version', severity: 'warning' },
    ]);
  });
});

describe('robustness', () => {
  it('never throws on truncations of a valid template', async () => {
    const text = fixture('app-stack.yml');
    for (let n = 0; n <= text.length; n += 7) {
      const fs = await validateTemplate(text.slice(0, n), 'cut.yml');
      expect(Array.isArray(fs)).toBe(true);
      expect(fs.some((f) => f.rule === 'cfn/internal-error')).toBe(false);
    }
  });

  it('never throws on odd values where mappings are expected', async () => {
    const odd = [
      'Resources: 5',
      'Resources:\n  A: 5',
      'Resources:\n  A: {Type: [x]}',
      'Outputs: [1]\nResources:\n  A: {Type: AWS::SNS::Topic}',
      'Resources:\n  A: {Type: AWS::SNS::Topic, Properties: [1], DependsOn: {a: 1}}',
      'Resources:\n  A: {Type: AWS::SNS::Topic, Properties: {TopicName: {Ref: [1]}}}',
      'Resources:\n  A: {Type: AWS::SNS::Topic, Properties: {TopicName: {"Fn::Sub": 5}}}',
      '&a [*a]',
      '\t{',
      '{"Resources": {"A": null}}',
    ];
    for (const text of odd) {
      const fs = await validateTemplate(text, 'odd.yml');
      expect(fs.length).toBeGreaterThan(0);
      expect(fs.some((f) => f.rule === 'cfn/internal-error')).toBe(false);
    }
  });
});
