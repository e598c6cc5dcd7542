/**
 * The rules of deploy-stack's steps, each against a scripted CloudFormation: what a change set
 * request carries and how its end is read, how a stack is found, settled, deleted and recreated,
 * what an execution's failure says about what runs now, and how the AMI version is pinned.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { GetParameterHistoryCommand, SSMClient } from '@aws-sdk/client-ssm';
import { VirtualClock } from '../../../actions/lib/core/clock.js';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import { AwsOperationError, ConfigurationError } from '../../../actions/lib/core/errors.js';
import {
  changeRows,
  createChangeSet,
  deleteChangeSet,
  type ChangeSetRequest,
} from '../../../actions/lib/cloudformation/deploy/change-set.js';
import { describeStack, settleStack } from '../../../actions/lib/cloudformation/deploy/settle.js';
import {
  StackOperationError,
  executeAndStream,
} from '../../../actions/lib/cloudformation/deploy/execute.js';
import {
  resolveAmiParameters,
  type DeployRequest,
} from '../../../actions/lib/cloudformation/deploy/deploy.js';

const cfnMock = mockClient(CloudFormationClient);
const ssmMock = mockClient(SSMClient);
const cfn = new CloudFormationClient({ region: 'us-east-1' });
const ssm = new SSMClient({ region: 'us-east-1' });
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/1';
const CS_ID = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/igo-1-1-0/1';
const WHERE = `change set igo-1-1-0 of stack app in us-east-1`;

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

function waitFor(ms = 60_000) {
  const clock = new VirtualClock();
  return { clock, deadline: clock.now() + ms, intervalMs: 1_000 };
}

/** DescribeStacks answers these statuses in turn (the last one repeats). */
function stackStatuses(...statuses: string[]): void {
  const queue = [...statuses];
  cfnMock.on(DescribeStacksCommand).callsFake(async () => {
    const s = queue.length > 1 ? queue.shift() : queue[0];
    return { Stacks: [{ StackId: STACK_ID, StackName: 'app', StackStatus: s } as Stack] };
  });
}

beforeEach(() => {
  cfnMock.reset();
  ssmMock.reset();
});

describe('a change set', () => {
  const req: ChangeSetRequest = {
    stack: 'app',
    region: 'us-east-1',
    name: 'igo-1-1-0',
    type: 'UPDATE',
    templateBody: 'Resources: {}',
    parameters: [{ ParameterKey: 'AmiParameterVersion', ParameterValue: '5' }],
    capabilities: ['CAPABILITY_NAMED_IAM'],
    tags: { app: 'web', team: 'platform' },
  };

  it('carries the template, parameters, capabilities and tags, and reads every page of changes', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    const change = (id: string) => ({
      Type: 'Resource' as const,
      ResourceChange: {
        LogicalResourceId: id,
        ResourceType: 'AWS::SNS::Topic',
        Action: 'Add' as const,
      },
    });
    cfnMock
      .on(DescribeChangeSetCommand)
      .resolvesOnce({ Status: 'CREATE_PENDING' })
      .resolvesOnce({ Status: 'CREATE_COMPLETE', Changes: [change('A')], NextToken: 't1' })
      .resolvesOnce({ Changes: [change('B')], NextToken: 't2' })
      .resolvesOnce({ Changes: [change('C')] });
    const out = await createChangeSet(cfn, req, waitFor());
    expect(out).toEqual({
      kind: 'changes',
      id: CS_ID,
      stackId: STACK_ID,
      rows: ['A', 'B', 'C'].map((logicalId) => ({
        logicalId,
        type: 'AWS::SNS::Topic',
        action: 'Add',
        replacement: '',
      })),
    });
    expect(cfnMock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input).toEqual({
      StackName: 'app',
      ChangeSetName: 'igo-1-1-0',
      ChangeSetType: 'UPDATE',
      TemplateBody: 'Resources: {}',
      Parameters: req.parameters,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      RoleARN: undefined,
      Tags: [
        { Key: 'app', Value: 'web' },
        { Key: 'team', Value: 'platform' },
      ],
      Description: 'imagebuilder-gitops deploy-stack',
    });
    // Read by id on the stack's id; later pages by their token.
    expect(cfnMock.commandCalls(DescribeChangeSetCommand).map((c) => c.args[0].input)).toEqual([
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: undefined },
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: undefined },
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: 't1' },
      { ChangeSetName: CS_ID, StackName: STACK_ID, NextToken: 't2' },
    ]);
  });

  it('without a stack id in the answer, is read on the stack name', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID });
    cfnMock.on(DescribeChangeSetCommand).resolves({ Status: 'CREATE_COMPLETE' });
    const out = await createChangeSet(cfn, req, waitFor());
    expect(out).toMatchObject({ kind: 'changes', stackId: 'app', rows: [] });
  });

  it('"No updates are to be performed" is no change, with the reason kept', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    cfnMock
      .on(DescribeChangeSetCommand)
      .resolves({ Status: 'FAILED', StatusReason: 'No updates are to be performed.' });
    await expect(createChangeSet(cfn, req, waitFor())).resolves.toEqual({
      kind: 'none',
      id: CS_ID,
      stackId: STACK_ID,
      reason: 'No updates are to be performed.',
    });
  });

  it('ends on a deleted change set too, saying so, and when no reason is given', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    for (const Status of ['DELETE_COMPLETE', 'DELETE_FAILED', 'FAILED'] as const) {
      cfnMock.on(DescribeChangeSetCommand).resolves({ Status });
      await expect(createChangeSet(cfn, req, waitFor())).rejects.toThrow(
        new AwsOperationError('CreateChangeSet', WHERE, new Error(`${Status}: no reason given`)),
      );
    }
  });

  it('a parameter the template does not declare is refused with what the template must declare', async () => {
    cfnMock
      .on(CreateChangeSetCommand)
      .rejects(
        awsError('ValidationError', 'Parameters: [AmiParameterName] do not exist in the template'),
      );
    const e = (await createChangeSet(cfn, req, waitFor()).catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(AwsOperationError);
    expect(e.message).toBe(
      `CreateChangeSet failed for ${WHERE}: ValidationError: Parameters: [AmiParameterName] do not exist in the template. ` +
        'The template must declare every parameter passed, including AmiParameterName and AmiParameterVersion',
    );
    cfnMock
      .on(CreateChangeSetCommand)
      .rejects(awsError('ValidationError', 'Template format error'));
    await expect(createChangeSet(cfn, req, waitFor())).rejects.toThrow(
      new AwsOperationError(
        'CreateChangeSet',
        WHERE,
        awsError('ValidationError', 'Template format error'),
      ),
    );
  });

  it('a failed read or delete names the operation and the change set', async () => {
    cfnMock.on(CreateChangeSetCommand).resolves({ Id: CS_ID, StackId: STACK_ID });
    cfnMock.on(DescribeChangeSetCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    await expect(createChangeSet(cfn, req, waitFor())).rejects.toThrow(
      `DescribeChangeSet failed for ${WHERE}: Throttling: Rate exceeded`,
    );
    cfnMock.on(DeleteChangeSetCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    await expect(deleteChangeSet(cfn, CS_ID, STACK_ID, 'stack app')).rejects.toThrow(
      'DeleteChangeSet failed for stack app: Throttling: Rate exceeded',
    );
    cfnMock.on(DeleteChangeSetCommand).resolves({});
    await deleteChangeSet(cfn, CS_ID, STACK_ID, 'stack app');
    expect(cfnMock.commandCalls(DeleteChangeSetCommand).at(-1)?.args[0].input).toEqual({
      ChangeSetName: CS_ID,
      StackName: STACK_ID,
    });
  });

  it('lists only resource changes, with placeholders for what CloudFormation left out', () => {
    expect(changeRows([{ Type: 'Resource' }, { Type: 'Resource', ResourceChange: {} }])).toEqual([
      { logicalId: '?', type: '?', action: '?', replacement: '' },
    ]);
  });
});

describe('finding and settling the stack', () => {
  it('a missing stack is none, whichever way CloudFormation says so; any other error names the stack', async () => {
    cfnMock
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', 'Stack with id app does not exist'));
    await expect(describeStack(cfn, 'app', 'us-east-1')).resolves.toBeUndefined();
    cfnMock.on(DescribeStacksCommand).rejects(awsError('StackNotFoundException', 'gone'));
    await expect(describeStack(cfn, 'app', 'us-east-1')).resolves.toBeUndefined();
    cfnMock.on(DescribeStacksCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    await expect(describeStack(cfn, 'app', 'us-east-1')).rejects.toThrow(
      'DescribeStacks failed for stack app in us-east-1: Throttling: Rate exceeded',
    );
  });

  it('waits for an operation in progress on the stack id, and says what it waits for', async () => {
    stackStatuses('UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE');
    const logger = new MemoryLogger();
    const s = await settleStack(cfn, { stackName: 'app', region: 'us-east-1' }, waitFor(), logger);
    expect(s).toMatchObject({
      kind: 'update',
      recreated: false,
      stack: { StackStatus: 'UPDATE_COMPLETE' },
    });
    expect(logger.text()).toContain(
      'stack app in us-east-1 is UPDATE_IN_PROGRESS; waiting for it to settle',
    );
    expect(
      cfnMock
        .commandCalls(DescribeStacksCommand)
        .slice(1)
        .map((c) => c.args[0].input.StackName),
    ).toEqual([STACK_ID, STACK_ID]);
  });

  it('a stack whose rollback failed at creation is deleted by id and created again', async () => {
    stackStatuses('ROLLBACK_FAILED', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE');
    cfnMock.on(DeleteStackCommand).resolves({});
    const logger = new MemoryLogger();
    const s = await settleStack(cfn, { stackName: 'app', region: 'us-east-1' }, waitFor(), logger);
    expect(s).toEqual({ kind: 'create', recreated: true });
    expect(cfnMock.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({
      StackName: STACK_ID,
    });
    expect(logger.lines.find((l) => l.level === 'warning')?.message).toMatch(
      /^app is ROLLBACK_FAILED .*: deleting it and creating it again\.$/,
    );
  });

  it('a deletion refused under termination protection says how to turn it off; without it, no such advice', async () => {
    cfnMock.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: STACK_ID,
          StackName: 'app',
          StackStatus: 'ROLLBACK_COMPLETE',
          EnableTerminationProtection: true,
        } as Stack,
      ],
    });
    cfnMock.on(DeleteStackCommand).rejects(awsError('ValidationError', 'Stack cannot be deleted'));
    const req = { stackName: 'app', region: 'us-east-1' };
    await expect(settleStack(cfn, req, waitFor(), new MemoryLogger())).rejects.toThrow(
      'DeleteStack failed for stack app in us-east-1: ValidationError: Stack cannot be deleted. ' +
        'Termination protection is on: turn it off (`aws cloudformation update-termination-protection --region us-east-1 --no-enable-termination-protection --stack-name app`) and re-run',
    );
    stackStatuses('ROLLBACK_COMPLETE');
    const e = (await settleStack(cfn, req, waitFor(), new MemoryLogger()).catch(
      (x: unknown) => x,
    )) as Error;
    expect(e.message).toBe(
      'DeleteStack failed for stack app in us-east-1: ValidationError: Stack cannot be deleted',
    );
  });

  it('a deletion that fails tells what blocks it and how to finish it', async () => {
    stackStatuses('ROLLBACK_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_FAILED');
    cfnMock.on(DeleteStackCommand).resolves({});
    const e = (await settleStack(
      cfn,
      { stackName: 'app', region: 'us-east-1' },
      waitFor(),
      new MemoryLogger(),
    ).catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e.message).toMatch(
      /^Stack app is DELETE_FAILED\. .*aws cloudformation --region us-east-1 delete-stack --stack-name app/,
    );
  });
});

describe('executing the change set', () => {
  const cs = { id: CS_ID, stackId: STACK_ID };
  const req = { stackName: 'app', region: 'us-east-1' };

  beforeEach(() => {
    cfnMock.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
    cfnMock.on(ExecuteChangeSetCommand).resolves({});
  });

  it('executes the change set by id on the stack id', async () => {
    stackStatuses('UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE');
    await executeAndStream(cfn, cs, req, waitFor(), new MemoryLogger());
    expect(cfnMock.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toEqual({
      ChangeSetName: CS_ID,
      StackName: STACK_ID,
    });
  });

  it('is done once new resources are live, without waiting for the old ones to be cleaned up', async () => {
    stackStatuses('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_IN_PROGRESS');
    await expect(
      executeAndStream(cfn, cs, req, waitFor(), new MemoryLogger()),
    ).resolves.toBeUndefined();
    expect(cfnMock.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });

  it('a refused execution names the stack; a stack gone meanwhile ended DELETED', async () => {
    cfnMock
      .on(ExecuteChangeSetCommand)
      .rejects(awsError('InvalidChangeSetStatus', 'not executable'));
    await expect(executeAndStream(cfn, cs, req, waitFor(), new MemoryLogger())).rejects.toThrow(
      'ExecuteChangeSet failed for stack app in us-east-1: InvalidChangeSetStatus: not executable',
    );
    cfnMock.on(ExecuteChangeSetCommand).resolves({});
    cfnMock
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', `Stack with id ${STACK_ID} does not exist`));
    await expect(executeAndStream(cfn, cs, req, waitFor(), new MemoryLogger())).rejects.toThrow(
      'Deploying stack app in us-east-1 failed: it ended DELETED. No resource reported a reason',
    );
  });

  it('says what a failed operation leaves running, for each end status', () => {
    const msg = (status: string) => new StackOperationError('app', 'us-east-1', status, []).message;
    expect(msg('ROLLBACK_COMPLETE')).toBe(
      'Deploying stack app in us-east-1 failed: it ended ROLLBACK_COMPLETE. ' +
        'The stack was never created; the next deploy deletes it and creates it again. ' +
        'No resource reported a reason; see the stack events in the console.',
    );
    expect(msg('UPDATE_ROLLBACK_FAILED')).toContain(
      'The rollback failed too: continue it (aws cloudformation continue-update-rollback) before deploying again.',
    );
    expect(msg('UPDATE_FAILED')).toBe(
      'Deploying stack app in us-east-1 failed: it ended UPDATE_FAILED. No resource reported a reason; see the stack events in the console.',
    );
  });

  it('lists each failed resource, with the policy advice under one the execution role may not create', () => {
    const denied =
      'User: arn:aws:sts::123456789012:assumed-role/app-exec/s is not authorized to perform: sns:CreateTopic on resource: arn:aws:sns:us-east-1:123456789012:t because no identity-based policy allows the sns:CreateTopic action';
    const e = new StackOperationError('app', 'us-east-1', 'CREATE_FAILED', [
      { logicalId: 'Topic', type: 'AWS::SNS::Topic', status: 'CREATE_FAILED', reason: denied },
      {
        logicalId: 'Queue',
        type: 'AWS::SQS::Queue',
        status: 'CREATE_FAILED',
        reason: 'Queue name taken',
      },
    ]);
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('Deploying stack app in us-east-1 failed: it ended CREATE_FAILED.');
    expect(lines[1]).toBe('Failed resources:');
    expect(lines[2]).toBe(`  Topic (AWS::SNS::Topic) CREATE_FAILED: ${denied}`);
    expect(lines[3]).toMatch(/^ {4}\S/);
    expect(lines[4]).toBe('  Queue (AWS::SQS::Queue) CREATE_FAILED: Queue name taken');
    expect(lines).toHaveLength(5);
  });
});

describe('pinning the AMI version', () => {
  const base: DeployRequest = {
    stackName: 'app',
    region: 'us-east-1',
    templateBody: 'Resources: {}',
    parameters: [{ ParameterKey: 'Subnets', ParameterValue: 'subnet-1' }],
    capabilities: [],
    tags: {},
    timeoutMs: 60_000,
    changeSetName: 'igo-1-1-0',
  };

  it('without an AMI parameter, passes the parameters as given and reads no SSM', async () => {
    const r = await resolveAmiParameters(base, undefined, ssm, new MemoryLogger());
    expect(r).toEqual({ parameters: base.parameters });
    expect(ssmMock.calls()).toHaveLength(0);
  });

  it('pins the version the spec resolves to against what the stack runs now, and logs both', async () => {
    ssmMock.on(GetParameterHistoryCommand).resolves({
      Parameters: [
        { Version: 6, Value: 'ami-6', Labels: [] },
        { Version: 7, Value: 'ami-7', Labels: [] },
      ],
    });
    const stack = {
      StackName: 'app',
      StackStatus: 'UPDATE_COMPLETE',
      CreationTime: new Date(0),
      Parameters: [
        { ParameterKey: 'AmiParameterName', ParameterValue: '/golden-ami/web' },
        { ParameterKey: 'AmiParameterVersion', ParameterValue: '7' },
      ],
    } as Stack;
    const logger = new MemoryLogger();
    const req = { ...base, ami: { parameterName: '/golden-ami/web', version: 'previous' } };
    const r = await resolveAmiParameters(req, stack, ssm, logger);
    expect(r).toEqual({
      amiVersion: 6,
      parameters: [
        { ParameterKey: 'Subnets', ParameterValue: 'subnet-1' },
        { ParameterKey: 'AmiParameterName', ParameterValue: '/golden-ami/web' },
        { ParameterKey: 'AmiParameterVersion', ParameterValue: '6' },
      ],
    });
    expect(base.parameters).toHaveLength(1);
    expect(logger.text()).toContain(
      'AMI: /golden-ami/web:6 (previous: the highest version below the deployed 7, ami-6; deployed now: 7)',
    );
    const fresh = new MemoryLogger();
    await resolveAmiParameters(
      { ...req, ami: { ...req.ami, version: 'latest' } },
      undefined,
      ssm,
      fresh,
    );
    expect(fresh.text()).toContain(
      'AMI: /golden-ami/web:7 (latest version of /golden-ami/web, ami-7; deployed now: none)',
    );
  });
});
