/**
 * Stack operations: CreateStack, UpdateStack, DeleteStack, DescribeStacks, DescribeStackEvents,
 * DescribeStackResources, ListStackResources, GetTemplate, UpdateTerminationProtection,
 * ValidateTemplate. Messages as the CloudFormation API answers them.
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import { beginOperation } from './engine.js';
import {
  cfnState,
  findStack,
  getStack,
  isDone,
  stackArn,
  stackNotFound,
  validation,
  type StackDefinition,
  type StackRec,
} from './model.js';
import { sameParameters } from './parameters.js';
import { prepare, spec } from './prepare.js';
import { renderEvent, renderResources, renderStack } from './render.js';
import { canonical, parsedTemplate, readTemplate } from './template.js';

const NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
export const UPDATABLE = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
];

export function checkStackName(name: string): void {
  if (!NAME.test(name)) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
}

export function newStack(
  ctx: OpContext,
  name: string,
  def: StackDefinition,
  input: Input,
): StackRec {
  const st: StackRec = {
    ...def,
    stackId: stackArn(ctx, name),
    stackName: name,
    status: 'REVIEW_IN_PROGRESS',
    creationTime: ctx.clock.now(),
    terminationProtection: input['EnableTerminationProtection'] === 'true',
    disableRollback: input['DisableRollback'] === 'true' || input['OnFailure'] === 'DO_NOTHING',
    outputs: [],
    resources: {},
    events: [],
  };
  cfnState(ctx.state, ctx.region).stacks[st.stackId] = st;
  return st;
}

export function notUpdatable(st: StackRec): ApiError {
  return validation(`Stack:${st.stackId} is in ${st.status} state and can not be updated.`);
}

/** "No changes": the same template (parsed) and the same resolved parameter values and tags. */
export function unchanged(st: StackRec, def: StackDefinition): boolean {
  return (
    canonical(parsedTemplate(def.templateBody)) === canonical(parsedTemplate(st.templateBody)) &&
    sameParameters(def.parameters, st.parameters) &&
    canonical(def.tags) === canonical(st.tags)
  );
}

function snapshot(st: StackRec) {
  const { templateBody, parameters, references, capabilities, tags, roleArn, description } = st;
  return structuredClone({
    definition: { templateBody, parameters, references, capabilities, tags, roleArn, description },
    resources: st.resources,
    outputs: st.outputs,
  });
}

export function startUpdate(
  ctx: OpContext,
  st: StackRec,
  def: StackDefinition,
  token?: string,
  changeSetId?: string,
): void {
  const previous = snapshot(st);
  Object.assign(st, def);
  beginOperation(st, 'UPDATE', ctx.clock.now(), {
    previous,
    token,
    changeSetId,
    actor: ctx.principal,
  });
}

async function createStack(input: Input, ctx: OpContext) {
  const name = str(input['StackName']) ?? '';
  checkStackName(name);
  const s = cfnState(ctx.state, ctx.region);
  const token = str(input['ClientRequestToken']);
  const existing = findStack(s, name);
  if (existing) {
    if (token && existing.events.some((e) => e.token === token))
      return { StackId: existing.stackId };
    throw new ApiError('AlreadyExistsException', `Stack [${name}] already exists`);
  }
  const p = await prepare(input, ctx, name);
  if (p.referenceError) throw validation(p.referenceError);
  const st = newStack(ctx, name, p.definition, input);
  beginOperation(st, 'CREATE', ctx.clock.now(), { token, actor: ctx.principal });
  return { StackId: st.stackId };
}

async function updateStack(input: Input, ctx: OpContext) {
  const st = getStack(cfnState(ctx.state, ctx.region), str(input['StackName']) ?? '');
  if (!UPDATABLE.includes(st.status)) throw notUpdatable(st);
  const p = await prepare(input, ctx, st.stackName, st);
  if (p.referenceError) throw validation(p.referenceError);
  // Dynamic references are not re-resolved for an unchanged template (cloudformation-coverage-roadmap#844).
  if (unchanged(st, p.definition)) throw validation('No updates are to be performed.');
  startUpdate(ctx, st, p.definition, str(input['ClientRequestToken']));
  return { StackId: st.stackId };
}

function deleteStack(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const given = str(input['StackName']) ?? '';
  const st = findStack(s, given);
  if (!st || st.status === 'DELETE_COMPLETE' || st.status === 'DELETE_IN_PROGRESS') return {};
  // The refusal names the stack as the caller gave it, name or id ("Stack [arn:aws:cloudformation:...]
  // cannot be deleted ..." for an id: floci-io/floci#1692, checked against AWS).
  if (st.terminationProtection)
    throw validation(`Stack [${given}] cannot be deleted while TerminationProtection is enabled`);
  if (!isDone(st.status))
    throw validation(`Stack [${st.stackName}] cannot be deleted while in status ${st.status}`);
  for (const [id, cs] of Object.entries(s.changeSets))
    if (cs.stackId === st.stackId) delete s.changeSets[id];
  beginOperation(st, 'DELETE', ctx.clock.now(), {
    token: str(input['ClientRequestToken']),
    actor: ctx.principal,
  });
  return {};
}

function describeStacks(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const name = str(input['StackName']);
  if (name) return { Stacks: [renderStack(getStack(s, name))] };
  return {
    Stacks: Object.values(s.stacks)
      .filter((x) => x.status !== 'DELETE_COMPLETE')
      .map(renderStack),
  };
}

export function pageOf<T>(
  items: T[],
  token: string | undefined,
  size: number,
  scope: string,
): { page: T[]; next?: string } {
  let start = 0;
  if (token) {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8') || '{}') as {
      o?: number;
      s?: string;
    };
    if (t.s !== scope || typeof t.o !== 'number') throw validation('Invalid NextToken');
    start = t.o;
  }
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return {
    page,
    next:
      end < items.length
        ? Buffer.from(JSON.stringify({ o: end, s: scope })).toString('base64url')
        : undefined,
  };
}

/** Events newest first, 100 a page (what the API returns per call). */
export const EVENTS_PAGE = 100;

function describeStackEvents(input: Input, ctx: OpContext) {
  const st = getStack(cfnState(ctx.state, ctx.region), str(input['StackName']) ?? '');
  const all = [...st.events].reverse();
  const { page, next } = pageOf(all, str(input['NextToken']), EVENTS_PAGE, `events:${st.stackId}`);
  return { StackEvents: page.map((e) => renderEvent(st, e)), NextToken: next };
}

function describeStackResources(input: Input, ctx: OpContext) {
  const st = getStack(
    cfnState(ctx.state, ctx.region),
    str(input['StackName']) ?? str(input['PhysicalResourceId']) ?? '',
  );
  const logical = str(input['LogicalResourceId']);
  return {
    StackResources: renderResources(st, false).filter(
      (r) => !logical || r.LogicalResourceId === logical,
    ),
  };
}

function listStackResources(input: Input, ctx: OpContext) {
  const st = getStack(cfnState(ctx.state, ctx.region), str(input['StackName']) ?? '');
  const { page, next } = pageOf(
    renderResources(st, true),
    str(input['NextToken']),
    100,
    `resources:${st.stackId}`,
  );
  return { StackResourceSummaries: page, NextToken: next };
}

function getTemplate(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const csName = str(input['ChangeSetName']);
  if (csName) {
    const cs = Object.values(s.changeSets).find(
      (c) =>
        c.id === csName ||
        (c.name === csName && c.stackId === findStack(s, str(input['StackName']) ?? '')?.stackId),
    );
    if (!cs) throw new ApiError('ChangeSetNotFound', `ChangeSet [${csName}] does not exist`, 404);
    return { TemplateBody: cs.definition.templateBody, StagesAvailable: ['Original', 'Processed'] };
  }
  const name = str(input['StackName']) ?? '';
  const st = findStack(s, name);
  if (!st) throw stackNotFound(name);
  return { TemplateBody: st.templateBody, StagesAvailable: ['Original', 'Processed'] };
}

/**
 * "You can set termination protection on a stack with any status except DELETE_IN_PROGRESS or
 * DELETE_COMPLETE" (User Guide, using-cfn-protect-stacks.html); a deleted stack is still found by
 * its id. The refusal's wording is ours (as notUpdatable's): the reference gives none.
 */
function updateTerminationProtection(input: Input, ctx: OpContext) {
  const st = getStack(cfnState(ctx.state, ctx.region), str(input['StackName']) ?? '');
  if (st.status === 'DELETE_IN_PROGRESS' || st.status === 'DELETE_COMPLETE')
    throw validation(
      `Stack:${st.stackId} is in ${st.status} state and its termination protection can not be updated.`,
    );
  st.terminationProtection = input['EnableTerminationProtection'] === 'true';
  return { StackId: st.stackId };
}

async function validateTemplate(input: Input) {
  const body = str(input['TemplateBody']);
  if (body === undefined)
    throw validation('Either Template URL or Template Body must be specified.');
  const t = readTemplate(body, await spec());
  return {
    Description: typeof t.Description === 'string' ? t.Description : undefined,
    Parameters: Object.entries(t.Parameters ?? {}).map(([k, p]) => ({
      ParameterKey: k,
      DefaultValue: p?.Default === undefined ? undefined : String(p.Default),
      NoEcho: p?.['NoEcho'] === true || p?.['NoEcho'] === 'true',
      Description: typeof p?.['Description'] === 'string' ? p['Description'] : undefined,
    })),
  };
}

export const stackOperations = {
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  DescribeStacks: describeStacks,
  DescribeStackEvents: describeStackEvents,
  DescribeStackResources: describeStackResources,
  ListStackResources: listStackResources,
  GetTemplate: getTemplate,
  UpdateTerminationProtection: updateTerminationProtection,
  ValidateTemplate: validateTemplate,
};
