import { describe, it, expect } from '@jest/globals';
import { managed, policyChecks } from './policy-checks.js';

const { iam, messages } = policyChecks();

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

  it('? is a wildcard in an action too: one that matches is fine, one that matches nothing is reported', () => {
    const t = (action: string) =>
      managed(['- Effect: Allow', `  Action: ${action}`, "  Resource: '*'"]);
    expect(iam(t('ssm:GetParamete?'))).toEqual([]);
    expect(iam(t('ssm:GetParamete??'))).toEqual([]); // GetParameters
    expect(iam(t('ssm:GetParameteX?'))).toEqual(['9 iam/action-matches-nothing']);
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

  it('a JavaScript object name (constructor, toString) is an unknown operator too', () => {
    for (const op of ['constructor', 'toStringIfExists']) {
      const t = managed([
        '- Effect: Allow',
        '  Action: ssm:PutParameter',
        "  Resource: '*'",
        '  Condition:',
        `    ${op}: {ssm:Overwrite: "false"}`, // 12
      ]);
      expect(iam(t)).toEqual(['12 iam/unknown-condition-operator']);
    }
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
