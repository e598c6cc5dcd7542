/**
 * The one AWS call layer: every call goes through `awsCall` (or `allPages` for a list), so errors
 * come back as AwsOperationError naming the operation and the resource, with the service's hint
 * for the errors a user can act on. The SDK retries throttling, 5xx and network errors itself;
 * a service's conflicts that it does not retry (Image Builder's ResourceInUseException, SSM's
 * TooManyUpdates) get a bounded, jittered backoff of ours on a swappable Clock (backoff.ts).
 * Lists are read only through the SDK's own paginators (`paginateListComponents`...).
 */
import { AwsOperationError, awsErrorName } from './errors.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { DEFAULT_BACKOFF, withBackoff, type BackoffPolicy } from './backoff.js';

export interface CallContext {
  clock: Clock;
  logger: Logger;
  /** Overrides the service's retry policy (tests set `random`, or fewer attempts). */
  retry?: Partial<BackoffPolicy>;
}

/** What a service adds to every call: the conflicts we retry, how, and hints by error. */
export interface ServicePolicy {
  /** AWS error names (SDK `name`) we retry; nothing else is retried by us. */
  retryOn: readonly string[];
  retry?: Partial<BackoffPolicy>;
  /** A hint for the error, where the user can act on it (a denial's comes from AwsOperationError). */
  hint?: (operation: string, error: unknown) => string | undefined | Promise<string | undefined>;
}

/** No retries of ours and no hints: only the wrapping. */
export const PLAIN: ServicePolicy = { retryOn: [] };

async function wrap(
  operation: string,
  resource: string,
  e: unknown,
  policy: ServicePolicy,
): Promise<AwsOperationError> {
  return new AwsOperationError(operation, resource, e, await policy.hint?.(operation, e));
}

/**
 * Runs one AWS call; retries the service's conflicts with our bounded backoff; everything else
 * (quota, AccessDenied, validation) fails at once, wrapped with the operation, the resource and,
 * where the user can act, a hint.
 */
export async function awsCall<T>(
  operation: string,
  resource: string,
  ctx: CallContext,
  fn: () => Promise<T>,
  policy: ServicePolicy = PLAIN,
): Promise<T> {
  const retry: BackoffPolicy = { ...DEFAULT_BACKOFF, ...policy.retry, ...ctx.retry };
  try {
    return await withBackoff(fn, {
      ...retry,
      clock: ctx.clock,
      retryOn: policy.retryOn,
      onRetry: (attempt, delay, e) =>
        ctx.logger.info(
          `${operation} on ${resource}: ${awsErrorName(e)}, retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}/${retry.attempts})`,
        ),
    });
  } catch (e) {
    throw await wrap(operation, resource, e, policy);
  }
}

/**
 * Every item of a paginated list, through the SDK's own paginator; errors wrapped as awsCall wraps
 * them. Reads are not retried by us: the SDK retries throttling.
 */
export async function allPages<P, T>(
  operation: string,
  resource: string,
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
  policy: ServicePolicy = PLAIN,
): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const page of pages) out.push(...(items(page) ?? []));
  } catch (e) {
    throw await wrap(operation, resource, e, policy);
  }
  return out;
}

/** The AWS error name behind an AwsOperationError (or the error itself). */
export function causeName(e: unknown): string | undefined {
  return e instanceof AwsOperationError ? e.awsName : awsErrorName(e);
}
