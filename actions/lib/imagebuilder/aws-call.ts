/**
 * Every Image Builder call site goes through `awsCall`: errors come back as AwsOperationError naming the
 * operation and the resource, with a hint for the errors a user can act on. Conflicts the SDK does not
 * retry (it retries throttling and 5xx only) get a bounded, jittered backoff of ours on a swappable Clock.
 */
import { AwsOperationError, awsErrorName } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';

export const DEPLOY_ROLE_HINT = 'the deploy role (the GitHub OIDC role from stacks/github-oidc.yml)';

/** The Image Builder quota an operation most likely ran into, by operation. */
const QUOTAS: Record<string, string> = {
  CreateComponent: "'Components' (component versions per Region)",
  CreateImageRecipe: "'Image recipes' (recipe versions per Region)",
  CreateImagePipeline: "'Image pipelines' per Region",
  StartImagePipelineExecution: "'Concurrent image builds' (running builds per Region)",
};

const RETRYABLE_CONFLICTS = new Set(['ResourceInUseException', 'CallRateLimitExceededException']);

export interface RetryPolicy {
  /** Total attempts including the first. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 2_000, maxMs: 30_000, random: Math.random };

export interface CallContext {
  clock: Clock;
  logger: Logger;
  retry?: RetryPolicy;
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base·2^attempt)]. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(cap * (0.5 + policy.random() / 2));
}

export function hintFor(operation: string, name: string | undefined): string | undefined {
  if (name === 'AccessDeniedException' || name === 'ForbiddenException' || name === 'AccessDenied') {
    return `Grant imagebuilder:${operation} to ${DEPLOY_ROLE_HINT}`;
  }
  if (name === 'ServiceQuotaExceededException') {
    const q = QUOTAS[operation] ?? 'the EC2 Image Builder quota for this resource type';
    return `Quota ${q} is exhausted: request an increase in Service Quotas (EC2 Image Builder) or delete unused resources`;
  }
  return undefined;
}

/**
 * Runs one AWS call; retries ResourceInUseException and similar conflicts up to `retry.attempts` with
 * jittered backoff; everything else (ServiceQuotaExceeded, AccessDenied, validation) fails at once.
 */
export async function awsCall<T>(
  operation: string,
  resource: string,
  ctx: CallContext,
  fn: () => Promise<T>,
): Promise<T> {
  const policy = ctx.retry ?? DEFAULT_RETRY;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const name = awsErrorName(e);
      if (name && RETRYABLE_CONFLICTS.has(name) && attempt + 1 < policy.attempts) {
        const delay = backoffDelay(attempt, policy);
        ctx.logger.info(`${operation} on ${resource}: ${name}, retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 2}/${policy.attempts})`);
        await ctx.clock.sleep(delay);
        continue;
      }
      throw new AwsOperationError(operation, resource, e, hintFor(operation, name));
    }
  }
}

/** The AWS error name behind an AwsOperationError (or the error itself). */
export function causeName(e: unknown): string | undefined {
  return e instanceof AwsOperationError ? e.awsName : awsErrorName(e);
}
