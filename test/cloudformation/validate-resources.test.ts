// Resources: types, attributes, custom resources, modules, SAM (validate-resources.ts).
import { describe, it, expect, beforeAll } from '@jest/globals';
import type { Finding } from '../../actions/lib/core/findings.js';
import { one, rules, templateChecker } from './helpers.js';

let check: (text: string) => Finding[];
beforeAll(async () => {
  check = await templateChecker();
});

describe('resource rules', () => {
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
