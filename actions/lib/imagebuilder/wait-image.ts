/**
 * Waits for one image build: GetImage on the adaptive schedule (wait-schedule.ts), workflow steps for
 * progress and diagnosis, cancellation on timeout or job cancellation. I/O only; the logic is in
 * wait-schedule.ts and wait-report.ts.
 */
import {
  CancelImageCreationCommand,
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  type Image,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { errorMessage } from '../core/errors.js';
import { pollUntil } from '../core/poll.js';
import { awsCall, type CallContext } from './aws-call.js';
import { deterministicToken } from './hash.js';
import { listPipelineImages, TERMINAL_STATES } from './start-build.js';
import {
  DEFAULT_SCHEDULE,
  estimateDuration,
  nextPollDelay,
  type DurationEstimate,
  type ScheduleOptions,
} from './wait-schedule.js';
import { endDiagnosis, Timeline, type StepInfo } from './wait-report.js';

export interface WaitOptions extends CallContext {
  client: ImagebuilderClient;
  region: string;
  imageBuildVersionArn: string;
  timeoutMs: number;
  cancelOnTimeout: boolean;
  /** Overrides the estimate from the pipeline's history. */
  expected?: DurationEstimate;
  schedule?: ScheduleOptions;
  random?: () => number;
  /** Aborted on job cancellation (SIGINT/SIGTERM): cancel the build if `cancelOnTimeout`, then return. */
  signal?: AbortSignal;
}

export interface WaitResult {
  status: string;
  image?: Image;
  amis: Record<string, string>;
  timeline: Timeline;
  originMs: number;
  endMs: number;
  polls: number;
  timedOut: boolean;
  aborted: boolean;
  /** What we cancelled, when we did. */
  cancelled?: string;
  diagnosis?: string;
}

// States in which workflow steps are read. Terminal states are included (they are seen once) so the
// timeline ends with every step's final status, not the one seen at the previous poll.
const ACTIVE_WORKFLOW_STATES = new Set([
  'BUILDING',
  'TESTING',
  'DISTRIBUTING',
  'INTEGRATING',
  'AVAILABLE',
  'FAILED',
  'CANCELLED',
]);

export function amisByRegion(image: Image | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of image?.outputResources?.amis ?? [])
    if (a.region && a.image) out[a.region] = a.image;
  return out;
}

/** `2 min`, `90 s`: a timeout as the user gave it (timeout-minutes may be a fraction). */
export function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

function toMs(t?: string): number | undefined {
  const v = t ? Date.parse(t) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

/** All workflow steps of a build; diagnostics only, so failures are logged, not thrown. */
export async function workflowSteps(
  client: ImagebuilderClient,
  arn: string,
  ctx: CallContext,
): Promise<StepInfo[]> {
  try {
    const steps: StepInfo[] = [];
    const execs = await awsCall('ListWorkflowExecutions', arn, ctx, () =>
      client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn })),
    );
    for (const w of execs.workflowExecutions ?? []) {
      if (!w.workflowExecutionId) continue;
      const id = w.workflowExecutionId;
      const res = await awsCall('ListWorkflowStepExecutions', id, ctx, () =>
        client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id })),
      );
      for (const s of res.steps ?? []) {
        steps.push({
          workflow: w.type ?? 'WORKFLOW',
          name: s.name ?? s.stepExecutionId ?? '?',
          status: s.status ?? 'UNKNOWN',
          message: s.message,
          startMs: toMs(s.startTime),
          endMs: toMs(s.endTime),
        });
      }
    }
    return steps;
  } catch (e) {
    ctx.logger.debug(`workflow steps unavailable: ${errorMessage(e)}`);
    return [];
  }
}

/**
 * Expected duration from the pipeline's last AVAILABLE builds. The Image model has `dateCreated` but
 * no end time, so a build's duration is (latest workflow execution `endTime`) − `dateCreated`. A
 * default AMI build runs a BUILD and a TEST workflow and no distribution execution, so this is the
 * time to the end of testing (of the build when tests are off); DISTRIBUTING and INTEGRATING
 * follow it (seconds in one region, minutes for each cross-region copy). The estimate is therefore
 * a lower bound: the dense polling window starts when the image is about to leave TESTING, and the
 * late phase (intervals growing to `lateMaxMs`) covers the distribution.
 */
export async function estimateFromHistory(
  pipelineArn: string,
  currentArn: string,
  ctx: CallContext & { client: ImagebuilderClient },
  max = 5,
): Promise<DurationEstimate | undefined> {
  const images = (await listPipelineImages(pipelineArn, undefined, ctx))
    .filter(
      (i) =>
        i.arn &&
        i.arn !== currentArn &&
        i.state?.status === 'AVAILABLE' &&
        toMs(i.dateCreated) !== undefined,
    )
    .sort((a, b) => toMs(b.dateCreated)! - toMs(a.dateCreated)!)
    .slice(0, max);
  const durations: number[] = [];
  for (const i of images) {
    const res = await awsCall('ListWorkflowExecutions', i.arn!, ctx, () =>
      ctx.client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: i.arn })),
    );
    const ends = (res.workflowExecutions ?? [])
      .map((w) => toMs(w.endTime))
      .filter((x): x is number => x !== undefined);
    if (ends.length) durations.push(Math.max(...ends) - toMs(i.dateCreated)!);
  }
  return estimateDuration(durations);
}

async function cancel(opts: WaitOptions, why: string): Promise<string> {
  const arn = opts.imageBuildVersionArn;
  await awsCall('CancelImageCreation', arn, opts, () =>
    opts.client.send(
      new CancelImageCreationCommand({
        imageBuildVersionArn: arn,
        clientToken: deterministicToken('cancel', arn),
      }),
    ),
  );
  const what = `Cancelled image build ${arn} (${why}); Image Builder terminates its instances and deletes partial resources.`;
  opts.logger.warning(what);
  return what;
}

/** One read of the build: the image, and its workflow steps while they change. */
interface Observation {
  image?: Image;
  status: string;
  steps: StepInfo[];
}

export async function waitForImage(opts: WaitOptions): Promise<WaitResult> {
  const { client, clock, logger } = opts;
  const arn = opts.imageBuildVersionArn;
  const random = opts.random ?? Math.random;
  const waitStart = clock.now();
  let originMs = waitStart;
  let timeline = new Timeline(originMs);
  let schedule = {
    ...(opts.schedule ?? DEFAULT_SCHEDULE),
    expectedMs: opts.expected?.expectedMs,
    spreadMs: opts.expected?.spreadMs,
  };
  let first = true;
  const read = async (): Promise<Observation> => {
    const res = await awsCall('GetImage', arn, opts, () =>
      client.send(new GetImageCommand({ imageBuildVersionArn: arn })),
    );
    const image = res.image;
    const status = image?.state?.status ?? 'UNKNOWN';
    if (first) {
      first = false;
      // Measure from the build's creation when the clock is wall time (the build job started it earlier).
      const created = toMs(image?.dateCreated);
      if (created !== undefined && created <= waitStart && waitStart - created < 86_400_000)
        originMs = created;
      timeline = new Timeline(originMs);
      if (!opts.expected && image?.sourcePipelineArn) {
        const est = await estimateFromHistory(image.sourcePipelineArn, arn, opts).catch(
          (e: unknown) => {
            logger.debug(`no duration estimate: ${errorMessage(e)}`);
            return undefined;
          },
        );
        if (est) {
          schedule = { ...schedule, expectedMs: est.expectedMs, spreadMs: est.spreadMs };
          logger.info(
            `Expecting build and tests to take ~${Math.round(est.expectedMs / 60_000)} min (±${Math.round(est.spreadMs / 60_000)}), then distribution, from ${est.samples} previous build(s).`,
          );
        }
      }
    }
    const steps = ACTIVE_WORKFLOW_STATES.has(status) ? await workflowSteps(client, arn, opts) : [];
    return { image, status, steps };
  };
  const r = await pollUntil({
    clock,
    deadline: waitStart + opts.timeoutMs,
    intervalMs: () => nextPollDelay(clock.now() - originMs, schedule, random),
    read,
    isTerminal: (o) => TERMINAL_STATES.has(o.status),
    onPoll: (o) => {
      for (const line of timeline.observe(clock.now(), o.status, o.steps)) logger.info(line);
    },
    signal: opts.signal,
  });
  const { image, status, steps } = r.value;
  const base = { image, amis: amisByRegion(image), timeline, originMs, polls: r.polls, status };
  if (r.ended === 'terminal') {
    timeline.close(clock.now());
    const diagnosis = endDiagnosis({
      status,
      region: opts.region,
      imageArn: arn,
      imageName: image?.name,
      reason: image?.state?.reason,
      steps,
    });
    return { ...base, endMs: clock.now(), timedOut: false, aborted: false, diagnosis };
  }
  const aborted = r.ended === 'aborted';
  const why = aborted
    ? 'the job was cancelled'
    : `timeout of ${formatDuration(opts.timeoutMs)} reached while ${status}`;
  const cancelled = opts.cancelOnTimeout ? await cancel(opts, why) : undefined;
  if (!cancelled)
    logger.warning(
      `Stopped waiting (${why}); the build ${arn} keeps running (cancel-on-timeout is false).`,
    );
  timeline.close(clock.now());
  return { ...base, endMs: clock.now(), timedOut: !aborted, aborted, cancelled };
}
