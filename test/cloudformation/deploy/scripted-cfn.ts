/**
 * A scripted CloudFormation for the deploy steps' rule tests: aws-sdk-client-mock on every
 * CloudFormationClient, answering what each test scripts. It stays (issue 12) for answers the
 * emulator does not give; each test file using it says which.
 */
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { VirtualClock } from '../../../actions/lib/core/clock.js';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';

export const cfnMock = mockClient(CloudFormationClient);
export const cfn = new CloudFormationClient({ region: 'us-east-1' });
export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/1';
export const CS_ID = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/igo-1-1-0/1';
export const WHERE = `change set igo-1-1-0 of stack app in us-east-1`;

export function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export function waitFor(ms = 60_000, logger = new MemoryLogger()) {
  const clock = new VirtualClock();
  return { clock, logger, deadline: clock.now() + ms, intervalMs: 1_000 };
}

/** DescribeStacks answers these statuses in turn (the last one repeats). */
export function stackStatuses(...statuses: string[]): void {
  const queue = [...statuses];
  cfnMock.on(DescribeStacksCommand).callsFake(async () => {
    const s = queue.length > 1 ? queue.shift() : queue[0];
    return { Stacks: [{ StackId: STACK_ID, StackName: 'app', StackStatus: s } as Stack] };
  });
}
