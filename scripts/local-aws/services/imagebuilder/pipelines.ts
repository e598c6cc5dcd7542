/**
 * Image pipelines and their executions. StartImagePipelineExecution creates the image
 * `.../image/<recipe>/<x.y.z>/<N>` (N counts builds of that recipe version), resolves its parent
 * and checks its launch (launch.ts), and consumes a matching scripted failure (`BuildFailure`),
 * if any.
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import {
  applyFilters,
  arn,
  checkEnum,
  checkName,
  checkTags,
  ibState,
  notFound,
  nowIso,
  page,
  setTags,
  strip,
  withTags,
  type IbState,
  type ImageRec,
  type PipelineRec,
} from './model.js';
import { statusOf } from './build.js';
import { imageSummary } from './images.js';
import { launchBuild } from './launch.js';

const REFS: [string, keyof IbState, string][] = [
  ['imageRecipeArn', 'recipes', 'image recipe'],
  ['infrastructureConfigurationArn', 'infrastructure', 'infrastructure configuration'],
  ['distributionConfigurationArn', 'distribution', 'distribution configuration'],
];

function checkRefs(s: IbState, input: Input): void {
  for (const [member, coll, what] of REFS) {
    const a = str(input[member]);
    if (a !== undefined && !(s[coll] as Record<string, unknown>)[a]) throw notFound(what, a);
  }
  if (!str(input['imageRecipeArn']) && !str(input['containerRecipeArn'])) {
    throw new ApiError(
      'InvalidParameterCombinationException',
      'You must specify either imageRecipeArn or containerRecipeArn.',
    );
  }
  if (str(input['containerRecipeArn']))
    throw new ApiError(
      'InvalidRequestException',
      'Container recipes are not supported by the local emulator.',
    );
  checkEnum(input['status'], 'status', ['ENABLED', 'DISABLED']);
  const schedule = input['schedule'] as { pipelineExecutionStartCondition?: unknown } | undefined;
  // PipelineExecutionStartCondition (API reference): these two values only.
  checkEnum(schedule?.pipelineExecutionStartCondition, 'pipelineExecutionStartCondition', [
    'EXPRESSION_MATCH_ONLY',
    'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
  ]);
  const timeout = (input['imageTestsConfiguration'] as { timeoutMinutes?: unknown } | undefined)
    ?.timeoutMinutes;
  // ImageTestsTimeoutMinutes: 60 to 1440. "The timeout property is not currently active. This
  // value is ignored" (API reference, ImageTestsConfiguration): kept and reported, never enforced.
  if (timeout !== undefined && (typeof timeout !== 'number' || timeout < 60 || timeout > 1440))
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'timeoutMinutes' is not valid: ${String(timeout)}. Use 60 to 1440 minutes.`,
    );
  checkTags(input['tags']);
  checkTags(input['imageTags'], 'imageTags');
}

const SETTINGS = [
  'description',
  'imageRecipeArn',
  'infrastructureConfigurationArn',
  'distributionConfigurationArn',
  'imageTestsConfiguration',
  'enhancedImageMetadataEnabled',
  'schedule',
  'imageScanningConfiguration',
  'workflows',
  'executionRole',
  'loggingConfiguration',
  'imageTags',
];

function settings(input: Input): Record<string, unknown> {
  return Object.fromEntries(
    SETTINGS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
  );
}

export function createImagePipeline(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const name = checkName(str(input['name']));
  checkRefs(s, input);
  const a = arn(ctx, 'image-pipeline', name);
  if (s.pipelines[a])
    throw new ApiError(
      'ResourceAlreadyExistsException',
      `The following resource already exists: ${a}.`,
    );
  const recipe = s.recipes[str(input['imageRecipeArn']) ?? ''];
  const rec = {
    arn: a,
    name,
    platform: recipe?.platform,
    enhancedImageMetadataEnabled: true,
    ...settings(input),
    status: str(input['status']) ?? 'ENABLED',
    executions: 0,
    dateCreated: nowIso(ctx),
  } as unknown as PipelineRec;
  s.pipelines[a] = rec;
  setTags(s, a, input['tags']);
  return { clientToken: input['clientToken'], imagePipelineArn: a };
}

/** UpdateImagePipeline replaces the pipeline's settings: members left out are cleared, as AWS does. */
export function updateImagePipeline(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imagePipelineArn']) ?? '';
  const p = s.pipelines[a];
  if (!p) throw notFound('image pipeline', a);
  checkRefs(s, input);
  const kept = strip(p, ...SETTINGS);
  s.pipelines[a] = {
    ...kept,
    enhancedImageMetadataEnabled: true,
    ...settings(input),
    status: str(input['status']) ?? p.status,
    dateUpdated: nowIso(ctx),
  } as unknown as PipelineRec;
  return { clientToken: input['clientToken'], imagePipelineArn: a };
}

function wirePipeline(s: IbState, p: PipelineRec) {
  return strip(withTags(s, p), 'executions');
}

export function getImagePipeline(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imagePipelineArn']) ?? '';
  const p = s.pipelines[a];
  if (!p) throw notFound('image pipeline', a);
  return { imagePipeline: wirePipeline(s, p) };
}

export function listImagePipelines(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const items = applyFilters(Object.values(s.pipelines), input, {
    name: (p) => p.name,
    status: (p) => p.status,
  }).sort((a, b) => a.arn.localeCompare(b.arn));
  const { page: p, nextToken } = page(
    items,
    input,
    `pipelines:${JSON.stringify(input['filters'] ?? [])}`,
  );
  return { imagePipelineList: p.map((x) => wirePipeline(s, x)), nextToken };
}

export function deleteImagePipeline(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imagePipelineArn']) ?? '';
  if (!s.pipelines[a]) throw notFound('image pipeline', a);
  delete s.pipelines[a];
  return { imagePipelineArn: a };
}

export function startImagePipelineExecution(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imagePipelineArn']) ?? '';
  const p = s.pipelines[a];
  if (!p) throw notFound('image pipeline', a);
  const recipe = s.recipes[p.imageRecipeArn ?? ''];
  if (!recipe) throw notFound('image recipe', p.imageRecipeArn ?? '');
  checkTags(input['tags']);
  p.executions += 1;
  const key = `${recipe.name.toLowerCase()}/${recipe.version}`;
  const build = (s.imageCounters[key] = (s.imageCounters[key] ?? 0) + 1);
  const launch = launchBuild(ctx, recipe, s.infrastructure[p.infrastructureConfigurationArn]);
  // A build that cannot launch fails there; a scripted failure waits for a build that gets further.
  const idx = launch.failure
    ? -1
    : ctx.buildFailures.findIndex(
        (f) =>
          (!f.region || f.region === ctx.region) &&
          (f.pipeline === a || f.pipeline === p.name) &&
          (f.image === undefined || f.image === p.executions),
      );
  const scripted = idx >= 0 ? ctx.buildFailures.splice(idx, 1)[0] : undefined;
  const failure = launch.failure ?? scripted;
  const tests = p['imageTestsConfiguration'] as
    { imageTestsEnabled?: boolean; timeoutMinutes?: number } | undefined;
  const img: ImageRec = {
    arn: arn(ctx, 'image', recipe.name, recipe.version, String(build)),
    name: recipe.name,
    version: `${recipe.version}/${build}`,
    platform: recipe.platform,
    osVersion: launch.parent?.osVersion ?? recipe.parentOs,
    architecture: launch.parent?.architecture ?? recipe.parentArch ?? 'x86_64',
    parentAmi: launch.parent?.ami,
    recipeArn: recipe.arn,
    pipelineArn: a,
    infrastructureConfigurationArn: p.infrastructureConfigurationArn,
    distributionConfigurationArn: p.distributionConfigurationArn,
    imageTestsEnabled: tests?.imageTestsEnabled !== false,
    testTimeoutMinutes: tests?.timeoutMinutes ?? 720,
    startedAt: ctx.clock.now(),
    durations: { ...ctx.settings.buildDurations },
    failure: failure ? { step: failure.step, reason: failure.reason } : undefined,
    amis: [],
    workflowIds: { BUILD: `wf-${ctx.random.uuid()}`, TEST: `wf-${ctx.random.uuid()}` },
    dateCreated: nowIso(ctx),
  };
  s.images[img.arn] = img;
  // "Specify tags for Image Builder to apply to the image resource that's created" (API reference,
  // StartImagePipelineExecution `tags`): they are the image's tags, returned in image summaries.
  const tags = input['tags'];
  if (tags && typeof tags === 'object') s.tags[img.arn] = { ...(tags as Record<string, string>) };
  p['dateLastRun'] = img.dateCreated;
  p['lastRunStatus'] = statusOf(img, ctx.clock.now()).status;
  return { clientToken: input['clientToken'], imageBuildVersionArn: img.arn };
}

export function listImagePipelineImages(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imagePipelineArn']) ?? '';
  if (!s.pipelines[a]) throw notFound('image pipeline', a);
  const images = applyFilters(
    Object.values(s.images).filter((i) => i.pipelineArn === a) as unknown as Record<
      string,
      unknown
    >[],
    input,
    {
      name: (i) => i['name'],
      version: (i) => String(i['version']).split('/')[0],
    },
  ) as unknown as ImageRec[];
  const sorted = images.sort((x, y) => x.startedAt - y.startedAt);
  const { page: p, nextToken } = page(sorted, input, `pipeline-images:${a}`);
  return { imageSummaryList: p.map((i) => imageSummary(s, i, ctx)), nextToken };
}
