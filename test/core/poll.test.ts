import { describe, it, expect } from '@jest/globals';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { pollUntil } from '../../actions/lib/core/poll.js';

describe('pollUntil', () => {
  it('stops at a terminal state and reports how many reads it took', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    let n = 0;
    const r = await pollUntil({
      clock,
      deadline: 100_000,
      intervalMs: 1_000,
      read: async () => ++n,
      isTerminal: (v) => v === 3,
      onPoll: (v) => void seen.push(v),
    });
    expect(r).toEqual({ value: 3, polls: 3, ended: 'terminal' });
    expect(seen).toEqual([1, 2, 3]);
    expect(clock.now()).toBe(2_000);
  });

  it('takes each interval from the last value and never sleeps past the deadline', async () => {
    const clock = new VirtualClock(0);
    const at: number[] = [];
    const r = await pollUntil({
      clock,
      deadline: 25_000,
      intervalMs: (v: number) => v * 1_000,
      read: async () => {
        at.push(clock.now());
        return at.length * 5;
      },
      isTerminal: () => false,
    });
    // 5 s, then 10 s, then 15 s capped to the 10 s left: the read at the deadline is the last.
    expect(at).toEqual([0, 5_000, 15_000, 25_000]);
    expect(r).toMatchObject({ ended: 'deadline', polls: 4, value: 20 });
  });

  it('ends the sleep when the signal fires, reads once more (a terminal state still wins), then returns aborted', async () => {
    const clock = new VirtualClock(0);
    const never = { now: () => clock.now(), sleep: () => new Promise<void>(() => {}) };
    const controller = new AbortController();
    let reads = 0;
    const r = await pollUntil({
      clock: never,
      deadline: 60_000,
      intervalMs: 10_000,
      signal: controller.signal,
      read: async () => ++reads,
      isTerminal: () => false,
      onPoll: () => {
        if (reads === 1) setTimeout(() => controller.abort(), 0);
      },
    });
    expect(r).toMatchObject({ ended: 'aborted', polls: 2, value: 2 });
  });
});
