/** Change sets: create, wait, read the changes, or recognise "no changes". */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type Capability,
  type Change,
  type ChangeSetType,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { awsCall, type CallContext, type ServicePolicy } from '../../core/aws-call.js';
import { AwsOperationError, errorMessage } from '../../core/errors.js';
import { pollOrFail } from './poll.js';
import type { Wait } from './settle.js';

/** CreateChangeSet refusing a parameter the template does not declare. */
const CREATE_POLICY: ServicePolicy = {
  retryOn: [],
  hint: (_op, e) =>
    /Parameters: \[.*\] do(es)? not exist in the template/.test(errorMessage(e))
      ? 'The template must declare every parameter passed, including AmiParameterName and AmiParameterVersion'
      : undefined,
};

/**
 * A change set with nothing to do ends FAILED with one of these reasons (the wording varies; see
 * e.g. ansible-collections/amazon.aws#507): it is a success with `changed=false`, not an error.
 */
const NO_CHANGES = [/didn't contain changes/i, /No updates are to be performed/i];

export function isNoChangeReason(reason: string | undefined): boolean {
  return reason !== undefined && NO_CHANGES.some((r) => r.test(reason));
}

/** `igo-<run id>-<attempt>-<ms>`: unique per attempt, within [a-zA-Z][-a-zA-Z0-9]{0,127}. */
export function changeSetName(env: NodeJS.ProcessEnv, now: number): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');
  const run = clean(env.GITHUB_RUN_ID ?? 'local');
  const attempt = clean(env.GITHUB_RUN_ATTEMPT ?? '1');
  return `igo-${run}-${attempt}-${now}`.slice(0, 128);
}

export interface ChangeRow {
  logicalId: string;
  type: string;
  action: string;
  replacement: string;
}

export function changeRows(changes: readonly Change[]): ChangeRow[] {
  return changes
    .filter((c) => c.ResourceChange)
    .map((c) => ({
      logicalId: c.ResourceChange?.LogicalResourceId ?? '?',
      type: c.ResourceChange?.ResourceType ?? '?',
      action: c.ResourceChange?.Action ?? '?',
      replacement: c.ResourceChange?.Replacement ?? '',
    }));
}

export function renderChanges(rows: readonly ChangeRow[]): string {
  if (rows.length === 0) return '_No resource changes._\n';
  return (
    [
      '| Logical ID | Type | Action | Replacement |',
      '|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.logicalId} | ${r.type} | ${r.action} | ${r.replacement === 'True' ? '**True**' : r.replacement} |`,
      ),
    ].join('\n') + '\n'
  );
}

export interface ChangeSetRequest {
  stack: string;
  region: string;
  name: string;
  type: ChangeSetType;
  templateBody: string;
  parameters: Parameter[];
  capabilities: Capability[];
  tags: Record<string, string>;
  /** CloudFormation execution role: the stack's resources are created with it, not the caller's rights. */
  roleArn?: string;
}

export type ChangeSetOutcome =
  | { kind: 'changes'; id: string; stackId: string; rows: ChangeRow[] }
  | { kind: 'none'; id: string; stackId: string; reason: string };

export async function createChangeSet(
  cfn: CloudFormationClient,
  req: ChangeSetRequest,
  wait: Wait,
): Promise<ChangeSetOutcome> {
  const where = `change set ${req.name} of stack ${req.stack} in ${req.region}`;
  const out = await awsCall(
    'CreateChangeSet',
    where,
    wait,
    () =>
      cfn.send(
        new CreateChangeSetCommand({
          StackName: req.stack,
          ChangeSetName: req.name,
          ChangeSetType: req.type,
          TemplateBody: req.templateBody,
          Parameters: req.parameters,
          Capabilities: req.capabilities,
          RoleARN: req.roleArn,
          Tags: Object.entries(req.tags).map(([Key, Value]) => ({ Key, Value })),
          Description: 'imagebuilder-gitops deploy-stack',
        }),
      ),
    CREATE_POLICY,
  );
  const id = out.Id as string;
  const stackId = out.StackId ?? req.stack;
  const describe = (token?: string): Promise<DescribeChangeSetCommandOutput> =>
    awsCall('DescribeChangeSet', where, wait, () =>
      cfn.send(
        new DescribeChangeSetCommand({ ChangeSetName: id, StackName: stackId, NextToken: token }),
      ),
    );
  const first = await pollOrFail({
    ...wait,
    what: where,
    read: () => describe(),
    isTerminal: (d) =>
      ['CREATE_COMPLETE', 'FAILED', 'DELETE_COMPLETE', 'DELETE_FAILED'].includes(d.Status ?? ''),
    describe: (d) => d.Status ?? 'unknown',
  });
  if (first.Status !== 'CREATE_COMPLETE') {
    if (first.Status === 'FAILED' && isNoChangeReason(first.StatusReason)) {
      return { kind: 'none', id, stackId, reason: first.StatusReason as string };
    }
    throw new AwsOperationError(
      'CreateChangeSet',
      where,
      new Error(`${first.Status}: ${first.StatusReason ?? 'no reason given'}`),
    );
  }
  const changes = [...(first.Changes ?? [])];
  for (let token = first.NextToken; token;) {
    const page = await describe(token);
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  }
  return { kind: 'changes', id, stackId, rows: changeRows(changes) };
}

export async function deleteChangeSet(
  cfn: CloudFormationClient,
  id: string,
  stackId: string,
  where: string,
  ctx: CallContext,
): Promise<void> {
  await awsCall('DeleteChangeSet', where, ctx, () =>
    cfn.send(new DeleteChangeSetCommand({ ChangeSetName: id, StackName: stackId })),
  );
}
