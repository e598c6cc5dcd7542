// The app stack's life in the emulator's CloudFormation: create on a pinned AMI, failures and rollback, events, change sets.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { failure } from './helpers.js';
import {
  APP,
  appParams,
  changeSetResult,
  publishAmi,
  settle,
  startCfnEnv,
  type CfnEnv,
} from './cloudformation-helpers.js';

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
});
afterEach(() => env.aws.close());

async function createApp(version: number, name = 'golden-ami-web') {
  await env.cfn().send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: APP,
      Parameters: appParams(version),
    }),
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
          Parameters: appParams(1),
        }),
      ),
    );
    expect(e.message).toMatch(/is in ROLLBACK_COMPLETE state and can not be updated/);
  });
});

describe('CloudFormation stack events and change sets', () => {
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
        Parameters: appParams(v),
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
