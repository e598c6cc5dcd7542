/**
 * EC2 Image Builder (restJson1). Routes come from the SDK's operation schemas; `clientToken`
 * idempotency wraps every operation that takes one: the same token with the same request returns
 * the first response, with a different request `IdempotentParameterMismatchException`.
 */
import * as imagebuilder from '@aws-sdk/client-imagebuilder';
import {
  ApiError,
  str,
  type Handler,
  type Input,
  type OpContext,
  type ServiceDefinition,
} from '../../types.js';
import { regionsWith } from '../../state.js';
import { checkClientToken, checkTags, ibState } from './model.js';
import {
  createComponent,
  deleteComponent,
  getComponent,
  listComponentBuildVersions,
  listComponents,
} from './components.js';
import {
  createImageRecipe,
  deleteImageRecipe,
  getImageRecipe,
  listImageRecipes,
} from './recipes.js';
import { configOperations } from './configs.js';
import {
  createImagePipeline,
  deleteImagePipeline,
  getImagePipeline,
  listImagePipelineImages,
  listImagePipelines,
  startImagePipelineExecution,
  updateImagePipeline,
} from './pipelines.js';
import {
  cancelImageCreation,
  getImage,
  listImageBuildVersions,
  listImages,
  listWorkflowExecutions,
  listWorkflowStepExecutions,
} from './images.js';
import { advanceImages } from './build.js';
import { advanceScans, scanOperations, withScanState } from './scans.js';

export { createConfiguration } from './configs.js';

/** JSON with object keys sorted, so equal requests compare equal whatever the key order. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function idempotent(op: string, handler: Handler): Handler {
  return (input: Input, ctx: OpContext) => {
    checkClientToken(input['clientToken']);
    const token = str(input['clientToken']);
    if (!token) return handler(input, ctx);
    const s = ibState(ctx.state, ctx.region);
    const key = `${op}:${token}`;
    const { clientToken: _t, ...rest } = input;
    const request = stableJson(rest);
    const seen = s.tokens[key];
    if (seen) {
      if (seen.request !== request) {
        throw new ApiError(
          'IdempotentParameterMismatchException',
          `The client token ${token} was already used with a different request.`,
        );
      }
      return seen.response;
    }
    const response = handler(input, ctx);
    s.tokens[key] = { request, response };
    return response;
  };
}

function resourceExists(ctx: OpContext, a: string): boolean {
  const s = ibState(ctx.state, ctx.region);
  return [s.components, s.recipes, s.infrastructure, s.distribution, s.pipelines, s.images].some(
    (c) => a in c,
  );
}

const tagOperations: Record<string, Handler> = {
  TagResource: (input, ctx) => {
    const a = str(input['resourceArn']) ?? '';
    if (!resourceExists(ctx, a))
      throw new ApiError('ResourceNotFoundException', `The resource ${a} does not exist.`, 404);
    checkTags(input['tags']);
    const s = ibState(ctx.state, ctx.region);
    s.tags[a] = {
      ...(s.tags[a] ?? {}),
      ...((input['tags'] as Record<string, string> | undefined) ?? {}),
    };
    return {};
  },
  UntagResource: (input, ctx) => {
    const a = str(input['resourceArn']) ?? '';
    if (!resourceExists(ctx, a))
      throw new ApiError('ResourceNotFoundException', `The resource ${a} does not exist.`, 404);
    const s = ibState(ctx.state, ctx.region);
    for (const k of (input['tagKeys'] as string[] | undefined) ?? []) delete s.tags[a]?.[k];
    return {};
  },
  ListTagsForResource: (input, ctx) => {
    const a = str(input['resourceArn']) ?? '';
    if (!resourceExists(ctx, a))
      throw new ApiError('ResourceNotFoundException', `The resource ${a} does not exist.`, 404);
    return { tags: { ...(ibState(ctx.state, ctx.region).tags[a] ?? {}) } };
  },
};

const operations: Record<string, Handler> = {
  CreateComponent: createComponent,
  GetComponent: getComponent,
  ListComponents: listComponents,
  ListComponentBuildVersions: listComponentBuildVersions,
  DeleteComponent: deleteComponent,
  CreateImageRecipe: createImageRecipe,
  GetImageRecipe: getImageRecipe,
  ListImageRecipes: listImageRecipes,
  DeleteImageRecipe: deleteImageRecipe,
  ...configOperations,
  CreateImagePipeline: createImagePipeline,
  UpdateImagePipeline: updateImagePipeline,
  GetImagePipeline: getImagePipeline,
  ListImagePipelines: listImagePipelines,
  DeleteImagePipeline: deleteImagePipeline,
  StartImagePipelineExecution: startImagePipelineExecution,
  ListImagePipelineImages: listImagePipelineImages,
  GetImage: withScanState(getImage),
  ListImages: listImages,
  ListImageBuildVersions: listImageBuildVersions,
  CancelImageCreation: cancelImageCreation,
  ListWorkflowExecutions: listWorkflowExecutions,
  ListWorkflowStepExecutions: listWorkflowStepExecutions,
  ...tagOperations,
  ...scanOperations,
};

export const imagebuilderService: ServiceDefinition = {
  signingName: 'imagebuilder',
  protocol: 'rest-json',
  sdk: imagebuilder as unknown as Record<string, unknown>,
  validationError: { code: 'InvalidRequestException', status: 400 },
  // Image Builder models no ThrottlingException: the operations declare
  // CallRateLimitExceededException (429, "You have exceeded the permitted request rate for the
  // specific operation"); the tag operations declare none, and answer the generic
  // ThrottlingException AWS services share.
  throttlingError: { code: 'CallRateLimitExceededException', status: 429 },
  throttlingErrorFor: (op) =>
    ['TagResource', 'UntagResource', 'ListTagsForResource'].includes(op)
      ? { code: 'ThrottlingException', status: 429 }
      : { code: 'CallRateLimitExceededException', status: 429 },
  internalError: { code: 'ServiceException', status: 500 },
  unavailableError: { code: 'ServiceUnavailableException', status: 503 },
  operations: Object.fromEntries(
    Object.entries(operations).map(([op, h]) => [op, idempotent(op, h)]),
  ),
  tick(ctx) {
    for (const region of regionsWith(ctx.state, 'imagebuilder')) {
      advanceImages(ctx, region);
      advanceScans(ctx, region);
    }
  },
};
