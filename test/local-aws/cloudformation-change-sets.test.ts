import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeStackEventsCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { stackResourceFailure } from '../../scripts/local-aws/services/cloudformation/index.js';
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
const STACK = 'golden-ami-web';
const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set.";
const params = (version: number | string): Parameter[] => [
  { ParameterKey: 'AmiParameterVersion', ParameterValue: String(version) },
  { ParameterKey: 'AllowedCidr', ParameterValue: '10.0.0.0/8' },
];

async function instanceId(stack = STACK) {
  const res = await env.cfn().send(new ListStackResourcesCommand({ StackName: stack }));
  return res.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'WebServer')
    ?.PhysicalResourceId;
}

async function changeSet(name: string, body: string, parameters: Parameter[]) {
  const cs = await env.cfn().send(
    new CreateChangeSetCommand({
      StackName: STACK,
      ChangeSetName: name,
      ChangeSetType: 'UPDATE',
      TemplateBody: body,
      Parameters: parameters,
    }),
  );
  return changeSetResult(env, cs.Id!);
}

describe('CloudFormation change sets', () => {
  it('replaces the instance for a new AMI parameter version and fails "no changes" for the same one', async () => {
    const [, v1] = await publishAmi(env);
    await env
      .cfn()
      .send(
        new CreateStackCommand({ StackName: STACK, TemplateBody: APP, Parameters: params(v1) }),
      );
    await settle(env, STACK);
    const before = await instanceId();
    const [, v2] = await publishAmi(env);
    const d = await changeSet('release-2', APP, params(v2));
    expect(d.Status).toBe('CREATE_COMPLETE');
    const web = d.Changes?.find(
      (c) => c.ResourceChange?.LogicalResourceId === 'WebServer',
    )?.ResourceChange;
    expect(web).toMatchObject({
      Action: 'Modify',
      Replacement: 'True',
      ResourceType: 'AWS::EC2::Instance',
      PhysicalResourceId: before,
    });
    expect(web?.Details?.map((x) => x.Target?.Name)).toEqual(
      expect.arrayContaining(['ImageId', 'Tags']),
    );
    expect(d.Changes).toHaveLength(1);
    await env.cfn().send(new ExecuteChangeSetCommand({ ChangeSetName: d.ChangeSetId }));
    const s = await settle(env, STACK);
    expect(s.StackStatus).toBe('UPDATE_COMPLETE');
    const after = await instanceId();
    expect(after).toMatch(/^i-/);
    expect(after).not.toBe(before);
    expect(s.Outputs?.find((o) => o.OutputKey === 'InstanceId')?.OutputValue).toBe(after);
    const events =
      (await env.cfn().send(new DescribeStackEventsCommand({ StackName: STACK }))).StackEvents ??
      [];
    expect(
      events.find((e) => e.PhysicalResourceId === before && e.ResourceStatus === 'DELETE_COMPLETE'),
    ).toBeDefined();
    expect(events.map((e) => e.ResourceStatus)).toContain('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');

    const same = await changeSet('release-2-again', APP, params(v2));
    expect(same).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason: NO_CHANGES,
    });
    const u = await failure(
      env
        .cfn()
        .send(
          new UpdateStackCommand({ StackName: STACK, TemplateBody: APP, Parameters: params(v2) }),
        ),
    );
    expect(u.message).toBe('No updates are to be performed.');
  });

  it('does not re-resolve an unversioned reference of an unchanged template (cloudformation-coverage-roadmap#844)', async () => {
    const body = APP.replace(
      "!Sub '{{resolve:ssm:${AmiParameterName}:${AmiParameterVersion}}}'",
      "!Sub '{{resolve:ssm:${AmiParameterName}}}'",
    );
    expect(body).not.toBe(APP);
    const [, v1] = await publishAmi(env);
    await env
      .cfn()
      .send(
        new CreateStackCommand({ StackName: STACK, TemplateBody: body, Parameters: params(v1) }),
      );
    expect((await settle(env, STACK)).StackStatus).toBe('CREATE_COMPLETE');
    await publishAmi(env); // the parameter now names another AMI
    const d = await changeSet('same', body, params(v1));
    expect(d).toMatchObject({ Status: 'FAILED', StatusReason: NO_CHANGES });
  });

  it('fails the change set naming a missing parameter version', async () => {
    const [, v1] = await publishAmi(env);
    await env
      .cfn()
      .send(
        new CreateStackCommand({ StackName: STACK, TemplateBody: APP, Parameters: params(v1) }),
      );
    await settle(env, STACK);
    const d = await changeSet('missing', APP, params(99));
    expect(d.Status).toBe('FAILED');
    expect(d.StatusReason).toContain('/golden-ami/web-server:99');
  });

  it('rolls a failed update back to UPDATE_ROLLBACK_COMPLETE keeping the old instance, or to UPDATE_ROLLBACK_FAILED', async () => {
    const [, v1] = await publishAmi(env);
    await env
      .cfn()
      .send(
        new CreateStackCommand({ StackName: STACK, TemplateBody: APP, Parameters: params(v1) }),
      );
    await settle(env, STACK);
    const before = await instanceId();
    const [, v2] = await publishAmi(env);
    env.aws.admin.failBuild(
      stackResourceFailure(STACK, 'WebServer', 'Injected: capacity not available'),
    );
    await env
      .cfn()
      .send(
        new UpdateStackCommand({ StackName: STACK, TemplateBody: APP, Parameters: params(v2) }),
      );
    const s = await settle(env, STACK);
    expect(s.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await instanceId()).toBe(before);
    expect(
      s.Parameters?.find((p) => p.ParameterKey === 'AmiParameterVersion')?.ParameterValue,
    ).toBe(String(v1));
    const events =
      (await env.cfn().send(new DescribeStackEventsCommand({ StackName: STACK }))).StackEvents ??
      [];
    expect(events.find((e) => e.ResourceStatus === 'UPDATE_FAILED')).toMatchObject({
      LogicalResourceId: 'WebServer',
      ResourceStatusReason: 'Injected: capacity not available',
    });

    // A second failing update whose rollback also fails ends UPDATE_ROLLBACK_FAILED.
    await env.ssm().send(
      new PutParameterCommand({
        Name: '/golden-ami/web-server',
        Value: 'ami-00000000000000000',
        Overwrite: true,
      }),
    );
    env.aws.admin.failBuild(
      stackResourceFailure(STACK, 'WebServer:rollback', 'Injected: rollback blocked'),
    );
    await env.cfn().send(
      new UpdateStackCommand({
        StackName: STACK,
        UsePreviousTemplate: true,
        Parameters: params(v2 + 1),
      }),
    );
    const f = await settle(env, STACK);
    expect(f.StackStatus).toBe('UPDATE_ROLLBACK_FAILED');
  });
});
