import type { Clock } from '../../core/clock.js';
import { AwsOperationError } from '../../core/errors.js';

/**
 * One polling helper with explicit terminal states. Not the SDK's waiters
 * (`waitUntilChangeSetCreateComplete`, `waitUntilStackUpdateComplete`): they sleep on real timers
 * (no Clock), give no hook between attempts to stream stack events, and return only the last
 * response; we need all three.
 */
export interface PollOptions<T> {
  clock: Clock;
  /** Absolute deadline (clock.now() scale). */
  deadline: number;
  intervalMs: number;
  /** Names the wait in the timeout error, e.g. `stack app in us-east-1`. */
  what: string;
  read: () => Promise<T>;
  isTerminal: (value: T) => boolean;
  /** Called after every read, e.g. to print new stack events. */
  onPoll?: (value: T) => Promise<void> | void;
  describe?: (value: T) => string;
}

export async function pollUntil<T>(o: PollOptions<T>): Promise<T> {
  for (;;) {
    const value = await o.read();
    await o.onPoll?.(value);
    if (o.isTerminal(value)) return value;
    if (o.clock.now() >= o.deadline) {
      throw new AwsOperationError(
        'Wait',
        o.what,
        new Error(`still ${o.describe?.(value) ?? 'not done'} at the deadline`),
        'Raise timeout-minutes, or look at the stack in the console; a re-run waits for it to settle',
      );
    }
    await o.clock.sleep(o.intervalMs);
  }
}
