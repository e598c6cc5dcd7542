/**
 * One resource step of a stack operation (engine.ts runs them in order): its start, with its first
 * events, the authorization CloudFormation's handler would meet and the outcome it will reach when
 * its time is up; and its finish, with the resource's record and events. A step that fails tells
 * the engine what the stack does next (end in a failed status, or roll back).
 */
import { IntrinsicError } from '../../../../actions/lib/cloudformation/index.js';
import { classify } from './diff.js';
import { evalContext, resourceProperties, stackEvalInput } from './evaluation.js';
import { addEvent } from './events.js';
import { takeFailure } from './failures.js';
import {
  stepMs,
  type EngineCtx,
  type Operation,
  type ResourceRec,
  type StackRec,
  type Step,
} from './model.js';
import { authorizeStep } from './resource-authz.js';
import {
  createResource,
  deleteResource,
  restoreResource,
  updateResource,
  type Outcome,
} from './resources.js';

type Current = NonNullable<Operation['current']>;

/** What the stack does after a step failed: end in a failed status, or roll back. */
export type StepVerdict = { end: string; reason: string } | { rollback: true };

function fail(reason: string): Outcome {
  return { ok: false, reason };
}

/** The provisioning context of a step that starts at `t`. */
function provisioning(ctx: EngineCtx, st: StackRec, t: number) {
  return { ...ctx, stackName: st.stackName, clock: { now: () => t, sleep: ctx.clock.sleep } };
}

/** Starts `step` at `t`: its first events and the outcome it reaches when its time is up. */
export function startStep(
  ctx: EngineCtx,
  st: StackRec,
  step: Step,
  t: number,
): Current | undefined {
  if (step.action === 'delete' || step.action === 'cleanup') return startRemoval(ctx, st, step, t);
  if (step.action === 'restore') return startRestore(ctx, st, step, t);
  return startApply(ctx, st, step, t);
}

/** Authorizes the handler's calls to delete `rec`, or to put it back as recorded (a rollback). */
function authorizeRecord(
  ctx: EngineCtx,
  st: StackRec,
  t: number,
  op: 'delete' | 'update',
  logicalId: string,
  rec: ResourceRec,
  old: ResourceRec,
): string | undefined {
  return authorizeStep(provisioning(ctx, st, t), st, {
    op,
    logicalId,
    type: rec.type,
    physicalId: rec.physicalId,
    props: rec.properties,
    old,
  });
}

function startRemoval(ctx: EngineCtx, st: StackRec, step: Step, t: number): Current | undefined {
  const rec = step.rec ?? st.resources[step.logicalId];
  if (!rec) return undefined;
  const injected = takeFailure(ctx, st.stackName, `${step.logicalId}:delete`);
  if (rec.physicalId) addEvent(st, rec, 'DELETE_IN_PROGRESS', undefined, t, st.op!.token);
  const denied =
    injected || !rec.physicalId
      ? undefined
      : authorizeRecord(ctx, st, t, 'delete', step.logicalId, rec, rec);
  const reason = injected ?? denied;
  return {
    step: { ...step, rec },
    dueAt: t + stepMs(ctx.settings, rec.type),
    outcome: reason ? fail(reason) : { ok: true },
  };
}

function startRestore(ctx: EngineCtx, st: StackRec, step: Step, t: number): Current {
  const rec = step.rec!;
  const injected = takeFailure(ctx, st.stackName, `${step.logicalId}:rollback`);
  addEvent(st, rec, 'UPDATE_IN_PROGRESS', undefined, t, st.op!.token);
  const now = st.resources[step.logicalId];
  const denied =
    injected || !now || now.physicalId !== rec.physicalId
      ? undefined
      : authorizeRecord(ctx, st, t, 'update', step.logicalId, rec, now);
  const reason = injected ?? denied;
  return {
    step,
    dueAt: t + stepMs(ctx.settings, rec.type),
    outcome: reason ? fail(reason) : { ok: true, rec },
  };
}

/** A create or update step: the resource's properties evaluated, then created, updated or replaced. */
function startApply(ctx: EngineCtx, st: StackRec, step: Step, t: number): Current | undefined {
  const pc = provisioning(ctx, st, t);
  const old = st.resources[step.logicalId];
  const e = stackEvalInput(ctx, st);
  const resource = e.template.Resources?.[step.logicalId];
  const type = String(resource?.Type);
  const dueAt = t + stepMs(ctx.settings, type);
  let props: Record<string, unknown>;
  try {
    props = resourceProperties(e, step.logicalId, evalContext(e));
  } catch (err) {
    if (!(err instanceof IntrinsicError)) throw err;
    return recordStart(st, step, type, old, t, fail(`Template error: ${err.message}`), dueAt);
  }
  const c = classify(old, type, props);
  if (c.action === 'none') return undefined;
  const injected = takeFailure(ctx, st.stackName, step.logicalId);
  const action = c.action === 'create' ? 'create' : c.action === 'replace' ? 'replace' : 'update';
  const updating = c.action === 'update' && old;
  const authorize = (physicalId: string) =>
    authorizeStep(pc, st, {
      op: updating ? 'update' : 'create',
      logicalId: step.logicalId,
      type,
      physicalId,
      props,
      old: updating ? old : undefined,
      getAzs: JSON.stringify(resource ?? {}).includes('"Fn::GetAZs"'),
    });
  let outcome: Outcome;
  if (injected) outcome = fail(injected);
  else if (updating) outcome = updateResource({ ...pc, authorize }, old, props);
  else outcome = createResource({ ...pc, authorize }, step.logicalId, type, props);
  return recordStart(st, { ...step, action }, type, old, t, outcome, dueAt);
}

/** The events of a create or update step's start, and the record it leaves while in progress. */
function recordStart(
  st: StackRec,
  step: Step,
  type: string,
  old: ResourceRec | undefined,
  t: number,
  outcome: Outcome,
  dueAt: number,
): Current {
  const op = st.op!;
  const creating = step.action === 'create';
  const placeholder: ResourceRec =
    old && !creating
      ? old
      : {
          logicalId: step.logicalId,
          type,
          physicalId: '',
          status: '',
          timestamp: t,
          properties: {},
          attributes: {},
        };
  const status = creating ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
  addEvent(st, placeholder, status, undefined, t, op.token);
  if (outcome.ok && step.action === 'replace') {
    addEvent(
      st,
      { ...placeholder, physicalId: outcome.rec.physicalId },
      status,
      'Requested update requires the creation of a new physical resource; hence creating one.',
      t,
      op.token,
    );
  } else if (outcome.ok && creating)
    addEvent(st, outcome.rec, status, 'Resource creation Initiated', t, op.token);
  op.touched.push({
    logicalId: step.logicalId,
    action: step.action,
    rec: old ? structuredClone(old) : undefined,
  });
  if (creating) st.resources[step.logicalId] = { ...placeholder, status, timestamp: t };
  return { step, dueAt, outcome };
}

/** Finishes the current step at its due time; a failure says what the stack does next. */
export function finishStep(ctx: EngineCtx, st: StackRec, cur: Current): StepVerdict | undefined {
  const { action } = cur.step;
  if (action === 'delete' || action === 'cleanup' || action === 'restore')
    return finishRemoval(ctx, st, cur);
  return finishApply(st, cur);
}

/** A delete, cleanup or restore step's end. */
function finishRemoval(ctx: EngineCtx, st: StackRec, cur: Current): StepVerdict | undefined {
  const op = st.op!;
  const { step, outcome } = cur;
  const t = cur.dueAt;
  const pc = { ...ctx, stackName: st.stackName };
  const rec = step.rec!;
  if (!outcome.ok) {
    const failed = step.action === 'restore' ? 'UPDATE_FAILED' : 'DELETE_FAILED';
    addEvent(st, rec, failed, outcome.reason, t, op.token);
    op.failed.push(step.logicalId);
    const stackStatus =
      op.phase === 'rollback'
        ? op.kind === 'CREATE'
          ? 'ROLLBACK_FAILED'
          : 'UPDATE_ROLLBACK_FAILED'
        : 'DELETE_FAILED';
    if (st.resources[step.logicalId]) st.resources[step.logicalId]!.status = failed;
    return {
      end: stackStatus,
      reason: `The following resource(s) failed to ${failed === 'UPDATE_FAILED' ? 'update' : 'delete'}: [${step.logicalId}]. `,
    };
  }
  if (step.action === 'restore') {
    restoreResource(pc, rec);
    st.resources[step.logicalId] = { ...rec, status: 'UPDATE_COMPLETE', timestamp: t };
    addEvent(st, rec, 'UPDATE_COMPLETE', undefined, t, op.token);
    return undefined;
  }
  if (rec.physicalId) deleteResource(pc, rec);
  addEvent(st, rec, 'DELETE_COMPLETE', undefined, t, op.token);
  const now = st.resources[step.logicalId];
  if (now && now.physicalId === rec.physicalId) {
    if (op.kind === 'UPDATE') delete st.resources[step.logicalId];
    else now.status = 'DELETE_COMPLETE';
  }
  return undefined;
}

/** A create, update or replace step's end: the resource complete, or failed (then a rollback). */
function finishApply(st: StackRec, cur: Current): StepVerdict | undefined {
  const op = st.op!;
  const { step, outcome } = cur;
  const t = cur.dueAt;
  const creating = step.action === 'create';
  if (!outcome.ok) {
    const failed = creating ? 'CREATE_FAILED' : 'UPDATE_FAILED';
    const prev = st.resources[step.logicalId]!;
    addEvent(st, prev, failed, outcome.reason, t, op.token);
    if (creating)
      st.resources[step.logicalId] = {
        ...prev,
        status: failed,
        reason: outcome.reason,
        timestamp: t,
      };
    op.failed.push(step.logicalId);
    op.failedAction = creating ? 'create' : 'update';
    return { rollback: true };
  }
  const rec: ResourceRec = {
    ...outcome.rec!,
    status: creating ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE',
    timestamp: t,
  };
  if (step.action === 'replace') op.superseded.push(structuredClone(st.resources[step.logicalId]!));
  st.resources[step.logicalId] = rec;
  addEvent(st, rec, rec.status, undefined, t, op.token);
  return undefined;
}
