/**
 * The poll schedule's phases with exact figures (jitter pinned): what each phase promises a user
 * waiting for a build, and the duration estimate it is built on.
 */
import { describe, it, expect } from '@jest/globals';
import {
  DEFAULT_SCHEDULE,
  estimateDuration,
  median,
  nextPollDelay,
} from '../../actions/lib/imagebuilder/wait-schedule.js';

const S = 1000;
const MIN = 60 * S;
const mid = () => 0.5; // no jitter
const low = () => 0; // −jitter
const high = () => 1; // +jitter
// Expected 40 min ± 2 min: the dense window is 36–44 min.
const opts = { ...DEFAULT_SCHEDULE, expectedMs: 40 * MIN, spreadMs: 2 * MIN };

describe('nextPollDelay', () => {
  it('polls every 10 s in the first two minutes, where most failures happen', () => {
    expect(nextPollDelay(0, opts, mid)).toBe(10 * S);
    expect(nextPollDelay(115 * S, opts, mid)).toBe(10 * S);
    // ±10 % jitter so parallel jobs do not poll in lockstep.
    expect(nextPollDelay(0, opts, low)).toBe(9 * S);
    expect(nextPollDelay(0, opts, high)).toBe(11 * S);
  });

  it('without history, polls every minute after the early phase', () => {
    const none = { ...DEFAULT_SCHEDULE };
    expect(nextPollDelay(2 * MIN, none, mid)).toBe(MIN);
    expect(nextPollDelay(90 * MIN, none, mid)).toBe(MIN);
    expect(nextPollDelay(2 * MIN, none, high)).toBe(66 * S);
  });

  it('hops sparsely towards the window, the last hop landing exactly on its start', () => {
    // 36 min − 30 min: one unjittered hop to the window's start.
    expect(nextPollDelay(30 * MIN, opts, high)).toBe(6 * MIN);
    expect(nextPollDelay(26 * MIN, opts, low)).toBe(10 * MIN);
    // Far from it: capped at 10 min, jittered, but never past the window's start.
    expect(nextPollDelay(3 * MIN, opts, mid)).toBe(10 * MIN);
    expect(nextPollDelay(3 * MIN, opts, low)).toBe(9 * MIN);
    expect(nextPollDelay(25 * MIN, opts, high)).toBe(11 * MIN);
    expect(nextPollDelay(25 * MIN + 1, opts, high)).toBe(11 * MIN - 1);
  });

  it('polls every 15 s (±5 %) inside the window and just before it', () => {
    for (const t of [36 * MIN - 10 * S, 36 * MIN, 40 * MIN, 44 * MIN])
      expect(nextPollDelay(t, opts, mid)).toBe(15 * S);
    expect(nextPollDelay(40 * MIN, opts, high)).toBe(15_750);
    expect(nextPollDelay(36 * MIN - 15 * S, opts, low)).toBe(14_250);
  });

  it('backs off past the window by a quarter of the time past it, up to 2 min', () => {
    expect(nextPollDelay(44 * MIN + 40 * S, opts, mid)).toBe(25 * S);
    expect(nextPollDelay(48 * MIN, opts, mid)).toBe(75 * S);
    expect(nextPollDelay(80 * MIN, opts, mid)).toBe(2 * MIN);
    expect(nextPollDelay(80 * MIN, opts, low)).toBe(108 * S);
  });

  it('takes a window of ±2 × 5 % of the expected duration when the spread is unknown', () => {
    const noSpread = { ...DEFAULT_SCHEDULE, expectedMs: 40 * MIN };
    // 40 min ± 4 min: 35 min is before the window, 36 min inside.
    expect(nextPollDelay(35 * MIN, noSpread, mid)).toBe(MIN);
    expect(nextPollDelay(36 * MIN, noSpread, mid)).toBe(15 * S);
    expect(nextPollDelay(44 * MIN, noSpread, mid)).toBe(15 * S);
  });

  it('never polls more often than once a second, and poll-interval-seconds caps every delay', () => {
    const tiny = { ...DEFAULT_SCHEDULE, earlyIntervalMs: 10 };
    expect(nextPollDelay(0, tiny, low)).toBe(S);
    expect(nextPollDelay(3 * MIN, { ...opts, maxIntervalMs: 30 * S }, mid)).toBe(30 * S);
    expect(nextPollDelay(0, { ...opts, maxIntervalMs: 30 * S }, mid)).toBe(10 * S);
  });
});

describe('estimateDuration', () => {
  it('takes the median of the durations and a robust spread (1.4826 × MAD)', () => {
    const e = estimateDuration([30 * MIN, 40 * MIN, 50 * MIN, 45 * MIN, 35 * MIN])!;
    expect(e.expectedMs).toBe(40 * MIN);
    // MAD: median of |x − 40| = [10, 0, 10, 5, 5] min → 5 min.
    expect(e.spreadMs).toBeCloseTo(1.4826 * 5 * MIN, 6);
    expect(e.samples).toBe(5);
  });

  it('floors the spread at 4 % of the median and at 60 s, so identical builds keep a window', () => {
    expect(estimateDuration([100 * MIN, 100 * MIN])!.spreadMs).toBe(4 * MIN);
    expect(estimateDuration([10 * MIN, 10 * MIN])!.spreadMs).toBe(MIN);
  });

  it('uses the most recent 10 and ignores durations that are not positive numbers', () => {
    const e = estimateDuration([
      ...Array.from({ length: 10 }, () => 20 * MIN),
      90 * MIN,
      90 * MIN,
      90 * MIN,
    ])!;
    expect(e).toMatchObject({ expectedMs: 20 * MIN, samples: 10 });
    expect(estimateDuration([NaN, -1, 0, Infinity, 5 * MIN])).toMatchObject({
      expectedMs: 5 * MIN,
      samples: 1,
    });
    expect(estimateDuration([NaN, 0])).toBeUndefined();
    expect(estimateDuration([1, 2, 3], 2)).toMatchObject({ samples: 2, expectedMs: 1.5 });
  });

  it('median sorts numerically and averages the middle two of an even count', () => {
    expect(median([10, 9, 100])).toBe(10);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});
