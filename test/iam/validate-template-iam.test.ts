import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { validateTemplate } from '../../actions/lib/cloudformation/validate.js';
import { validateTemplatePolicies } from '../../actions/lib/iam/validate-policies.js';
import { managed, policyChecks } from './policy-checks.js';

const { spec } = policyChecks();

describe('validate: the catalogue is loaded only for templates with policies', () => {
  it('a template without IAM resources gets no IAM check; one with them does', async () => {
    const bucket = parseTemplate('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'b.yml');
    expect(await validateTemplatePolicies(bucket, spec())).toEqual([]);
    const bad = parseTemplate(
      managed(['- Effect: Allow', '  Action: ssm:Nope', "  Resource: '*'"]),
      'p.yml',
    );
    expect((await validateTemplatePolicies(bad, spec())).map((f) => `${f.line} ${f.rule}`)).toEqual(
      ['9 iam/unknown-action'],
    );
  });

  it('validateTemplate reports IAM findings with the template rules, sorted by line', async () => {
    const text = managed(['- Effect: Allow', '  Action: ssm:Nope', "  Resource: '*'"]).replace(
      '    Properties:',
      '    Properties:\n      Bogus: 1',
    );
    const findings = await validateTemplate(text, 'p.yml');
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual([
      '5 cfn/unknown-property',
      '10 iam/unknown-action',
    ]);
  });

  it("the repository's own stacks raise no IAM finding", async () => {
    for (const f of ['stacks/github-oidc.yml', 'stacks/image-builder.yml', 'stacks/app-ec2.yml']) {
      const findings = await validateTemplate(readFileSync(f, 'utf8'), f);
      expect(findings.filter((x) => x.rule.startsWith('iam/'))).toEqual([]);
    }
  });
});
