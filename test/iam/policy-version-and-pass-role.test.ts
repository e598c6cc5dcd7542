import { describe, it, expect } from '@jest/globals';
import { managed, policyChecks } from './policy-checks.js';

const { iam, messages } = policyChecks();

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
