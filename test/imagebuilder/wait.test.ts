import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CancelImageCreationCommand,
  GetImageCommand,
  ImagebuilderClient,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
} from '@aws-sdk/client-imagebuilder';
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
import { formatDuration, waitForImage } from '../../actions/lib/imagebuilder/wait-image.js';
import { renderWaitSummary } from '../../actions/wait-image/main.js';
import { runWaitBenchmark } from '../../scripts/bench/wait.js';
import { context } from './helpers.js';

const MIN = 60_000;
const ARN = 'arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.0.3/2';
const mock = mockClient(ImagebuilderClient);
beforeEach(() => {
  mock.reset();
});

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

describe('waitForImage', () => {
  it('reports AVAILABLE with AMIs per region', async () => {
    mock
      .on(GetImageCommand)
      .resolvesOnce({ image: { state: { status: 'BUILDING' } } })
      .resolves({
        image: {
          version: '1.0.3/2',
          state: { status: 'AVAILABLE' },
          outputResources: {
            amis: [
              { region: 'eu-west-1', image: 'ami-1' },
              { region: 'eu-central-1', image: 'ami-2' },
            ],
          },
        },
      });
    mock.on(ListWorkflowExecutionsCommand).resolves({ workflowExecutions: [] });
    const ctx = context();
    const r = await waitForImage({
      ...ctx,
      region: 'eu-west-1',
      imageBuildVersionArn: ARN,
      timeoutMs: 60 * MIN,
      cancelOnTimeout: true,
      random: () => 0.5,
    });
    expect(r).toMatchObject({
      status: 'AVAILABLE',
      amis: { 'eu-west-1': 'ami-1', 'eu-central-1': 'ami-2' },
      polls: 2,
      timedOut: false,
    });
    expect(ctx.logger.text()).toMatch(/\[0s\] BUILDING\n\[\d+s\] AVAILABLE/);
    expect(renderWaitSummary(ARN, r)).toContain('| eu-central-1 | `ami-2` |');
  });

  it("ends the timeline with each step's final status, read once more at AVAILABLE", async () => {
    mock
      .on(GetImageCommand)
      .resolvesOnce({ image: { state: { status: 'DISTRIBUTING' } } })
      .resolves({ image: { version: '1.0.0/1', state: { status: 'AVAILABLE' } } });
    mock
      .on(ListWorkflowExecutionsCommand)
      .resolves({ workflowExecutions: [{ workflowExecutionId: 'wf-d', type: 'DISTRIBUTION' }] });
    mock
      .on(ListWorkflowStepExecutionsCommand)
      .resolvesOnce({ steps: [{ name: 'DistributeImage', status: 'RUNNING' }] })
      .resolves({ steps: [{ name: 'DistributeImage', status: 'COMPLETED' }] });
    const r = await waitForImage({
      ...context(),
      region: 'eu-west-1',
      imageBuildVersionArn: ARN,
      timeoutMs: 60 * MIN,
      cancelOnTimeout: true,
      random: () => 0.5,
    });
    expect(r.status).toBe('AVAILABLE');
    const summary = renderWaitSummary(ARN, r);
    expect(summary).toMatch(/\| step \| DISTRIBUTION\/DistributeImage \| COMPLETED \|/);
    expect(summary).not.toMatch(/DistributeImage \| RUNNING/);
  });
});

describe('waitForImage: a build that fails, times out or is cancelled', () => {
  it('diagnoses FAILED from the state reason and the failed workflow step', async () => {
    mock.on(GetImageCommand).resolves({
      image: { name: 'web', state: { status: 'FAILED', reason: 'Component apache failed' } },
    });
    mock
      .on(ListWorkflowExecutionsCommand)
      .resolves({ workflowExecutions: [{ workflowExecutionId: 'wf-1', type: 'BUILD' }] });
    mock
      .on(ListWorkflowStepExecutionsCommand)
      .resolves({ steps: [{ name: 'ApplyBuildComponents', status: 'FAILED', message: 'exit 1' }] });
    const r = await waitForImage({
      ...context(),
      region: 'eu-west-1',
      imageBuildVersionArn: ARN,
      timeoutMs: MIN,
      cancelOnTimeout: true,
    });
    expect(r.status).toBe('FAILED');
    expect(r.diagnosis).toContain('Failed step: BUILD / ApplyBuildComponents: exit 1');
    expect(r.diagnosis).toContain('Reason: Component apache failed');
  });

  it('cancels the build on timeout and says what it cancelled', async () => {
    mock.on(GetImageCommand).resolves({ image: { state: { status: 'BUILDING' } } });
    mock.on(ListWorkflowExecutionsCommand).resolves({});
    mock.on(CancelImageCreationCommand).resolves({});
    const ctx = context();
    const r = await waitForImage({
      ...ctx,
      region: 'eu-west-1',
      imageBuildVersionArn: ARN,
      timeoutMs: 30 * MIN,
      cancelOnTimeout: true,
      random: () => 0.5,
    });
    expect(r.timedOut).toBe(true);
    expect(ctx.clock.now()).toBe(30 * MIN);
    expect(
      mock.commandCalls(CancelImageCreationCommand)[0]!.args[0].input.imageBuildVersionArn,
    ).toBe(ARN);
    expect(r.cancelled).toMatch(
      /Cancelled image build .*web\/1\.0\.3\/2 \(timeout of 30 min reached while BUILDING\)/,
    );
  });

  it('does not cancel when cancel-on-timeout is false; a job cancellation aborts the wait', async () => {
    mock.on(GetImageCommand).resolves({ image: { state: { status: 'BUILDING' } } });
    mock.on(ListWorkflowExecutionsCommand).resolves({});
    const r = await waitForImage({
      ...context(),
      region: 'eu-west-1',
      imageBuildVersionArn: ARN,
      timeoutMs: 5 * MIN,
      cancelOnTimeout: false,
    });
    expect(r.cancelled).toBeUndefined();
    expect(mock.commandCalls(CancelImageCreationCommand)).toHaveLength(0);
    const controller = new AbortController();
    controller.abort();
    mock.on(CancelImageCreationCommand).resolves({});
    const a = await waitForImage({
      ...context(),
      region: 'eu-west-1',
      imageBuildVersionArn: ARN,
      timeoutMs: 60 * MIN,
      cancelOnTimeout: true,
      signal: controller.signal,
    });
    expect(a).toMatchObject({ aborted: true, timedOut: false });
    expect(a.cancelled).toMatch(/the job was cancelled/);
  });
});
