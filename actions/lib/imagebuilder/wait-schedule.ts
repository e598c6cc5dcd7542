/**
 * When to poll GetImage next. Pure: elapsed time and the expected duration in, a delay out.
 *
 *  early   the first `earlyMs`: every `earlyIntervalMs` — bad instance profiles, missing subnets and
 *          component syntax errors fail within minutes, and we want to say so at once;
 *  sparse  until the expected-finish window: long hops (≤ `sparseMaxMs`), the last one landing on the
 *          window's start;
 *  dense   expected ± `windowSigmas`·spread: every `denseIntervalMs`, so detection lag is ~half that;
 *  late    past the window: intervals grow again, to `lateMaxMs`.
 * Every delay is jittered by ±`jitter` so parallel matrix jobs do not poll in lockstep. The expected
 * duration and spread come from this pipeline's previous builds (estimateDuration); without history
 * we use `fallbackIntervalMs` after the early phase. `maxIntervalMs` (input `poll-interval-seconds`)
 * caps every delay, for pipelines whose builds take minutes, not tens of minutes. Tuned with `npm run bench` (scripts/bench/wait.ts).
 */
export interface ScheduleOptions {
  expectedMs?: number;
  spreadMs?: number;
  earlyMs: number;
  earlyIntervalMs: number;
  denseIntervalMs: number;
  windowSigmas: number;
  sparseMaxMs: number;
  lateMaxMs: number;
  fallbackIntervalMs: number;
  jitter: number;
  /** Upper bound on every delay (after jitter); unset = the schedule alone decides. */
  maxIntervalMs?: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = {
  earlyMs: 120_000,
  earlyIntervalMs: 10_000,
  denseIntervalMs: 15_000,
  windowSigmas: 2,
  sparseMaxMs: 600_000,
  lateMaxMs: 120_000,
  fallbackIntervalMs: 60_000,
  jitter: 0.1,
};

function jittered(ms: number, jitter: number, random: () => number): number {
  return Math.max(1_000, Math.round(ms * (1 + jitter * (2 * random() - 1))));
}

/** Delay before the next GetImage, `elapsedMs` after the build started. */
export function nextPollDelay(
  elapsedMs: number,
  opts: ScheduleOptions,
  random: () => number = Math.random,
): number {
  const delay = scheduledDelay(elapsedMs, opts, random);
  return opts.maxIntervalMs === undefined ? delay : Math.min(delay, opts.maxIntervalMs);
}

function scheduledDelay(elapsedMs: number, opts: ScheduleOptions, random: () => number): number {
  const { expectedMs, jitter } = opts;
  if (elapsedMs < opts.earlyMs)
    return jittered(
      Math.min(opts.earlyIntervalMs, opts.earlyMs - elapsedMs + opts.earlyIntervalMs),
      jitter,
      random,
    );
  if (expectedMs === undefined) return jittered(opts.fallbackIntervalMs, jitter, random);
  const half = opts.windowSigmas * (opts.spreadMs ?? 0.05 * expectedMs);
  const start = expectedMs - half;
  const end = expectedMs + half;
  if (elapsedMs < start) {
    const toWindow = start - elapsedMs;
    if (toWindow <= opts.denseIntervalMs) return jittered(opts.denseIntervalMs, jitter / 2, random);
    // Land on the window's start: jitter only hops that are not the last one before it.
    if (toWindow <= opts.sparseMaxMs) return Math.round(toWindow);
    return Math.min(jittered(opts.sparseMaxMs, jitter, random), Math.round(toWindow));
  }
  if (elapsedMs <= end) return jittered(opts.denseIntervalMs, jitter / 2, random);
  const late = opts.denseIntervalMs + (elapsedMs - end) * 0.25;
  return jittered(Math.min(opts.lateMaxMs, late), jitter, random);
}

export interface DurationEstimate {
  expectedMs: number;
  spreadMs: number;
  samples: number;
}

/**
 * Median of the most recent `max` durations and a robust spread (1.4826·MAD), floored at 4 % of the
 * median and 60 s so two identical past builds do not make the window vanish.
 */
export function estimateDuration(
  durationsMs: readonly number[],
  max = 10,
): DurationEstimate | undefined {
  const xs = durationsMs.filter((d) => Number.isFinite(d) && d > 0).slice(0, max);
  if (xs.length === 0) return undefined;
  const med = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - med)));
  return {
    expectedMs: med,
    spreadMs: Math.max(1.4826 * mad, 0.04 * med, 60_000),
    samples: xs.length,
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
