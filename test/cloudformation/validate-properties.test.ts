// Resource properties against the specification (validate-properties.ts).
import { describe, it, expect, beforeAll } from '@jest/globals';
import type { Finding } from '../../actions/lib/core/findings.js';
import { one, templateChecker } from './helpers.js';

let check: (text: string) => Finding[];
beforeAll(async () => {
  check = await templateChecker();
});

describe('property rules', () => {
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
});
