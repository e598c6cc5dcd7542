/**
 * Image Builder state, ARNs and the request rules shared by its operations.
 * Patterns from the Image Builder API reference: resource names `^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$`;
 * semantic versions are in versions.ts. ARNs use the lower-cased name.
 */
import type { EmulatorState } from '../../state.js';
import { serviceState } from '../../state.js';
import { ApiError, num, str, type Input, type OpContext } from '../../types.js';
import { paginate } from '../../paginate.js';

export type Json = Record<string, unknown>;

export interface ComponentRec extends Json {
  arn: string;
  name: string;
  version: string;
  build: number;
  platform: string;
  dateCreated: string;
}

export interface RecipeRec extends Json {
  arn: string;
  name: string;
  version: string;
  parentImage: string;
  platform: string;
  /** Bookkeeping (not on the wire): the parent's OS when known, and its architecture. */
  parentOs?: string;
  parentArch?: string;
  dateCreated: string;
}

export interface ConfigRec extends Json {
  arn: string;
  name: string;
  dateCreated: string;
}

export interface PipelineRec extends Json {
  arn: string;
  name: string;
  infrastructureConfigurationArn: string;
  imageRecipeArn?: string;
  distributionConfigurationArn?: string;
  status: string;
  executions: number;
  dateCreated: string;
}

export interface AmiRec {
  region: string;
  image: string;
  name: string;
  description?: string;
  state: { status: string };
  accountId: string;
}

export interface ImageRec {
  arn: string;
  name: string;
  version: string;
  platform: string;
  /** The parent image's OS when known (Amazon-managed parents). */
  osVersion?: string;
  /** x86_64 or arm64, the parent AMI's (absent on builds recorded before; x86_64). */
  architecture?: string;
  /** The AMI the build started from, resolved when it started. */
  parentAmi?: string;
  recipeArn: string;
  pipelineArn?: string;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn?: string;
  imageTestsEnabled: boolean;
  /** The pipeline's `imageTestsConfiguration.timeoutMinutes` (reported; AWS ignores it). */
  testTimeoutMinutes?: number;
  startedAt: number;
  /** Phase durations captured at start, so a persisted build resumes with the same timeline. */
  durations: Record<string, number>;
  failure?: { step: string; reason: string };
  cancelledAt?: number;
  /** Frozen once terminal. */
  final?: { status: string; reason?: string; at: number };
  amis: AmiRec[];
  workflowIds: Record<string, string>;
  dateCreated: string;
}

export interface IbState {
  components: Record<string, ComponentRec>;
  /** `name/x.y.z` → last build number assigned (numbers are not reused after a delete). */
  buildCounters: Record<string, number>;
  recipes: Record<string, RecipeRec>;
  infrastructure: Record<string, ConfigRec>;
  distribution: Record<string, ConfigRec>;
  pipelines: Record<string, PipelineRec>;
  images: Record<string, ImageRec>;
  imageCounters: Record<string, number>;
  /** `Operation:clientToken` → the request it came with and the response given. */
  tokens: Record<string, { request: string; response: unknown }>;
  tags: Record<string, Record<string, string>>;
}

export function ibState(state: EmulatorState, region: string): IbState {
  return serviceState(state, region, 'imagebuilder', () => ({
    components: {},
    buildCounters: {},
    recipes: {},
    infrastructure: {},
    distribution: {},
    pipelines: {},
    images: {},
    imageCounters: {},
    tokens: {},
    tags: {},
  }));
}

export function arn(
  ctx: Pick<OpContext, 'region' | 'accountId'>,
  type: string,
  ...parts: string[]
): string {
  const [name, ...rest] = parts;
  return [
    `arn:aws:imagebuilder:${ctx.region}:${ctx.accountId}:${type}/${(name ?? '').toLowerCase().replace(/ /g, '-')}`,
    ...rest,
  ].join('/');
}

const NAME = /^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$/;

export function checkName(name: string | undefined, member = 'name'): string {
  if (!name || !NAME.test(name)) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter '${member}' is not valid. Names must be 3 to 128 characters of letters, numbers, spaces, hyphens and underscores, and cannot start or end with a space.`,
    );
  }
  return name;
}

/**
 * Tags (TagMap): at most 50; keys 1–128 characters matching `^(?!aws:)[a-zA-Z0-9\s_.:/=+\-@]*$`
 * (no `aws:` prefix: reserved for AWS), values at most 256 (Image Builder API reference, TagMap).
 */
export function checkTags(tags: unknown, member = 'tags'): void {
  if (tags === undefined || tags === null) return;
  const entries = Object.entries(tags as Record<string, unknown>);
  const bad = (why: string) =>
    new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter '${member}' is not valid. ${why}`,
    );
  if (entries.length < 1 || entries.length > 50)
    throw bad(`A resource takes 1 to 50 tags; this request has ${entries.length}.`);
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > 128 || !/^[a-zA-Z0-9\s_.:/=+\-@]*$/.test(k))
      throw bad(
        `Tag key '${k}' must be 1 to 128 letters, digits, spaces and _ . : / = + - @ characters.`,
      );
    if (k.toLowerCase().startsWith('aws:'))
      throw bad(`Tag key '${k}' uses the reserved prefix 'aws:'.`);
    if (typeof v !== 'string' || v.length > 256)
      throw bad(`The value of tag '${k}' must be a string of at most 256 characters.`);
  }
}

/**
 * ClientToken: "Length Constraints: Minimum length of 1. Maximum length of 36." (Image Builder API
 * reference, CreateComponent `clientToken`; every operation that takes one shares the shape), a
 * UUID's length.
 */
export function checkClientToken(token: unknown): void {
  if (token === undefined) return;
  if (typeof token !== 'string' || token.length < 1 || token.length > 36)
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter 'clientToken' is not valid. It must be 1 to 36 characters; this one has ${String(token).length}.`,
    );
}

/**
 * A `NonEmptyString` member (description, changeDescription): "Length Constraints: Minimum length
 * of 1. Maximum length of 1024." (Image Builder API Reference, CreateComponent and CreateImageRecipe).
 */
export function checkNonEmptyString(v: unknown, member: string): void {
  if (v === undefined) return;
  if (typeof v !== 'string' || v.length < 1 || v.length > 1024) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter '${member}' is not valid. It must be 1 to 1024 characters; this one has ${String(v).length}.`,
    );
  }
}

export function checkEnum(v: unknown, member: string, allowed: string[]): void {
  if (v !== undefined && !allowed.includes(String(v))) {
    throw new ApiError(
      'InvalidParameterValueException',
      `The value supplied for parameter '${member}' is not valid. Valid values: ${allowed.join(', ')}.`,
    );
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError('ResourceNotFoundException', `The ${what} '${id}' does not exist.`, 404);
}

export function nowIso(ctx: Pick<OpContext, 'clock'>): string {
  return new Date(ctx.clock.now()).toISOString();
}

/** Image Builder lists: `maxResults` 1..25, default 25; a bad token is InvalidPaginationTokenException. */
export function page<T>(
  items: readonly T[],
  input: Input,
  scope: string,
): { page: T[]; nextToken?: string } {
  return paginate(
    items,
    {
      maxResults: num(input['maxResults']),
      nextToken: str(input['nextToken']),
      defaultMax: 25,
      max: 25,
      scope,
    },
    new ApiError('InvalidPaginationTokenException', 'The specified pagination token is not valid.'),
  );
}

/** `filters: [{name, values}]`; each named filter must match one of its values exactly. */
export function applyFilters<T extends Json>(
  items: T[],
  input: Input,
  allowed: Record<string, (t: T) => unknown>,
): T[] {
  const filters = (input['filters'] as { name?: string; values?: string[] }[] | undefined) ?? [];
  for (const f of filters) {
    if (!f.name || !allowed[f.name]) {
      throw new ApiError(
        'InvalidParameterValueException',
        `The filter name '${f.name ?? ''}' is not valid. Valid filters: ${Object.keys(allowed).join(', ')}.`,
      );
    }
  }
  return items.filter((it) =>
    filters.every((f) => (f.values ?? []).includes(String(allowed[f.name!]!(it)))),
  );
}

export function withTags<T extends Json>(
  s: IbState,
  rec: T,
): T & { tags?: Record<string, string> } {
  const tags = s.tags[String(rec['arn'])];
  return { ...rec, tags: tags && Object.keys(tags).length ? { ...tags } : undefined };
}

export function setTags(s: IbState, resourceArn: string, tags: unknown): void {
  if (tags && typeof tags === 'object')
    s.tags[resourceArn] = { ...(s.tags[resourceArn] ?? {}), ...(tags as Record<string, string>) };
}

/** Drops our bookkeeping fields before a record goes on the wire. */
export function strip<T extends Json>(rec: T, ...keys: string[]): Json {
  const out: Json = { ...rec };
  for (const k of keys) delete out[k];
  return out;
}

export function isManagedArn(a: string, type: string): boolean {
  return new RegExp(`^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:aws(-marketplace)?:${type}/`).test(a);
}
