/**
 * Image recipes: immutable (an existing name+version is `ResourceAlreadyExistsException`, still
 * declared by CreateImageRecipe), or a wildcard version `1.0.x` that takes the next patch
 * (versions.ts); at most 20 components (Image Builder quotas: "components per recipe"); every
 * reference checked (references.ts): the parent is an AMI of this region, an Image Builder image
 * of ours, or an Amazon-managed image Image Builder really offers; each component exists (ours, or
 * Amazon-managed), suits the parent and is given only parameters it declares.
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import {
  applyFilters,
  arn,
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
  type RecipeRec,
} from './model.js';
import { resolveComponent } from './components.js';
import { findImage } from '../ec2.js';
import {
  checkArn,
  checkParameters,
  checkSuits,
  managedComponent,
  managedImage,
  type Parent,
} from './references.js';
import {
  assignWildcard,
  checkRecipeVersion,
  compareVersions,
  latestVersionReferences,
  matchesSelector,
} from './versions.js';

export const MAX_COMPONENTS = 20;

function parentOf(ctx: OpContext, parentImage: string): Parent {
  if (parentImage.startsWith('ami-')) {
    const img = findImage(ctx.state, ctx.region, parentImage);
    if (!img)
      throw new ApiError(
        'InvalidParameterValueException',
        `The value supplied for parameter 'parentImage' is not valid. The image '${parentImage}' does not exist in ${ctx.region}.`,
      );
    return { platform: img.platform === 'windows' ? 'Windows' : 'Linux' };
  }
  if (/^ssm:\/./.test(parentImage)) return { platform: 'Linux' };
  if (!parentImage.startsWith('arn:'))
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'parentImage' is not valid: ${parentImage}. Use an AMI ID, an image ARN or ssm:<parameter>.`,
    );
  const p = checkArn(parentImage, 'image', 'parentImage', ctx);
  if (p.managed) {
    const m = managedImage(p, parentImage);
    return { platform: m.platform, osVersion: m.osVersion };
  }
  const own = Object.values(ibState(ctx.state, ctx.region).images)
    .filter(
      (i) =>
        i.arn.split('/')[1] === p.name &&
        (p.version === undefined || matchesSelector(p.version, i.version.split('/')[0]!)) &&
        (p.build === undefined || i.version.endsWith(`/${p.build}`)),
    )
    .sort(
      (a, b) =>
        compareVersions(a.version.split('/')[0]!, b.version.split('/')[0]!) ||
        a.startedAt - b.startedAt,
    );
  const last = own.at(-1);
  if (!last) throw notFound('image', parentImage);
  return { platform: last.platform };
}

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
  const components = (input['components'] as ComponentConfig[] | undefined) ?? [];
  const parentImage = str(input['parentImage']) ?? '';
  const parent = parentOf(ctx, parentImage);
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
    imageRecipe: strip(withTags(s, r), 'parentOs'),
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
