// What the emulator's CloudFormation refuses, in AWS's words: unknown types, bad parameters, protected deletes, invalid properties.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import { failure } from './helpers.js';
import {
  APP,
  appParams,
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

describe('CloudFormation validation', () => {
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
        Parameters: appParams(v),
        EnableTerminationProtection: true,
      }),
    );
    await settle(env, 's3');
    const d = await failure(env.cfn().send(new DeleteStackCommand({ StackName: 's3' })));
    expect(d.message).toBe('Stack [s3] cannot be deleted while TerminationProtection is enabled');
    // Named as the caller gave it: by id, the id.
    const id = (await env.cfn().send(new DescribeStacksCommand({ StackName: 's3' }))).Stacks?.[0]
      ?.StackId;
    const byId = await failure(env.cfn().send(new DeleteStackCommand({ StackName: id })));
    expect(byId.message).toBe(
      `Stack [${id}] cannot be deleted while TerminationProtection is enabled`,
    );
    await env.cfn().send(
      new UpdateTerminationProtectionCommand({
        StackName: 's3',
        EnableTerminationProtection: false,
      }),
    );
    await env.cfn().send(new DeleteStackCommand({ StackName: 's3' }));
    const deleting = (await env.cfn().send(new DescribeStacksCommand({ StackName: 's3' })))
      .Stacks?.[0];
    expect(deleting?.StackStatus).toBe('DELETE_IN_PROGRESS');
    // Not on a stack being deleted, nor on a deleted one (still found by its id).
    const protect = () =>
      failure(
        env.cfn().send(
          new UpdateTerminationProtectionCommand({
            StackName: deleting!.StackId,
            EnableTerminationProtection: true,
          }),
        ),
      );
    expect((await protect()).message).toBe(
      `Stack:${deleting!.StackId} is in DELETE_IN_PROGRESS state and its termination protection can not be updated.`,
    );
    expect((await settle(env, deleting!.StackId!)).StackStatus).toBe('DELETE_COMPLETE');
    expect((await protect()).message).toContain('is in DELETE_COMPLETE state');
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
});
