// Authorization mapping of CloudFormation's operations (authz/map-cloudformation.ts).
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUTHZ_IDS,
  expectMapping,
  mappingFixture,
  uncoveredOperations,
  type MappingCase,
  type MappingFixture,
} from './helpers.js';

const { A, R, STACK } = AUTHZ_IDS;

let fx: MappingFixture;
beforeAll(async () => {
  fx = await mappingFixture();
});

/** One sample request per operation and what IAM must see for it. */
const CASES: MappingCase[] = [
  [
    'cloudformation',
    'CreateStack',
    {
      StackName: 'new',
      TemplateBody: 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n',
      RoleARN: `arn:aws:iam::${A}:role/cfn`,
    },
    [
      {
        action: 'cloudformation:CreateStack',
        resource: `arn:aws:cloudformation:${R}:${A}:stack/new/*`,
        keys: {
          'cloudformation:RoleArn': `arn:aws:iam::${A}:role/cfn`,
          'cloudformation:ResourceTypes': ['AWS::S3::Bucket'],
        },
      },
      {
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${A}:role/cfn`,
        keys: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
      },
    ],
  ],
  [
    'cloudformation',
    'UpdateStack',
    { StackName: 'golden-ami-web', UsePreviousTemplate: 'true' },
    [
      {
        action: 'cloudformation:UpdateStack',
        resource: STACK,
        keys: { 'aws:ResourceTag/team': 'platform' },
      },
    ],
  ],
  [
    'cloudformation',
    'CreateChangeSet',
    {
      StackName: 'golden-ami-web',
      ChangeSetName: 'cs1',
      'Tags.member.1.Key': 't',
      'Tags.member.1.Value': 'v',
    },
    [
      {
        action: 'cloudformation:CreateChangeSet',
        resource: STACK,
        keys: { 'cloudformation:ChangeSetName': 'cs1', 'aws:RequestTag/t': 'v' },
      },
    ],
  ],
  [
    'cloudformation',
    'DeleteStack',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:DeleteStack', resource: STACK }],
  ],
  [
    'cloudformation',
    'DescribeStacks',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:DescribeStacks', resource: STACK }],
  ],
  [
    'cloudformation',
    'DescribeStackEvents',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:DescribeStackEvents', resource: STACK }],
  ],
  [
    'cloudformation',
    'DescribeStackResources',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:DescribeStackResources', resource: STACK }],
  ],
  [
    'cloudformation',
    'ListStackResources',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:ListStackResources', resource: STACK }],
  ],
  [
    'cloudformation',
    'GetTemplate',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:GetTemplate', resource: STACK }],
  ],
  [
    'cloudformation',
    'UpdateTerminationProtection',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:UpdateTerminationProtection', resource: STACK }],
  ],
  [
    'cloudformation',
    'ValidateTemplate',
    {},
    [{ action: 'cloudformation:ValidateTemplate', resource: '*' }],
  ],
  [
    'cloudformation',
    'DescribeChangeSet',
    { StackName: 'golden-ami-web', ChangeSetName: 'cs1' },
    [
      {
        action: 'cloudformation:DescribeChangeSet',
        resource: STACK,
        keys: { 'cloudformation:ChangeSetName': 'cs1' },
      },
    ],
  ],
  [
    'cloudformation',
    'ExecuteChangeSet',
    { StackName: 'golden-ami-web', ChangeSetName: 'cs1' },
    [
      {
        action: 'cloudformation:ExecuteChangeSet',
        resource: STACK,
        keys: { 'cloudformation:ChangeSetName': 'cs1' },
      },
    ],
  ],
  [
    'cloudformation',
    'DeleteChangeSet',
    { StackName: 'golden-ami-web', ChangeSetName: 'cs1' },
    [{ action: 'cloudformation:DeleteChangeSet', resource: STACK }],
  ],
  [
    'cloudformation',
    'ListChangeSets',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:ListChangeSets', resource: STACK }],
  ],
  ['cloudformation', 'ListStacks', {}, [{ action: 'cloudformation:ListStacks', resource: '*' }]],
  ['cloudformation', 'ListExports', {}, [{ action: 'cloudformation:ListExports', resource: '*' }]],
  [
    'cloudformation',
    'GetTemplateSummary',
    { StackName: 'golden-ami-web' },
    [{ action: 'cloudformation:GetTemplateSummary', resource: STACK }],
  ],
  [
    'cloudformation',
    'GetTemplateSummary',
    { TemplateBody: 'x' },
    [{ action: 'cloudformation:GetTemplateSummary', resource: '*' }],
  ],
];

describe('authorization mapping: CloudFormation', () => {
  it('has a case for every cloudformation operation the emulator serves', () => {
    expect(uncoveredOperations('cloudformation', CASES)).toEqual([]);
  });

  it.each(CASES)('%s.%s', (...c) => expectMapping(fx, c));
});
