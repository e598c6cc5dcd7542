import { AwsOperationError } from '../../core/errors.js';
import { pollUntil, type PollOptions } from '../../core/poll.js';

/** A stack or change-set wait: core's pollUntil, where the deadline is an error naming the wait. */
export interface StackPollOptions<T> extends Omit<PollOptions<T>, 'signal'> {
  /** Names the wait in the timeout error, e.g. `stack app in us-east-1`. */
  what: string;
  describe?: (value: T) => string;
}

export async function pollOrFail<T>(o: StackPollOptions<T>): Promise<T> {
  const r = await pollUntil(o);
  if (r.ended === 'terminal') return r.value;
  throw new AwsOperationError(
    'Wait',
    o.what,
    new Error(`still ${o.describe?.(r.value) ?? 'not done'} at the deadline`),
    'Raise timeout-minutes, or look at the stack in the console; a re-run waits for it to settle',
  );
}
