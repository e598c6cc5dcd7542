/**
 * The image pipeline: one per image, named like it. Created, or updated when the recipe, the
 * infrastructure or the distribution configuration differ. No schedule: GitHub's cron drives builds,
 * so every build is a workflow run. Settings we do not manage are carried over on update, because
 * UpdateImagePipeline replaces the whole pipeline. Image scanning is on unless the definition turns it
 * off (`scan.enabled: false`): the scan gate reads its findings.
 */
import {
  CreateImagePipelineCommand,
  UpdateImagePipelineCommand,
  type ImagePipeline,
  paginateListImagePipelines,
} from '@aws-sdk/client-imagebuilder';
import { allPages, awsCall } from './aws-call.js';
import { canonicalJson, deterministicToken } from './hash.js';
import { PROJECT_TAG } from './tags.js';
import type { ReconcileContext } from './reconcile-context.js';

export interface PipelineSpec {
  name: string;
  description?: string;
  imageRecipeArn: string;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn: string;
  tags: Record<string, string>;
  /** Amazon Inspector scans each build's test instance (the scan gate reads it); default true. */
  imageScanningEnabled?: boolean;
}

export interface PipelineResult {
  arn: string;
  outcome: 'created' | 'updated' | 'unchanged';
  changed: string[];
}

/** Pure: which managed fields of an existing pipeline differ from the spec. */
export function pipelineDifferences(existing: ImagePipeline, spec: PipelineSpec): string[] {
  const diff: string[] = [];
  if (existing.imageRecipeArn !== spec.imageRecipeArn) diff.push('imageRecipeArn');
  if (existing.infrastructureConfigurationArn !== spec.infrastructureConfigurationArn)
    diff.push('infrastructureConfigurationArn');
  if (existing.distributionConfigurationArn !== spec.distributionConfigurationArn)
    diff.push('distributionConfigurationArn');
  if (existing.imageTestsConfiguration?.imageTestsEnabled === false)
    diff.push('imageTestsConfiguration');
  if (existing.status !== 'ENABLED') diff.push('status');
  if (existing.schedule?.scheduleExpression) diff.push('schedule');
  if ((existing.imageScanningConfiguration?.imageScanningEnabled ?? false) !== scanning(spec))
    diff.push('imageScanningConfiguration');
  return diff;
}

/**
 * The ARN of our pipeline `name` (Image Builder lower-cases the name in it), for a create response
 * without one: the build must start on this pipeline, never on an empty ARN.
 */
export function pipelineArnOf(name: string, ctx: Pick<ReconcileContext, 'location'>): string {
  const { partition, region, accountId } = ctx.location;
  return `arn:${partition}:imagebuilder:${region}:${accountId}:image-pipeline/${name.toLowerCase()}`;
}

function scanning(spec: PipelineSpec): boolean {
  return spec.imageScanningEnabled ?? true;
}

export async function findPipeline(
  name: string,
  ctx: ReconcileContext,
): Promise<ImagePipeline | undefined> {
  const pages = paginateListImagePipelines(
    { client: ctx.client },
    { filters: [{ name: 'name', values: [name] }] },
  );
  const all = await allPages(
    'ListImagePipelines',
    `image pipeline ${name}`,
    pages,
    (p) => p.imagePipelineList,
  );
  return all.find((p) => p.name === name);
}

/**
 * The update's client token: the whole request, and the pipeline's `dateUpdated` as we read it.
 * Image Builder answers a token it has seen with the first response and applies nothing, and a
 * token reused with other parameters is IdempotentParameterMismatchException (API reference,
 * UpdateImagePipeline `clientToken`). So the token must change with anything the request
 * changes (a definition turning scanning off after a run that turned it on), and with the
 * pipeline changing since (the same drift, put back a second time, is a new update): a token of
 * the ARNs alone failed the first and silently skipped the second. A retry of this one call sends
 * the same token.
 */
export function updateToken(update: object, dateUpdated: string | undefined): string {
  return deterministicToken('pipeline-update', canonicalJson(update), dateUpdated ?? '');
}

export async function reconcilePipeline(
  spec: PipelineSpec,
  ctx: ReconcileContext,
): Promise<PipelineResult> {
  const existing = await findPipeline(spec.name, ctx);
  const common = {
    description: spec.description,
    imageRecipeArn: spec.imageRecipeArn,
    infrastructureConfigurationArn: spec.infrastructureConfigurationArn,
    distributionConfigurationArn: spec.distributionConfigurationArn,
    imageTestsConfiguration: {
      imageTestsEnabled: true,
      timeoutMinutes: existing?.imageTestsConfiguration?.timeoutMinutes,
    },
    status: 'ENABLED' as const,
  };
  // Ours: on or off per definition. The ECR settings (container images only) are kept.
  const imageScanningConfiguration = {
    ...existing?.imageScanningConfiguration,
    imageScanningEnabled: scanning(spec),
  };
  if (!existing?.arn) {
    const res = await awsCall('CreateImagePipeline', `image pipeline ${spec.name}`, ctx, () =>
      ctx.client.send(
        new CreateImagePipelineCommand({
          name: spec.name,
          ...common,
          imageScanningConfiguration,
          tags: { ...spec.tags, [PROJECT_TAG]: ctx.project },
          clientToken: deterministicToken(
            'pipeline',
            spec.name,
            spec.imageRecipeArn,
            spec.infrastructureConfigurationArn,
          ),
        }),
      ),
    );
    ctx.logger.info(`pipeline ${spec.name}: created`);
    return {
      arn: res.imagePipelineArn ?? pipelineArnOf(spec.name, ctx),
      outcome: 'created',
      changed: [],
    };
  }
  const changed = pipelineDifferences(existing, spec);
  if (changed.length === 0) {
    ctx.logger.info(`pipeline ${spec.name}: unchanged`);
    return { arn: existing.arn, outcome: 'unchanged', changed };
  }
  const arn = existing.arn;
  const update = {
    imagePipelineArn: arn,
    ...common,
    // Not ours to manage: keep what is there.
    enhancedImageMetadataEnabled: existing.enhancedImageMetadataEnabled,
    imageScanningConfiguration,
    workflows: existing.workflows,
    executionRole: existing.executionRole,
    loggingConfiguration: existing.loggingConfiguration,
    imageTags: existing.imageTags,
  };
  await awsCall('UpdateImagePipeline', arn, ctx, () =>
    ctx.client.send(
      new UpdateImagePipelineCommand({
        ...update,
        clientToken: updateToken(update, existing.dateUpdated),
      }),
    ),
  );
  ctx.logger.info(`pipeline ${spec.name}: updated (${changed.join(', ')})`);
  return { arn, outcome: 'updated', changed };
}
