// The repository's infrastructure stacks (stacks/image-builder.yml, stacks/github-oidc.yml) in the emulator's CloudFormation.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  InsufficientCapabilitiesException,
} from '@aws-sdk/client-cloudformation';
import {
  GetInfrastructureConfigurationCommand,
  GetDistributionConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { failure } from './helpers.js';
import { settle, stackFile, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
});
afterEach(() => env.aws.close());

describe("the repository's infrastructure stacks", () => {
  it('creates stacks/image-builder.yml whose configurations the Image Builder API serves', async () => {
    await env.cfn().send(
      new CreateStackCommand({
        StackName: 'golden-ami-image-builder',
        TemplateBody: stackFile('image-builder.yml'),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    const s = await settle(env, 'golden-ami-image-builder');
    expect(s.StackStatus).toBe('CREATE_COMPLETE');
    const out = Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue!]));
    const infra = await env.ib().send(
      new GetInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: out['InfrastructureConfigurationArn'],
      }),
    );
    expect(infra.infrastructureConfiguration).toMatchObject({
      name: 'golden-ami-infrastructure',
      instanceTypes: ['t3.medium', 't3a.medium'],
      tags: { 'imagebuilder-gitops:project': 'golden-ami' },
    });
    expect(infra.infrastructureConfiguration?.instanceProfileName).toBe(out['InstanceProfileName']);
    const dist = await env.ib().send(
      new GetDistributionConfigurationCommand({
        distributionConfigurationArn: out['DistributionConfigurationArn'],
      }),
    );
    expect(dist.distributionConfiguration?.distributions?.map((d) => d.region)).toEqual([
      'us-east-1',
      'us-west-2',
    ]);
    expect(out['InstanceRoleArn']).toMatch(
      /^arn:aws:iam::123456789012:role\/golden-ami-image-builder-InstanceRole-[A-Z]+$/,
    );
    expect(out['LogBucketName']).toMatch(/^golden-ami-image-builder-logbucket-[a-z]+$/);
    // Deleting the stack deletes the configurations, and the stack vanishes by name.
    await env.cfn().send(new DeleteStackCommand({ StackName: 'golden-ami-image-builder' }));
    const gone = await settle(env, s.StackId!);
    expect(gone.StackStatus).toBe('DELETE_COMPLETE');
    expect(
      (
        await failure(
          env.ib().send(
            new GetInfrastructureConfigurationCommand({
              infrastructureConfigurationArn: out['InfrastructureConfigurationArn'],
            }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
    expect(
      (
        await failure(
          env.cfn().send(new DescribeStacksCommand({ StackName: 'golden-ami-image-builder' })),
        )
      ).message,
    ).toMatch(/does not exist/);
  });

  it('creates stacks/github-oidc.yml (OIDC provider, roles) given CAPABILITY_IAM, refuses it without', async () => {
    const input = {
      StackName: 'golden-ami-github',
      TemplateBody: stackFile('github-oidc.yml'),
      Parameters: [
        { ParameterKey: 'GitHubOrg', ParameterValue: 'acme' },
        { ParameterKey: 'RepositoryName', ParameterValue: 'golden' },
        { ParameterKey: 'GitHubOwnerId', ParameterValue: '1001' },
        { ParameterKey: 'RepositoryId', ParameterValue: '2002' },
      ],
    };
    expect(await failure(env.cfn().send(new CreateStackCommand(input)))).toBeInstanceOf(
      InsufficientCapabilitiesException,
    );
    await env.cfn().send(new CreateStackCommand({ ...input, Capabilities: ['CAPABILITY_IAM'] }));
    const s = await settle(env, 'golden-ami-github');
    expect(s.StackStatus).toBe('CREATE_COMPLETE');
    expect(s.Outputs?.find((o) => o.OutputKey === 'DeployRoleArn')?.OutputValue).toMatch(
      /^arn:aws:iam::123456789012:role\/golden-ami-github-DeployRole-/,
    );
    expect(s.Outputs?.find((o) => o.OutputKey === 'BuildRoleArn')?.OutputValue).toMatch(
      /^arn:aws:iam::123456789012:role\/golden-ami-github-BuildRole-/,
    );
  });
});
