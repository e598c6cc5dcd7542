/**
 * The authorization decisions the emulator made, in order: who asked for which action on which
 * resource, the outcome and the statements that decided it (policy, its source in a stack, Sid).
 * `npm run iam-audit` reads them (admin `GET /__admin/decisions`, or `admin.decisions()` in
 * process) to count which grant each call used. Kept in memory, not in the persisted state.
 */
import type { Decision } from '../../../actions/lib/iam/evaluate.js';

export interface DecisionRecord {
  /** Emulator clock, epoch ms. */
  at: number;
  requestId: string;
  /** `service.Operation` of the API call, or `cloudformation:<stack>/<logicalId>` for a resource step. */
  call: string;
  region: string;
  principal: string;
  action: string;
  resource: string;
  decision: Decision['decision'];
  statements: Decision['statements'];
  /** The request's condition keys (for reading why a condition did or did not hold). */
  context?: Record<string, unknown>;
}

/** Oldest records are dropped past this many (a long chaos run makes hundreds of thousands). */
export const MAX_DECISIONS = 200_000;

export interface DecisionSink {
  decisions: DecisionRecord[];
}

interface RecordCtx extends DecisionSink {
  clock: { now(): number };
  requestId: string;
  service: string;
  operation: string;
  region: string;
}

export function recordDecision(
  ctx: RecordCtx,
  d: {
    principal: string;
    action: string;
    resource: string;
    decision: Decision;
    context?: Record<string, unknown>;
    call?: string;
  },
): void {
  ctx.decisions.push({
    at: ctx.clock.now(),
    requestId: ctx.requestId,
    call: d.call ?? `${ctx.service}.${ctx.operation}`,
    region: ctx.region,
    principal: d.principal,
    action: d.action,
    resource: d.resource,
    decision: d.decision.decision,
    statements: d.decision.statements,
    ...(d.context ? { context: d.context } : {}),
  });
  if (ctx.decisions.length > MAX_DECISIONS)
    ctx.decisions.splice(0, ctx.decisions.length - MAX_DECISIONS);
}
