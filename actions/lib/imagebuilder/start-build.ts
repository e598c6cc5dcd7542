/**
 * Starting a build without ever starting two for one run.
 *
 * The clientToken is derived from (repository, image, recipe version, run id) — NOT the run attempt: a
 * GitHub "re-run" of the same run keeps its run id, so its StartImagePipelineExecution is a no-op that
 * returns the first attempt's build. Before starting we also look at the pipeline's images of this
 * recipe version:
 *  - one in a non-terminal state (any run) → attach to it: same recipe version, same content;
 *  - an AVAILABLE one started by this run → attach (a re-run after a later job failed rebuilds nothing);
 *  - on a push, an AVAILABLE one of the same commit from another run → attach (`reuseFinished`);
 *  - FAILED/CANCELLED ones started by this run → start a fresh build; the token gets `#<n>` where n is the
 *    number of such failed builds, so a re-run after a failed build builds again (the plain token would
 *    hand back the failed build) while two concurrent re-runs still agree on one token.
 *
 * Two different runs of the same content started at the same moment (say a push and a manual run)
 * both see no build, and both start one. So after starting we look again: of the running builds of
 * this recipe version, the one with the lowest build number wins; a later one cancels itself and
 * attaches to the winner. The winner never cancels itself, so the two can never both give up.
 */
import {
  CancelImageCreationCommand,
  StartImagePipelineExecutionCommand,
  type ImageSummary,
  type ImagebuilderClient,
  paginateListImagePipelineImages,
} from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../core/errors.js';
import { allPages, awsCall, causeName, type CallContext } from './aws-call.js';
import { deterministicToken } from './hash.js';
import { COMMIT_TAG, PROJECT_TAG, REPOSITORY_TAG, RUN_TAG } from './tags.js';
import type { ReconcileContext } from './reconcile-context.js';

export const TERMINAL_STATES = new Set([
  'AVAILABLE',
  'FAILED',
  'CANCELLED',
  'DELETED',
  'DEPRECATED',
  'DISABLED',
]);

export interface StartSpec {
  pipelineArn: string;
  image: string;
  recipeVersion: string;
  runId: string;
  /**
   * Reuse an AVAILABLE build of this recipe version from the same commit (another run of it) instead
   * of building again. True for pushes; false for scheduled and manual runs, which rebuild on purpose
   * (to pick up OS updates through `x.x.x` components).
   */
  reuseFinished?: boolean;
  /** Full commit sha, for `reuseFinished`. */
  commit?: string;
}

export interface StartResult {
  imageBuildVersionArn: string;
  attached: boolean;
  /** Why we attached, for the log and the summary. */
  reason?: string;
  clientToken?: string;
}

export async function listPipelineImages(
  pipelineArn: string,
  version: string | undefined,
  ctx: CallContext & { client: ImagebuilderClient },
): Promise<ImageSummary[]> {
  const pages = paginateListImagePipelineImages(
    { client: ctx.client },
    {
      imagePipelineArn: pipelineArn,
      filters: version ? [{ name: 'version', values: [version] }] : undefined,
    },
  );
  return allPages('ListImagePipelineImages', pipelineArn, pages, (p) => p.imageSummaryList);
}

/** Pure: the decision, from the images of this recipe version. */
export function startDecision(
  images: readonly ImageSummary[],
  spec: StartSpec,
  repository: string,
): { attach: ImageSummary; reason: string } | { token: string } {
  // An image's version is the recipe's plus its build number: `1.0.3/2`.
  const ofVersion = images.filter(
    (i) => !i.version || i.version.split('/')[0] === spec.recipeVersion,
  );
  const running = ofVersion.find((i) => i.arn && !TERMINAL_STATES.has(i.state?.status ?? ''));
  if (running)
    return {
      attach: running,
      reason: `a build of ${spec.image} ${spec.recipeVersion} is already ${running.state?.status}`,
    };
  const sameCommit = spec.reuseFinished
    ? ofVersion.find(
        (i) =>
          i.arn &&
          i.state?.status === 'AVAILABLE' &&
          i.tags?.[COMMIT_TAG] === spec.commit &&
          i.tags?.[REPOSITORY_TAG] === repository,
      )
    : undefined;
  if (sameCommit)
    return {
      attach: sameCommit,
      reason: `commit ${spec.commit?.slice(0, 7)} was already built as ${spec.image} ${sameCommit.version} by run ${sameCommit.tags?.[RUN_TAG] ?? '?'}`,
    };
  const ours = ofVersion.filter(
    (i) => i.tags?.[RUN_TAG] === spec.runId && i.tags?.[REPOSITORY_TAG] === repository,
  );
  const done = ours.find((i) => i.arn && i.state?.status === 'AVAILABLE');
  if (done)
    return {
      attach: done,
      reason: `run ${spec.runId} already built ${spec.image} ${spec.recipeVersion}`,
    };
  const failed = ours.filter(
    (i) => i.state?.status === 'FAILED' || i.state?.status === 'CANCELLED',
  ).length;
  const run = failed > 0 ? `${spec.runId}#${failed}` : spec.runId;
  return { token: deterministicToken('start', repository, spec.image, spec.recipeVersion, run) };
}

/** The build number of an image build version ARN or version (`…/1.0.3/2` → 2). */
export function buildNumber(arnOrVersion: string): number {
  return Number(arnOrVersion.split('/').pop());
}

/**
 * Pure: after we started `ours`, the running build of this recipe version with the lowest build
 * number, if it is not ours.
 */
export function raceWinner(
  images: readonly ImageSummary[],
  ours: string,
  recipeVersion: string,
): ImageSummary | undefined {
  const running = images.filter(
    (i) =>
      i.arn &&
      i.arn !== ours &&
      i.version?.split('/')[0] === recipeVersion &&
      !TERMINAL_STATES.has(i.state?.status ?? ''),
  );
  const first = running.sort((a, b) => buildNumber(a.arn!) - buildNumber(b.arn!))[0];
  return first && buildNumber(first.arn!) < buildNumber(ours) ? first : undefined;
}

async function yieldToEarlierBuild(
  spec: StartSpec,
  ours: string,
  ctx: ReconcileContext,
): Promise<StartResult | undefined> {
  const winner = raceWinner(
    await listPipelineImages(spec.pipelineArn, spec.recipeVersion, ctx),
    ours,
    spec.recipeVersion,
  );
  if (!winner?.arn) return undefined;
  await awsCall('CancelImageCreation', ours, ctx, () =>
    ctx.client.send(
      new CancelImageCreationCommand({
        imageBuildVersionArn: ours,
        clientToken: deterministicToken('yield', ours),
      }),
    ),
  );
  const reason = `another run started ${winner.arn} of ${spec.image} ${spec.recipeVersion} at the same time`;
  ctx.logger.info(`Cancelled ${ours} and attaching to ${winner.arn}: ${reason}.`);
  return { imageBuildVersionArn: winner.arn, attached: true, reason };
}

export async function startBuild(spec: StartSpec, ctx: ReconcileContext): Promise<StartResult> {
  const images = await listPipelineImages(spec.pipelineArn, spec.recipeVersion, ctx);
  const decision = startDecision(images, spec, ctx.repository);
  if ('attach' in decision) {
    const arn = decision.attach.arn ?? '';
    ctx.logger.info(`Attaching to ${arn}: ${decision.reason}; not starting another build.`);
    return { imageBuildVersionArn: arn, attached: true, reason: decision.reason };
  }
  try {
    const res = await awsCall('StartImagePipelineExecution', spec.pipelineArn, ctx, () =>
      ctx.client.send(
        new StartImagePipelineExecutionCommand({
          imagePipelineArn: spec.pipelineArn,
          clientToken: decision.token,
          tags: {
            [RUN_TAG]: spec.runId,
            [REPOSITORY_TAG]: ctx.repository,
            [COMMIT_TAG]: ctx.commit,
            [PROJECT_TAG]: ctx.project,
          },
        }),
      ),
    );
    const arn = res.imageBuildVersionArn ?? '';
    ctx.logger.info(`Started ${arn} (clientToken ${decision.token})`);
    return (
      (await yieldToEarlierBuild(spec, arn, ctx)) ?? {
        imageBuildVersionArn: arn,
        attached: false,
        clientToken: decision.token,
      }
    );
  } catch (e) {
    if (causeName(e) === 'IdempotentParameterMismatchException') {
      throw new ConfigurationError(
        `StartImagePipelineExecution for ${spec.pipelineArn} was refused: clientToken ${decision.token} (from repository ` +
          `${ctx.repository}, image ${spec.image}, recipe version ${spec.recipeVersion}, run ${spec.runId}) was already used ` +
          'with different parameters — another pipeline or different tags under the same run. Start a new workflow run ' +
          '(not a re-run) or check that two image definitions do not share the name ' +
          spec.image +
          '.',
        {},
        { cause: e },
      );
    }
    throw e;
  }
}
