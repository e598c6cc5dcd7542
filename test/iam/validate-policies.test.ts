import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Finding } from '../../actions/lib/core/findings.js';
import { parseTemplate } from '../../actions/lib/cloudformation/parse.js';
import { loadResourceSpec } from '../../actions/lib/cloudformation/spec/load.js';
import type { ResourceSpec } from '../../actions/lib/cloudformation/spec/types.js';
import { validateTemplate } from '../../actions/lib/cloudformation/validate.js';
import { loadCatalogue, type Catalogue } from '../../actions/lib/iam/catalogue.js';
import {
  policyFindings,
  validateTemplatePolicies,
} from '../../actions/lib/iam/validate-policies.js';
import { subjectScope } from '../../actions/lib/iam/validate-trust.js';

let spec: ResourceSpec;
let cat: Catalogue;
beforeAll(async () => {
  [spec, cat] = await Promise.all([loadResourceSpec(), loadCatalogue()]);
});

/** IAM findings as `line rule`, in line order. */
function iam(text: string): string[] {
  return policyFindings(parseTemplate(text, 't.yml'), spec, cat).map(
    (f: Finding) => `${f.line} ${f.rule}`,
  );
}
function messages(text: string): string[] {
  return policyFindings(parseTemplate(text, 't.yml'), spec, cat).map((f) => f.message);
}

/** A managed policy whose statements are the given YAML lines (indented under Statement). */
function managed(statement: string[]): string {
  return [
    'Resources:', // 1
    '  P:', // 2
    '    Type: AWS::IAM::ManagedPolicy', // 3
    '    Properties:', // 4
    '      PolicyDocument:', // 5
    "        Version: '2012-10-17'", // 6
    '        Statement:', // 7
    ...statement.map((l) => `          ${l}`), // 8...
    '',
  ].join('\n');
}

describe('validate: actions', () => {
  it('reports an unknown service and an unknown action at their lines, with the nearest name', () => {
    const t = managed([
      '- Effect: Allow', // 8
      '  Action:', // 9
      '    - ssm:GetParameter', // 10
      '    - ssm:PutParamter', // 11
      '    - imagebuildr:GetImage', // 12
      "  Resource: '*'", // 13
    ]);
    expect(iam(t)).toEqual(['11 iam/unknown-action', '12 iam/unknown-service']);
    const m = messages(t);
    expect(m[0]).toMatch(/ssm has no action 'PutParamter'.*Did you mean `PutParameter`\?/);
    expect(m[1]).toMatch(/'imagebuildr'.*Did you mean `imagebuilder`\?/);
  });

  it('reports a wildcard that matches no action, and a malformed action', () => {
    const t = managed(['- Effect: Allow', '  Action: [ec2:*Vpcz*, GetObject]', "  Resource: '*'"]);
    expect(iam(t)).toEqual(['9 iam/action-matches-nothing', '9 iam/action-format']);
  });

  it('accepts action names in any case, wildcards that match, and actions it cannot read', () => {
    const t = [
      'Parameters:',
      '  Act: {Type: String}',
      ...managed([
        '- Effect: Allow',
        "  Action: [SSM:getparameter, 'ec2:*Vpc*', !Sub 'ssm:${Act}', '*']",
        "  Resource: '*'",
      ]).split('\n'),
    ].join('\n');
    expect(iam(t)).toEqual([]);
  });
});

describe('validate: condition keys and operators', () => {
  it('a service key the actions do not support is an error on the key', () => {
    const t = managed([
      '- Effect: Allow', // 8
      '  Action: ssm:PutParameter', // 9
      "  Resource: '*'", // 10
      '  Condition:', // 11
      '    StringEquals:', // 12
      '      ec2:InstanceType: t3.micro', // 13
      '      ssm:Overwrite: "false"', // 14
      '      aws:RequestTag/Project: golden-ami', // 15
      '      aws:SourceAcount: "123456789012"', // 16
    ]);
    expect(iam(t)).toEqual(['13 iam/condition-key-not-supported', '16 iam/unknown-condition-key']);
    const m = messages(t);
    expect(m[0]).toMatch(
      /'ec2:InstanceType' is not a condition key of ssm:PutParameter.*never applies/,
    );
    expect(m[1]).toMatch(/Did you mean `aws:SourceAccount`\?/);
  });

  it('a key supported by one of several actions, or by their resource types, is fine', () => {
    const t = managed([
      '- Effect: Allow',
      '  Action: [ec2:RunInstances, ec2:CreateTags]',
      "  Resource: '*'",
      '  Condition:',
      '    StringEquals: {ec2:MetadataHttpTokens: required, ec2:ResourceTag/Project: x}',
    ]);
    expect(iam(t)).toEqual([]);
  });

  it('a tag key only some named actions carry is a warning on the key', () => {
    const t = managed([
      '- Effect: Allow', // 8
      '  Action: [imagebuilder:CreateComponent, imagebuilder:GetComponent]', // 9
      "  Resource: '*'", // 10
      '  Condition:', // 11
      '    StringEquals: {aws:RequestTag/project: x}', // 12
    ]);
    expect(iam(t)).toEqual(['12 iam/condition-key-partly-supported']);
    expect(messages(t)[0]).toMatch(
      /imagebuilder:GetComponent does not carry 'aws:RequestTag\/project'.*never holds/,
    );
  });

  it('with a negated operator an unsupported key makes the condition always hold', () => {
    const t = managed([
      '- Effect: Deny',
      '  Action: ec2:DescribeImages',
      "  Resource: '*'",
      '  Condition:',
      '    StringNotEquals: {aws:ResourceTag/project: x}', // 12
    ]);
    expect(iam(t)).toEqual(['12 iam/condition-key-not-supported']);
    expect(messages(t)[0]).toMatch(/always holds and restricts nothing/);
  });

  it('actions matched by a wildcard are not warned about one by one', () => {
    const t = managed([
      '- Effect: Allow',
      "  Action: ['imagebuilder:Get*', 'imagebuilder:List*']",
      "  Resource: '*'",
      '  Condition: {StringEquals: {aws:ResourceTag/project: x}}',
    ]);
    expect(iam(t)).toEqual([]);
  });

  it('an unknown operator is an error with the nearest operator', () => {
    const t = managed([
      '- Effect: Allow',
      '  Action: ssm:PutParameter',
      "  Resource: '*'",
      '  Condition:',
      '    StringEqual: {ssm:Overwrite: "false"}', // 12
    ]);
    expect(iam(t)).toEqual(['12 iam/unknown-condition-operator']);
    expect(messages(t)[0]).toMatch(/Did you mean `StringEquals`\?/);
  });
});

describe('validate: resources', () => {
  it('a literal ARN of another resource type is an error; one that fits is not', () => {
    const t = managed([
      '- Effect: Allow', // 8
      '  Action: ssm:GetParameter', // 9
      '  Resource:', // 10
      "    - 'arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/*'", // 11
      "    - 'arn:aws:ssm:us-east-1:123456789012:document/x'", // 12
      "    - 'arn:aws:s3:::bucket/*'", // 13
    ]);
    expect(iam(t)).toEqual(['12 iam/resource-type-mismatch', '13 iam/resource-type-mismatch']);
    expect(messages(t)[0]).toMatch(
      /Expected an ARN like arn:\$\{Partition\}:ssm:\$\{Region\}:\$\{Account\}:parameter\//,
    );
  });

  it('resolves !Sub with parameters and pseudo parameters to a pattern', () => {
    const t = [
      'Parameters:',
      '  Path: {Type: String}',
      ...managed([
        '- Effect: Allow', // 10
        '  Action: ssm:PutParameter', // 11
        '  Resource:', // 12
        "    - !Sub 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${Path}/*'", // 13
        "    - !Sub 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:document${Path}'", // 14
        '    - !GetAtt Something.Arn', // 15
      ]).split('\n'),
    ].join('\n');
    expect(iam(t)).toEqual(['14 iam/resource-type-mismatch']);
  });

  it('an action with no resource type needs Resource "*"', () => {
    const t = managed([
      '- Effect: Allow',
      '  Action: ec2:DescribeImages',
      "  Resource: 'arn:aws:ec2:*:*:image/*'",
    ]);
    expect(iam(t)).toEqual(['10 iam/resource-star-only']);
  });

  it('an action that fits none of the Resources is a warning at the action', () => {
    const t = managed([
      '- Effect: Allow', // 8
      '  Action:', // 9
      '    - ssm:PutParameter', // 10
      '    - ssm:DescribeParameters', // 11
      '    - ec2:CreateTags', // 12
      "  Resource: 'arn:aws:ssm:*:*:parameter/x/*'", // 13
    ]);
    expect(iam(t)).toEqual(['11 iam/action-fits-no-resource', '12 iam/action-fits-no-resource']);
    const m = messages(t);
    expect(m[0]).toMatch(/ssm:DescribeParameters acts on no resource type/);
    expect(m[1]).toMatch(/ec2:CreateTags acts on .*which no Resource of this statement names/);
  });

  it('NotAction statements are not judged on resources or keys', () => {
    const t = managed([
      '- Effect: Deny',
      '  NotAction: iam:*',
      "  Resource: 'arn:aws:s3:::b'",
      '  Condition: {StringEquals: {ec2:InstanceType: x}}',
    ]);
    expect(iam(t)).toEqual([]);
  });
});

describe('validate: Version', () => {
  const doc = (version: string, resource: string): string =>
    [
      'Resources:', // 1
      '  P:', // 2
      '    Type: AWS::IAM::ManagedPolicy', // 3
      '    Properties:', // 4
      '      PolicyDocument:', // 5
      ...(version ? [`        Version: '${version}'`] : []), // 6
      '        Statement:',
      '          - Effect: Allow',
      '            Action: s3:GetObject',
      `            Resource: ${resource}`,
      '',
    ].join('\n');

  it('warns when policy variables meet a document without Version 2012-10-17', () => {
    expect(iam(doc('', "'arn:aws:s3:::b/${aws:username}/*'"))).toEqual(['5 iam/policy-version']);
    expect(
      iam(doc('2008-10-17', "!Sub 'arn:${AWS::Partition}:s3:::b/${!aws:username}/*'")),
    ).toEqual(['6 iam/policy-version']);
    expect(iam(doc('2012-10-17', "'arn:aws:s3:::b/${aws:username}/*'"))).toEqual([]);
    expect(iam(doc('', "!Sub 'arn:${AWS::Partition}:s3:::b/*'"))).toEqual([]);
  });

  it('refuses a Version IAM does not know', () => {
    expect(iam(doc('2012-10-18', "'*'"))).toEqual(['6 iam/policy-version']);
  });
});

describe('validate: iam:PassRole', () => {
  const role = (actions: string, condition: string[]): string =>
    managed([
      '- Effect: Allow', // 8
      `  Action: ${actions}`, // 9
      "  Resource: '*'", // 10
      ...condition, // 11
    ]);
  const passedToEc2 = ['  Condition: {StringEquals: {iam:PassedToService: ec2.amazonaws.com}}'];

  it('warns on PassRole without iam:PassedToService', () => {
    expect(iam(role('[ec2:RunInstances, iam:PassRole]', []))).toEqual([
      '9 iam/passrole-without-service',
    ]);
  });

  it('accepts PassRole limited by iam:PassedToService', () => {
    expect(iam(role('iam:PassRole', passedToEc2))).toEqual([]);
  });

  it('warns that an action sharing the statement never gets past the PassRole condition', () => {
    const t = role('[ec2:RunInstances, iam:PassRole]', passedToEc2);
    expect(iam(t)).toEqual(['11 iam/condition-key-partly-supported']);
    expect(messages(t)[0]).toMatch(/^ec2:RunInstances does not carry 'iam:PassedToService'/);
  });
});

describe('validate: GitHub OIDC trust', () => {
  function trust(
    condition: string[],
    federated = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  ): string {
    return [
      'Resources:', // 1
      '  R:', // 2
      '    Type: AWS::IAM::Role', // 3
      '    Properties:', // 4
      '      AssumeRolePolicyDocument:', // 5
      "        Version: '2012-10-17'", // 6
      '        Statement:', // 7
      '          - Effect: Allow', // 8
      `            Principal: {Federated: '${federated}'}`, // 9
      '            Action: sts:AssumeRoleWithWebIdentity', // 10
      ...condition.map((l) => `            ${l}`), // 11...
      '',
    ].join('\n');
  }

  it('accepts audience and a pinned subject', () => {
    const t = trust([
      'Condition:',
      '  StringEquals:',
      '    token.actions.githubusercontent.com:aud: sts.amazonaws.com',
      "    token.actions.githubusercontent.com:sub: 'repo:org@1/repo@2:environment:production'",
    ]);
    expect(iam(t)).toEqual([]);
  });

  it('a wildcard-only subject is an error at its value; a whole-owner or any-ref subject a warning', () => {
    const t = trust([
      'Condition:', // 11
      '  StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}', // 12
      '  StringLike:', // 13
      '    token.actions.githubusercontent.com:sub:', // 14
      "      - 'repo:*'", // 15
      "      - '*'", // 16
      "      - 'repo:org/*'", // 17
      "      - 'repo:org/repo:*'", // 18
      "      - 'repo:org/repo:ref:refs/heads/*'", // 19
    ]);
    expect(iam(t)).toEqual([
      '15 iam/oidc-wildcard-subject',
      '16 iam/oidc-wildcard-subject',
      '17 iam/oidc-wide-subject',
      '18 iam/oidc-wide-subject',
    ]);
  });

  it('no audience is a warning, no subject an error, no condition at all an error', () => {
    expect(
      iam(
        trust([
          'Condition:',
          "  StringEquals: {token.actions.githubusercontent.com:sub: 'repo:o/r:ref:refs/heads/main'}",
        ]),
      ),
    ).toEqual(['11 iam/oidc-no-audience']);
    expect(
      iam(
        trust([
          'Condition:',
          '  StringEquals: {token.actions.githubusercontent.com:aud: sts.amazonaws.com}',
        ]),
      ),
    ).toEqual(['11 iam/oidc-no-subject']);
    expect(iam(trust([]))).toEqual(['8 iam/oidc-trust-unconditioned']);
  });

  it('recognises the provider through !Ref of the template OIDCProvider, and checks claim names', () => {
    const t = [
      ...trust(
        [
          'Condition:', // 11
          '  StringEquals:', // 12
          '    token.actions.githubusercontent.com:enviroment: production', // 13
          "    token.actions.githubusercontent.com:sub: 'repo:o/r:ref:refs/heads/main'", // 14
        ],
        'PLACEHOLDER',
      )
        .replace("'PLACEHOLDER'", '!Ref Provider')
        .split('\n'),
      '  Provider:',
      '    Type: AWS::IAM::OIDCProvider',
      '    Properties: {Url: https://token.actions.githubusercontent.com, ClientIdList: [sts.amazonaws.com]}',
    ].join('\n');
    expect(iam(t)).toEqual(['11 iam/oidc-no-audience', '13 iam/unknown-condition-key']);
    expect(messages(t)[1]).toMatch(/Did you mean `environment`\?/);
  });

  it('subjectScope reads both subject forms and treats template parameters as concrete', () => {
    expect(subjectScope('repo:X/X:ref:refs/heads/main')).toBeUndefined();
    expect(subjectScope('repo:org@1/repo@2:environment:production')).toBeUndefined();
    expect(subjectScope('repo:org@1/*')).toBe('owner');
    expect(subjectScope('*:environment:production')).toBe('any');
    expect(subjectScope('repo:o*/r:ref:x')).toBe('any');
  });
});

describe('validate: the catalogue is loaded only for templates with policies', () => {
  it('a template without IAM resources gets no IAM check; one with them does', async () => {
    const bucket = parseTemplate('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 'b.yml');
    expect(await validateTemplatePolicies(bucket, spec)).toEqual([]);
    const bad = parseTemplate(
      managed(['- Effect: Allow', '  Action: ssm:Nope', "  Resource: '*'"]),
      'p.yml',
    );
    expect((await validateTemplatePolicies(bad, spec)).map((f) => `${f.line} ${f.rule}`)).toEqual([
      '9 iam/unknown-action',
    ]);
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
