/**
 * deploy-stack: a change set pinned to one SSM parameter version, in four steps: settle the stack
 * (settle.ts: its state decides create, update, wait, delete-and-recreate, or fail with guidance),
 * resolve the AMI version, create the change set ("no changes" is success), execute it and stream
 * the events (execute.ts).
 */
import {
  UpdateTerminationProtectionCommand,
  type Capability,
  type CloudFormationClient,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { awsCall, type CallContext } from '../../core/aws-call.js';
import { parseVersionSpec, readHistory, resolveVersion } from '../../ssm/resolve-version.js';
import { createChangeSet, deleteChangeSet, type ChangeRow } from './change-set.js';
import { executeAndStream } from './execute.js';
import { declaredParameters, withPreviousValues } from './previous-values.js';
import { describeStack, settleStack, type Wait } from './settle.js';

export { StackOperationError } from './execute.js';
export { describeStack } from './settle.js';

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

/** The request's parameters, with AmiParameterName/Version pinned to the resolved SSM version. */
export async function resolveAmiParameters(
  req: DeployRequest,
  stack: Stack | undefined,
  ssm: SSMClient,
  logger: Logger,
): Promise<{ parameters: Parameter[]; amiVersion?: number }> {
  const parameters = [...req.parameters];
  if (!req.ami) return { parameters };
  const deployed = stack?.Parameters?.find(
    (p) => p.ParameterKey === 'AmiParameterVersion',
  )?.ParameterValue;
  const history = await readHistory(ssm, req.ami.parameterName, req.region);
  const resolved = resolveVersion(
    parseVersionSpec(req.ami.version),
    history,
    req.ami.parameterName,
    deployed,
  );
  const amiVersion = resolved.version;
  logger.info(
    `AMI: ${req.ami.parameterName}:${amiVersion} (${resolved.reason}${resolved.value ? `, ${resolved.value}` : ''}; deployed now: ${deployed ?? 'none'})`,
  );
  parameters.push(
    { ParameterKey: 'AmiParameterName', ParameterValue: req.ami.parameterName },
    { ParameterKey: 'AmiParameterVersion', ParameterValue: String(amiVersion) },
  );
  return { parameters, amiVersion };
}

export async function deployStack(
  req: DeployRequest,
  clients: DeployClients,
  clock: Clock,
  logger: Logger,
): Promise<DeployResult> {
  const { cfn } = clients;
  const where = `stack ${req.stackName} in ${req.region}`;
  const wait: Wait = {
    clock,
    logger,
    deadline: clock.now() + req.timeoutMs,
    intervalMs: req.pollIntervalMs ?? 5_000,
  };
  const { stack, kind, recreated } = await settleStack(cfn, req, wait);
  const { parameters, amiVersion } = await resolveAmiParameters(req, stack, clients.ssm, logger);

  const type = kind === 'create' ? 'CREATE' : 'UPDATE';
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
    await deleteChangeSet(cfn, cs.id, cs.stackId, where, wait);
  } else {
    changes = cs.rows;
    for (const c of changes)
      logger.info(
        `  ${c.action} ${c.logicalId} (${c.type})${c.replacement ? ` replacement=${c.replacement}` : ''}`,
      );
    await executeAndStream(cfn, cs, req, wait);
  }

  const final = await applyTerminationProtection(cfn, cs.stackId, req, wait);
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

/** The stack as it ends, with termination protection set as the request asks. */
async function applyTerminationProtection(
  cfn: CloudFormationClient,
  stackId: string,
  req: DeployRequest,
  ctx: CallContext,
): Promise<Stack | undefined> {
  const final = await describeStack(cfn, stackId, req.region, ctx);
  const wanted = req.terminationProtection;
  // Left as it is when the request does not say; no call when it already is as asked.
  if (wanted !== undefined && final?.EnableTerminationProtection !== wanted)
    await awsCall(
      'UpdateTerminationProtection',
      `stack ${req.stackName} in ${req.region}`,
      ctx,
      () =>
        cfn.send(
          new UpdateTerminationProtectionCommand({
            StackName: stackId,
            EnableTerminationProtection: wanted,
          }),
        ),
    );
  return final;
}
