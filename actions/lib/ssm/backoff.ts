import type { Clock } from '../core/clock.js';
import { awsErrorName } from '../core/errors.js';

/**
 * SSM answers concurrent writes to one parameter with `TooManyUpdates` ("There are concurrent
 * updates for the resource that you're trying to update"). The SDK's standard retry strategy does
 * not treat it as retryable (it is neither a throttling nor a transient error code), so we retry it
 * ourselves: bounded attempts, full jitter (delay = random × min(cap, base × 2^attempt)).
 */
export interface BackoffOptions {
  clock: Clock;
  /** Total attempts including the first. */
  attempts?: number;
  baseMs?: number;
  capMs?: number;
  /** [0, 1); injectable so tests are deterministic. */
  random?: () => number;
  /** Error names to retry. */
  retryOn?: readonly string[];
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

export const DEFAULT_BACKOFF = { attempts: 6, baseMs: 500, capMs: 10_000 } as const;

export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

export async function withBackoff<T>(fn: () => Promise<T>, opts: BackoffOptions): Promise<T> {
  const attempts = opts.attempts ?? DEFAULT_BACKOFF.attempts;
  const baseMs = opts.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const capMs = opts.capMs ?? DEFAULT_BACKOFF.capMs;
  const random = opts.random ?? Math.random;
  const retryOn = opts.retryOn ?? ['TooManyUpdates'];
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const name = awsErrorName(e);
      if (attempt + 1 >= attempts || name === undefined || !retryOn.includes(name)) throw e;
      const delay = backoffDelay(attempt, baseMs, capMs, random);
      opts.onRetry?.(attempt + 1, delay, e);
      await opts.clock.sleep(delay);
    }
  }
}
