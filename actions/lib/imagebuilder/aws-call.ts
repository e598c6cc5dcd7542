/**
 * Every Image Builder call site goes through `awsCall`: errors come back as AwsOperationError naming the
 * operation and the resource, with a hint for the errors a user can act on. Conflicts the SDK does not
 * retry (it retries throttling and 5xx only) get a bounded, jittered backoff of ours on a swappable Clock.
 */
import { AwsOperationError, awsErrorName } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { withBackoff, type BackoffPolicy } from '../core/backoff.js';

/** The Image Builder quota an operation most likely ran into, by operation. */
const QUOTAS: Record<string, string> = {
  CreateComponent: "'Components' (component versions per Region)",
  CreateImageRecipe: "'Image recipes' (recipe versions per Region)",
  CreateImagePipeline: "'Image pipelines' per Region",
  StartImagePipelineExecution: "'Concurrent image builds' (running builds per Region)",
};

/** Conflicts the SDK does not retry (it retries throttling and 5xx only). */
const RETRYABLE_CONFLICTS = ['ResourceInUseException', 'CallRateLimitExceededException'];

export const DEFAULT_RETRY: BackoffPolicy = {
  attempts: 5,
  baseMs: 2_000,
  capMs: 30_000,
  random: Math.random,
};

export interface CallContext {
  clock: Clock;
  logger: Logger;
  retry?: BackoffPolicy;
}

/** A denial's hint (the statement of the stacks file to change) comes from AwsOperationError. */
export function hintFor(operation: string, name: string | undefined): string | undefined {
  if (name === 'ServiceQuotaExceededException') {
    const q = QUOTAS[operation] ?? 'the EC2 Image Builder quota for this resource type';
    return `Quota ${q} is exhausted: request an increase in Service Quotas (EC2 Image Builder) or delete unused resources`;
  }
  return undefined;
}

/**
 * Runs one AWS call; retries ResourceInUseException and similar conflicts with our bounded backoff;
 * everything else (ServiceQuotaExceeded, AccessDenied, validation) fails at once, wrapped with the
 * operation, the resource and, where the user can act, a hint.
 */
export async function awsCall<T>(
  operation: string,
  resource: string,
  ctx: CallContext,
  fn: () => Promise<T>,
): Promise<T> {
  const policy = ctx.retry ?? DEFAULT_RETRY;
  try {
    return await withBackoff(fn, {
      ...policy,
      clock: ctx.clock,
      retryOn: RETRYABLE_CONFLICTS,
      onRetry: (attempt, delay, e) =>
        ctx.logger.info(
          `${operation} on ${resource}: ${awsErrorName(e)}, retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}/${policy.attempts})`,
        ),
    });
  } catch (e) {
    throw new AwsOperationError(operation, resource, e, hintFor(operation, awsErrorName(e)));
  }
}

/**
 * Every item of a paginated list, through the SDK's own paginator (`paginateListComponents`...);
 * errors wrapped as awsCall wraps them. Reads are not retried by us: the SDK retries throttling.
 */
export async function allPages<P, T>(
  operation: string,
  resource: string,
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const page of pages) out.push(...(items(page) ?? []));
  } catch (e) {
    throw new AwsOperationError(operation, resource, e, hintFor(operation, awsErrorName(e)));
  }
  return out;
}

/** The AWS error name behind an AwsOperationError (or the error itself). */
export function causeName(e: unknown): string | undefined {
  return e instanceof AwsOperationError ? e.awsName : awsErrorName(e);
}
