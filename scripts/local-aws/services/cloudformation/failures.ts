/**
 * Scripted resource failures, through the admin endpoint's existing build-failure route so no new
 * route is needed: `POST /__admin/build-failures {"pipeline": "cloudformation:<stack>", "step":
 * "<LogicalId>", "reason": "...", "region"?: "..."}` fails that resource on its next create or
 * update with `reason`; step `<LogicalId>:rollback` fails its restore during an update rollback
 * (the stack ends UPDATE_ROLLBACK_FAILED), `<LogicalId>:delete` its deletion (DELETE_FAILED).
 * Image Builder only consumes entries naming one of its pipelines, so these never collide.
 */
import type { BuildFailure, OpContext } from '../../types.js';

export const FAILURE_PREFIX = 'cloudformation:';

export function stackResourceFailure(
  stack: string,
  step: string,
  reason: string,
  region?: string,
): BuildFailure {
  return { pipeline: `${FAILURE_PREFIX}${stack}`, step, reason, ...(region ? { region } : {}) };
}

/** Consumes the scripted failure for `step` of `stack`, returning its reason. */
export function takeFailure(
  ctx: Pick<OpContext, 'buildFailures' | 'region'>,
  stack: string,
  step: string,
): string | undefined {
  const i = ctx.buildFailures.findIndex(
    (f) =>
      f.pipeline === `${FAILURE_PREFIX}${stack}` &&
      f.step === step &&
      (!f.region || f.region === ctx.region),
  );
  return i >= 0 ? ctx.buildFailures.splice(i, 1)[0]!.reason : undefined;
}
