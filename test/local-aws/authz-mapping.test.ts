import { describe, it, expect, beforeAll } from '@jest/globals';
import { loadCatalogue, type Catalogue } from '../../actions/lib/iam/catalogue.js';
import { SERVICES } from '../../scripts/local-aws/registry.js';
import {
  checksFor,
  requestContext,
  SERVICE_AUTHZ,
} from '../../scripts/local-aws/authz/authorize.js';
import type { AuthzEnv } from '../../scripts/local-aws/authz/types.js';
import { emptyState } from '../../scripts/local-aws/state.js';
import { iamState } from '../../scripts/local-aws/iam/model.js';
import { ibState } from '../../scripts/local-aws/services/imagebuilder/model.js';
import { cfnState } from '../../scripts/local-aws/services/cloudformation/model.js';

const A = '123456789012';
const R = 'us-east-1';
const IB = `arn:aws:imagebuilder:${R}:${A}`;
const STACK = `arn:aws:cloudformation:${R}:${A}:stack/golden-ami-web/0f2c1d10-0000-4000-a000-000000000000`;

let cat: Catalogue;
let env: AuthzEnv;
beforeAll(async () => {
  cat = await loadCatalogue();
  const state = emptyState(A);
  const iam = iamState(state);
  iam.roles['ib-instance'] = {
    name: 'ib-instance',
    arn: `arn:aws:iam::${A}:role/ib-instance`,
    roleId: 'AROAEXAMPLEEXAMPLEX',
    path: '/',
    trust: { name: 'trust', document: { Version: '2012-10-17', Statement: [] } },
    inline: {},
    attached: [],
    maxSessionDuration: 3600,
    createDate: 0,
    tags: {},
  };
  iam.instanceProfiles['ib-profile'] = {
    name: 'ib-profile',
    arn: `arn:aws:iam::${A}:instance-profile/ib-profile`,
    path: '/',
    roles: ['ib-instance'],
  };
  ibState(state, R).buildCounters['hello/1.0.0'] = 2;
  ibState(state, R).tags[`${IB}:image-pipeline/web`] = {
    'imagebuilder-gitops:project': 'golden-ami',
  };
  cfnState(state, R).stacks[STACK] = {
    stackId: STACK,
    stackName: 'golden-ami-web',
    status: 'CREATE_COMPLETE',
    tags: [{ Key: 'team', Value: 'platform' }],
  } as never;
  env = { catalogue: cat, state, region: R, accountId: A };
});

/** One sample request per operation and what IAM must see for it. */
const CASES: [
  string,
  string,
  Record<string, unknown>,
  { action: string; resource: string; keys?: Record<string, unknown> }[],
][] = [
  [
    'imagebuilder',
    'CreateComponent',
    { name: 'Hello', semanticVersion: '1.0.0', tags: { project: 'x' } },
    [
      {
        action: 'imagebuilder:CreateComponent',
        resource: `${IB}:component/hello/1.0.0/3`,
        keys: { 'aws:RequestTag/project': 'x', 'aws:TagKeys': ['project'] },
      },
    ],
  ],
  [
    'imagebuilder',
    'GetComponent',
    { componentBuildVersionArn: `${IB}:component/hello/1.0.0/1` },
    [{ action: 'imagebuilder:GetComponent', resource: `${IB}:component/hello/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListComponents',
    {},
    [{ action: 'imagebuilder:ListComponents', resource: '*' }],
  ],
  [
    'imagebuilder',
    'ListComponentBuildVersions',
    { componentVersionArn: `${IB}:component/hello/1.0.0` },
    [
      {
        action: 'imagebuilder:ListComponentBuildVersions',
        resource: `${IB}:component/hello/1.0.0/*`,
      },
    ],
  ],
  [
    'imagebuilder',
    'DeleteComponent',
    { componentBuildVersionArn: `${IB}:component/hello/1.0.0/1` },
    [{ action: 'imagebuilder:DeleteComponent', resource: `${IB}:component/hello/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'CreateImageRecipe',
    { name: 'Web', semanticVersion: '2.0.1' },
    [{ action: 'imagebuilder:CreateImageRecipe', resource: `${IB}:image-recipe/web/2.0.1` }],
  ],
  [
    'imagebuilder',
    'GetImageRecipe',
    { imageRecipeArn: `${IB}:image-recipe/web/2.0.1` },
    [{ action: 'imagebuilder:GetImageRecipe', resource: `${IB}:image-recipe/web/2.0.1` }],
  ],
  [
    'imagebuilder',
    'ListImageRecipes',
    {},
    [{ action: 'imagebuilder:ListImageRecipes', resource: '*' }],
  ],
  [
    'imagebuilder',
    'DeleteImageRecipe',
    { imageRecipeArn: `${IB}:image-recipe/web/2.0.1` },
    [{ action: 'imagebuilder:DeleteImageRecipe', resource: `${IB}:image-recipe/web/2.0.1` }],
  ],
  [
    'imagebuilder',
    'CreateInfrastructureConfiguration',
    {
      name: 'infra',
      instanceProfileName: 'ib-profile',
      instanceMetadataOptions: { httpTokens: 'required' },
      tags: { p: 'v' },
    },
    [
      {
        action: 'imagebuilder:CreateInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
        keys: { 'imagebuilder:Ec2MetadataHttpTokens': 'required', 'aws:RequestTag/p': 'v' },
      },
      {
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${A}:role/ib-instance`,
        keys: { 'iam:PassedToService': 'ec2.amazonaws.com' },
      },
    ],
  ],
  [
    'imagebuilder',
    'GetInfrastructureConfiguration',
    { infrastructureConfigurationArn: `${IB}:infrastructure-configuration/infra` },
    [
      {
        action: 'imagebuilder:GetInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
      },
    ],
  ],
  [
    'imagebuilder',
    'ListInfrastructureConfigurations',
    {},
    [{ action: 'imagebuilder:ListInfrastructureConfigurations', resource: '*' }],
  ],
  [
    'imagebuilder',
    'UpdateInfrastructureConfiguration',
    {
      infrastructureConfigurationArn: `${IB}:infrastructure-configuration/infra`,
      instanceProfileName: 'ib-profile',
    },
    [
      {
        action: 'imagebuilder:UpdateInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
      },
      { action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/ib-instance` },
    ],
  ],
  [
    'imagebuilder',
    'DeleteInfrastructureConfiguration',
    { infrastructureConfigurationArn: `${IB}:infrastructure-configuration/infra` },
    [
      {
        action: 'imagebuilder:DeleteInfrastructureConfiguration',
        resource: `${IB}:infrastructure-configuration/infra`,
      },
    ],
  ],
  [
    'imagebuilder',
    'CreateDistributionConfiguration',
    { name: 'Dist' },
    [
      {
        action: 'imagebuilder:CreateDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
  [
    'imagebuilder',
    'GetDistributionConfiguration',
    { distributionConfigurationArn: `${IB}:distribution-configuration/dist` },
    [
      {
        action: 'imagebuilder:GetDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
  [
    'imagebuilder',
    'ListDistributionConfigurations',
    {},
    [{ action: 'imagebuilder:ListDistributionConfigurations', resource: '*' }],
  ],
  [
    'imagebuilder',
    'UpdateDistributionConfiguration',
    { distributionConfigurationArn: `${IB}:distribution-configuration/dist` },
    [
      {
        action: 'imagebuilder:UpdateDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
  [
    'imagebuilder',
    'DeleteDistributionConfiguration',
    { distributionConfigurationArn: `${IB}:distribution-configuration/dist` },
    [
      {
        action: 'imagebuilder:DeleteDistributionConfiguration',
        resource: `${IB}:distribution-configuration/dist`,
      },
    ],
  ],
  [
    'imagebuilder',
    'CreateImagePipeline',
    { name: 'Web', tags: { 'imagebuilder-gitops:project': 'golden-ami' } },
    [
      {
        action: 'imagebuilder:CreateImagePipeline',
        resource: `${IB}:image-pipeline/web`,
        keys: { 'aws:RequestTag/imagebuilder-gitops:project': 'golden-ami' },
      },
    ],
  ],
  [
    'imagebuilder',
    'UpdateImagePipeline',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [
      {
        action: 'imagebuilder:UpdateImagePipeline',
        resource: `${IB}:image-pipeline/web`,
        keys: { 'aws:ResourceTag/imagebuilder-gitops:project': 'golden-ami' },
      },
    ],
  ],
  [
    'imagebuilder',
    'GetImagePipeline',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:GetImagePipeline', resource: `${IB}:image-pipeline/web` }],
  ],
  [
    'imagebuilder',
    'ListImagePipelines',
    {},
    [{ action: 'imagebuilder:ListImagePipelines', resource: '*' }],
  ],
  [
    'imagebuilder',
    'DeleteImagePipeline',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:DeleteImagePipeline', resource: `${IB}:image-pipeline/web` }],
  ],
  [
    'imagebuilder',
    'StartImagePipelineExecution',
    { imagePipelineArn: `${IB}:image-pipeline/web`, tags: { commit: 'abc' } },
    [
      {
        action: 'imagebuilder:StartImagePipelineExecution',
        resource: `${IB}:image-pipeline/web`,
        keys: {
          'aws:RequestTag/commit': 'abc',
          'aws:ResourceTag/imagebuilder-gitops:project': 'golden-ami',
        },
      },
    ],
  ],
  [
    'imagebuilder',
    'ListImagePipelineImages',
    { imagePipelineArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:ListImagePipelineImages', resource: `${IB}:image-pipeline/web` }],
  ],
  [
    'imagebuilder',
    'GetImage',
    { imageBuildVersionArn: `${IB}:image/web/1.0.0/1` },
    [{ action: 'imagebuilder:GetImage', resource: `${IB}:image/web/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListImageBuildVersions',
    { imageVersionArn: `${IB}:image/web/1.0.0` },
    [{ action: 'imagebuilder:ListImageBuildVersions', resource: `${IB}:image/web/1.0.0/*` }],
  ],
  [
    'imagebuilder',
    'CancelImageCreation',
    { imageBuildVersionArn: `${IB}:image/web/1.0.0/1` },
    [{ action: 'imagebuilder:CancelImageCreation', resource: `${IB}:image/web/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListWorkflowExecutions',
    { imageBuildVersionArn: `${IB}:image/web/1.0.0/1` },
    [{ action: 'imagebuilder:ListWorkflowExecutions', resource: `${IB}:image/web/1.0.0/1` }],
  ],
  [
    'imagebuilder',
    'ListWorkflowStepExecutions',
    { workflowExecutionId: 'wf-0123' },
    [
      {
        action: 'imagebuilder:ListWorkflowStepExecutions',
        resource: `${IB}:workflow-execution/wf-0123`,
      },
    ],
  ],
  [
    'imagebuilder',
    'TagResource',
    { resourceArn: `${IB}:image-pipeline/web`, tags: { a: 'b' } },
    [
      {
        action: 'imagebuilder:TagResource',
        resource: `${IB}:image-pipeline/web`,
        keys: {
          'aws:RequestTag/a': 'b',
          'aws:TagKeys': ['a'],
          'aws:ResourceTag/imagebuilder-gitops:project': 'golden-ami',
        },
      },
    ],
  ],
  [
    'imagebuilder',
    'UntagResource',
    { resourceArn: `${IB}:image-pipeline/web`, tagKeys: ['a'] },
    [
      {
        action: 'imagebuilder:UntagResource',
        resource: `${IB}:image-pipeline/web`,
        keys: { 'aws:TagKeys': ['a'] },
      },
    ],
  ],
  [
    'imagebuilder',
    'ListTagsForResource',
    { resourceArn: `${IB}:image-pipeline/web` },
    [{ action: 'imagebuilder:ListTagsForResource', resource: `${IB}:image-pipeline/web` }],
  ],
  [
    'ssm',
    'PutParameter',
    { Name: '/golden-ami/web', Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] },
    [
      {
        action: 'ssm:PutParameter',
        resource: `arn:aws:ssm:${R}:${A}:parameter/golden-ami/web`,
        keys: { 'ssm:Overwrite': 'true', 'aws:RequestTag/k': 'v' },
      },
    ],
  ],
  [
    'ssm',
    'GetParameter',
    { Name: '/golden-ami/web:3' },
    [{ action: 'ssm:GetParameter', resource: `arn:aws:ssm:${R}:${A}:parameter/golden-ami/web` }],
  ],
  [
    'ssm',
    'GetParameters',
    // AWS's public parameters: no account in their ARN.
    {
      Names: [
        '/a',
        '/b:label',
        '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
      ],
    },
    [
      { action: 'ssm:GetParameters', resource: `arn:aws:ssm:${R}:${A}:parameter/a` },
      { action: 'ssm:GetParameters', resource: `arn:aws:ssm:${R}:${A}:parameter/b` },
      {
        action: 'ssm:GetParameters',
        resource: `arn:aws:ssm:${R}::parameter/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base`,
      },
    ],
  ],
  [
    'ssm',
    'GetParameterHistory',
    { Name: '/a' },
    [{ action: 'ssm:GetParameterHistory', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'GetParametersByPath',
    { Path: '/aws/service/ami-amazon-linux-latest', Recursive: true },
    [
      {
        action: 'ssm:GetParametersByPath',
        resource: `arn:aws:ssm:${R}::parameter/aws/service/ami-amazon-linux-latest`,
        keys: { 'ssm:Recursive': 'true' },
      },
    ],
  ],
  [
    'ssm',
    'LabelParameterVersion',
    { Name: '/a' },
    [{ action: 'ssm:LabelParameterVersion', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'DeleteParameter',
    { Name: '/a' },
    [{ action: 'ssm:DeleteParameter', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'AddTagsToResource',
    { ResourceType: 'Parameter', ResourceId: '/a', Tags: [{ Key: 'k', Value: 'v' }] },
    [
      {
        action: 'ssm:AddTagsToResource',
        resource: `arn:aws:ssm:${R}:${A}:parameter/a`,
        keys: { 'aws:RequestTag/k': 'v' },
      },
    ],
  ],
  [
    'ssm',
    'ListTagsForResource',
    { ResourceType: 'Parameter', ResourceId: '/a' },
    [{ action: 'ssm:ListTagsForResource', resource: `arn:aws:ssm:${R}:${A}:parameter/a` }],
  ],
  [
    'ssm',
    'RemoveTagsFromResource',
    { ResourceType: 'Parameter', ResourceId: '/a', TagKeys: ['k'] },
    [
      {
        action: 'ssm:RemoveTagsFromResource',
        resource: `arn:aws:ssm:${R}:${A}:parameter/a`,
        keys: { 'aws:TagKeys': ['k'] },
      },
    ],
  ],
  [
    'ec2',
    'DescribeImages',
    {},
    [{ action: 'ec2:DescribeImages', resource: '*', keys: { 'ec2:Region': R } }],
  ],
  [
    'ec2',
    'CreateTags',
    { 'ResourceId.1': 'ami-0123456789abcdef0', 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' },
    [
      {
        action: 'ec2:CreateTags',
        resource: `arn:aws:ec2:${R}::image/ami-0123456789abcdef0`,
        keys: { 'aws:RequestTag/k': 'v', 'ec2:Region': R },
      },
    ],
  ],
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
  // Operations the emulator-today branch adds (mapped ahead of its merge).
  ['imagebuilder', 'ListImages', {}, [{ action: 'imagebuilder:ListImages', resource: '*' }]],
  // The scan gate's calls.
  [
    'imagebuilder',
    'ListImageScanFindings',
    {},
    [{ action: 'imagebuilder:ListImageScanFindings', resource: '*' }],
  ],
  [
    'imagebuilder',
    'ListImageScanFindingAggregations',
    {},
    [{ action: 'imagebuilder:ListImageScanFindingAggregations', resource: '*' }],
  ],
  [
    'ec2',
    'EnableImageDeprecation',
    { ImageId: 'ami-0123456789abcdef0', DeprecateAt: '2026-12-02T00:00:00Z' },
    [
      {
        action: 'ec2:EnableImageDeprecation',
        resource: `arn:aws:ec2:${R}::image/ami-0123456789abcdef0`,
        keys: { 'ec2:Region': R },
      },
    ],
  ],
  ['ssm', 'DescribeParameters', {}, [{ action: 'ssm:DescribeParameters', resource: '*' }]],
  [
    'ec2',
    'DescribeInstances',
    {},
    [{ action: 'ec2:DescribeInstances', resource: '*', keys: { 'ec2:Region': R } }],
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
  ['sts', 'GetCallerIdentity', {}, []],
  ['sts', 'AssumeRoleWithWebIdentity', {}, []],
];

describe('authorization mapping', () => {
  it('maps every operation the emulator serves, and each case below covers one', () => {
    const served = SERVICES.flatMap((s) =>
      Object.keys(s.operations).map((o) => `${s.signingName}.${o}`),
    );
    const mapped = Object.entries(SERVICE_AUTHZ).flatMap(([s, ops]) =>
      Object.keys(ops).map((o) => `${s}.${o}`),
    );
    expect(served.filter((o) => !mapped.includes(o))).toEqual([]);
    expect(served.filter((o) => !CASES.some(([s, op]) => `${s}.${op}` === o))).toEqual([]);
  });

  it.each(CASES)('%s.%s', (service, operation, input, expected) => {
    const checks = checksFor(service, operation, input, env);
    expect(checks.map((c) => ({ action: c.action, resource: c.resource }))).toEqual(
      expected.map((e) => ({ action: e.action, resource: e.resource })),
    );
    checks.forEach((c, i) => {
      const action = cat.lookupAction(c.action);
      expect(action).toBeDefined();
      // Resource types and ARNs are the catalogue's.
      if (c.resourceType) {
        expect(action!.resourceTypes.map((r) => r.name)).toContain(c.resourceType);
        expect(
          cat.resourceArnMatchesType(c.resource, c.action.split(':')[0]!, c.resourceType),
        ).toBe(true);
      } else {
        expect(c.resource).toBe('*');
      }
      const ctx = requestContext(c, cat, env.state, {});
      expect(ctx).toMatchObject(expected[i]!.keys ?? {});
      // Every key the glue sets is one the action supports (no silently ignored key names).
      for (const k of Object.keys(c.context).filter((k) => c.context[k] !== undefined))
        expect([
          k,
          cat.isGlobalConditionKey(k) || cat.actionSupportsConditionKey(action!, k),
        ]).toEqual([k, true]);
    });
  });

  it('refuses an operation without a mapping instead of allowing it', () => {
    expect(() => checksFor('ssm', 'SendCommand', {}, env)).toThrow(
      /no authorization mapping for ssm.SendCommand: add it to scripts\/local-aws\/authz\/map-ssm.ts/,
    );
  });
});
