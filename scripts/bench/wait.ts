/**
 * Wait benchmark: simulated Image Builder builds of 20–60 minutes on a VirtualClock (no real waiting),
 * polled by the adaptive schedule (actions/lib/imagebuilder/wait-schedule.ts) and by fixed 15 s and
 * 120 s polling. Reports GetImage calls per build-hour and the detection lag after AVAILABLE.
 *
 * Model (seeded, so figures are reproducible): each build belongs to a pipeline whose typical duration
 * is uniform in 20–60 min; its previous builds and this one vary log-normally around it (σ = `noise`,
 * 7 % by default — Image Builder builds of one recipe are that steady); the schedule sees only the
 * previous builds (as estimateDuration does from ListImagePipelineImages + workflow executions).
 */
import { VirtualClock } from '../../actions/lib/core/clock.js';
import {
  DEFAULT_SCHEDULE,
  estimateDuration,
  median,
  nextPollDelay,
  type ScheduleOptions,
} from '../../actions/lib/imagebuilder/wait-schedule.js';
import { prng } from '../../actions/lib/core/random.js';
export { prng };

export interface StrategyFigures {
  strategy: string;
  builds: number;
  callsPerBuildHour: number;
  meanCallsPerBuild: number;
  medianLagS: number;
  p90LagS: number;
}

export interface WaitBenchOptions {
  seed?: number;
  builds?: number;
  history?: number;
  noise?: number;
  schedule?: ScheduleOptions;
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

interface SimBuild {
  actualMs: number;
  historyMs: number[];
}

function simulateBuilds(o: Required<Omit<WaitBenchOptions, 'schedule'>>): SimBuild[] {
  const random = prng(o.seed);
  const out: SimBuild[] = [];
  for (let i = 0; i < o.builds; i++) {
    const typical = (20 + 40 * random()) * 60_000;
    const vary = () => typical * Math.exp(o.noise * normal(random));
    const historyMs = Array.from({ length: o.history }, vary);
    out.push({ actualMs: vary(), historyMs });
  }
  return out;
}

/** Polls one simulated build on a virtual clock; returns GetImage calls and detection lag. */
async function pollOnce(
  build: SimBuild,
  delay: (elapsed: number) => number,
): Promise<{ calls: number; lagMs: number }> {
  const clock = new VirtualClock(0);
  let calls = 0;
  for (;;) {
    calls++; // GetImage
    if (clock.now() >= build.actualMs) return { calls, lagMs: clock.now() - build.actualMs };
    await clock.sleep(delay(clock.now()));
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

export async function runWaitBenchmark(opts: WaitBenchOptions = {}): Promise<StrategyFigures[]> {
  const o = {
    seed: opts.seed ?? 42,
    builds: opts.builds ?? 1000,
    history: opts.history ?? 5,
    noise: opts.noise ?? 0.07,
  };
  const schedule = opts.schedule ?? DEFAULT_SCHEDULE;
  const builds = simulateBuilds(o);
  const hours = builds.reduce((s, b) => s + b.actualMs, 0) / 3_600_000;
  const strategies: [string, (b: SimBuild, random: () => number) => (elapsed: number) => number][] =
    [
      [
        'adaptive',
        (b, random) => {
          const est = estimateDuration(b.historyMs);
          const s = { ...schedule, expectedMs: est?.expectedMs, spreadMs: est?.spreadMs };
          return (elapsed) => nextPollDelay(elapsed, s, random);
        },
      ],
      ['fixed 15 s', () => () => 15_000],
      ['fixed 120 s', () => () => 120_000],
    ];
  const figures: StrategyFigures[] = [];
  for (const [strategy, make] of strategies) {
    const random = prng(o.seed + 1);
    let calls = 0;
    const lags: number[] = [];
    for (const b of builds) {
      const r = await pollOnce(b, make(b, random));
      calls += r.calls;
      lags.push(r.lagMs);
    }
    figures.push({
      strategy,
      builds: builds.length,
      callsPerBuildHour: round1(calls / hours),
      meanCallsPerBuild: round1(calls / builds.length),
      medianLagS: round1(median(lags) / 1000),
      p90LagS: round1(quantile(lags, 0.9) / 1000),
    });
  }
  return figures;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** A Markdown table of the figures, for `npm run bench`. */
export function formatWaitFigures(figures: readonly StrategyFigures[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.strategy} | ${f.builds} | ${f.callsPerBuildHour} | ${f.meanCallsPerBuild} | ${f.medianLagS} | ${f.p90LagS} |`,
  );
  return [
    '| strategy | builds | GetImage calls / build-hour | calls / build | median lag (s) | p90 lag (s) |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
