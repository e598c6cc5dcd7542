/**
 * Waits for an image's vulnerability scan: GetImage until `image.scanState.status` is terminal
 * (COMPLETED, ABANDONED, FAILED, TIMED_OUT: API_ImageScanState), or the deadline. The delays are the
 * build wait's adaptive schedule (wait-schedule.ts): dense in the first minutes, where most scans of
 * an already AVAILABLE image end, then the fallback interval, every delay jittered so matrix jobs do
 * not poll in lockstep. I/O only; the gate is pure (gate.ts).
 */
import { GetImageCommand, type Image, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { awsCall, type CallContext } from '../imagebuilder/aws-call.js';
import {
  DEFAULT_SCHEDULE,
  nextPollDelay,
  type ScheduleOptions,
} from '../imagebuilder/wait-schedule.js';
import { formatDuration } from '../imagebuilder/wait-image.js';

export const TERMINAL_SCAN_STATES = new Set(['COMPLETED', 'ABANDONED', 'FAILED', 'TIMED_OUT']);

/** A scan usually ends within minutes of the build: no duration estimate, a 30 s fallback. */
export const SCAN_SCHEDULE: ScheduleOptions = { ...DEFAULT_SCHEDULE, fallbackIntervalMs: 30_000 };

export interface ScanWaitOptions extends CallContext {
  client: ImagebuilderClient;
  imageBuildVersionArn: string;
  timeoutMs: number;
  schedule?: ScheduleOptions;
  random?: () => number;
  signal?: AbortSignal;
}

export interface ScanWaitResult {
  image?: Image;
  /** The scan's last status; NOT_ENABLED when the build is not scanned. */
  status: string;
  reason?: string;
  /** The deadline (or job cancellation) came first. */
  timedOut: boolean;
  polls: number;
  waitedMs: number;
}

/** Pure: whether the image says it is scanned at all. */
export function scanningEnabled(image: Image | undefined): boolean {
  const enabled = image?.imageScanningConfiguration?.imageScanningEnabled;
  return enabled ?? image?.scanState !== undefined;
}

export async function waitForScan(opts: ScanWaitOptions): Promise<ScanWaitResult> {
  const { client, clock, logger } = opts;
  const arn = opts.imageBuildVersionArn;
  const schedule = opts.schedule ?? SCAN_SCHEDULE;
  const random = opts.random ?? Math.random;
  const start = clock.now();
  let polls = 0;
  let last: string | undefined;
  for (;;) {
    polls++;
    const { image } = await awsCall('GetImage', arn, opts, () =>
      client.send(new GetImageCommand({ imageBuildVersionArn: arn })),
    );
    const waitedMs = clock.now() - start;
    if (!scanningEnabled(image))
      return { image, status: 'NOT_ENABLED', timedOut: false, polls, waitedMs };
    // Scanning is on but the state is not reported yet: the scan has not started.
    const status = image?.scanState?.status ?? 'PENDING';
    const reason = image?.scanState?.reason;
    if (status !== last) {
      logger.info(
        `scan: ${status}${reason ? ` (${reason})` : ''} after ${formatDuration(Math.round(waitedMs / 1000) * 1000)}`,
      );
      last = status;
    }
    if (TERMINAL_SCAN_STATES.has(status))
      return { image, status, reason, timedOut: false, polls, waitedMs };
    if (waitedMs >= opts.timeoutMs || opts.signal?.aborted)
      return { image, status, reason, timedOut: true, polls, waitedMs };
    const delay = Math.min(nextPollDelay(waitedMs, schedule, random), opts.timeoutMs - waitedMs);
    await clock.sleep(Math.max(0, delay));
  }
}
