/**
 * Change sets: CreateChangeSet (CREATE puts a new stack in REVIEW_IN_PROGRESS), DescribeChangeSet
 * (CREATE_PENDING → CREATE_IN_PROGRESS → CREATE_COMPLETE | FAILED), ExecuteChangeSet,
 * DeleteChangeSet, ListChangeSets. Dynamic references are resolved when the change set is created.
 * An UPDATE whose template and parameter values equal the stack's FAILS with "The submitted
 * information didn't contain changes..." even when an unversioned `{{resolve:ssm:name}}` would now
 * resolve to another value: CloudFormation does not re-resolve references of an unchanged template
 * (aws-cloudformation/cloudformation-coverage-roadmap#844).
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import { computeChanges } from './diff.js';
import { beginOperation } from './engine.js';
import { addEvent } from './events.js';
import {
  cfnState,
  changeSetArn,
  changeSetMs,
  findStack,
  isDone,
  STACK_TYPE,
  validation,
  type CfnState,
  type ChangeSetRec,
  type StackRec,
} from './model.js';
import { prepare } from './prepare.js';
import {
  changeSetStatus,
  renderChange,
  renderChangeSetSummary,
  stackParameters,
} from './render.js';
import {
  checkStackName,
  newStack,
  notUpdatable,
  pageOf,
  startUpdate,
  unchanged,
  UPDATABLE,
} from './stacks.js';

export const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set.";
const CS_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

function notFound(name: string): ApiError {
  return new ApiError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
}

function findChangeSet(
  s: CfnState,
  name: string,
  stackName: string | undefined,
): { cs: ChangeSetRec; st: StackRec } {
  const st = stackName ? findStack(s, stackName) : undefined;
  const cs = name.startsWith('arn:')
    ? s.changeSets[name]
    : Object.values(s.changeSets).find((c) => c.name === name && c.stackId === st?.stackId);
  const owner = cs && s.stacks[cs.stackId];
  if (!cs || !owner) {
    if (!name.startsWith('arn:') && !stackName)
      throw validation('StackName must be specified if ChangeSetName is not specified as an ARN.');
    throw notFound(name);
  }
  return { cs, st: owner };
}

async function createChangeSet(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const stackName = str(input['StackName']) ?? '';
  const name = str(input['ChangeSetName']) ?? '';
  if (!CS_NAME.test(name)) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  }
  const type = (str(input['ChangeSetType']) ?? 'UPDATE') as 'CREATE' | 'UPDATE';
  let st = findStack(s, stackName);
  if (type === 'CREATE') {
    if (st && st.status !== 'REVIEW_IN_PROGRESS')
      throw validation(
        `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`,
      );
    checkStackName(stackName);
  } else if (!st) throw validation(`Stack [${stackName}] does not exist`);
  else if (!UPDATABLE.includes(st.status)) throw notUpdatable(st);
  if (st && Object.values(s.changeSets).some((c) => c.stackId === st!.stackId && c.name === name)) {
    throw new ApiError('AlreadyExistsException', `ChangeSet [${name}] already exists`);
  }
  const p = await prepare(input, ctx, stackName, type === 'UPDATE' ? st : undefined);
  if (!st) {
    st = newStack(ctx, stackName, { ...p.definition, templateBody: '', parameters: [] }, input);
    addEvent(
      st,
      { logicalId: st.stackName, type: STACK_TYPE, physicalId: st.stackId },
      'REVIEW_IN_PROGRESS',
      'User Initiated',
      ctx.clock.now(),
    );
    st.reason = 'User Initiated';
  }
  const now = ctx.clock.now();
  const cs: ChangeSetRec = {
    id: changeSetArn(ctx, name),
    name,
    stackId: st.stackId,
    type,
    description: str(input['Description']),
    creationTime: now,
    readyAt: now + changeSetMs(ctx.settings),
    definition: p.definition,
    changes: [],
  };
  if (p.referenceError) cs.failure = p.referenceError;
  else if (type === 'UPDATE' && unchanged(st, p.definition)) cs.failure = NO_CHANGES;
  else {
    cs.changes = computeChanges({
      template: p.template,
      definition: p.definition,
      stackName: st.stackName,
      stackId: st.stackId,
      region: ctx.region,
      accountId: ctx.accountId,
      resources: type === 'UPDATE' ? st.resources : {},
    });
  }
  s.changeSets[cs.id] = cs;
  return { Id: cs.id, StackId: st.stackId };
}

/** Changes a page: the API pages DescribeChangeSet's Changes with NextToken. */
const CHANGES_PAGE = 100;

function describeChangeSet(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const { cs, st } = findChangeSet(s, str(input['ChangeSetName']) ?? '', str(input['StackName']));
  const { page, next } = pageOf(
    cs.changes,
    str(input['NextToken']),
    CHANGES_PAGE,
    `changes:${cs.id}`,
  );
  const status = changeSetStatus(cs, ctx.clock.now());
  return {
    ChangeSetName: cs.name,
    ChangeSetId: cs.id,
    StackId: st.stackId,
    StackName: st.stackName,
    Description: cs.description,
    Parameters: stackParameters(cs.definition),
    CreationTime: new Date(cs.creationTime),
    ...status,
    Capabilities: cs.definition.capabilities.length ? cs.definition.capabilities : undefined,
    Tags: cs.definition.tags.length ? cs.definition.tags : undefined,
    Changes:
      status.Status === 'CREATE_COMPLETE' && page.length ? page.map(renderChange) : undefined,
    NextToken: status.Status === 'CREATE_COMPLETE' ? next : undefined,
    IncludeNestedStacks: false,
  };
}

function executeChangeSet(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const { cs, st } = findChangeSet(s, str(input['ChangeSetName']) ?? '', str(input['StackName']));
  const status = changeSetStatus(cs, ctx.clock.now());
  if (status.Status !== 'CREATE_COMPLETE' || status.ExecutionStatus !== 'AVAILABLE') {
    throw new ApiError(
      'InvalidChangeSetStatus',
      `ChangeSet [${cs.id}] cannot be executed in its current status of [${status.Status}]`,
    );
  }
  if (!isDone(st.status) || (cs.type === 'UPDATE' && !UPDATABLE.includes(st.status)))
    throw notUpdatable(st);
  const token = str(input['ClientRequestToken']);
  cs.executionStatus = 'EXECUTE_IN_PROGRESS';
  st.changeSetId = cs.id;
  // "After you execute a change set, CloudFormation deletes all other change sets of the stack."
  for (const [id, other] of Object.entries(s.changeSets))
    if (other.stackId === st.stackId && id !== cs.id) delete s.changeSets[id];
  if (cs.type === 'CREATE') {
    Object.assign(st, cs.definition);
    if (input['DisableRollback'] === 'true') st.disableRollback = true;
    beginOperation(st, 'CREATE', ctx.clock.now(), {
      token,
      changeSetId: cs.id,
      actor: ctx.principal,
    });
  } else {
    startUpdate(ctx, st, cs.definition, token, cs.id);
  }
  return {};
}

function deleteChangeSet(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const { cs } = findChangeSet(s, str(input['ChangeSetName']) ?? '', str(input['StackName']));
  if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new ApiError(
      'InvalidChangeSetStatus',
      `ChangeSet [${cs.id}] cannot be deleted in its current status of [EXECUTE_IN_PROGRESS]`,
    );
  }
  delete s.changeSets[cs.id];
  return {};
}

function listChangeSets(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const st = findStack(s, str(input['StackName']) ?? '');
  if (!st) throw validation(`Stack [${str(input['StackName']) ?? ''}] does not exist`);
  const now = ctx.clock.now();
  const all = Object.values(s.changeSets)
    .filter((c) => c.stackId === st.stackId)
    .map((c) => renderChangeSetSummary(c, st, now));
  const { page, next } = pageOf(all, str(input['NextToken']), 100, `changesets:${st.stackId}`);
  return { Summaries: page, NextToken: next };
}

export const changeSetOperations = {
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
  ListChangeSets: listChangeSets,
};
