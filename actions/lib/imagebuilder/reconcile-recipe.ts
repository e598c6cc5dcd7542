/**
 * Image recipe versions, content-addressed like components: the recipe hash (hash.ts) over its resolved
 * inputs is a tag; a version carrying it is reused, otherwise the next version is created.
 */
import {
  CreateImageRecipeCommand,
  GetImageRecipeCommand,
  type ImageRecipeSummary,
  type InstanceBlockDeviceMapping,
  paginateListImageRecipes,
} from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../core/errors.js';
import type { ImageDefinition } from '../definitions/types.js';
import { allPages, awsCall, causeName } from './aws-call.js';
import { nameOfArn, substitutePseudo, versionOfArn } from './arns.js';
import { deterministicToken, HASH_TAG, recipeHash } from './hash.js';
import type { ComponentResult } from './reconcile-components.js';
import { bookkeepingTags, type Outcome, type ReconcileContext } from './reconcile-context.js';
import { nextVersion } from './versions.js';

export interface RecipeResult {
  name: string;
  arn: string;
  version: string;
  hash: string;
  outcome: Outcome;
}

/** Pure: the CreateImageRecipe input (less version/token/tags) and its hash. */
export function desiredRecipe(
  def: ImageDefinition,
  components: readonly ComponentResult[],
  ctx: Pick<ReconcileContext, 'location'>,
) {
  const parentImage = substitutePseudo(def.parentImage, ctx.location);
  const hash = recipeHash({
    parentImage,
    components: components.map((c) => ({ arn: c.arn, parameters: c.parameters })),
    blockDeviceMappings: def.blockDeviceMappings,
    workingDirectory: def.workingDirectory,
    description: def.description,
    tags: def.tags,
  });
  return {
    hash,
    input: {
      name: def.name,
      description: def.description,
      parentImage,
      components: components.map((c) => ({
        componentArn: c.arn,
        parameters: Object.keys(c.parameters)
          .sort()
          .map((name) => ({ name, value: [c.parameters[name] ?? ''] })),
      })),
      // Same shape as Image Builder's; the definition's schema restricts volumeType to EbsVolumeType values.
      blockDeviceMappings:
        def.blockDeviceMappings.length > 0
          ? (def.blockDeviceMappings as InstanceBlockDeviceMapping[])
          : undefined,
      workingDirectory: def.workingDirectory,
    },
  };
}

export async function listRecipes(
  name: string,
  ctx: ReconcileContext,
): Promise<ImageRecipeSummary[]> {
  const pages = paginateListImageRecipes(
    { client: ctx.client },
    { owner: 'Self', filters: [{ name: 'name', values: [name] }] },
  );
  const all = await allPages(
    'ListImageRecipes',
    `image recipe ${name}`,
    pages,
    (p) => p.imageRecipeSummaryList,
  );
  return all.filter((r) => r.name === name);
}

export async function reconcileRecipe(
  def: ImageDefinition,
  components: readonly ComponentResult[],
  ctx: ReconcileContext,
): Promise<RecipeResult> {
  const { hash, input } = desiredRecipe(def, components, ctx);
  const existing = await listRecipes(def.name, ctx);
  const match = existing.find((r) => r.tags?.[HASH_TAG] === hash && r.arn);
  if (match?.arn) {
    const version = versionOfArn(match.arn) ?? '';
    ctx.logger.info(`recipe ${def.name}: reusing ${version} (inputs unchanged)`);
    return { name: def.name, arn: match.arn, version, hash, outcome: 'reused' };
  }
  const version = nextVersion(
    existing.map((r) => versionOfArn(r.arn ?? '') ?? ''),
    def.version,
  );
  const { partition, region, accountId } = ctx.location;
  const arn = `arn:${partition}:imagebuilder:${region}:${accountId}:image-recipe/${def.name.toLowerCase()}/${version}`;
  try {
    const res = await awsCall('CreateImageRecipe', `image recipe ${def.name} ${version}`, ctx, () =>
      ctx.client.send(
        new CreateImageRecipeCommand({
          ...input,
          semanticVersion: version,
          tags: { ...def.tags, ...bookkeepingTags(ctx, hash) },
          clientToken: deterministicToken(
            'recipe',
            ctx.repository,
            def.name,
            version,
            hash,
            ctx.commit,
          ),
        }),
      ),
    );
    ctx.logger.info(`recipe ${def.name}: created ${version}`);
    return { name: def.name, arn: res.imageRecipeArn ?? arn, version, hash, outcome: 'created' };
  } catch (e) {
    const name = causeName(e);
    if (
      name !== 'ResourceAlreadyExistsException' &&
      name !== 'IdempotentParameterMismatchException'
    )
      throw e;
    const got = await awsCall('GetImageRecipe', arn, ctx, () =>
      ctx.client.send(new GetImageRecipeCommand({ imageRecipeArn: arn })),
    );
    if (got.imageRecipe?.tags?.[HASH_TAG] === hash) {
      ctx.logger.info(
        `recipe ${def.name}: ${version} already exists with these inputs; reusing it`,
      );
      return { name: def.name, arn: got.imageRecipe.arn ?? arn, version, hash, outcome: 'reused' };
    }
    throw new ConfigurationError(
      `Image recipe ${nameOfArn(arn)} version ${version} already exists with different inputs (created outside this ` +
        `pipeline or by another branch). Raise \`version:\` in the image definition above ${version}, or delete that ` +
        'recipe version if no pipeline uses it, then re-run.',
      { file: def.file },
      { cause: e },
    );
  }
}
