/**
 * Image recipes: immutable (a new version is a new recipe; an existing name+version is
 * `ResourceAlreadyExistsException`), at most 20 components (Image Builder quotas: "components per
 * recipe"), each component must exist in the region or be AWS-managed, and the parent image must
 * be an AMI available in the region or an Image Builder image ARN (AWS-managed or one of ours).
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import {
  applyFilters,
  arn,
  checkName,
  checkSemver,
  ibState,
  isManagedArn,
  notFound,
  nowIso,
  page,
  setTags,
  strip,
  withTags,
  type RecipeRec,
} from './model.js';
import { componentExists } from './components.js';
import { findImage } from '../ec2.js';

export const MAX_COMPONENTS = 20;

function parentPlatform(ctx: OpContext, parentImage: string): string {
  if (parentImage.startsWith('ami-')) {
    const img = findImage(ctx.state, ctx.region, parentImage);
    if (!img)
      throw new ApiError(
        'InvalidParameterValueException',
        `The value supplied for parameter 'parentImage' is not valid. The image '${parentImage}' does not exist in ${ctx.region}.`,
      );
    return img.platform === 'windows' ? 'Windows' : 'Linux';
  }
  if (isManagedArn(parentImage, 'image'))
    return /windows/i.test(parentImage)
      ? 'Windows'
      : /macos/i.test(parentImage)
        ? 'macOS'
        : 'Linux';
  if (/^arn:aws[a-z-]*:imagebuilder:/.test(parentImage)) {
    const own = Object.values(ibState(ctx.state, ctx.region).images).find(
      (i) => i.arn === parentImage || i.arn.startsWith(`${parentImage}/`),
    );
    if (!own) throw notFound('image', parentImage);
    return own.platform;
  }
  if (/^ssm:\/./.test(parentImage)) return 'Linux';
  throw new ApiError(
    'InvalidParameterValueException',
    `The value supplied for parameter 'parentImage' is not valid: ${parentImage}. Use an AMI ID, an image ARN or ssm:<parameter>.`,
  );
}

export function createImageRecipe(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const name = checkName(str(input['name']));
  const version = checkSemver(str(input['semanticVersion']));
  const components = (input['components'] as { componentArn: string }[] | undefined) ?? [];
  if (components.length < 1 || components.length > MAX_COMPONENTS) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'components' is not valid. A recipe has between 1 and ${MAX_COMPONENTS} components; this one has ${components.length}.`,
    );
  }
  const missing = components.map((c) => c.componentArn).filter((a) => !componentExists(s, a));
  if (missing.length)
    throw new ApiError(
      'ResourceNotFoundException',
      `The following component(s) do not exist: ${missing.join(', ')}.`,
      404,
    );
  const recipeArn = arn(ctx, 'image-recipe', name, version);
  if (s.recipes[recipeArn]) {
    throw new ApiError(
      'ResourceAlreadyExistsException',
      `The following resource already exists: ${recipeArn}. Image recipes are immutable: create a new semantic version.`,
    );
  }
  const parentImage = str(input['parentImage']) ?? '';
  const rec: RecipeRec = {
    arn: recipeArn,
    type: 'AMI',
    name,
    version,
    description: str(input['description']),
    platform: parentPlatform(ctx, parentImage),
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
  return { clientToken: input['clientToken'], imageRecipeArn: recipeArn };
}

export function getImageRecipe(input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input['imageRecipeArn']) ?? '';
  const r = s.recipes[a];
  if (!r) throw notFound('image recipe', a);
  return { imageRecipe: withTags(s, r) };
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
