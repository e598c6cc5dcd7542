/**
 * waitForImage's first read and its side reads, against the emulator (issue 18's survivors): the
 * duration estimate from the pipeline's earlier builds (used, skipped when given, and a failure to
 * read it costs nothing), where the wait measures the build from, the early polling, workflow steps
 * that cannot be read, and a cancellation that AWS refuses.
 */
import { describe, it, expect } from '@jest/globals';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { waitForImage } from '../../actions/lib/imagebuilder/wait-image.js';
import { DEFAULT_SCHEDULE } from '../../actions/lib/imagebuilder/wait-schedule.js';
import { afterCall, buildWorld, PHASE_MS, PHASES, type BuildWorld } from './build-world.js';
import { REGION } from './helpers.js';

const MIN = 60_000;
const DAY = 86_400_000;

type WaitOptions = Parameters<typeof waitForImage>[0];

/** A wait on `arn` with the world's context; `extra` overrides. */
const waitFor = (w: BuildWorld, arn: string, extra: Partial<WaitOptions> = {}) =>
  waitForImage({
    ...w.ctx,
    region: REGION,
    imageBuildVersionArn: arn,
    timeoutMs: 60 * MIN,
    cancelOnTimeout: true,
    random: () => 0.5,
    ...extra,
  });

/** Two earlier builds of the pipeline run to AVAILABLE, then the one to wait on is started. */
async function withHistory(w: BuildWorld): Promise<string> {
  for (const run of ['1', '2']) {
    await w.startOther(run);
    w.finishBuilds();
  }
  return w.startOther('3');
}

/**
 * A world whose clients do not retry: the test clock runs ahead of the machine's, and the SDK
 * retries any error once after correcting a clock skew, which would hide an injected fault.
 */
const noRetries = (options: Parameters<typeof buildWorld>[0] = {}) =>
  buildWorld({ ...options, maxAttempts: 1 });

const logged = (w: BuildWorld, level: string) =>
  w.ctx.logger.lines.filter((l) => l.level === level).map((l) => l.message);

// A build's workflows end with TESTING; distribution follows.
const TO_END_OF_TESTS = (PHASES.indexOf('TESTING') + 1) * PHASE_MS;

describe('waitForImage: the duration estimate', () => {
  it('is read from the pipeline’s earlier builds and said before the first progress line', async () => {
    const w = await buildWorld();
    const arn = await withHistory(w);
    const r = await waitFor(w, arn);
    expect(r.status).toBe('AVAILABLE');
    expect(logged(w, 'info')[0]).toBe(
      `Expecting build and tests to take ~${TO_END_OF_TESTS / MIN} min (±1), then distribution, from 2 previous build(s).`,
    );
  });

  it('is not read when the caller gives one', async () => {
    const w = await buildWorld();
    const arn = await withHistory(w);
    const before = w.calls('ListImagePipelineImages');
    await waitFor(w, arn, { expected: { expectedMs: 3 * MIN, spreadMs: MIN, samples: 1 } });
    expect(w.calls('ListImagePipelineImages')).toBe(before);
    expect(w.ctx.logger.text()).not.toContain('Expecting build');
  });

  it('a history that cannot be read is a debug line, and the wait goes on', async () => {
    const w = await noRetries();
    const arn = await withHistory(w);
    w.deny('ListWorkflowExecutions');
    const r = await waitFor(w, arn);
    expect(r.status).toBe('AVAILABLE');
    // The newest earlier build (2 of 1, 2; 3 is the one waited on) is read first.
    expect(logged(w, 'debug')[0]).toMatch(
      /^no duration estimate: ListWorkflowExecutions failed for arn:aws:imagebuilder:.*\/web\/1\.0\.3\/2: .*not authorized/,
    );
    expect(w.ctx.logger.text()).not.toContain('Expecting build');
  });
});

describe('waitForImage: where the build is measured from', () => {
  it('from its creation, when the wait starts after it', async () => {
    const w = await buildWorld();
    const arn = await w.startOther('1');
    w.clock.advance(2 * MIN + 30_000);
    const r = await waitFor(w, arn);
    expect(r.originMs).toBe(w.t0);
  });

  /** A finished build, waited on by a clock `offsetMs` from its creation (one read: it is terminal). */
  async function originWith(offsetMs: number) {
    const w = await buildWorld();
    const arn = await w.startOther('1');
    w.finishBuilds();
    const clock = new VirtualClock(w.t0 + offsetMs);
    const r = await waitFor(w, arn, { clock });
    expect(r.status).toBe('AVAILABLE');
    return r.originMs - w.t0;
  }

  it('from the wait’s start when the build is dated after it (a clock behind AWS’s)', async () => {
    expect(await originWith(-MIN)).toBe(-MIN);
  });

  it('from the wait’s start when the build was created a day or more before', async () => {
    expect(await originWith(DAY)).toBe(DAY);
    expect(await originWith(DAY - 1)).toBe(0);
  });
});

describe('waitForImage: polling and side reads', () => {
  it('polls at the early interval in the build’s first minutes', async () => {
    const w = await buildWorld();
    const arn = await w.startOther('1');
    const at: number[] = [];
    afterCall(w.ib, 'GetImageCommand', () => void at.push(w.clock.now() - w.t0));
    await waitFor(w, arn);
    const early = at.filter((t) => t <= DEFAULT_SCHEDULE.earlyMs);
    expect(early.slice(0, 4)).toEqual(
      [0, 1, 2, 3].map((i) => i * DEFAULT_SCHEDULE.earlyIntervalMs),
    );
  });

  it('works without a random source of its own', async () => {
    const w = await buildWorld();
    const arn = await w.startOther('1');
    const r = await waitFor(w, arn, { random: undefined });
    expect(r.status).toBe('AVAILABLE');
  });

  it('workflow steps that cannot be read are a debug line; the wait goes on', async () => {
    const w = await noRetries();
    const arn = await w.startOther('1');
    for (const operation of ['ListWorkflowExecutions', 'ListWorkflowStepExecutions'])
      w.deny(operation);
    // The first read of steps meets the first fault, the next read's step executions the second.
    const r = await waitFor(w, arn);
    expect(r.status).toBe('AVAILABLE');
    const debug = logged(w, 'debug');
    expect(debug).toEqual([
      expect.stringMatching(
        /^workflow steps unavailable: ListWorkflowExecutions failed for .*web\/1\.0\.3\/1: /,
      ),
      expect.stringMatching(
        /^workflow steps unavailable: ListWorkflowStepExecutions failed for wf-/,
      ),
    ]);
  });

  it('a refused read of the build is an error naming the call and the build', async () => {
    const w = await noRetries();
    const arn = await w.startOther('1');
    w.deny('GetImage');
    await expect(waitFor(w, arn)).rejects.toThrow(
      new RegExp(`^GetImage failed for ${arn.replace(/[/.]/g, '\\$&')}: .*not authorized`),
    );
  });

  it('a cancellation AWS refuses is an error naming the call and the build', async () => {
    const w = await noRetries({ buildDurations: { BUILDING: 120 * MIN } });
    const arn = await w.startOther('1');
    w.deny('CancelImageCreation');
    await expect(waitFor(w, arn, { timeoutMs: 5 * MIN })).rejects.toThrow(
      new RegExp(
        `^CancelImageCreation failed for ${arn.replace(/[/.]/g, '\\$&')}: .*not authorized`,
      ),
    );
    expect(await w.status(arn)).toBe('BUILDING');
  });

  it('a build it cancelled is not said to keep running', async () => {
    const w = await buildWorld({ buildDurations: { BUILDING: 120 * MIN } });
    const arn = await w.startOther('1');
    const r = await waitFor(w, arn, { timeoutMs: 5 * MIN });
    expect(r.cancelled).toMatch(/^Cancelled image build /);
    expect(w.ctx.logger.text()).not.toContain('keeps running');
  });
});
