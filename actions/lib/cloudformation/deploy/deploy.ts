/**
 * deploy-stack: a change set pinned to one SSM parameter version. The stack's state decides the
 * path (create, update, wait, delete-and-recreate, or fail with guidance); "no changes" is success.
 */
import {
  DeleteStackCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  type Capability,
  type CloudFormationClient,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { accessDeniedHint } from '../../core/access-denied.js';
import {
  AwsOperationError,
  ConfigurationError,
  awsErrorName,
  errorMessage,
} from '../../core/errors.js';
import { parseVersionSpec, readHistory, resolveVersion } from '../../ssm/resolve-version.js';
import { createChangeSet, deleteChangeSet, type ChangeRow } from './change-set.js';
import { EventStream, failedResources, type FailedResource } from './events.js';
import { pollOrFail } from './poll.js';
import { isInProgress, isSuccess, planForStatus } from './stack-state.js';
import { declaredParameters, withPreviousValues } from './previous-values.js';

export interface DeployRequest {
  stackName: string;
  region: string;
  templateBody: string;
  parameters: Parameter[];
  /** The SSM parameter the template resolves, and which version to pin (number, label, previous, latest). */
  ami?: { parameterName: string; version: string };
  capabilities: Capability[];
  tags: Record<string, string>;
  /** CloudFormation execution role (stacks/github-oidc.yml output AppStackExecutionRoleArn). */
  roleArn?: string;
  terminationProtection?: boolean;
  timeoutMs: number;
  changeSetName: string;
  pollIntervalMs?: number;
}

export interface DeployResult {
  stackId: string;
  stackStatus: string;
  changed: boolean;
  recreated: boolean;
  changes: ChangeRow[];
  outputs: Record<string, string>;
  amiParameterVersion?: number;
}

export interface DeployClients {
  cfn: CloudFormationClient;
  ssm: SSMClient;
}

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

export async function deployStack(
  req: DeployRequest,
  clients: DeployClients,
  clock: Clock,
  logger: Logger,
): Promise<DeployResult> {
  const { cfn } = clients;
  const where = `stack ${req.stackName} in ${req.region}`;
  const deadline = clock.now() + req.timeoutMs;
  const intervalMs = req.pollIntervalMs ?? 5_000;
  const wait = { clock, deadline, intervalMs };
  const settle = (id: string) =>
    pollOrFail({
      ...wait,
      what: where,
      read: () => describeStack(cfn, id, req.region),
      isTerminal: (s) => !isInProgress(s?.StackStatus),
      describe: (s) => s?.StackStatus ?? 'gone',
    });

  let stack = await describeStack(cfn, req.stackName, req.region);
  if (isInProgress(stack?.StackStatus)) {
    logger.info(`${where} is ${stack?.StackStatus}; waiting for it to settle`);
    stack = await settle(stack?.StackId ?? req.stackName);
  }
  let plan = planForStatus(stack?.StackStatus, req.stackName, req.region, stack?.StackStatusReason);
  let recreated = false;
  if (plan.kind === 'recreate') {
    logger.warning(`${plan.why}: deleting it and creating it again.`);
    await deleteAndWait(cfn, stack as Stack, req, wait);
    stack = undefined;
    recreated = true;
    plan = { kind: 'create' };
  }
  if (plan.kind === 'fail') throw new ConfigurationError(plan.message);

  const parameters = [...req.parameters];
  let amiVersion: number | undefined;
  if (req.ami) {
    const deployed = stack?.Parameters?.find(
      (p) => p.ParameterKey === 'AmiParameterVersion',
    )?.ParameterValue;
    const history = await readHistory(clients.ssm, req.ami.parameterName, req.region);
    const resolved = resolveVersion(
      parseVersionSpec(req.ami.version),
      history,
      req.ami.parameterName,
      deployed,
    );
    amiVersion = resolved.version;
    logger.info(
      `AMI: ${req.ami.parameterName}:${amiVersion} (${resolved.reason}${resolved.value ? `, ${resolved.value}` : ''}; deployed now: ${deployed ?? 'none'})`,
    );
    parameters.push(
      { ParameterKey: 'AmiParameterName', ParameterValue: req.ami.parameterName },
      { ParameterKey: 'AmiParameterVersion', ParameterValue: String(amiVersion) },
    );
  }

  const type = plan.kind === 'create' ? 'CREATE' : 'UPDATE';
  const sent =
    type === 'UPDATE'
      ? withPreviousValues(parameters, stack?.Parameters, declaredParameters(req.templateBody))
      : parameters;
  const kept = sent.filter((p) => p.UsePreviousValue).map((p) => p.ParameterKey);
  if (kept.length)
    logger.info(`Keeping the stack's current values of ${kept.join(', ')} (not given)`);
  logger.info(`Creating ${type} change set ${req.changeSetName} for ${where}`);
  const cs = await createChangeSet(
    cfn,
    {
      stack: req.stackName,
      region: req.region,
      name: req.changeSetName,
      type,
      templateBody: req.templateBody,
      parameters: sent,
      capabilities: req.capabilities,
      tags: req.tags,
      roleArn: req.roleArn,
    },
    wait,
  );

  let changes: ChangeRow[] = [];
  if (cs.kind === 'none') {
    logger.info(`No changes (${cs.reason}); deleting the change set`);
    await deleteChangeSet(cfn, cs.id, cs.stackId, where);
  } else {
    changes = cs.rows;
    for (const c of changes)
      logger.info(
        `  ${c.action} ${c.logicalId} (${c.type})${c.replacement ? ` replacement=${c.replacement}` : ''}`,
      );
    const events = new EventStream(cfn, cs.stackId, req.region, logger);
    await events.prime();
    try {
      await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.id, StackName: cs.stackId }));
    } catch (e) {
      throw new AwsOperationError('ExecuteChangeSet', where, e);
    }
    const done = await logger.group(`Stack events: ${req.stackName}`, () =>
      pollOrFail({
        ...wait,
        what: where,
        read: () => describeStack(cfn, cs.stackId, req.region),
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

  const final = await describeStack(cfn, cs.stackId, req.region);
  if (
    req.terminationProtection !== undefined &&
    final?.EnableTerminationProtection !== req.terminationProtection
  ) {
    try {
      await cfn.send(
        new UpdateTerminationProtectionCommand({
          StackName: cs.stackId,
          EnableTerminationProtection: req.terminationProtection,
        }),
      );
    } catch (e) {
      throw new AwsOperationError('UpdateTerminationProtection', where, e);
    }
  }
  return {
    stackId: cs.stackId,
    stackStatus: final?.StackStatus ?? 'UNKNOWN',
    changed: cs.kind === 'changes',
    recreated,
    changes,
    outputs: Object.fromEntries(
      (final?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
    ),
    amiParameterVersion: amiVersion,
  };
}

async function deleteAndWait(
  cfn: CloudFormationClient,
  stack: Stack,
  req: DeployRequest,
  wait: { clock: Clock; deadline: number; intervalMs: number },
): Promise<void> {
  const where = `stack ${req.stackName} in ${req.region}`;
  const id = stack.StackId ?? req.stackName;
  try {
    await cfn.send(new DeleteStackCommand({ StackName: id }));
  } catch (e) {
    const hint = stack.EnableTerminationProtection
      ? `Termination protection is on: turn it off (\`aws cloudformation update-termination-protection --region ${req.region} --no-enable-termination-protection --stack-name ${req.stackName}\`) and re-run`
      : undefined;
    throw new AwsOperationError('DeleteStack', where, e, hint);
  }
  // Polled by stack id: a deleted stack stays visible by id as DELETE_COMPLETE.
  const gone = await pollOrFail({
    ...wait,
    what: where,
    read: () => describeStack(cfn, id, req.region),
    isTerminal: (s) => !isInProgress(s?.StackStatus),
    describe: (s) => s?.StackStatus ?? 'gone',
  });
  if (gone && gone.StackStatus !== 'DELETE_COMPLETE') {
    const plan = planForStatus(gone.StackStatus, req.stackName, req.region, gone.StackStatusReason);
    throw new ConfigurationError(
      plan.kind === 'fail' ? plan.message : `Deleting ${where} ended ${gone.StackStatus}.`,
    );
  }
}
