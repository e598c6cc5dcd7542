/**
 * How a stack is found, settled, deleted and recreated before a deploy. aws-sdk-client-mock
 * (scripted-cfn.ts) stays here because these are answers the emulator does not give: a missing
 * stack as StackNotFoundException, an error other than throttling on DescribeStacks, a stack in
 * ROLLBACK_FAILED (the emulator's creations roll back cleanly), and a DeleteStack refused with a
 * scripted message. The same behaviours against the emulator: deploy.test.ts; a DescribeStacks
 * throttled past the SDK's retries, with the emulator's fault: settle-throttled.test.ts.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import {
  DeleteStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import { ConfigurationError } from '../../../actions/lib/core/errors.js';
import { describeStack, settleStack } from '../../../actions/lib/cloudformation/deploy/settle.js';
import { STACK_ID, awsError, cfn, cfnMock, stackStatuses, waitFor } from './scripted-cfn.js';

beforeEach(() => {
  cfnMock.reset();
});

describe('finding and settling the stack', () => {
  it('a missing stack is none, whichever way CloudFormation says so; any other error names the stack', async () => {
    cfnMock
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', 'Stack with id app does not exist'));
    await expect(describeStack(cfn, 'app', 'us-east-1', waitFor())).resolves.toBeUndefined();
    cfnMock.on(DescribeStacksCommand).rejects(awsError('StackNotFoundException', 'gone'));
    await expect(describeStack(cfn, 'app', 'us-east-1', waitFor())).resolves.toBeUndefined();
    cfnMock
      .on(DescribeStacksCommand)
      .rejects(awsError('ValidationError', 'Role is not authorized to act on stack app'));
    await expect(describeStack(cfn, 'app', 'us-east-1', waitFor())).rejects.toThrow(
      'DescribeStacks failed for stack app in us-east-1: ValidationError: Role is not authorized to act on stack app',
    );
  });

  it('waits for an operation in progress on the stack id, and says what it waits for', async () => {
    stackStatuses('UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE');
    const logger = new MemoryLogger();
    const s = await settleStack(
      cfn,
      { stackName: 'app', region: 'us-east-1' },
      waitFor(60_000, logger),
    );
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
    const s = await settleStack(
      cfn,
      { stackName: 'app', region: 'us-east-1' },
      waitFor(60_000, logger),
    );
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
    await expect(settleStack(cfn, req, waitFor())).rejects.toThrow(
      'DeleteStack failed for stack app in us-east-1: ValidationError: Stack cannot be deleted. ' +
        'Termination protection is on: turn it off (`aws cloudformation update-termination-protection --region us-east-1 --no-enable-termination-protection --stack-name app`) and re-run',
    );
    stackStatuses('ROLLBACK_COMPLETE');
    const e = (await settleStack(cfn, req, waitFor()).catch((x: unknown) => x)) as Error;
    expect(e.message).toBe(
      'DeleteStack failed for stack app in us-east-1: ValidationError: Stack cannot be deleted',
    );
  });

  it('a deletion that fails tells what blocks it and how to finish it', async () => {
    stackStatuses('ROLLBACK_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_FAILED');
    cfnMock.on(DeleteStackCommand).resolves({});
    const e = (await settleStack(cfn, { stackName: 'app', region: 'us-east-1' }, waitFor()).catch(
      (x: unknown) => x,
    )) as Error;
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e.message).toMatch(
      /^Stack app is DELETE_FAILED\. .*aws cloudformation --region us-east-1 delete-stack --stack-name app/,
    );
  });
});
