/** GetImage, ListImageBuildVersions, CancelImageCreation and the workflow execution views. */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import {
  applyFilters,
  checkEnum,
  ibState,
  notFound,
  page,
  strip,
  withTags,
  type IbState,
  type ImageRec,
} from './model.js';
import { compareVersions } from './versions.js';
import { isTerminal, snapshot, statusOf, type PhaseSpan } from './build.js';
import { WORKFLOWS, type WorkflowDef } from './workflows.js';

function osVersionOf(img: ImageRec): string {
  return (
    img.osVersion ??
    (img.platform === 'Windows' ? 'Microsoft Windows Server 2022' : 'Amazon Linux 2023')
  );
}

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
    osVersion: osVersionOf(img),
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
      imageRecipe: recipe ? strip(withTags(s, recipe), 'parentOs') : undefined,
      sourcePipelineName: pipeline?.name,
      sourcePipelineArn: img.pipelineArn,
      infrastructureConfiguration: infra ? withTags(s, infra) : undefined,
      distributionConfiguration: dist ? withTags(s, dist) : undefined,
      imageTestsConfiguration: {
        imageTestsEnabled: img.imageTestsEnabled,
        timeoutMinutes: img.testTimeoutMinutes ?? 720,
      },
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

/** The workflow executions started so far: BUILD, then TEST when tests are enabled. */
function workflowView(img: ImageRec, ctx: OpContext) {
  const snap = snapshot(img, img.final?.at ?? ctx.clock.now());
  const out: { def: WorkflowDef; id: string; status: string; steps: PhaseSpan[] }[] = [];
  for (const def of Object.values(WORKFLOWS)) {
    const steps = snap.spans.filter((sp) => sp.workflow === def);
    if (!steps.length) continue;
    const statuses = steps.map((st) => st.status);
    const done = steps.length === def.steps.length;
    const status = statuses.includes('FAILED')
      ? 'FAILED'
      : statuses.includes('CANCELLED')
        ? 'CANCELLED'
        : statuses.includes('RUNNING') || !done
          ? 'RUNNING'
          : 'COMPLETED';
    out.push({ def, id: img.workflowIds[def.type]!, status, steps });
  }
  return { snap, workflows: out };
}

function managedArn(ctx: OpContext, def: WorkflowDef): string {
  return `arn:aws:imagebuilder:${ctx.region}:aws:workflow/${def.managed}`;
}

export function listWorkflowExecutions(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const img = findImage(s, str(input['imageBuildVersionArn']) ?? '');
  const { snap, workflows } = workflowView(img, ctx);
  const list = workflows.map((w) => ({
    workflowBuildVersionArn: managedArn(ctx, w.def),
    workflowExecutionId: w.id,
    type: w.def.type,
    status: w.status,
    message: w.status === 'FAILED' ? snap.reason : undefined,
    totalStepCount: w.def.steps.length,
    totalStepsSucceeded: w.steps.filter((x) => x.status === 'COMPLETED').length,
    totalStepsFailed: w.steps.filter((x) => x.status === 'FAILED').length,
    totalStepsSkipped: w.steps.filter((x) => x.status === 'SKIPPED').length,
    startTime: iso(w.steps[0]!.start),
    endTime: w.status === 'RUNNING' ? undefined : iso(w.steps.at(-1)!.end),
  }));
  const { page: p, nextToken } = page(list, input, `workflows:${img.arn}`);
  return { workflowExecutions: p, imageBuildVersionArn: img.arn, nextToken };
}

export function listWorkflowStepExecutions(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const id = str(input['workflowExecutionId']) ?? '';
  const img = Object.values(s.images).find((i) => Object.values(i.workflowIds).includes(id));
  if (!img) throw notFound('workflow execution', id);
  const { snap, workflows } = workflowView(img, ctx);
  const w = workflows.find((x) => x.id === id);
  const steps = (w?.steps ?? []).map((st, i) => ({
    stepExecutionId: `step-${id.slice(3)}-${i}`,
    name: st.step!.name,
    action: st.step!.action,
    status: st.status,
    rollbackStatus: 'SKIPPED',
    message: st.status === 'FAILED' ? snap.reason : undefined,
    startTime: iso(st.start),
    endTime: st.status === 'RUNNING' ? undefined : iso(st.end),
  }));
  const { page: p, nextToken } = page(steps, input, `steps:${id}`);
  return {
    steps: p,
    workflowBuildVersionArn: w ? managedArn(ctx, w.def) : undefined,
    workflowExecutionId: id,
    imageBuildVersionArn: img.arn,
    nextToken,
  };
}

/**
 * ListImages: image versions (`.../image/name/1.2.0`, no build node), owner `Self` by default,
 * filters name, osVersion, platform, type, version (API reference, ListImages); `byName` lists
 * every version of the named image, otherwise only each name's newest version.
 */
export function listImages(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  checkEnum(input['owner'], 'owner', ['Self', 'Shared', 'Amazon', 'ThirdParty', 'AWSMarketplace']);
  const own = (str(input['owner']) ?? 'Self') === 'Self' ? Object.values(s.images) : [];
  const versions = new Map<string, ReturnType<typeof imageVersion>>();
  for (const img of own.sort((a, b) => a.startedAt - b.startedAt)) {
    const v = imageVersion(img, ctx);
    versions.set(v.arn, v);
  }
  let list = [...versions.values()];
  if (input['byName'] !== true) {
    const newest = new Map<string, (typeof list)[number]>();
    for (const v of list.sort((a, b) => compareVersions(a.version, b.version)))
      newest.set(v.name, v);
    list = [...newest.values()];
  }
  const filtered = applyFilters(list, input, {
    name: (v) => v.name,
    osVersion: (v) => v.osVersion,
    platform: (v) => v.platform,
    type: (v) => v.type,
    version: (v) => v.version,
  }).sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
  const { page: p, nextToken } = page(
    filtered,
    input,
    `images:${String(input['byName'])}:${JSON.stringify(input['filters'] ?? [])}`,
  );
  return { imageVersionList: p, nextToken };
}

function imageVersion(img: ImageRec, ctx: OpContext) {
  const version = img.version.split('/')[0]!;
  return {
    arn: img.arn.split('/').slice(0, 3).join('/'),
    name: img.name,
    type: 'AMI',
    version,
    platform: img.platform,
    osVersion: osVersionOf(img),
    owner: ctx.accountId,
    dateCreated: img.dateCreated,
    buildType: 'USER_INITIATED',
    imageSource: 'CUSTOM',
  };
}
