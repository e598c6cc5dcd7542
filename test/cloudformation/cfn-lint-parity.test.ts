/** Issue 11 part 4: the checks cfn-lint makes that the validator missed or got wrong. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Finding } from '../../actions/lib/core/findings.js';
import { parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { loadResourceSpec } from '../../actions/lib/cloudformation/spec/load.js';
import {
  allowedValues,
  decodeType,
  resourceType,
  type ResourceSpec,
} from '../../actions/lib/cloudformation/spec/types.js';
import { validateParsed } from '../../actions/lib/cloudformation/validate.js';
import type { TemplateContext } from '../../actions/lib/cloudformation/check.js';

let spec: ResourceSpec;
beforeAll(async () => {
  spec = await loadResourceSpec();
});
const check = (lines: string[], context: TemplateContext = {}): Finding[] =>
  validateParsed(parseTemplate(lines.join('\n'), 't.yml'), spec, context);
const errors = (lines: string[], context?: TemplateContext) =>
  check(lines, context).filter((f) => f.severity === 'error');

const sg = [
  '  Sg:',
  '    Type: AWS::EC2::SecurityGroup',
  '    Properties:',
  '      GroupDescription: web',
];

describe('rule functions', () => {
  const rules = [
    'Parameters:',
    '  Env: {Type: String, Default: dev}',
    '  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}',
    'Rules:',
    '  ProdSubnets:',
    '    RuleCondition: !Equals [!Ref Env, prod]',
    '    Assertions:',
    '      - Assert: !Contains [[a, b], !Ref Env]',
    '      - Assert: !EachMemberEquals [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], vpc-1]',
    '      - Assert: !EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !RefAll AWS::EC2::VPC::Id]',
    '      - Assert: !Not [!Equals [!ValueOf [Subnets, VpcId], x]]',
    'Resources:',
    ...sg,
  ];
  it('accepts the short forms in Rules', () => {
    expect(check(rules)).toEqual([]);
  });
  it('refuses them outside Rules, at the function', () => {
    const f = errors([
      'Parameters:',
      '  Env: {Type: String}',
      'Conditions:',
      '  IsProd: !Contains [[prod], !Ref Env]',
      'Resources:',
      ...sg,
    ]);
    expect(f).toEqual([
      expect.objectContaining({ rule: 'cfn/rule-function-outside-rules', line: 4 }),
    ]);
  });
});

describe('value shapes from the specification', () => {
  const base = [
    'Parameters:',
    '  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}',
    '  Subnet: {Type: "AWS::EC2::Subnet::Id"}',
    'Conditions:',
    '  Always: !Equals [a, a]',
    'Resources:',
    ...sg,
  ];
  const instance = (...props: string[]) => [
    ...base,
    '  Web:',
    '    Type: AWS::EC2::Instance',
    '    Properties:',
    '      ImageId: ami-12345678',
    ...props.map((p) => `      ${p}`),
  ];
  it('one !GetAtt where a list is required', () => {
    const f = errors(instance('SecurityGroupIds: !GetAtt Sg.GroupId'));
    expect(f).toEqual([expect.objectContaining({ rule: 'cfn/property-type', line: 15 })]);
    expect(f[0]!.message).toMatch(/expects a list, but Fn::GetAtt Sg.GroupId is a single value/);
    expect(errors(instance('SecurityGroupIds: [!GetAtt Sg.GroupId]'))).toEqual([]);
  });
  it('a list where a single value is required', () => {
    const f = errors(instance('SubnetId: !Ref Subnets'));
    expect(f).toEqual([expect.objectContaining({ rule: 'cfn/property-type', line: 15 })]);
    expect(errors(instance('SubnetId: !Ref Subnet'))).toEqual([]);
    expect(errors(instance('SubnetId: !Select [0, !Ref Subnets]'))).toEqual([]);
  });
  it('a list nested in a list, also inside [!If [...]]', () => {
    const direct = errors(instance('SecurityGroupIds: [!Ref Subnets]'));
    expect(direct[0]!.message).toMatch(/list nested in a list/);
    const viaIf = errors(
      instance('SecurityGroupIds:', '  - !If [Always, !Ref Subnets, !Ref AWS::NoValue]'),
    );
    expect(viaIf).toEqual([expect.objectContaining({ rule: 'cfn/property-type', line: 16 })]);
    expect(
      errors(instance('SecurityGroupIds: !If [Always, !Ref Subnets, !Ref AWS::NoValue]')),
    ).toEqual([]);
  });
  it('intrinsics whose shape is unknown are left alone', () => {
    expect(
      errors([
        ...instance('SecurityGroupIds: !FindInMap [M, a, b]'),
        'Mappings:',
        '  M:',
        '    a: {b: [sg-1]}',
      ]),
    ).toEqual([]);
    expect(errors(instance('SubnetId: !ImportValue shared-subnet'))).toEqual([]);
  });
});

describe('allowed values (registry schema enums)', () => {
  it('are kept in the compact spec', () => {
    const code = resourceType(spec, 'AWS::ImageBuilder::Component')!.p.Platform!;
    const info = decodeType(code);
    expect(allowedValues(spec, info.enumIndex!)).toEqual(
      expect.arrayContaining(['Linux', 'Windows']),
    );
  });
  const component = (platform: string) => [
    'Resources:',
    '  C:',
    '    Type: AWS::ImageBuilder::Component',
    '    Properties:',
    '      Name: c',
    '      Version: 1.0.0',
    `      Platform: ${platform}`,
    '      Uri: s3://b/k.yml',
  ];
  it('refuse a value outside the list, at the value', () => {
    expect(check(component('Linux'))).toEqual([]);
    const f = errors(component('Linx'));
    expect(f).toEqual([expect.objectContaining({ rule: 'cfn/allowed-value', line: 7 })]);
    expect(f[0]!.message).toMatch(/Did you mean `Linux`\?/);
  });
  it('warn on a case-only difference', () => {
    expect(check(component('linux'))).toEqual([
      expect.objectContaining({ rule: 'cfn/allowed-value', severity: 'warning' }),
    ]);
  });
});

describe('parameter defaults', () => {
  const param = (type: string, def: string, extra = '') => [
    'Parameters:',
    `  P: {Type: "${type}", Default: ${def}${extra}}`,
    'Resources:',
    ...sg,
  ];
  it('must fit the Type', () => {
    expect(errors(param('Number', '5'))).toEqual([]);
    expect(errors(param('Number', 'five'))[0]).toMatchObject({
      rule: 'cfn/parameter-default',
      line: 2,
    });
    expect(errors(param('CommaDelimitedList', '[a, b]'))[0]!.message).toMatch(/comma-delimited/);
    expect(errors(param('CommaDelimitedList', '"a,b"'))).toEqual([]);
    expect(errors(param('List<Number>', '"80,x"'))).toHaveLength(1);
    expect(errors(param('String', 'x', ', AllowedValues: [a, b]'))[0]!.message).toMatch(
      /AllowedValues/,
    );
  });
});

describe('unversioned SSM ImageId', () => {
  const app = (name: string) => [
    'Resources:',
    '  Web:',
    '    Type: AWS::EC2::Instance',
    '    Properties:',
    `      ImageId: '{{resolve:ssm:${name}}}'`,
  ];
  const sev = (name: string, context?: TemplateContext) =>
    check(app(name), context).find((f) => f.rule === 'cfn/unversioned-ssm-image')?.severity;
  it('is an error for the parameters this pipeline publishes, a warning for others', () => {
    const context = { publishedParameters: new Set(['/golden-ami/web']) };
    expect(sev('/golden-ami/web', context)).toBe('error');
    expect(sev('/other/team/ami', context)).toBe('warning');
    expect(sev('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64')).toBe(
      'warning',
    );
    // Without image definitions, any name outside /aws/service/ may be ours.
    expect(sev('/golden-ami/web')).toBe('error');
  });
});
