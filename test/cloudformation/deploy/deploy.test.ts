import { describe, it, expect } from '@jest/globals';
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { VirtualClock } from '../../../actions/lib/core/clock.js';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import { ConfigurationError } from '../../../actions/lib/core/errors.js';
import {
  deployStack,
  StackOperationError,
  type DeployRequest,
} from '../../../actions/lib/cloudformation/deploy/deploy.js';
import { renderChanges } from '../../../actions/lib/cloudformation/deploy/change-set.js';
import { FakeCfn, event } from './fake-cfn.js';

const HISTORY = [
  { version: 3, value: 'ami-3', labels: ['build-1.0.0-1'] },
  { version: 4, value: 'ami-4' },
  { version: 5, value: 'ami-5', labels: ['build-1.1.0-1'] },
];

function request(over: Partial<DeployRequest> = {}): DeployRequest {
  return {
    stackName: 'app',
    region: 'us-east-1',
    templateBody: 'Resources: {}',
    parameters: [{ ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' }],
    ami: { parameterName: '/golden-ami/web', version: '5' },
    capabilities: ['CAPABILITY_IAM'],
    tags: { app: 'web' },
    timeoutMs: 60_000,
    changeSetName: 'igo-1-1-0',
    pollIntervalMs: 1_000,
    ...over,
  };
}

function run(f: FakeCfn, over: Partial<DeployRequest> = {}) {
  const logger = new MemoryLogger();
  return {
    logger,
    result: deployStack(request(over), { cfn: f.cfn, ssm: f.ssm }, new VirtualClock(), logger),
  };
}

const instanceChange = {
  Type: 'Resource' as const,
  ResourceChange: {
    Action: 'Modify' as const,
    LogicalResourceId: 'Instance',
    ResourceType: 'AWS::EC2::Instance',
    Replacement: 'True' as const,
  },
};

describe('deployStack', () => {
  it('creates a stack with a CREATE change set pinned to the AMI version', async () => {
    const f = new FakeCfn(HISTORY);
    f.execute = {
      statuses: ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE'],
      events: [event('Instance', 'CREATE_IN_PROGRESS'), event('Instance', 'CREATE_COMPLETE')],
    };
    f.changeSet.changes = [
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Add',
          LogicalResourceId: 'Instance',
          ResourceType: 'AWS::EC2::Instance',
        },
      },
    ];
    const { result, logger } = run(f, { roleArn: 'arn:aws:iam::123456789012:role/app-exec' });
    const r = await result;
    expect(r).toMatchObject({
      changed: true,
      stackStatus: 'CREATE_COMPLETE',
      amiParameterVersion: 5,
      recreated: false,
    });
    const input = f.cfnMock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(input?.ChangeSetType).toBe('CREATE');
    expect(input?.Parameters).toEqual([
      { ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' },
      { ParameterKey: 'AmiParameterName', ParameterValue: '/golden-ami/web' },
      { ParameterKey: 'AmiParameterVersion', ParameterValue: '5' },
    ]);
    expect(input?.Tags).toEqual([{ Key: 'app', Value: 'web' }]);
    // CloudFormation acts with the execution role, not with the workflow's credentials.
    expect(input?.RoleARN).toBe('arn:aws:iam::123456789012:role/app-exec');
    expect(logger.text()).toMatch(/12:00:\d\d Instance \(AWS::EC2::Instance\) CREATE_COMPLETE/);
  });

  it('updates with changes, shows them, streams only new events', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_COMPLETE', [{ ParameterKey: 'AmiParameterVersion', ParameterValue: '4' }], {
      InstanceId: 'i-1',
    });
    f.events = [event('app', 'UPDATE_COMPLETE', undefined, 'AWS::CloudFormation::Stack')];
    f.changeSet.changes = [instanceChange];
    f.execute = {
      statuses: ['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE'],
      events: [
        event(
          'Instance',
          'UPDATE_IN_PROGRESS',
          'Requested update requires the creation of a new physical resource',
        ),
      ],
    };
    const { result, logger } = run(f);
    const r = await result;
    expect(r.changed).toBe(true);
    expect(r.changes).toEqual([
      { logicalId: 'Instance', type: 'AWS::EC2::Instance', action: 'Modify', replacement: 'True' },
    ]);
    expect(renderChanges(r.changes)).toContain(
      '| Instance | AWS::EC2::Instance | Modify | **True** |',
    );
    expect(r.outputs).toEqual({ InstanceId: 'i-1' });
    expect(f.cfnMock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe(
      'UPDATE',
    );
    expect(logger.text()).not.toContain('app (AWS::CloudFormation::Stack) UPDATE_COMPLETE');
    expect(logger.text()).toContain('new physical resource');
  });

  it('treats "no changes" as success: changed=false, change set deleted, nothing executed', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_COMPLETE', [{ ParameterKey: 'AmiParameterVersion', ParameterValue: '5' }]);
    f.changeSet = {
      status: 'FAILED',
      reason:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    };
    const r = await run(f).result;
    expect(r.changed).toBe(false);
    expect(f.cfnMock.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(f.cfnMock.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  it('reports a change set that failed for another reason', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_COMPLETE');
    f.changeSet = {
      status: 'FAILED',
      reason: 'Template format error: Unresolved resource dependencies [Foo]',
    };
    await expect(run(f).result).rejects.toThrow('FAILED: Template format error');
  });

  it('deletes and re-creates a ROLLBACK_COMPLETE stack, and says so', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('ROLLBACK_COMPLETE');
    f.execute = { statuses: ['CREATE_COMPLETE'], events: [] };
    const { result, logger } = run(f);
    const r = await result;
    expect(r.recreated).toBe(true);
    expect(f.cfnMock.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(f.cfnMock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe(
      'CREATE',
    );
    expect(logger.lines.find((l) => l.level === 'warning')?.message).toContain('ROLLBACK_COMPLETE');
  });

  it('waits for a stack in progress before deploying', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_IN_PROGRESS').next = [
      'UPDATE_IN_PROGRESS',
      'UPDATE_IN_PROGRESS',
      'UPDATE_COMPLETE',
    ];
    f.execute = { statuses: ['UPDATE_COMPLETE'], events: [] };
    const r = await run(f).result;
    expect(r.stackStatus).toBe('UPDATE_COMPLETE');
  });

  it('fails UPDATE_ROLLBACK_FAILED with the ContinueUpdateRollback guidance', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_ROLLBACK_FAILED');
    const err = await run(f).result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toContain(
      'aws cloudformation --region us-east-1 continue-update-rollback --stack-name app',
    );
    expect(f.cfnMock.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it('collects the failed resources and their reasons', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_COMPLETE', [{ ParameterKey: 'AmiParameterVersion', ParameterValue: '4' }]);
    f.changeSet.changes = [instanceChange];
    f.execute = {
      statuses: ['UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE'],
      events: [
        event('Instance', 'UPDATE_FAILED', 'The image id [ami-5] does not exist'),
        event('Volume', 'UPDATE_FAILED', 'Resource update cancelled', 'AWS::EC2::Volume'),
        event(
          'app',
          'UPDATE_ROLLBACK_IN_PROGRESS',
          'The following resource(s) failed to update: [Instance].',
          'AWS::CloudFormation::Stack',
        ),
      ],
    };
    const err = (await run(f).result.catch((e: unknown) => e)) as StackOperationError;
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
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_COMPLETE', [{ ParameterKey: 'AmiParameterVersion', ParameterValue: '5' }]);
    f.execute = { statuses: ['UPDATE_COMPLETE'], events: [] };
    f.changeSet.changes = [instanceChange];
    const r = await run(f, { ami: { parameterName: '/golden-ami/web', version: 'previous' } })
      .result;
    expect(r.amiParameterVersion).toBe(4);
    const r2 = await run(f, { ami: { parameterName: '/golden-ami/web', version: 'build-1.0.0-1' } })
      .result;
    expect(r2.amiParameterVersion).toBe(3);
    expect(
      f.ssmMock.calls().every((c) => c.args[0].constructor.name === 'GetParameterHistoryCommand'),
    ).toBe(true);
  });

  it('times out with a clear message', async () => {
    const f = new FakeCfn(HISTORY);
    f.existing('UPDATE_IN_PROGRESS').next = Array.from({ length: 200 }, () => 'UPDATE_IN_PROGRESS');
    await expect(run(f, { timeoutMs: 10_000 }).result).rejects.toThrow(
      'still UPDATE_IN_PROGRESS at the deadline',
    );
  });
});
