/**
 * Our retry for the errors the AWS SDK's standard strategy does not retry (it retries throttling,
 * 5xx and transient network errors only): SSM's TooManyUpdates, Image Builder's
 * ResourceInUseException and the like. Bounded attempts, exponential with "equal jitter": the delay
 * is uniform in [cap/2, cap], so a retry always waits some time yet concurrent runs spread out.
 * Sleeps on the given Clock, so tests never wait.
 */
import type { Clock } from './clock.js';
import { awsErrorName } from './errors.js';

export interface BackoffPolicy {
  /** Total attempts, including the first. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

export interface BackoffOptions extends Partial<BackoffPolicy> {
  clock: Clock;
  /** AWS error names (SDK `name`) to retry; anything else is thrown at once. */
  retryOn: readonly string[];
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  attempts: 5,
  baseMs: 1_000,
  capMs: 20_000,
  random: Math.random,
};

/** Delay before retry `attempt` (0-based): uniform in [cap/2, cap], cap = min(capMs, baseMs·2^attempt). */
export function backoffDelay(
  attempt: number,
  policy: Pick<BackoffPolicy, 'baseMs' | 'capMs' | 'random'>,
): number {
  const cap = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.round(cap * (0.5 + policy.random() / 2));
}

export async function withBackoff<T>(fn: () => Promise<T>, opts: BackoffOptions): Promise<T> {
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...opts };
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const name = awsErrorName(e);
      if (attempt + 1 >= policy.attempts || name === undefined || !opts.retryOn.includes(name))
        throw e;
      const delay = backoffDelay(attempt, policy);
      opts.onRetry?.(attempt + 1, delay, e);
      await opts.clock.sleep(delay);
    }
  }
}
