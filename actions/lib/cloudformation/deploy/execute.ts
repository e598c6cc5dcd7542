/**
 * deploy-stack's last step: execute the change set, stream the stack's events while it runs, and
 * turn a failed operation into an error that says what runs now and which resources failed why.
 */
import { ExecuteChangeSetCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { accessDeniedHint } from '../../core/access-denied.js';
import { awsCall } from '../../core/aws-call.js';
import { AwsOperationError } from '../../core/errors.js';
import { EventStream, failedResources, type FailedResource } from './events.js';
import { pollOrFail } from './poll.js';
import type { Wait } from './settle.js';
import { describeStack } from './settle.js';
import { isInProgress, isSuccess } from './stack-state.js';

/** What a failed operation's end status means for what is running now. */
const AFTERMATH: Record<string, string> = {
  UPDATE_ROLLBACK_COMPLETE:
    'CloudFormation rolled the update back: the previous version keeps running, unchanged. Fix the cause below and deploy again.',
  ROLLBACK_COMPLETE:
    'The stack was never created; the next deploy deletes it and creates it again.',
  UPDATE_ROLLBACK_FAILED:
    'The rollback failed too: continue it (aws cloudformation continue-update-rollback) before deploying again.',
};

export class StackOperationError extends AwsOperationError {
  constructor(
    stack: string,
    region: string,
    status: string,
    readonly failures: FailedResource[],
  ) {
    super('ExecuteChangeSet', `stack ${stack} in ${region}`, new Error(`ended ${status}`));
    // A resource the execution role may not create names the statement to change.
    const lines = failures.map((f) => {
      const hint = accessDeniedHint(f.reason);
      return `  ${f.logicalId} (${f.type}) ${f.status}: ${f.reason}${hint ? `\n    ${hint}` : ''}`;
    });
    this.message =
      `Deploying stack ${stack} in ${region} failed: it ended ${status}.` +
      (AFTERMATH[status] ? ` ${AFTERMATH[status]}` : '') +
      (lines.length
        ? `\nFailed resources:\n${lines.join('\n')}`
        : ' No resource reported a reason; see the stack events in the console.');
  }
}

/** Executes change set `id` on `stackId` and waits for the stack to settle, printing its events. */
export async function executeAndStream(
  cfn: CloudFormationClient,
  cs: { id: string; stackId: string },
  req: { stackName: string; region: string },
  wait: Wait,
): Promise<void> {
  const { logger } = wait;
  const where = `stack ${req.stackName} in ${req.region}`;
  const events = new EventStream(cfn, cs.stackId, req.region, wait);
  await events.prime();
  await awsCall('ExecuteChangeSet', where, wait, () =>
    cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.id, StackName: cs.stackId })),
  );
  const done = await logger.group(`Stack events: ${req.stackName}`, () =>
    pollOrFail({
      ...wait,
      what: where,
      read: () => describeStack(cfn, cs.stackId, req.region, wait),
      isTerminal: (s) => !isInProgress(s?.StackStatus) || isSuccess(s?.StackStatus),
      onPoll: () => events.poll(),
      describe: (s) => s?.StackStatus ?? 'gone',
    }),
  );
  if (!isSuccess(done?.StackStatus)) {
    throw new StackOperationError(
      req.stackName,
      req.region,
      done?.StackStatus ?? 'DELETED',
      failedResources(events.events, req.stackName),
    );
  }
}
