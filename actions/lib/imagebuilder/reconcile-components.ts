/**
 * Component versions, content-addressed through the versioned reconciler (reconcile-versioned.ts):
 * the hash of the document (see hash.ts) is kept as a tag on each build; an existing version with
 * our hash is reused, otherwise the next version is created. Creating a version that exists adds a
 * build to it (auto-versioning, component-builds.ts), so the version's builds are read before and,
 * when the build number says someone else got there first, after creating it.
 */
import {
  CreateComponentCommand,
  type ComponentSummary,
  type ComponentVersion,
  paginateListComponents,
  paginateListComponentBuildVersions,
} from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../core/errors.js';
import { parse } from 'yaml';
import { allPages, awsCall } from './aws-call.js';
import { semanticVersionArn, substitutePseudo } from './arns.js';
import { componentHash } from './hash.js';
import { HASH_TAG } from './tags.js';
import {
  bookkeepingTags,
  changeDescription,
  type Outcome,
  type ReconcileContext,
} from './reconcile-context.js';
import { buildNumber, differentContent, judgeBuilds, settleRace } from './component-builds.js';
import { newestFirst, reconcileVersioned, type VersionedResource } from './reconcile-versioned.js';

/** Image Builder's limit for an inline component document (`data`). */
export const INLINE_DATA_LIMIT = 16_000;

export interface DesiredComponent {
  name: string;
  file: string;
  data: string;
  hash: string;
  platform: string;
  supportedOsVersions?: string[];
  description?: string;
  /** Minimum version from the definition. */
  version?: string;
}

export interface ComponentResult {
  name: string;
  /** Build version ARN for our components; the substituted ARN for external ones. */
  arn: string;
  version?: string;
  outcome: Outcome | 'external';
  file?: string;
  parameters: Record<string, string>;
}

/** Pure: checks the size limit and computes the hash. */
export function prepareComponent(opts: {
  file: string;
  text: string;
  name: string;
  platform: string;
  version?: string;
  supportedOsVersions?: string[];
}): DesiredComponent {
  if (opts.text.length > INLINE_DATA_LIMIT) {
    throw new ConfigurationError(
      `Component document is ${opts.text.length} characters; Image Builder accepts at most ${INLINE_DATA_LIMIT} inline. ` +
        'Split it into smaller components, or upload it to S3 and reference it with `uri`.',
      { file: opts.file },
    );
  }
  const doc = parse(opts.text) as { description?: unknown } | null;
  return {
    name: opts.name,
    file: opts.file,
    data: opts.text,
    hash: componentHash({
      document: opts.text,
      platform: opts.platform,
      supportedOsVersions: opts.supportedOsVersions,
    }),
    platform: opts.platform,
    supportedOsVersions: opts.supportedOsVersions,
    // CreateComponent's description is 1 to 1024 characters: an empty one is none.
    description:
      typeof doc?.description === 'string' && doc.description !== ''
        ? doc.description.slice(0, 1024)
        : undefined,
    version: opts.version,
  };
}

/**
 * Our versions of a component, all pages; exact name match (the filter is not guaranteed exact).
 * `byName` is not sent: the ListComponents reference says only "Returns the list of components for
 * the specified name", not whether that is every version or one entry per name, and reuse needs
 * every version. The `name` filter alone is documented to narrow the versions listed.
 */
export async function listComponentVersions(
  name: string,
  ctx: ReconcileContext,
): Promise<ComponentVersion[]> {
  const pages = paginateListComponents(
    { client: ctx.client },
    { owner: 'Self', filters: [{ name: 'name', values: [name] }] },
  );
  const all = await allPages(
    'ListComponents',
    `component ${name}`,
    pages,
    (p) => p.componentVersionList,
  );
  return all.filter((v) => v.name === name);
}

/** Build versions (with tags) of one component version, all pages. */
export async function listComponentBuilds(
  versionArn: string,
  ctx: ReconcileContext,
): Promise<ComponentSummary[]> {
  const pages = paginateListComponentBuildVersions(
    { client: ctx.client },
    { componentVersionArn: versionArn },
  );
  return allPages('ListComponentBuildVersions', versionArn, pages, (p) => p.componentSummaryList);
}

function versionArnOf(ctx: ReconcileContext, name: string, version: string): string {
  const { partition, region, accountId } = ctx.location;
  return `arn:${partition}:imagebuilder:${region}:${accountId}:component/${name.toLowerCase()}/${version}`;
}

/** The component kind of the versioned reconciler (reconcile-versioned.ts). */
export function componentResource(
  want: DesiredComponent,
  ctx: ReconcileContext,
): VersionedResource<ComponentVersion> {
  const versionArn = (version: string) => versionArnOf(ctx, want.name, version);
  return {
    kind: 'component',
    name: want.name,
    hash: want.hash,
    pinned: want.version,
    words: {
      unchanged: 'content unchanged',
      same: 'this content',
      createdFrom: ` from ${want.file}`,
    },
    list: () => listComponentVersions(want.name, ctx),
    versionOf: (v) => v.version ?? '',
    // The hash tag is on the builds, not on the listed versions: read each version's builds.
    findOurs: async (listed) => {
      for (const v of newestFirst(listed, (x) => x.version ?? '')) {
        if (!v.arn) continue;
        const match = (await listComponentBuilds(semanticVersionArn(v.arn), ctx)).find(
          (b) => b.tags?.[HASH_TAG] === want.hash,
        );
        if (match?.arn) return { arn: match.arn, version: match.version ?? v.version ?? '' };
      }
      return undefined;
    },
    read: async (version) =>
      judgeBuilds(await listComponentBuilds(versionArn(version), ctx), want.hash),
    // Auto-versioning: creating an existing version adds a build instead of failing.
    readBeforeCreate: true,
    create: async (version, clientToken) =>
      (
        await awsCall('CreateComponent', `component ${want.name} ${version}`, ctx, () =>
          ctx.client.send(
            new CreateComponentCommand({
              name: want.name,
              semanticVersion: version,
              description: want.description,
              changeDescription: changeDescription(ctx.commit, ctx.commitMessage),
              platform: want.platform as 'Linux' | 'Windows',
              supportedOsVersions: want.supportedOsVersions,
              data: want.data,
              tags: bookkeepingTags(ctx, want.hash),
              clientToken,
            }),
          ),
        )
      ).componentBuildVersionArn,
    arnOf: versionArn,
    // Build N > 1: another run created this version between our read and our create.
    settle: async (version, arn) => {
      if ((buildNumber(arn) ?? 1) <= 1) return undefined;
      const builds = await listComponentBuilds(semanticVersionArn(arn), ctx);
      return settleRace(want, version, arn, builds, ctx, (a, outcome) => ({ arn: a, outcome }));
    },
    conflict: (version, theirHash, cause) => differentContent(want, version, theirHash, cause),
  };
}

/** Reuses the version carrying our hash, or creates the next one. */
export async function reconcileComponent(
  want: DesiredComponent,
  parameters: Record<string, string>,
  ctx: ReconcileContext,
): Promise<ComponentResult> {
  const r = await reconcileVersioned(componentResource(want, ctx), ctx);
  return { name: want.name, ...r, file: want.file, parameters };
}

/** An ARN component (AWS-managed or shared) passes through with pseudo-parameters substituted. */
export function externalComponent(
  arn: string,
  parameters: Record<string, string>,
  ctx: ReconcileContext,
): ComponentResult {
  const resolved = substitutePseudo(arn, ctx.location);
  const name = resolved.split('/')[1] ?? resolved;
  return { name, arn: resolved, outcome: 'external', parameters };
}
