/**
 * Image recipes: immutable (an existing name+version is `ResourceAlreadyExistsException`, still
 * declared by CreateImageRecipe), or a wildcard version `1.0.x` that takes the next patch
 * (versions.ts); at most 20 components (Image Builder quotas: "components per recipe"); every
 * reference checked: the parent (parents.ts) is an AMI of this region, an Image Builder image of
 * ours, an Amazon-managed image Image Builder really offers, or an SSM parameter naming an AMI of
 * this region, and gives the recipe its platform; each component (references.ts) exists (ours, or
 * Amazon-managed), suits the parent and is given only parameters it declares.
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import {
  applyFilters,
  arn,
  checkName,
  checkNonEmptyString,
  checkTags,
  ibState,
  notFound,
  nowIso,
  page,
  setTags,
  strip,
  withTags,
  type IbState,
  type RecipeRec,
} from './model.js';
import { resolveComponent } from './components.js';
import { checkArn, checkParameters, checkSuits, managedComponent } from './references.js';
import { resolveParent, type Parent } from './parents.js';
import { assignWildcard, checkRecipeVersion, latestVersionReferences } from './versions.js';

export const MAX_COMPONENTS = 20;

type ComponentConfig = { componentArn: string; parameters?: { name?: string }[] };

function checkComponents(ctx: OpContext, s: IbState, list: ComponentConfig[], parent: Parent) {
  if (list.length < 1 || list.length > MAX_COMPONENTS) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'components' is not valid. A recipe has between 1 and ${MAX_COMPONENTS} components; this one has ${list.length}.`,
    );
  }
  const missing: string[] = [];
  for (const { componentArn: a, parameters } of list) {
    const p = checkArn(a, 'component', 'componentArn', ctx);
    if (p.managed) {
      checkSuits(a, managedComponent(p, a), parent);
      continue;
    }
    const own = resolveComponent(s, a);
    if (!own) {
      missing.push(a);
      continue;
    }
    checkSuits(a, own, parent);
    checkParameters(a, own, parameters);
  }
  if (missing.length)
    throw new ApiError(
      'ResourceNotFoundException',
      `The following component(s) do not exist: ${missing.join(', ')}.`,
      404,
    );
}

function versionOf(s: IbState, name: string, requested: string): string {
  if (!requested.includes('x')) return requested;
  const existing = Object.values(s.recipes)
    .filter((r) => r.name.toLowerCase() === name.toLowerCase())
    .map((r) => r.version);
  return assignWildcard(requested, existing);
}

export function createImageRecipe(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const name = checkName(str(input['name']));
  const requested = checkRecipeVersion(str(input['semanticVersion']));
  checkTags(input['tags']);
  checkNonEmptyString(input['description'], 'description');
  const components = (input['components'] as ComponentConfig[] | undefined) ?? [];
  const parentImage = str(input['parentImage']) ?? '';
  const parent = resolveParent(ctx, parentImage);
  checkComponents(ctx, s, components, parent);
  const version = versionOf(s, name, requested);
  const recipeArn = arn(ctx, 'image-recipe', name, version);
  if (s.recipes[recipeArn]) {
    throw new ApiError(
      'ResourceAlreadyExistsException',
      `The following resource already exists: ${recipeArn}. Image recipes are immutable: create a new semantic version, or give a wildcard version such as ${version.split('.').slice(0, 2).join('.')}.x for the next one.`,
    );
  }
  const rec: RecipeRec = {
    arn: recipeArn,
    type: 'AMI',
    name,
    version,
    description: str(input['description']),
    platform: parent.platform,
    parentOs: parent.osVersion,
    parentArch: parent.architecture,
    owner: ctx.accountId,
    components,
    parentImage,
    blockDeviceMappings: input['blockDeviceMappings'],
    dateCreated: nowIso(ctx),
    workingDirectory: input['workingDirectory'],
    additionalInstanceConfiguration: input['additionalInstanceConfiguration'],
    amiTags: input['amiTags'],
  };
  s.recipes[recipeArn] = rec;
  setTags(s, recipeArn, input['tags']);
  return {
    clientToken: input['clientToken'],
    imageRecipeArn: recipeArn,
    latestVersionReferences: recipeReferences(rec),
  };
}

function recipeReferences(r: RecipeRec) {
  return latestVersionReferences(r.arn.split('/').slice(0, 2).join('/'), r.version);
}

export function getImageRecipe(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imageRecipeArn']) ?? '';
  const r = s.recipes[a];
  if (!r) throw notFound('image recipe', a);
  return {
    imageRecipe: strip(withTags(s, r), 'parentOs', 'parentArch'),
    latestVersionReferences: recipeReferences(r),
  };
}

export function listImageRecipes(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const own = (str(input['owner']) ?? 'Self') === 'Self' ? Object.values(s.recipes) : [];
  const items = applyFilters(own, input, {
    name: (r) => r.name,
    parentImage: (r) => r.parentImage,
    platform: (r) => r.platform,
  }).sort((a, b) => a.arn.localeCompare(b.arn));
  const { page: p, nextToken } = page(
    items,
    input,
    `recipes:${JSON.stringify(input['filters'] ?? [])}`,
  );
  return {
    imageRecipeSummaryList: p.map((r) =>
      strip(
        withTags(s, r),
        'type',
        'version',
        'components',
        'blockDeviceMappings',
        'workingDirectory',
        'additionalInstanceConfiguration',
        'amiTags',
        'description',
        'parentOs',
        'parentArch',
      ),
    ),
    nextToken,
  };
}

export function deleteImageRecipe(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imageRecipeArn']) ?? '';
  if (!s.recipes[a]) throw notFound('image recipe', a);
  const user = Object.values(s.pipelines).find((p) => p.imageRecipeArn === a);
  if (user)
    throw new ApiError(
      'ResourceDependencyException',
      `The image recipe ${a} is used by image pipeline ${user.arn}.`,
    );
  delete s.recipes[a];
  return { imageRecipeArn: a };
}
