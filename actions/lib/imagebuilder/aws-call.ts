/**
 * Image Builder's policy for the AWS call layer (core/aws-call.ts): the conflicts we retry, the
 * quota hints, and awsCall/allPages bound to them, which every Image Builder call site uses.
 */
import {
  allPages as coreAllPages,
  awsCall as coreAwsCall,
  type CallContext,
  type ServicePolicy,
} from '../core/aws-call.js';
import type { BackoffPolicy } from '../core/backoff.js';
import { awsErrorName } from '../core/errors.js';

export { causeName, type CallContext } from '../core/aws-call.js';

/** The Image Builder quota an operation most likely ran into, by operation. */
const QUOTAS: Record<string, string> = {
  CreateComponent: "'Components' (component versions per Region)",
  CreateImageRecipe: "'Image recipes' (recipe versions per Region)",
  CreateImagePipeline: "'Image pipelines' per Region",
  StartImagePipelineExecution: "'Concurrent image builds' (running builds per Region)",
};

export const DEFAULT_RETRY: BackoffPolicy = {
  attempts: 5,
  baseMs: 2_000,
  capMs: 30_000,
  random: Math.random,
};

export function hintFor(operation: string, name: string | undefined): string | undefined {
  if (name === 'ServiceQuotaExceededException') {
    const q = QUOTAS[operation] ?? 'the EC2 Image Builder quota for this resource type';
    return `Quota ${q} is exhausted: request an increase in Service Quotas (EC2 Image Builder) or delete unused resources`;
  }
  return undefined;
}

export const IMAGEBUILDER: ServicePolicy = {
  // Conflicts the SDK does not retry (it retries throttling and 5xx only).
  retryOn: ['ResourceInUseException', 'CallRateLimitExceededException'],
  retry: DEFAULT_RETRY,
  hint: (operation, e) => hintFor(operation, awsErrorName(e)),
};

export const awsCall = <T>(
  operation: string,
  resource: string,
  ctx: CallContext,
  fn: () => Promise<T>,
): Promise<T> => coreAwsCall(operation, resource, ctx, fn, IMAGEBUILDER);

export const allPages = <P, T>(
  operation: string,
  resource: string,
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> => coreAllPages(operation, resource, pages, items, IMAGEBUILDER);
