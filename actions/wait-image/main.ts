/**
 * The wait-image action: waits for a build, prints progress, writes the timeline to the job summary
 * and fails the step with a diagnosis when the build fails. SIGINT/SIGTERM (job cancellation) abort the
 * wait; with `cancel-on-timeout` the build is cancelled too, since nobody will publish its AMI.
 */
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { ActionContext } from '../lib/core/action.js';
import { createClient } from '../lib/core/aws.js';
import { ConfigurationError } from '../lib/core/errors.js';
import { formatDuration, waitForImage, type WaitResult } from '../lib/imagebuilder/wait-image.js';
import { DEFAULT_SCHEDULE } from '../lib/imagebuilder/wait-schedule.js';
import { renderGantt, renderTimelineTable } from '../lib/imagebuilder/wait-report.js';

/** Pure: the job summary for a finished wait. */
export function renderWaitSummary(arn: string, r: WaitResult): string {
  const title = arn.split('/').slice(1).join(' ') || arn;
  const amis = Object.entries(r.amis).map(([region, ami]) => `| ${region} | \`${ami}\` |`);
  return [
    `### wait-image: ${title} — ${r.status}${r.timedOut ? ' (timed out)' : ''}${r.aborted ? ' (job cancelled)' : ''}`,
    '',
    ...(r.diagnosis ? ['```', r.diagnosis, '```', ''] : []),
    ...(r.cancelled ? [r.cancelled, ''] : []),
    ...(amis.length ? ['| region | AMI |', '|---|---|', ...amis, ''] : []),
    renderTimelineTable(r.timeline.entries, r.originMs),
    '',
    renderGantt(title, r.timeline.entries, r.endMs),
    '',
    `${r.polls} GetImage call(s).`,
    '',
  ].join('\n');
}

/** Aborts `controller` on SIGINT/SIGTERM; returns the function that removes the handlers. */
export function onCancellation(
  controller: AbortController,
  proc: NodeJS.Process = process,
): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) controller.abort(new Error(`received ${signal}`));
  };
  proc.on('SIGINT', handler);
  proc.on('SIGTERM', handler);
  return () => {
    proc.off('SIGINT', handler);
    proc.off('SIGTERM', handler);
  };
}

export async function waitImageAction(ctx: ActionContext): Promise<void> {
  const { inputs } = ctx;
  const arn = inputs.imageBuildVersionArn();
  const region = inputs.region();
  // A fraction is allowed (0.5 = 30 s) for short builds and tests; GitHub's own timeout-minutes is too.
  const timeoutMs = inputs.durationMs('timeout-minutes', 'minutes', {
    fallback: 120,
    min: 0.05,
    max: 1440,
  });
  const pollIntervalSeconds = inputs.optional('poll-interval-seconds')
    ? inputs.integer('poll-interval-seconds', { min: 1, max: 600 })
    : undefined;
  const cancelOnTimeout = inputs.boolean('cancel-on-timeout', true);
  const expectedMinutes = inputs.optional('expected-minutes')
    ? inputs.integer('expected-minutes', { min: 1 })
    : undefined;
  const controller = new AbortController();
  const release = onCancellation(controller);
  let r: WaitResult;
  try {
    r = await waitForImage({
      client: createClient(ImagebuilderClient, { region }),
      clock: ctx.clock,
      logger: ctx.logger,
      region,
      imageBuildVersionArn: arn,
      timeoutMs,
      cancelOnTimeout,
      expected: expectedMinutes
        ? { expectedMs: expectedMinutes * 60_000, spreadMs: expectedMinutes * 6_000, samples: 0 }
        : undefined,
      signal: controller.signal,
      schedule:
        pollIntervalSeconds === undefined
          ? undefined
          : { ...DEFAULT_SCHEDULE, maxIntervalMs: pollIntervalSeconds * 1000 },
    });
  } finally {
    release();
  }
  ctx.setOutput('amis', JSON.stringify(r.amis));
  ctx.setOutput('ami-id', r.amis[region] ?? '');
  ctx.setOutput('image-version', r.image?.version ?? arn.split('/').slice(2).join('/'));
  ctx.setOutput('status', r.timedOut ? 'TIMED_OUT' : r.status);
  await ctx.summary(renderWaitSummary(arn, r));
  if (r.status === 'AVAILABLE') {
    ctx.logger.info(
      `AVAILABLE: ${
        Object.entries(r.amis)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || 'no AMIs reported'
      }`,
    );
    return;
  }
  if (r.diagnosis) throw new ConfigurationError(r.diagnosis);
  const what = r.aborted
    ? 'the job was cancelled'
    : `no result within ${formatDuration(timeoutMs)} (last state ${r.status})`;
  throw new ConfigurationError(
    `Image build ${arn}: ${what}. ${r.cancelled ?? 'The build was not cancelled (cancel-on-timeout: false).'}`,
  );
}
