/**
 * The stack operation state machine, advanced by the clock on every request (`tick`). Resources
 * are processed one at a time in dependency order (CloudFormation runs independent ones in
 * parallel; the order of events differs, the outcome does not); steps.ts starts and finishes each.
 * Statuses follow the API reference's StackStatus: CREATE_IN_PROGRESS → CREATE_COMPLETE |
 * ROLLBACK_IN_PROGRESS → ROLLBACK_COMPLETE; UPDATE_IN_PROGRESS → UPDATE_COMPLETE_CLEANUP_IN_PROGRESS
 * → UPDATE_COMPLETE | UPDATE_ROLLBACK_IN_PROGRESS → UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS →
 * UPDATE_ROLLBACK_COMPLETE; DELETE_IN_PROGRESS → DELETE_COMPLETE.
 */
import { activeOrder, evaluateOutputs, stackEvalInput } from './evaluation.js';
import { setStatus } from './events.js';
import { cfnState, type EngineCtx, type Operation, type StackRec, type Step } from './model.js';
import { finishStep, startStep } from './steps.js';

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
    const ids = activeOrder(st).reverse();
    op.queue = live
      .sort((a, b) => ids.indexOf(a.logicalId) - ids.indexOf(b.logicalId))
      .map((r) => ({ logicalId: r.logicalId, action: 'delete' }));
  } else {
    op.queue = activeOrder(st).map((logicalId) => ({
      logicalId,
      action: kind === 'CREATE' ? 'create' : 'update',
    }));
  }
  st.op = op;
  if (kind === 'UPDATE') st.lastUpdatedTime = at;
  setStatus(st, `${kind}_IN_PROGRESS`, 'User Initiated', at, op.token);
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
    st.outputs = evaluateOutputs(stackEvalInput(ctx, st));
    return end(ctx, st, 'CREATE_COMPLETE', undefined, t);
  }
  if (op.phase === 'apply') {
    st.outputs = evaluateOutputs(stackEvalInput(ctx, st));
    const active = new Set(activeOrder(st));
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
      const verdict = finishStep(ctx, st, cur);
      if (verdict && 'end' in verdict) end(ctx, st, verdict.end, verdict.reason, cur.dueAt);
      else if (verdict) startRollback(ctx, st, cur.dueAt);
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
