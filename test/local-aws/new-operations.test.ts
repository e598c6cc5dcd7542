/**
 * Operations a CLI user needs (issue 17): CloudFormation GetTemplateSummary, ListStacks,
 * ListExports; SSM DescribeParameters and LabelParameterVersion's length check; EC2
 * DescribeInstances over the instances stacks create. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateStackCommand,
  DeleteStackCommand,
  GetTemplateSummaryCommand,
  ListExportsCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeParametersCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { failure } from './helpers.js';
import { settle, stackFile, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
});
afterEach(() => env.aws.close());

const INSTANCE = (ami: string) => `
Description: one instance
Parameters:
  Size:
    Type: String
    Default: t3.micro
    AllowedValues: [t3.micro, t3.small]
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ${ami}
      InstanceType: !Ref Size
      Tags:
        - Key: Name
          Value: web
Outputs:
  Id:
    Value: !Ref Web
    Export:
      Name: web-instance-id
`;

describe('CloudFormation GetTemplateSummary, ListStacks, ListExports', () => {
  it('summarises a template body and a stack, with the capability it needs', async () => {
    const cfn = env.cfn();
    const body = stackFile('image-builder.yml');
    const sum = await cfn.send(new GetTemplateSummaryCommand({ TemplateBody: body }));
    expect(sum.Capabilities).toEqual(['CAPABILITY_IAM']);
    expect(sum.CapabilitiesReason).toContain('AWS::IAM::Role');
    expect(sum.ResourceTypes).toContain('AWS::ImageBuilder::DistributionConfiguration');
    expect(sum.Parameters?.find((p) => p.ParameterKey === 'DrRegion')).toMatchObject({
      ParameterType: 'String',
    });
    const ami = env.aws.admin.seedImage('us-east-1', { name: 'base' }).imageId;
    await cfn.send(new CreateStackCommand({ StackName: 'web', TemplateBody: INSTANCE(ami) }));
    await settle(env, 'web');
    const byStack = await cfn.send(new GetTemplateSummaryCommand({ StackName: 'web' }));
    expect(byStack.Parameters).toEqual([
      expect.objectContaining({
        ParameterKey: 'Size',
        DefaultValue: 't3.micro',
        ParameterConstraints: { AllowedValues: ['t3.micro', 't3.small'] },
      }),
    ]);
    expect(byStack.Capabilities).toBeUndefined();
    expect(
      (await failure(cfn.send(new GetTemplateSummaryCommand({ StackName: 'nope' })))).name,
    ).toBe('ValidationError');
  });

  it('lists stacks (deleted ones too, unless filtered) and exports of live stacks', async () => {
    const cfn = env.cfn();
    const ami = env.aws.admin.seedImage('us-east-1', { name: 'base' }).imageId;
    await cfn.send(new CreateStackCommand({ StackName: 'web', TemplateBody: INSTANCE(ami) }));
    const web = await settle(env, 'web');
    const exports = await cfn.send(new ListExportsCommand({}));
    expect(exports.Exports).toEqual([
      {
        ExportingStackId: web.StackId,
        Name: 'web-instance-id',
        Value: web.Outputs?.[0]?.OutputValue,
      },
    ]);
    await cfn.send(new DeleteStackCommand({ StackName: 'web' }));
    await settle(env, web.StackId!);
    const all = await cfn.send(new ListStacksCommand({}));
    expect(all.StackSummaries?.map((s) => [s.StackName, s.StackStatus])).toEqual([
      ['web', 'DELETE_COMPLETE'],
    ]);
    const live = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE'] }));
    expect(live.StackSummaries).toEqual([]);
    expect((await cfn.send(new ListExportsCommand({}))).Exports).toEqual([]);
  });
});

describe('EC2 DescribeInstances', () => {
  it('shows the instances stacks created, by id and by filter, and refuses unknown ids', async () => {
    const ami = env.aws.admin.seedImage('us-east-1', { name: 'base' }).imageId;
    await env.cfn().send(new CreateStackCommand({ StackName: 'web', TemplateBody: INSTANCE(ami) }));
    const web = await settle(env, 'web');
    const id = web.Outputs?.[0]?.OutputValue ?? '';
    const ec2 = env.ec2();
    const r = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const inst = r.Reservations?.[0]?.Instances?.[0];
    expect(inst).toMatchObject({
      InstanceId: id,
      ImageId: ami,
      InstanceType: 't3.micro',
      State: { Code: 16, Name: 'running' },
    });
    expect(inst?.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Name', Value: 'web' },
        { Key: 'aws:cloudformation:logical-id', Value: 'Web' },
      ]),
    );
    const filtered = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web'] }] }),
    );
    expect(filtered.Reservations).toHaveLength(1);
    expect(
      (
        await ec2.send(
          new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['x'] }] }),
        )
      ).Reservations ?? [],
    ).toEqual([]);
    expect(
      (
        await failure(
          ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
        )
      ).name,
    ).toBe('InvalidInstanceID.NotFound');
    // Instances are regional.
    const west = await env.ec2('us-west-2').send(new DescribeInstancesCommand({}));
    expect(west.Reservations ?? []).toEqual([]);
  });
});

describe('SSM DescribeParameters and label length', () => {
  it('describes parameters by path, name prefix and type, paged, without values', async () => {
    const ssm = env.ssm();
    for (const n of ['/app/a', '/app/b', '/app/deep/c', '/other/d'])
      await ssm.send(new PutParameterCommand({ Name: n, Value: 'v', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/a', Value: 'v2', Overwrite: true }));
    const one = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: ['/app'] }],
      }),
    );
    expect(one.Parameters?.map((p) => [p.Name, p.Version])).toEqual([
      ['/app/a', 2],
      ['/app/b', 1],
    ]);
    expect(one.Parameters?.[0]).not.toHaveProperty('Value');
    const deep = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/app'] }],
        MaxResults: 2,
      }),
    );
    expect(deep.Parameters).toHaveLength(2);
    const rest = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/app'] }],
        MaxResults: 2,
        NextToken: deep.NextToken,
      }),
    );
    expect(rest.Parameters?.map((p) => p.Name)).toEqual(['/app/deep/c']);
    const prefix = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/other'] }],
      }),
    );
    expect(prefix.Parameters?.map((p) => p.Name)).toEqual(['/other/d']);
    expect(
      (
        await failure(
          ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Colour' }] })),
        )
      ).name,
    ).toBe('InvalidFilterKey');
  });

  it('refuses the whole LabelParameterVersion call for a label over 100 characters', async () => {
    const ssm = env.ssm();
    await ssm.send(new PutParameterCommand({ Name: '/app/a', Value: 'v', Type: 'String' }));
    const e = await failure(
      ssm.send(
        new LabelParameterVersionCommand({ Name: '/app/a', Labels: ['ok', 'x'.repeat(101)] }),
      ),
    );
    expect(e.name).toBe('ValidationException');
    expect(e.message).toContain('less than or equal to 100');
  });
});
