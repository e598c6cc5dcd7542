// The AMI rule (#844): an instance's ImageId must pin an SSM parameter version (validate-image-id.ts).
import { describe, it, expect, beforeAll } from '@jest/globals';
import type { Finding } from '../../actions/lib/core/findings.js';
import { one, templateChecker } from './helpers.js';

let check: (text: string) => Finding[];
beforeAll(async () => {
  check = await templateChecker();
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
