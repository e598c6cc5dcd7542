/**
 * deploy-stack's first step: read the stack, wait for an operation in progress to end, and decide
 * the path from its state (create, update, delete-and-recreate, or fail with guidance).
 */
import {
  DeleteStackCommand,
  DescribeStacksCommand,
  type CloudFormationClient,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import {
  AwsOperationError,
  ConfigurationError,
  awsErrorName,
  errorMessage,
} from '../../core/errors.js';
import { pollOrFail } from './poll.js';
import { isInProgress, planForStatus } from './stack-state.js';

/** The clock, the deadline and the interval every wait of one deploy shares. */
export interface Wait {
  clock: Clock;
  deadline: number;
  intervalMs: number;
}

export async function describeStack(
  cfn: CloudFormationClient,
  stack: string,
  region: string,
): Promise<Stack | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
    return out.Stacks?.[0];
  } catch (e) {
    // DescribeStacks answers a missing stack with ValidationError "Stack with id X does not exist".
    if (/does not exist/.test(errorMessage(e)) || awsErrorName(e) === 'StackNotFoundException')
      return undefined;
    throw new AwsOperationError('DescribeStacks', `stack ${stack} in ${region}`, e);
  }
}

/** Reads the stack by id until no operation is in progress. */
export function settle(
  cfn: CloudFormationClient,
  id: string,
  where: string,
  region: string,
  wait: Wait,
): Promise<Stack | undefined> {
  return pollOrFail({
    ...wait,
    what: where,
    read: () => describeStack(cfn, id, region),
    isTerminal: (s) => !isInProgress(s?.StackStatus),
    describe: (s) => s?.StackStatus ?? 'gone',
  });
}

export interface Settled {
  /** The stack to update, or undefined to create it. */
  stack?: Stack;
  kind: 'create' | 'update';
  recreated: boolean;
}

export async function settleStack(
  cfn: CloudFormationClient,
  req: { stackName: string; region: string },
  wait: Wait,
  logger: Logger,
): Promise<Settled> {
  const where = `stack ${req.stackName} in ${req.region}`;
  let stack = await describeStack(cfn, req.stackName, req.region);
  if (isInProgress(stack?.StackStatus)) {
    logger.info(`${where} is ${stack?.StackStatus}; waiting for it to settle`);
    stack = await settle(cfn, stack?.StackId ?? req.stackName, where, req.region, wait);
  }
  const plan = planForStatus(
    stack?.StackStatus,
    req.stackName,
    req.region,
    stack?.StackStatusReason,
  );
  if (plan.kind === 'recreate') {
    logger.warning(`${plan.why}: deleting it and creating it again.`);
    await deleteAndWait(cfn, stack as Stack, req, wait);
    return { kind: 'create', recreated: true };
  }
  if (plan.kind === 'fail') throw new ConfigurationError(plan.message);
  return { stack, kind: plan.kind === 'create' ? 'create' : 'update', recreated: false };
}

async function deleteAndWait(
  cfn: CloudFormationClient,
  stack: Stack,
  req: { stackName: string; region: string },
  wait: Wait,
): Promise<void> {
  const where = `stack ${req.stackName} in ${req.region}`;
  const id = stack.StackId ?? req.stackName;
  const hint = stack.EnableTerminationProtection
    ? `Termination protection is on: turn it off (\`aws cloudformation update-termination-protection --region ${req.region} --no-enable-termination-protection --stack-name ${req.stackName}\`) and re-run`
    : undefined;
  try {
    await cfn.send(new DeleteStackCommand({ StackName: id }));
  } catch (e) {
    throw new AwsOperationError('DeleteStack', where, e, hint);
  }
  // Polled by stack id: a deleted stack stays visible by id as DELETE_COMPLETE.
  const gone = await settle(cfn, id, where, req.region, wait);
  if (gone && gone.StackStatus !== 'DELETE_COMPLETE') {
    const plan = planForStatus(gone.StackStatus, req.stackName, req.region, gone.StackStatusReason);
    throw new ConfigurationError(
      plan.kind === 'fail' ? plan.message : `Deleting ${where} ended ${gone.StackStatus}.`,
    );
  }
}
