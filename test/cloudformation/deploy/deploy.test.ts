/**
 * deployStack against the emulator's CloudFormation in-process (issue 12): its stack operations
 * advance with the test's clock as the library polls, resources fail as the emulator's scripted
 * failures say, and the AMI comes from its SSM parameter's history.
 */
import { describe, it, expect } from '@jest/globals';
import { CreateStackCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { ConfigurationError } from '../../../actions/lib/core/errors.js';
import { StackOperationError } from '../../../actions/lib/cloudformation/deploy/deploy.js';
import { renderChanges } from '../../../actions/lib/cloudformation/deploy/change-set.js';
import { PARAM, TEMPLATE, world } from './deploy-world.js';

/** CloudFormation may assume it; it may do anything (the emulator checks what a stack's role may do). */
const ROLE_TEMPLATE = `
Resources:
  Exec:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-exec
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: cloudformation.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: all
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: '*', Resource: '*' }]
`;

describe('deployStack', () => {
  it('creates a stack with a CREATE change set pinned to the AMI version, acting as its role', async () => {
    const w = await world();
    await w.cfn.send(
      new CreateStackCommand({
        StackName: 'roles',
        TemplateBody: ROLE_TEMPLATE,
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    await w.settle('roles');
    const roleArn = `arn:aws:iam::${w.aws.emulator.accountId}:role/app-exec`;
    const { result, logger } = w.run({ roleArn });
    const r = await result;
    expect(r).toMatchObject({
      changed: true,
      stackStatus: 'CREATE_COMPLETE',
      amiParameterVersion: 5,
      recreated: false,
    });
    expect(r.changes.map((c) => [c.logicalId, c.action])).toEqual([
      ['Group', 'Add'],
      ['Instance', 'Add'],
    ]);
    const s = await w.stack();
    expect(s.Parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' },
        { ParameterKey: 'AmiParameterName', ParameterValue: PARAM },
        { ParameterKey: 'AmiParameterVersion', ParameterValue: '5' },
      ]),
    );
    expect(s.Tags).toEqual([{ Key: 'app', Value: 'web' }]);
    // CloudFormation acts with the execution role, not with the workflow's credentials.
    expect(s.RoleARN).toBe(roleArn);
    expect(r.outputs['InstanceId']).toMatch(/^i-/);
    expect(logger.text()).toMatch(/\d\d:\d\d:\d\d Instance \(AWS::EC2::Instance\) CREATE_COMPLETE/);
  });

  it('updates with changes, shows them, streams only new events', async () => {
    const w = await world();
    await w.createDirectly(4);
    const before = await w.settle();
    const { result, logger } = w.run();
    const r = await result;
    expect(r.changed).toBe(true);
    expect(r.changes).toEqual([
      { logicalId: 'Instance', type: 'AWS::EC2::Instance', action: 'Modify', replacement: 'True' },
    ]);
    expect(renderChanges(r.changes)).toContain(
      '| Instance | AWS::EC2::Instance | Modify | **True** |',
    );
    // Done once the new instance is live: the old one is still being cleaned up.
    expect(r.stackStatus).toBe('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    expect(r.outputs['InstanceId']).toMatch(/^i-/);
    expect(r.outputs['InstanceId']).not.toBe(before.Outputs![0]!.OutputValue);
    expect(logger.text()).not.toContain('app (AWS::CloudFormation::Stack) CREATE_COMPLETE');
    expect(logger.text()).toContain('Instance (AWS::EC2::Instance) UPDATE_IN_PROGRESS');
    expect(logger.text()).toContain(
      'app (AWS::CloudFormation::Stack) UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    );
  });

  it('gives no outputs for a stack whose template declares none', async () => {
    const w = await world();
    const noOutputs = TEMPLATE.slice(0, TEMPLATE.indexOf('Outputs:'));
    const r = await w.run({ templateBody: noOutputs }).result;
    expect(r.stackStatus).toBe('CREATE_COMPLETE');
    expect(r.outputs).toEqual({});
  });

  it('treats "no changes" as success: changed=false, change set deleted, nothing executed', async () => {
    const w = await world();
    await w.createDirectly(5);
    await w.settle();
    const r = await w.run().result;
    expect(r.changed).toBe(false);
    expect(r.stackStatus).toBe('CREATE_COMPLETE');
    expect(w.calls('DeleteChangeSet')).toBe(1);
    expect(w.calls('ExecuteChangeSet')).toBe(0);
  });

  it('reports a change set that failed for another reason', async () => {
    const w = await world();
    await w.createDirectly(5);
    await w.settle();
    // A dynamic reference CloudFormation cannot resolve fails the change set, not the call.
    const broken = TEMPLATE.replace(
      "!Join [' ', !Ref Subnets]",
      "'{{resolve:ssm:/missing/param}}'",
    );
    await expect(w.run({ templateBody: broken }).result).rejects.toThrow(
      /change set igo-\w+ of stack app in us-east-1: FAILED: Unable to fetch parameters \[\/missing\/param\]/,
    );
  });

  it('deletes and re-creates a ROLLBACK_COMPLETE stack, and says so', async () => {
    const w = await world();
    w.fail('Instance', 'The instance type t3.micro is not supported in this zone');
    await w.createDirectly(5);
    expect((await w.settle()).StackStatus).toBe('ROLLBACK_COMPLETE');
    const { result, logger } = w.run();
    const r = await result;
    expect(r).toMatchObject({ recreated: true, stackStatus: 'CREATE_COMPLETE', changed: true });
    expect(w.calls('DeleteStack')).toBe(1);
    expect(logger.lines.find((l) => l.level === 'warning')?.message).toContain('ROLLBACK_COMPLETE');
  });

  it('waits for a stack in progress before deploying', async () => {
    const w = await world();
    await w.createDirectly(4);
    await w.settle();
    await w.cfn.send(
      new UpdateStackCommand({
        StackName: 'app',
        TemplateBody: TEMPLATE,
        Parameters: [
          { ParameterKey: 'AmiParameterName', UsePreviousValue: true },
          { ParameterKey: 'AmiParameterVersion', ParameterValue: '3' },
          { ParameterKey: 'Subnets', UsePreviousValue: true },
        ],
      }),
    );
    const { result, logger } = w.run();
    const r = await result;
    expect(r).toMatchObject({
      stackStatus: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      changed: true,
      amiParameterVersion: 5,
    });
    expect(logger.text()).toContain('UPDATE_IN_PROGRESS');
  });

  it('fails UPDATE_ROLLBACK_FAILED with the ContinueUpdateRollback guidance', async () => {
    const w = await world();
    await w.createDirectly(4);
    await w.settle();
    w.fail('Instance', 'Insufficient capacity');
    w.fail('Instance:rollback', 'The old instance cannot be restored');
    await w.run().result.catch(() => undefined);
    expect((await w.stack()).StackStatus).toBe('UPDATE_ROLLBACK_FAILED');
    const changeSets = w.calls('CreateChangeSet');
    const err = await w.run().result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toContain(
      'aws cloudformation --region us-east-1 continue-update-rollback --stack-name app',
    );
    expect(w.calls('CreateChangeSet')).toBe(changeSets);
  });

  it('collects the failed resources and their reasons', async () => {
    const w = await world();
    await w.createDirectly(4);
    await w.settle();
    w.fail('Instance', 'The image id [ami-5] does not exist');
    const err = (await w.run().result.catch((e: unknown) => e)) as StackOperationError;
    expect(err).toBeInstanceOf(StackOperationError);
    expect(err.message).toContain('ended UPDATE_ROLLBACK_COMPLETE');
    expect(err.message).toContain('the previous version keeps running');
    expect(err.failures).toEqual([
      {
        logicalId: 'Instance',
        type: 'AWS::EC2::Instance',
        status: 'UPDATE_FAILED',
        reason: 'The image id [ami-5] does not exist',
      },
    ]);
  });

  it('rolls back to previous: the highest version below the deployed one, no SSM write', async () => {
    const w = await world();
    await w.createDirectly(5);
    await w.settle();
    const writes = () => w.aws.emulator.admin.calls()['ssm.PutParameter'];
    const before = writes();
    const r = await w.run({ ami: { parameterName: PARAM, version: 'previous' } }).result;
    expect(r.amiParameterVersion).toBe(4);
    const r2 = await w.run({ ami: { parameterName: PARAM, version: 'build-1.0.0-1' } }).result;
    expect(r2.amiParameterVersion).toBe(3);
    expect(writes()).toBe(before);
    expect(w.aws.emulator.admin.calls()['ssm.LabelParameterVersion']).toBe(2);
  });

  it('times out with a clear message', async () => {
    const w = await world();
    await w.createDirectly(4);
    // The instance takes 30 s to create; the deploy gives up after 10.
    await expect(w.run({ timeoutMs: 10_000 }).result).rejects.toThrow(
      'still CREATE_IN_PROGRESS at the deadline',
    );
  });
});
