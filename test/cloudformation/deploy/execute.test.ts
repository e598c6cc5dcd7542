/**
 * Executing the change set: on which ids, when it is done, and what a failure says about what runs
 * now. aws-sdk-client-mock (scripted-cfn.ts) stays here because these are answers the emulator
 * does not give: an execution refused with InvalidChangeSetStatus, a stack that vanishes while it
 * is polled, and the exact status sequence that ends in UPDATE_COMPLETE_CLEANUP_IN_PROGRESS before
 * any event. The same behaviours against the emulator: deploy.test.ts.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import {
  StackOperationError,
  executeAndStream,
} from '../../../actions/lib/cloudformation/deploy/execute.js';
import { CS_ID, STACK_ID, awsError, cfn, cfnMock, stackStatuses, waitFor } from './scripted-cfn.js';

beforeEach(() => {
  cfnMock.reset();
});

describe('executing the change set', () => {
  const cs = { id: CS_ID, stackId: STACK_ID };
  const req = { stackName: 'app', region: 'us-east-1' };

  beforeEach(() => {
    cfnMock.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
    cfnMock.on(ExecuteChangeSetCommand).resolves({});
  });

  it('executes the change set by id on the stack id, its events folded under the stack name', async () => {
    stackStatuses('UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE');
    const logger = new MemoryLogger();
    await executeAndStream(cfn, cs, req, waitFor(60_000, logger));
    expect(logger.lines[0]).toEqual({ level: 'info', message: '── Stack events: app' });
    expect(cfnMock.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toEqual({
      ChangeSetName: CS_ID,
      StackName: STACK_ID,
    });
  });

  it('is done once new resources are live, without waiting for the old ones to be cleaned up', async () => {
    stackStatuses('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_IN_PROGRESS');
    await expect(executeAndStream(cfn, cs, req, waitFor())).resolves.toBeUndefined();
    expect(cfnMock.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });

  it('a refused execution names the stack; a stack gone meanwhile ended DELETED', async () => {
    cfnMock
      .on(ExecuteChangeSetCommand)
      .rejects(awsError('InvalidChangeSetStatus', 'not executable'));
    await expect(executeAndStream(cfn, cs, req, waitFor())).rejects.toThrow(
      'ExecuteChangeSet failed for stack app in us-east-1: InvalidChangeSetStatus: not executable',
    );
    cfnMock.on(ExecuteChangeSetCommand).resolves({});
    cfnMock
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', `Stack with id ${STACK_ID} does not exist`));
    await expect(executeAndStream(cfn, cs, req, waitFor())).rejects.toThrow(
      'Deploying stack app in us-east-1 failed: it ended DELETED. No resource reported a reason',
    );
  });

  it('a refused event read names DescribeStackEvents and the stack', async () => {
    cfnMock.on(DescribeStackEventsCommand).rejects(awsError('AccessDenied', 'not allowed'));
    await expect(executeAndStream(cfn, cs, req, waitFor())).rejects.toThrow(
      `DescribeStackEvents failed for stack ${STACK_ID} in us-east-1: AccessDenied: not allowed`,
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
