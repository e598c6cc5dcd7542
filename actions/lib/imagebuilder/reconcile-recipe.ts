/**
 * Image recipe versions, content-addressed through the versioned reconciler (reconcile-versioned.ts),
 * like components: the recipe hash (hash.ts) over its resolved inputs is a tag; a version carrying
 * it is reused, otherwise the next version is created.
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
import { allPages, awsCall } from './aws-call.js';
import { nameOfArn, substitutePseudo, versionOfArn } from './arns.js';
import { recipeHash } from './hash.js';
import { HASH_TAG } from './tags.js';
import type { ComponentResult } from './reconcile-components.js';
import { bookkeepingTags, type Outcome, type ReconcileContext } from './reconcile-context.js';
import { reconcileVersioned, type VersionedResource } from './reconcile-versioned.js';

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

/** The recipe kind of the versioned reconciler (reconcile-versioned.ts). */
export function recipeResource(
  def: ImageDefinition,
  components: readonly ComponentResult[],
  ctx: ReconcileContext,
): VersionedResource<ImageRecipeSummary> {
  const { hash, input } = desiredRecipe(def, components, ctx);
  const { partition, region, accountId } = ctx.location;
  const arnOf = (version: string) =>
    `arn:${partition}:imagebuilder:${region}:${accountId}:image-recipe/${def.name.toLowerCase()}/${version}`;
  return {
    kind: 'recipe',
    name: def.name,
    hash,
    pinned: def.version,
    words: { unchanged: 'inputs unchanged', same: 'these inputs' },
    list: () => listRecipes(def.name, ctx),
    versionOf: (r) => versionOfArn(r.arn ?? '') ?? '',
    // The listing carries the recipes' tags.
    findOurs: async (listed) => {
      const match = listed.find((r) => r.tags?.[HASH_TAG] === hash && r.arn);
      return match?.arn ? { arn: match.arn, version: versionOfArn(match.arn) ?? '' } : undefined;
    },
    read: async (version) => {
      const arn = arnOf(version);
      const got = await awsCall('GetImageRecipe', arn, ctx, () =>
        ctx.client.send(new GetImageRecipeCommand({ imageRecipeArn: arn })),
      );
      const tags = got.imageRecipe?.tags ?? {};
      return tags[HASH_TAG] === hash
        ? { kind: 'ours', arn: got.imageRecipe?.arn ?? arn }
        : { kind: 'taken', arn, hash: tags[HASH_TAG], tags: { ...tags } };
    },
    // CreateImageRecipe of an existing version fails (ResourceAlreadyExistsException).
    readBeforeCreate: false,
    create: async (version, clientToken) =>
      (
        await awsCall('CreateImageRecipe', `image recipe ${def.name} ${version}`, ctx, () =>
          ctx.client.send(
            new CreateImageRecipeCommand({
              ...input,
              semanticVersion: version,
              tags: { ...def.tags, ...bookkeepingTags(ctx, hash) },
              clientToken,
            }),
          ),
        )
      ).imageRecipeArn,
    arnOf,
    conflict: (version, _theirHash, cause) =>
      new ConfigurationError(
        `Image recipe ${nameOfArn(arnOf(version))} version ${version} already exists with different inputs (created outside this ` +
          `pipeline or by another branch). Raise \`version:\` in the image definition above ${version}, or delete that ` +
          'recipe version if no pipeline uses it, then re-run.',
        { file: def.file },
        { cause },
      ),
  };
}

/** Reuses the recipe version carrying the hash of these inputs, or creates the next one. */
export async function reconcileRecipe(
  def: ImageDefinition,
  components: readonly ComponentResult[],
  ctx: ReconcileContext,
): Promise<RecipeResult> {
  const resource = recipeResource(def, components, ctx);
  const r = await reconcileVersioned(resource, ctx);
  return { name: def.name, ...r, hash: resource.hash };
}
