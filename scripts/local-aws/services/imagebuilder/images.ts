/** GetImage, ListImageBuildVersions, CancelImageCreation and the workflow execution views. */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import { ibState, notFound, page, strip, withTags, type IbState, type ImageRec } from './model.js';
import { STEPS, isTerminal, snapshot, statusOf } from './build.js';

const MANAGED_WORKFLOW: Record<string, string> = {
  BUILD: 'build/build-image/1.0.0/1',
  TEST: 'test/test-image/1.0.0/1',
  DISTRIBUTION: 'distribution/distribute-image/1.0.0/1',
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function findImage(s: IbState, a: string): ImageRec {
  const exact = s.images[a];
  if (exact) return exact;
  // A version ARN (`.../image/name/1.0.0`) names its newest build.
  const builds = Object.values(s.images)
    .filter((i) => i.arn.startsWith(`${a}/`))
    .sort((x, y) => x.startedAt - y.startedAt);
  const last = builds.at(-1);
  if (!last) throw notFound('image', a);
  return last;
}

export function imageSummary(s: IbState, img: ImageRec, ctx: OpContext) {
  return {
    arn: img.arn,
    name: img.name,
    type: 'AMI',
    version: img.version,
    platform: img.platform,
    osVersion: img.platform === 'Windows' ? 'Microsoft Windows Server 2022' : 'Amazon Linux 2023',
    state: statusOf(img, ctx.clock.now()),
    owner: ctx.accountId,
    dateCreated: img.dateCreated,
    outputResources: { amis: img.amis },
    tags: s.tags[img.arn],
    buildType: 'USER_INITIATED',
    imageSource: 'CUSTOM',
  };
}

export function getImage(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const img = findImage(s, str(input['imageBuildVersionArn']) ?? '');
  const recipe = s.recipes[img.recipeArn];
  const pipeline = img.pipelineArn ? s.pipelines[img.pipelineArn] : undefined;
  const infra = s.infrastructure[img.infrastructureConfigurationArn];
  const dist = img.distributionConfigurationArn
    ? s.distribution[img.distributionConfigurationArn]
    : undefined;
  return {
    image: {
      ...strip(imageSummary(s, img, ctx), 'owner'),
      enhancedImageMetadataEnabled: true,
      imageRecipe: recipe ? withTags(s, recipe) : undefined,
      sourcePipelineName: pipeline?.name,
      sourcePipelineArn: img.pipelineArn,
      infrastructureConfiguration: infra ? withTags(s, infra) : undefined,
      distributionConfiguration: dist ? withTags(s, dist) : undefined,
      imageTestsConfiguration: { imageTestsEnabled: img.imageTestsEnabled, timeoutMinutes: 720 },
    },
  };
}

export function listImageBuildVersions(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imageVersionArn']) ?? '';
  const builds = Object.values(s.images)
    .filter((i) => i.arn.startsWith(`${a}/`))
    .sort((x, y) => x.startedAt - y.startedAt);
  const { page: p, nextToken } = page(builds, input, `image-builds:${a}`);
  return { imageSummaryList: p.map((i) => imageSummary(s, i, ctx)), nextToken };
}

/** Cancels a build in progress; one that already ended is `ResourceInUseException`. */
export function cancelImageCreation(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imageBuildVersionArn']) ?? '';
  const img = s.images[a];
  if (!img) throw notFound('image', a);
  const { status } = statusOf(img, ctx.clock.now());
  if (isTerminal(status))
    throw new ApiError(
      'ResourceInUseException',
      `The image ${a} cannot be cancelled because it is ${status}.`,
    );
  img.cancelledAt = ctx.clock.now();
  img.final = {
    status: 'CANCELLED',
    reason: 'The image build was cancelled.',
    at: img.cancelledAt,
  };
  const p = img.pipelineArn ? s.pipelines[img.pipelineArn] : undefined;
  if (p) p['lastRunStatus'] = 'CANCELLED';
  return { clientToken: input['clientToken'], imageBuildVersionArn: a };
}

function workflowView(img: ImageRec, ctx: OpContext) {
  const snap = snapshot(img, img.final?.at ?? ctx.clock.now());
  return (['BUILD', 'TEST', 'DISTRIBUTION'] as const)
    .map((type) => {
      const steps = snap.spans.filter((sp) => STEPS[sp.phase]?.workflow === type);
      const statuses = steps.map((st) => st.status);
      const status = !steps.length
        ? 'PENDING'
        : statuses.includes('FAILED')
          ? 'FAILED'
          : statuses.includes('CANCELLED')
            ? 'CANCELLED'
            : statuses.includes('RUNNING')
              ? 'RUNNING'
              : statuses.every((x) => x === 'SKIPPED')
                ? 'SKIPPED'
                : 'COMPLETED';
      return { type, id: img.workflowIds[type]!, status, steps, snap };
    })
    .filter((w) => w.steps.length);
}

export function listWorkflowExecutions(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const img = findImage(s, str(input['imageBuildVersionArn']) ?? '');
  const list = workflowView(img, ctx).map((w) => ({
    workflowBuildVersionArn: `arn:aws:imagebuilder:${ctx.region}:aws:workflow/${MANAGED_WORKFLOW[w.type]}`,
    workflowExecutionId: w.id,
    type: w.type,
    status: w.status,
    message: w.status === 'FAILED' ? w.snap.reason : undefined,
    totalStepCount: w.steps.length,
    totalStepsSucceeded: w.steps.filter((x) => x.status === 'COMPLETED').length,
    totalStepsFailed: w.steps.filter((x) => x.status === 'FAILED').length,
    totalStepsSkipped: w.steps.filter((x) => x.status === 'SKIPPED').length,
    startTime: iso(w.steps[0]!.start),
    endTime: ['RUNNING', 'PENDING'].includes(w.status) ? undefined : iso(w.steps.at(-1)!.end),
  }));
  const { page: p, nextToken } = page(list, input, `workflows:${img.arn}`);
  return { workflowExecutions: p, imageBuildVersionArn: img.arn, nextToken };
}

export function listWorkflowStepExecutions(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const id = str(input['workflowExecutionId']) ?? '';
  const img = Object.values(s.images).find((i) => Object.values(i.workflowIds).includes(id));
  if (!img) throw notFound('workflow execution', id);
  const w = workflowView(img, ctx).find((x) => x.id === id);
  const steps = (w?.steps ?? []).map((st, i) => ({
    stepExecutionId: `step-${id.slice(3)}-${i}`,
    name: STEPS[st.phase]!.name,
    action: STEPS[st.phase]!.action,
    status: st.status,
    rollbackStatus: 'SKIPPED',
    message: st.status === 'FAILED' ? w!.snap.reason : undefined,
    startTime: iso(st.start),
    endTime: st.status === 'RUNNING' ? undefined : iso(st.end),
  }));
  const { page: p, nextToken } = page(steps, input, `steps:${id}`);
  return {
    steps: p,
    workflowBuildVersionArn: w
      ? `arn:aws:imagebuilder:${ctx.region}:aws:workflow/${MANAGED_WORKFLOW[w.type]}`
      : undefined,
    workflowExecutionId: id,
    imageBuildVersionArn: img.arn,
    nextToken,
  };
}
