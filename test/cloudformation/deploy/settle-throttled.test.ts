/**
 * describeStack against the emulator's CloudFormation in-process, with its throttling fault
 * (`Throttling`, as CloudFormation answers a rate it refuses): the SDK retries throttling itself
 * (three attempts by default), so only a DescribeStacks throttled past those retries reaches the
 * library, which must then fail naming the stack and the region rather than take it as missing.
 */
import { describe, it, expect } from '@jest/globals';
import { describeStack } from '../../../actions/lib/cloudformation/deploy/settle.js';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import { inProcessAws, testClock } from '../../support/in-process-aws.js';

const REGION = 'us-east-1';

describe('a throttled DescribeStacks', () => {
  it("fails naming the stack and the region once past the SDK's retries; within them, is absorbed", async () => {
    const clock = testClock();
    const aws = inProcessAws({ clock });
    const ctx = { clock, logger: new MemoryLogger() };
    const calls = () => aws.emulator.admin.calls()['cloudformation.DescribeStacks'] ?? 0;
    const throttle = (count: number) =>
      aws.emulator.admin.addFault({
        service: 'cloudformation',
        operation: 'DescribeStacks',
        kind: 'throttle',
        count,
      });
    throttle(3);
    await expect(describeStack(aws.cfn(REGION), 'app', REGION, ctx)).rejects.toThrow(
      /^DescribeStacks failed for stack app in us-east-1: Throttling: /,
    );
    expect(calls()).toBe(3);
    // One throttled attempt, and the SDK's retry answers: the stack does not exist, so there is none.
    throttle(1);
    await expect(describeStack(aws.cfn(REGION), 'app', REGION, ctx)).resolves.toBeUndefined();
    expect(calls()).toBe(5);
  });
});
