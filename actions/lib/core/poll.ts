/**
 * The one polling loop for AWS resources that settle on their own time (an image build, a stack, an
 * SSM parameter's asynchronous validation): read, report progress, stop at an explicit terminal
 * state, the deadline or an abort; sleep on the given Clock between reads, so tests never wait.
 *
 * Not the SDK's waiters (`waitUntilChangeSetCreateComplete`, `waitUntilImageAvailable`...): they
 * sleep on real timers (no Clock), give no hook between attempts to stream stack events or print a
 * build's steps, and return only the last response; we need all three.
 */
import type { Clock } from './clock.js';

export interface PollOptions<T> {
  clock: Clock;
  /** Absolute deadline (clock.now() scale): no sleep goes past it, and the read at it is the last. */
  deadline: number;
  /** Milliseconds to the next read: fixed, or from the last value (an adaptive schedule). */
  intervalMs: number | ((value: T) => number);
  read: () => Promise<T>;
  /** The explicit terminal states: success and failure alike end the wait. */
  isTerminal: (value: T) => boolean;
  /** Called after every read with the value, e.g. to print new stack events or build steps. */
  onPoll?: (value: T) => Promise<void> | void;
  /** Aborted (job cancellation): the current sleep ends at once and the wait returns 'aborted'. */
  signal?: AbortSignal;
}

export interface PollResult<T> {
  /** The last value read. */
  value: T;
  /** How many reads. */
  polls: number;
  ended: 'terminal' | 'deadline' | 'aborted';
}

function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return clock.sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return Promise.race([
    clock.sleep(ms),
    new Promise<void>((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    ),
  ]);
}

export async function pollUntil<T>(o: PollOptions<T>): Promise<PollResult<T>> {
  for (let polls = 1; ; polls++) {
    const value = await o.read();
    await o.onPoll?.(value);
    if (o.isTerminal(value)) return { value, polls, ended: 'terminal' };
    if (o.signal?.aborted) return { value, polls, ended: 'aborted' };
    const left = o.deadline - o.clock.now();
    if (left <= 0) return { value, polls, ended: 'deadline' };
    const interval = typeof o.intervalMs === 'number' ? o.intervalMs : o.intervalMs(value);
    await sleep(o.clock, Math.max(0, Math.min(interval, left)), o.signal);
  }
}
