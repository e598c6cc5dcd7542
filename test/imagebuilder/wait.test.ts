/**
 * The wait's poll schedule and reports, pure. waitForImage itself runs against the emulator:
 * wait-image.test.ts.
 */
import { describe, it, expect } from '@jest/globals';
import {
  DEFAULT_SCHEDULE,
  estimateDuration,
  nextPollDelay,
} from '../../actions/lib/imagebuilder/wait-schedule.js';
import {
  consoleLink,
  diagnoseFailure,
  renderGantt,
  renderTimelineTable,
  Timeline,
} from '../../actions/lib/imagebuilder/wait-report.js';
import { formatDuration } from '../../actions/lib/imagebuilder/wait-image.js';
import { runWaitBenchmark } from '../../scripts/bench/wait.js';

const MIN = 60_000;
const ARN = 'arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.0.3/2';

describe('poll schedule', () => {
  const opts = { ...DEFAULT_SCHEDULE, expectedMs: 40 * MIN, spreadMs: 2 * MIN };
  const walk = (o = opts, until = 60 * MIN) => {
    const polls: number[] = [];
    for (let t = 0; t < until; t += nextPollDelay(t, o, () => 0.5)) polls.push(t);
    return polls;
  };
  it('starts short (early failures) and never exceeds the sparse cap', () => {
    expect(nextPollDelay(0, opts, () => 0.5)).toBeLessThanOrEqual(10_000);
    for (const r of [0, 0.5, 1])
      for (let t = 0; t < 90 * MIN; t += 7_000)
        expect(nextPollDelay(t, opts, () => r)).toBeLessThanOrEqual(
          DEFAULT_SCHEDULE.sparseMaxMs * 1.1,
        );
  });
  it('is sparse in the middle and dense around the expected finish', () => {
    const polls = walk();
    const inWindow = polls.filter((t) => t >= 36 * MIN && t <= 44 * MIN).length;
    const middle = polls.filter((t) => t >= 5 * MIN && t < 35 * MIN).length;
    expect(inWindow).toBeGreaterThanOrEqual(30);
    expect(middle).toBeLessThanOrEqual(6);
    // A poll lands within 15 s of every moment in the window.
    for (let t = 36 * MIN; t <= 44 * MIN; t += 1000)
      expect(polls.some((p) => p >= t && p - t <= 16_000)).toBe(true);
  });
  it('jitters, and backs off again past the window', () => {
    expect(nextPollDelay(10 * MIN, { ...opts, sparseMaxMs: 60_000 }, () => 0)).not.toBe(
      nextPollDelay(10 * MIN, { ...opts, sparseMaxMs: 60_000 }, () => 1),
    );
    expect(nextPollDelay(80 * MIN, opts, () => 0.5)).toBe(DEFAULT_SCHEDULE.lateMaxMs);
  });
  it('caps every delay at poll-interval-seconds (maxIntervalMs) when given', () => {
    const capped = { ...opts, maxIntervalMs: 2_000 };
    for (const t of [0, 5 * MIN, 30 * MIN, 40 * MIN, 80 * MIN])
      expect(nextPollDelay(t, capped, () => 1)).toBeLessThanOrEqual(2_000);
    expect(nextPollDelay(30 * MIN, { ...opts, maxIntervalMs: 3_600_000 }, () => 0.5)).toBe(
      nextPollDelay(30 * MIN, opts, () => 0.5),
    );
  });
  it('formats a timeout in minutes, or seconds for a fraction', () => {
    expect(formatDuration(120 * MIN)).toBe('120 min');
    expect(formatDuration(0.05 * MIN)).toBe('3 s');
    expect(formatDuration(90_000)).toBe('90 s');
  });
  it('estimates duration robustly from history', () => {
    const e = estimateDuration([40 * MIN, 41 * MIN, 39 * MIN, 90 * MIN])!;
    expect(e.expectedMs).toBe(40.5 * MIN);
    expect(e.spreadMs).toBeGreaterThanOrEqual(0.04 * e.expectedMs);
    expect(estimateDuration([])).toBeUndefined();
  });
  it('meets the benchmark target: median lag ≤ 10 s with ≤ 60 GetImage calls per build-hour', async () => {
    const [adaptive, fixed15, fixed120] = await runWaitBenchmark({ builds: 300 });
    expect(adaptive!.medianLagS).toBeLessThanOrEqual(10);
    expect(adaptive!.callsPerBuildHour).toBeLessThanOrEqual(60);
    expect(fixed15!.callsPerBuildHour).toBeGreaterThan(200);
    expect(fixed120!.medianLagS).toBeGreaterThan(30);
  });
});

describe('reports', () => {
  it('diagnoses a failure with reason, failed step, log group and console link', () => {
    const text = diagnoseFailure({
      region: 'eu-west-1',
      imageArn: ARN,
      imageName: 'web',
      reason: 'Image build failed: component apache failed',
      steps: [
        { workflow: 'BUILD', name: 'LaunchBuildInstance', status: 'COMPLETED' },
        {
          workflow: 'BUILD',
          name: 'ApplyBuildComponents',
          status: 'FAILED',
          message: 'ExecuteBash exited 1',
        },
      ],
    });
    expect(text).toContain('Reason: Image build failed: component apache failed');
    expect(text).toContain('Failed step: BUILD / ApplyBuildComponents: ExecuteBash exited 1');
    expect(text).toContain('CloudWatch log group /aws/imagebuilder/web');
    expect(text).toContain(
      `https://eu-west-1.console.aws.amazon.com/imagebuilder/home?region=eu-west-1#/images/${encodeURIComponent(ARN)}`,
    );
    expect(consoleLink('us-east-1', 'a/b')).toMatch(/#\/images\/a%2Fb$/);
  });
  it('renders the timeline as a table and a Mermaid gantt', () => {
    const t = new Timeline(0);
    expect(t.observe(0, 'PENDING')).toEqual(['[0s] PENDING']);
    expect(
      t.observe(65_000, 'BUILDING', [
        { workflow: 'BUILD', name: 'Launch', status: 'RUNNING', startMs: 60_000 },
      ]),
    ).toEqual(['[1m 05s] BUILDING', '[1m 05s] step BUILD/Launch: RUNNING']);
    expect(
      t.observe(70_000, 'BUILDING', [{ workflow: 'BUILD', name: 'Launch', status: 'RUNNING' }]),
    ).toEqual([]);
    t.observe(200_000, 'AVAILABLE', [
      { workflow: 'BUILD', name: 'Launch', status: 'COMPLETED', endMs: 190_000 },
    ]);
    t.close(200_000);
    const table = renderTimelineTable(t.entries, 0);
    expect(table).toContain('| state | **BUILDING** | BUILDING | +1m 05s | 2m 15s |');
    expect(table).toContain('| step | BUILD/Launch | COMPLETED | +1m 00s | 2m 10s |');
    const gantt = renderGantt('web 1.0.3/2', t.entries, 200_000);
    expect(gantt).toMatch(/^```mermaid\ngantt\n/);
    expect(gantt).toContain('dateFormat x');
    expect(gantt).toContain('    BUILDING :done, 65000, 200000');
  });
});
