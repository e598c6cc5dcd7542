// The template validator as a whole: the fixtures, and no input that makes it throw.
import { describe, it, expect } from '@jest/globals';
import { validateTemplate } from '../../actions/lib/cloudformation/validate.js';
import { fixture } from './helpers.js';

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
