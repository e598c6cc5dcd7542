import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  InsufficientCapabilitiesException,
  ListStackResourcesCommand,
  UpdateStackCommand,
  UpdateTerminationProtectionCommand,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import {
  GetInfrastructureConfigurationCommand,
  GetDistributionConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { failure } from './helpers.js';
import {
  changeSetResult,
  publishAmi,
  settle,
  stackFile,
  startCfnEnv,
  type CfnEnv,
} from './cloudformation-helpers.js';

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
});
afterEach(() => env.aws.close());

const APP = stackFile('app-ec2.yml');
const params = (version: number): Parameter[] => [
  { ParameterKey: 'AmiParameterVersion', ParameterValue: String(version) },
  { ParameterKey: 'AllowedCidr', ParameterValue: '10.0.0.0/8' },
];

async function createApp(version: number, name = 'golden-ami-web') {
  await env
    .cfn()
    .send(
      new CreateStackCommand({ StackName: name, TemplateBody: APP, Parameters: params(version) }),
    );
  return settle(env, name);
}

async function instanceId(stack: string) {
  const res = await env.cfn().send(new ListStackResourcesCommand({ StackName: stack }));
  return res.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'WebServer')
    ?.PhysicalResourceId;
}

describe('CloudFormation stacks', () => {
  it('creates stacks/app-ec2.yml with the AMI of the pinned SSM version, with outputs', async () => {
    const [, v] = await publishAmi(env);
    const s = await createApp(v);
    expect(s.StackStatus).toBe('CREATE_COMPLETE');
    const out = Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    expect(out['InstanceId']).toMatch(/^i-[0-9a-f]{17}$/);
    expect(out['WebsiteURL']).toMatch(/^http:\/\/ec2-\d+-\d+-\d+-\d+\.compute-1\.amazonaws\.com$/);
    expect(out['AmiParameterVersion']).toBe(String(v));
    const resources = await env
      .cfn()
      .send(new ListStackResourcesCommand({ StackName: 'golden-ami-web' }));
    const vpc = resources.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'Vpc');
    expect(vpc).toMatchObject({ ResourceType: 'AWS::EC2::VPC', ResourceStatus: 'CREATE_COMPLETE' });
    expect(vpc?.PhysicalResourceId).toMatch(/^vpc-/);
    expect(
      (await env.cfn().send(new GetTemplateCommand({ StackName: 'golden-ami-web' }))).TemplateBody,
    ).toBe(APP);
  });

  it('answers DescribeStacks on a missing stack with the exact ValidationError', async () => {
    const e = await failure(env.cfn().send(new DescribeStacksCommand({ StackName: 'nope' })));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe('Stack with id nope does not exist');
  });

  it("fails the instance with EC2's message when the AMI is arm64 and the instance type x86_64", async () => {
    const { PutParameterCommand } = await import('@aws-sdk/client-ssm');
    const arm = env.aws.admin.seedImage('us-east-1', { name: 'web-arm', architecture: 'arm64' });
    const put = await env.ssm().send(
      new PutParameterCommand({
        Name: '/golden-ami/web-server',
        Value: arm.imageId,
        Type: 'String',
      }),
    );
    const s = await createApp(put.Version!);
    expect(s.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events =
      (await env.cfn().send(new DescribeStackEventsCommand({ StackName: 'golden-ami-web' })))
        .StackEvents ?? [];
    const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.LogicalResourceId).toBe('WebServer');
    expect(failed?.ResourceStatusReason).toMatch(
      /^The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64' of the specified AMI\. .*\(Service: Ec2, Status Code: 400, Error Code: InvalidParameterValue/,
    );
  });

  it('fails the instance on a missing AMI and rolls back to ROLLBACK_COMPLETE', async () => {
    const { PutParameterCommand } = await import('@aws-sdk/client-ssm');
    await env.ssm().send(
      new PutParameterCommand({
        Name: '/golden-ami/web-server',
        Value: 'ami-0123456789abcdef0',
        Type: 'String',
      }),
    );
    const s = await createApp(1);
    expect(s.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events =
      (await env.cfn().send(new DescribeStackEventsCommand({ StackName: 'golden-ami-web' })))
        .StackEvents ?? [];
    expect(
      events.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS')?.ResourceStatusReason,
    ).toBe('The following resource(s) failed to create: [WebServer]. Rollback requested by user.');
    const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.LogicalResourceId).toBe('WebServer');
    expect(failed?.ResourceStatusReason).toMatch(
      /^The image id '\[ami-0123456789abcdef0\]' does not exist \(Service: Ec2, Status Code: 400, Error Code: InvalidAMIID.NotFound/,
    );
    expect(
      events.filter((e) => e.LogicalResourceId === 'Vpc').map((e) => e.ResourceStatus),
    ).toContain('DELETE_COMPLETE');
    expect(events[0]?.ResourceStatus).toBe('ROLLBACK_COMPLETE');
    const e = await failure(
      env.cfn().send(
        new UpdateStackCommand({
          StackName: 'golden-ami-web',
          UsePreviousTemplate: true,
          Parameters: params(1),
        }),
      ),
    );
    expect(e.message).toMatch(/is in ROLLBACK_COMPLETE state and can not be updated/);
  });

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

  it('rejects unknown resource types, bad parameters and protected deletes with AWS messages', async () => {
    const bad = 'Resources:\n  X:\n    Type: AWS::Foo::Bar\n';
    const e = await failure(
      env.cfn().send(
        new CreateChangeSetCommand({
          StackName: 's1',
          ChangeSetName: 'c1',
          ChangeSetType: 'CREATE',
          TemplateBody: bad,
        }),
      ),
    );
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe('Template format error: Unrecognized resource types: [AWS::Foo::Bar]');
    const p = await failure(
      env.cfn().send(
        new CreateStackCommand({
          StackName: 's2',
          TemplateBody: APP,
          Parameters: [
            { ParameterKey: 'AmiParameterVersion', ParameterValue: 'x' },
            { ParameterKey: 'AllowedCidr', ParameterValue: '1.2.3.4/32' },
          ],
        }),
      ),
    );
    expect(p.message).toBe("Parameter 'AmiParameterVersion' must match pattern ^[1-9][0-9]*$");
    const m = await failure(
      env.cfn().send(new CreateStackCommand({ StackName: 's2', TemplateBody: APP })),
    );
    expect(m.message).toBe('Parameters: [AmiParameterVersion, AllowedCidr] must have values');
    const [, v] = await publishAmi(env);
    await env.cfn().send(
      new CreateStackCommand({
        StackName: 's3',
        TemplateBody: APP,
        Parameters: params(v),
        EnableTerminationProtection: true,
      }),
    );
    await settle(env, 's3');
    const d = await failure(env.cfn().send(new DeleteStackCommand({ StackName: 's3' })));
    expect(d.message).toBe('Stack [s3] cannot be deleted while TerminationProtection is enabled');
    await env.cfn().send(
      new UpdateTerminationProtectionCommand({
        StackName: 's3',
        EnableTerminationProtection: false,
      }),
    );
    await env.cfn().send(new DeleteStackCommand({ StackName: 's3' }));
    expect(
      (await env.cfn().send(new DescribeStacksCommand({ StackName: 's3' }))).Stacks?.[0]
        ?.StackStatus,
    ).toBe('DELETE_IN_PROGRESS');
  });

  it('fails a resource missing a required property, as schema validation does', async () => {
    const t =
      'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      VpcId: vpc-123\n';
    await env.cfn().send(new CreateStackCommand({ StackName: 'req', TemplateBody: t }));
    expect((await settle(env, 'req')).StackStatus).toBe('ROLLBACK_COMPLETE');
    const events =
      (await env.cfn().send(new DescribeStackEventsCommand({ StackName: 'req' }))).StackEvents ??
      [];
    expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toBe(
      'Properties validation failed for resource Sg with message: #: required key [GroupDescription] not found',
    );
  });

  it('pages DescribeStackEvents newest first with NextToken', async () => {
    const body = `Resources:\n${Array.from({ length: 40 }, (_, i) => `  Gw${i}:\n    Type: AWS::EC2::InternetGateway\n`).join('')}`;
    await env.cfn().send(new CreateStackCommand({ StackName: 'many', TemplateBody: body }));
    await settle(env, 'many');
    const first = await env.cfn().send(new DescribeStackEventsCommand({ StackName: 'many' }));
    expect(first.StackEvents).toHaveLength(100);
    expect(first.StackEvents?.[0]?.ResourceStatus).toBe('CREATE_COMPLETE');
    expect(first.StackEvents?.[0]?.LogicalResourceId).toBe('many');
    const second = await env
      .cfn()
      .send(new DescribeStackEventsCommand({ StackName: 'many', NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    const all = [...first.StackEvents!, ...second.StackEvents!];
    expect(all).toHaveLength(40 * 3 + 2);
    expect(all.at(-1)).toMatchObject({
      ResourceStatus: 'CREATE_IN_PROGRESS',
      ResourceStatusReason: 'User Initiated',
    });
    const times = all.map((e) => e.Timestamp!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('executes a CREATE change set from REVIEW_IN_PROGRESS', async () => {
    const [, v] = await publishAmi(env);
    const cs = await env.cfn().send(
      new CreateChangeSetCommand({
        StackName: 'cs-app',
        ChangeSetName: 'first',
        ChangeSetType: 'CREATE',
        TemplateBody: APP,
        Parameters: params(v),
      }),
    );
    expect(
      (await env.cfn().send(new DescribeStacksCommand({ StackName: 'cs-app' }))).Stacks?.[0]
        ?.StackStatus,
    ).toBe('REVIEW_IN_PROGRESS');
    const d = await changeSetResult(env, cs.Id!);
    expect(d.Status).toBe('CREATE_COMPLETE');
    expect(d.Changes?.every((c) => c.ResourceChange?.Action === 'Add')).toBe(true);
    await env.cfn().send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    expect((await settle(env, 'cs-app')).StackStatus).toBe('CREATE_COMPLETE');
    expect(await instanceId('cs-app')).toMatch(/^i-/);
  });
});
