/**
 * The stack operation state machine, advanced by the clock on every request (`tick`). Resources
 * are processed one at a time in dependency order (CloudFormation runs independent ones in
 * parallel; the order of events differs, the outcome does not). Statuses follow the API
 * reference's StackStatus: CREATE_IN_PROGRESS → CREATE_COMPLETE | ROLLBACK_IN_PROGRESS →
 * ROLLBACK_COMPLETE; UPDATE_IN_PROGRESS → UPDATE_COMPLETE_CLEANUP_IN_PROGRESS → UPDATE_COMPLETE |
 * UPDATE_ROLLBACK_IN_PROGRESS → UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS →
 * UPDATE_ROLLBACK_COMPLETE; DELETE_IN_PROGRESS → DELETE_COMPLETE.
 */
import {
  IntrinsicError,
  resourceDependencies,
  type ResourceSpec,
} from '../../../../actions/lib/cloudformation/index.js';
import type { OpContext } from '../../types.js';
import { classify } from './diff.js';
import { evalContext, evaluateOutputs, resourceProperties, type EvalInput } from './evaluation.js';
import {
  cfnState,
  stepMs,
  type Operation,
  type ResourceRec,
  type StackRec,
  type Step,
} from './model.js';
import {
  createResource,
  deleteResource,
  restoreResource,
  updateResource,
  type Outcome,
} from './resources.js';
import { activeResources, parsedTemplate } from './template.js';
import { addEvent, setStatus } from './events.js';
import { takeFailure } from './failures.js';
import { authorizeStep } from './resource-authz.js';

export type EngineCtx = Omit<OpContext, 'operation' | 'requestId' | 'service'> & {
  spec: ResourceSpec;
};

function evalInput(ctx: EngineCtx, st: StackRec): EvalInput {
  return {
    template: parsedTemplate(st.templateBody),
    definition: st,
    stackName: st.stackName,
    stackId: st.stackId,
    region: ctx.region,
    accountId: ctx.accountId,
    resources: st.resources,
  };
}

function order(st: StackRec): string[] {
  const t = parsedTemplate(st.templateBody);
  const active = new Set(
    activeResources(
      t,
      evalContext({
        template: t,
        definition: st,
        stackName: st.stackName,
        stackId: st.stackId,
        region: '',
        accountId: '',
        resources: {},
      }),
    ),
  );
  return resourceDependencies(t).order.filter((id) => active.has(id));
}

export function beginOperation(
  st: StackRec,
  kind: Operation['kind'],
  at: number,
  extra: Partial<Operation> = {},
): void {
  const op: Operation = {
    kind,
    phase: 'apply',
    queue: [],
    at,
    superseded: [],
    touched: [],
    failed: [],
    ...extra,
  };
  // The stack keeps who acts for it, not their session's secrets (the state may be persisted).
  const s = extra.actor?.session;
  if (s) op.actor = { ...extra.actor!, session: { ...s, secretAccessKey: '', sessionToken: '' } };
  if (kind === 'DELETE') {
    const live = Object.values(st.resources).filter(
      (r) => !r.status.startsWith('DELETE_COMPLETE') && r.physicalId,
    );
    const ids = order(st).reverse();
    op.queue = live
      .sort((a, b) => ids.indexOf(a.logicalId) - ids.indexOf(b.logicalId))
      .map((r) => ({ logicalId: r.logicalId, action: 'delete' }));
  } else {
    op.queue = order(st).map((logicalId) => ({
      logicalId,
      action: kind === 'CREATE' ? 'create' : 'update',
    }));
  }
  st.op = op;
  if (kind === 'UPDATE') st.lastUpdatedTime = at;
  setStatus(st, `${kind}_IN_PROGRESS`, 'User Initiated', at, op.token);
}

function fail(reason: string): Outcome {
  return { ok: false, reason };
}

/** Starts `step` at `t`: its first events and the outcome it reaches when its time is up. */
function startStep(
  ctx: EngineCtx,
  st: StackRec,
  step: Step,
  t: number,
): Operation['current'] | undefined {
  const op = st.op!;
  const pc = { ...ctx, stackName: st.stackName, clock: { now: () => t, sleep: ctx.clock.sleep } };
  const old = st.resources[step.logicalId];
  const due = (type: string) => t + stepMs(ctx.settings, type);
  if (step.action === 'delete' || step.action === 'cleanup') {
    const rec = step.rec ?? old;
    if (!rec) return undefined;
    const injected = takeFailure(ctx, st.stackName, `${step.logicalId}:delete`);
    if (rec.physicalId) addEvent(st, rec, 'DELETE_IN_PROGRESS', undefined, t, op.token);
    const denied =
      injected || !rec.physicalId
        ? undefined
        : authorizeStep(pc, st, {
            op: 'delete',
            logicalId: step.logicalId,
            type: rec.type,
            physicalId: rec.physicalId,
            props: rec.properties,
            old: rec,
          });
    const reason = injected ?? denied;
    return {
      step: { ...step, rec },
      dueAt: due(rec.type),
      outcome: reason ? fail(reason) : { ok: true },
    };
  }
  if (step.action === 'restore') {
    const injected = takeFailure(ctx, st.stackName, `${step.logicalId}:rollback`);
    addEvent(st, step.rec!, 'UPDATE_IN_PROGRESS', undefined, t, op.token);
    const now = st.resources[step.logicalId];
    const denied =
      injected || !now || now.physicalId !== step.rec!.physicalId
        ? undefined
        : authorizeStep(pc, st, {
            op: 'update',
            logicalId: step.logicalId,
            type: step.rec!.type,
            physicalId: step.rec!.physicalId,
            props: step.rec!.properties,
            old: now,
          });
    const reason = injected ?? denied;
    return {
      step,
      dueAt: due(step.rec!.type),
      outcome: reason ? fail(reason) : { ok: true, rec: step.rec },
    };
  }
  const e = evalInput(ctx, st);
  const type = String(e.template.Resources?.[step.logicalId]?.Type);
  let props: Record<string, unknown>;
  try {
    props = resourceProperties(e, step.logicalId, evalContext(e));
  } catch (err) {
    if (!(err instanceof IntrinsicError)) throw err;
    return begin(st, step, type, old, t, fail(`Template error: ${err.message}`), due(type));
  }
  const c = classify(old, type, props);
  if (c.action === 'none') return undefined;
  const injected = takeFailure(ctx, st.stackName, step.logicalId);
  const s = {
    ...step,
    action: c.action === 'create' ? 'create' : c.action === 'replace' ? 'replace' : 'update',
  } as Step;
  let outcome: Outcome;
  const updating = c.action === 'update' && old;
  const authorize = (physicalId: string) =>
    authorizeStep(pc, st, {
      op: updating ? 'update' : 'create',
      logicalId: step.logicalId,
      type,
      physicalId,
      props,
      old: updating ? old : undefined,
      getAzs: JSON.stringify(e.template.Resources?.[step.logicalId] ?? {}).includes('"Fn::GetAZs"'),
    });
  if (injected) outcome = fail(injected);
  else if (updating) outcome = updateResource({ ...pc, authorize }, old, props);
  else outcome = createResource({ ...pc, authorize }, step.logicalId, type, props);
  return begin(st, s, type, old, t, outcome, due(type));
}

function begin(
  st: StackRec,
  step: Step,
  type: string,
  old: ResourceRec | undefined,
  t: number,
  outcome: Outcome,
  dueAt: number,
): Operation['current'] {
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

function finishStep(ctx: EngineCtx, st: StackRec, cur: NonNullable<Operation['current']>): void {
  const op = st.op!;
  const { step, outcome } = cur;
  const t = cur.dueAt;
  const pc = { ...ctx, stackName: st.stackName };
  if (step.action === 'delete' || step.action === 'cleanup' || step.action === 'restore') {
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
      return end(
        ctx,
        st,
        stackStatus,
        `The following resource(s) failed to ${failed === 'UPDATE_FAILED' ? 'update' : 'delete'}: [${step.logicalId}]. `,
        t,
      );
    }
    if (step.action === 'restore') {
      restoreResource(pc, rec);
      st.resources[step.logicalId] = { ...rec, status: 'UPDATE_COMPLETE', timestamp: t };
      addEvent(st, rec, 'UPDATE_COMPLETE', undefined, t, op.token);
      return;
    }
    if (rec.physicalId) deleteResource(pc, rec);
    addEvent(st, rec, 'DELETE_COMPLETE', undefined, t, op.token);
    const cur2 = st.resources[step.logicalId];
    if (cur2 && cur2.physicalId === rec.physicalId) {
      if (op.kind === 'UPDATE') delete st.resources[step.logicalId];
      else cur2.status = 'DELETE_COMPLETE';
    }
    return;
  }
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
    return startRollback(ctx, st, t);
  }
  const rec: ResourceRec = {
    ...outcome.rec!,
    status: creating ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE',
    timestamp: t,
  };
  if (step.action === 'replace') op.superseded.push(structuredClone(st.resources[step.logicalId]!));
  st.resources[step.logicalId] = rec;
  addEvent(st, rec, rec.status, undefined, t, op.token);
}

function startRollback(ctx: EngineCtx, st: StackRec, t: number): void {
  const op = st.op!;
  const reason = `The following resource(s) failed to ${op.failedAction ?? 'create'}: [${op.failed.join(', ')}]. `;
  if (st.disableRollback) return end(ctx, st, `${op.kind}_FAILED`, reason, t);
  op.phase = 'rollback';
  if (op.kind === 'CREATE') {
    setStatus(st, 'ROLLBACK_IN_PROGRESS', `${reason}Rollback requested by user.`, t, op.token);
    op.queue = [...op.touched].reverse().map((s) => ({ logicalId: s.logicalId, action: 'delete' }));
    return;
  }
  setStatus(st, 'UPDATE_ROLLBACK_IN_PROGRESS', reason, t, op.token);
  const prev = op.previous!;
  Object.assign(st, prev.definition);
  st.outputs = prev.outputs;
  const discard: Step[] = [];
  op.queue = [];
  for (const s of [...op.touched].reverse()) {
    const now = st.resources[s.logicalId];
    if (s.rec) op.queue.push({ logicalId: s.logicalId, action: 'restore', rec: s.rec });
    if (now?.physicalId && now.physicalId !== s.rec?.physicalId)
      discard.push({ logicalId: s.logicalId, action: 'cleanup', rec: now });
    else if (!s.rec && now) delete st.resources[s.logicalId];
  }
  op.superseded = discard.map((d) => d.rec!);
}

function end(
  ctx: EngineCtx,
  st: StackRec,
  status: string,
  reason: string | undefined,
  t: number,
): void {
  const op = st.op!;
  setStatus(st, status, reason, t, op.token);
  if (status === 'DELETE_COMPLETE') st.deletionTime = t;
  const cs = op.changeSetId
    ? cfnState(ctx.state, ctx.region).changeSets[op.changeSetId]
    : undefined;
  if (cs)
    cs.executionStatus = /^(CREATE|UPDATE)_COMPLETE$/.test(status)
      ? 'EXECUTE_COMPLETE'
      : 'EXECUTE_FAILED';
  st.op = undefined;
}

/** The operation's next phase once its queue is empty. */
function nextPhase(ctx: EngineCtx, st: StackRec, t: number): void {
  const op = st.op!;
  if (op.kind === 'DELETE') return end(ctx, st, 'DELETE_COMPLETE', undefined, t);
  if (op.kind === 'CREATE') {
    if (op.phase === 'rollback') {
      st.outputs = [];
      return end(ctx, st, 'ROLLBACK_COMPLETE', undefined, t);
    }
    st.outputs = evaluateOutputs(evalInput(ctx, st));
    return end(ctx, st, 'CREATE_COMPLETE', undefined, t);
  }
  if (op.phase === 'apply') {
    st.outputs = evaluateOutputs(evalInput(ctx, st));
    const active = new Set(order(st));
    const removed = Object.values(st.resources)
      .filter((r) => !active.has(r.logicalId))
      .reverse();
    op.queue = [
      ...op.superseded.map((rec) => ({
        logicalId: rec.logicalId,
        action: 'cleanup' as const,
        rec,
      })),
      ...removed.map((rec) => ({ logicalId: rec.logicalId, action: 'delete' as const, rec })),
    ];
    op.phase = 'cleanup';
    return setStatus(st, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', undefined, t, op.token);
  }
  if (op.phase === 'cleanup') return end(ctx, st, 'UPDATE_COMPLETE', undefined, t);
  if (op.phase === 'rollback') {
    op.queue = op.superseded.map((rec) => ({
      logicalId: rec.logicalId,
      action: 'cleanup' as const,
      rec,
    }));
    op.phase = 'rollback-cleanup';
    return setStatus(st, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined, t, op.token);
  }
  return end(ctx, st, 'UPDATE_ROLLBACK_COMPLETE', undefined, t);
}

/** Runs every step of `st`'s operation that is due by `now`. */
export function advance(ctx: EngineCtx, st: StackRec, now: number): void {
  for (let guard = 0; st.op && guard < 10_000; guard++) {
    const op = st.op;
    if (op.current) {
      if (op.current.dueAt > now) return;
      const cur = op.current;
      op.current = undefined;
      op.at = cur.dueAt;
      finishStep(ctx, st, cur);
      continue;
    }
    if (op.at > now) return;
    const step = op.queue.shift();
    if (!step) {
      nextPhase(ctx, st, op.at);
      continue;
    }
    op.current = startStep(ctx, st, step, op.at);
  }
}
