/**
 * waitForImage against the emulator's Image Builder in-process (issue 12): the build moves through
 * its states, workflow steps, distribution, failures and cancellations on the test's clock, which
 * the wait's polling advances. Asserted on what the wait reports and on the emulator's state (the
 * image's status, the AMIs its EC2 holds). Only AVAILABLE is success; every other end says why.
 */
import { describe, it, expect } from '@jest/globals';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import type { GetImageCommandOutput } from '@aws-sdk/client-imagebuilder';
import { waitForImage } from '../../actions/lib/imagebuilder/wait-image.js';
import { DEFAULT_SCHEDULE } from '../../actions/lib/imagebuilder/wait-schedule.js';
import { renderWaitSummary } from '../../actions/wait-image/main.js';
import { afterCall, buildWorld, PHASE_MS, PHASES, type BuildWorld } from './build-world.js';
import { REGION } from './helpers.js';

const MIN = 60_000;
const OTHER_REGION = 'eu-central-1';

/** build-image's build of run 777, and a wait on it with the given options. */
async function waitOn(w: BuildWorld, opts: { timeoutMs?: number; cancelOnTimeout?: boolean } = {}) {
  const arn = await w.startOther('777');
  return {
    arn,
    wait: (extra: Partial<Parameters<typeof waitForImage>[0]> = {}) =>
      waitForImage({
        ...w.ctx,
        region: REGION,
        imageBuildVersionArn: arn,
        timeoutMs: opts.timeoutMs ?? 60 * MIN,
        cancelOnTimeout: opts.cancelOnTimeout ?? true,
        random: () => 0.5,
        ...extra,
      }),
  };
}

/** The states the log's timeline shows, in order. */
const statesLogged = (w: BuildWorld) =>
  [...w.ctx.logger.text().matchAll(/^\[[^\]]+\] ([A-Z]+)$/gm)].map((m) => m[1]);

describe('waitForImage: a build that becomes AVAILABLE', () => {
  it('reports the AMI of every region of the distribution, and each state as it came', async () => {
    const w = await buildWorld({ regions: [REGION, OTHER_REGION] });
    const { arn, wait } = await waitOn(w);
    const r = await wait();
    expect(r).toMatchObject({ status: 'AVAILABLE', timedOut: false, aborted: false });
    expect(Object.keys(r.amis).sort()).toEqual([OTHER_REGION, REGION].sort());
    for (const [region, ami] of Object.entries(r.amis)) {
      const { Images } = await w.aws
        .ec2(region)
        .send(new DescribeImagesCommand({ ImageIds: [ami] }));
      expect(Images?.[0]?.Tags).toContainEqual({ Key: 'Ec2ImageBuilderArn', Value: arn });
    }
    expect(r.endMs - w.t0).toBeGreaterThanOrEqual(PHASES.length * PHASE_MS);
    expect(r.polls).toBe(w.calls('GetImage'));
    // Polls every few seconds early on: every state of a one-minute-per-state build is seen.
    expect(statesLogged(w)).toEqual([...PHASES, 'AVAILABLE']);
    expect(renderWaitSummary(arn, r)).toContain(
      `| ${OTHER_REGION} | \`${r.amis[OTHER_REGION]}\` |`,
    );
  });

  it("ends the timeline with each step's final status, read once more at AVAILABLE", async () => {
    // The test instance terminates in the last minute of TESTING, and the image is AVAILABLE as
    // soon as it has: the last poll before AVAILABLE sees that step RUNNING.
    const w = await buildWorld({
      buildDurations: { TESTING: 10 * MIN, DISTRIBUTING: 0, INTEGRATING: 0 },
    });
    const { arn, wait } = await waitOn(w);
    const r = await wait({ schedule: { ...DEFAULT_SCHEDULE, maxIntervalMs: 20_000 } });
    expect(r.status).toBe('AVAILABLE');
    expect(w.ctx.logger.text()).toContain('step TEST/TerminateTestInstance: RUNNING');
    const summary = renderWaitSummary(arn, r);
    expect(summary).toMatch(/\| step \| TEST\/TerminateTestInstance \| COMPLETED \|/);
    expect(summary).not.toMatch(/\| step \| [^|]+ \| RUNNING \|/);
  });
});

describe('waitForImage: a build that fails, is cancelled or outlasts the wait', () => {
  it('diagnoses FAILED from the state reason and the failed workflow step', async () => {
    const w = await buildWorld();
    w.aws.emulator.admin.failBuild({
      pipeline: 'web',
      step: 'ApplyBuildComponents',
      reason: 'Component apache failed',
    });
    const { wait } = await waitOn(w);
    const r = await wait();
    expect(r).toMatchObject({ status: 'FAILED', amis: {}, timedOut: false });
    expect(r.diagnosis).toContain(
      'Failed step: BUILD / ApplyBuildComponents: Component apache failed',
    );
    expect(r.diagnosis).toContain('Reason: Component apache failed');
    expect(r.diagnosis).toContain('CloudWatch log group /aws/imagebuilder/web');
  });

  it('a build cancelled in the console while we wait is CANCELLED, not success, and has no AMI', async () => {
    const w = await buildWorld();
    const { arn, wait } = await waitOn(w);
    let cancelled = false;
    afterCall(w.ib, 'GetImageCommand', async (answer) => {
      if (!cancelled && (answer as GetImageCommandOutput).image?.state?.status === 'TESTING') {
        cancelled = true;
        await w.cancel(arn);
      }
    });
    const r = await wait();
    expect(cancelled).toBe(true);
    expect(r).toMatchObject({ status: 'CANCELLED', amis: {}, timedOut: false, aborted: false });
    expect(r.cancelled).toBeUndefined();
    expect(r.diagnosis).toBe(`Image build ${arn} was CANCELLED: The image build was cancelled.`);
    const { Images } = await w.aws
      .ec2(REGION)
      .send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(Images ?? []).toEqual([]);
  });

  it('cancels the build at the deadline and says what it cancelled', async () => {
    const w = await buildWorld({ buildDurations: { BUILDING: 120 * MIN } });
    const { arn, wait } = await waitOn(w, { timeoutMs: 30 * MIN });
    const r = await wait();
    expect(r.timedOut).toBe(true);
    expect(w.clock.now() - w.t0).toBe(30 * MIN);
    expect(await w.status(arn)).toBe('CANCELLED');
    expect(r.cancelled).toMatch(
      /Cancelled image build .*web\/1\.0\.3\/1 \(timeout of 30 min reached while BUILDING\)/,
    );
  });

  it('does not cancel when cancel-on-timeout is false; a job cancellation cancels at once', async () => {
    const w = await buildWorld({ buildDurations: { BUILDING: 120 * MIN } });
    const kept = await waitOn(w, { timeoutMs: 5 * MIN, cancelOnTimeout: false });
    const r = await kept.wait();
    expect(r).toMatchObject({ timedOut: true, cancelled: undefined });
    expect(await w.status(kept.arn)).toBe('BUILDING');
    expect(w.calls('CancelImageCreation')).toBe(0);
    expect(w.ctx.logger.text()).toContain('keeps running (cancel-on-timeout is false)');
    const controller = new AbortController();
    controller.abort();
    const a = await kept.wait({ cancelOnTimeout: true, signal: controller.signal });
    expect(a).toMatchObject({ aborted: true, timedOut: false });
    expect(a.cancelled).toMatch(/the job was cancelled/);
    expect(await w.status(kept.arn)).toBe('CANCELLED');
  });
});
