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
import { awsCall, causeName, type CallContext } from '../../core/aws-call.js';
import { AwsOperationError, ConfigurationError, errorMessage } from '../../core/errors.js';
import { pollOrFail } from './poll.js';
import { isInProgress, planForStatus } from './stack-state.js';

/**
 * What every wait and call of one deploy shares: core's call context (the clock, the logger; the
 * calls go through core's `awsCall`), the deadline and the polling interval.
 */
export interface Wait extends CallContext {
  deadline: number;
  intervalMs: number;
}

export async function describeStack(
  cfn: CloudFormationClient,
  stack: string,
  region: string,
  ctx: CallContext,
): Promise<Stack | undefined> {
  try {
    const out = await awsCall('DescribeStacks', `stack ${stack} in ${region}`, ctx, () =>
      cfn.send(new DescribeStacksCommand({ StackName: stack })),
    );
    return out.Stacks?.[0];
  } catch (e) {
    // DescribeStacks answers a missing stack with ValidationError "Stack with id X does not exist".
    const cause = e instanceof AwsOperationError ? e.cause : e;
    if (/does not exist/.test(errorMessage(cause)) || causeName(e) === 'StackNotFoundException')
      return undefined;
    throw e;
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
    read: () => describeStack(cfn, id, region, wait),
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
): Promise<Settled> {
  const { logger } = wait;
  const where = `stack ${req.stackName} in ${req.region}`;
  let stack = await describeStack(cfn, req.stackName, req.region, wait);
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
  await awsCall(
    'DeleteStack',
    where,
    wait,
    () => cfn.send(new DeleteStackCommand({ StackName: id })),
    {
      retryOn: [],
      hint: () => hint,
    },
  );
  // Polled by stack id: a deleted stack stays visible by id as DELETE_COMPLETE.
  const gone = await settle(cfn, id, where, req.region, wait);
  if (gone && gone.StackStatus !== 'DELETE_COMPLETE') {
    const plan = planForStatus(gone.StackStatus, req.stackName, req.region, gone.StackStatusReason);
    throw new ConfigurationError(
      plan.kind === 'fail' ? plan.message : `Deleting ${where} ended ${gone.StackStatus}.`,
    );
  }
}
