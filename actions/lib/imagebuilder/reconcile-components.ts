/**
 * Component versions, content-addressed: the hash of the document (see hash.ts) is kept as a tag; an
 * existing version with our hash is reused, otherwise the next version is created. Versions are
 * immutable in Image Builder, so this never updates anything. Creating a version that exists adds a
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
import { allPages, awsCall, causeName } from './aws-call.js';
import { semanticVersionArn, substitutePseudo } from './arns.js';
import { componentHash, deterministicToken, HASH_TAG } from './hash.js';
import {
  bookkeepingTags,
  changeDescription,
  type Outcome,
  type ReconcileContext,
} from './reconcile-context.js';
import { compareSemver, nextVersion, parseSemver } from './versions.js';
import {
  buildNumber,
  differentContent,
  judgeBuilds,
  ownRun,
  settleRace,
} from './component-builds.js';

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
    description: typeof doc?.description === 'string' ? doc.description.slice(0, 1024) : undefined,
    version: opts.version,
  };
}

/** Our versions of a component, all pages; exact name match (the filter is not guaranteed exact). */
export async function listComponentVersions(
  name: string,
  ctx: ReconcileContext,
): Promise<ComponentVersion[]> {
  const pages = paginateListComponents(
    { client: ctx.client },
    { owner: 'Self', byName: true, filters: [{ name: 'name', values: [name] }] },
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

/** Reuses the version carrying our hash, or creates the next one. */
export async function reconcileComponent(
  want: DesiredComponent,
  parameters: Record<string, string>,
  ctx: ReconcileContext,
): Promise<ComponentResult> {
  const versions = await listComponentVersions(want.name, ctx);
  // Newest first: a match is most likely the latest version.
  versions.sort((a, b) =>
    compareSemver(
      parseSemver(b.version ?? '') ?? [0, 0, 0],
      parseSemver(a.version ?? '') ?? [0, 0, 0],
    ),
  );
  for (const v of versions) {
    if (!v.arn) continue;
    const match = (await listComponentBuilds(semanticVersionArn(v.arn), ctx)).find(
      (b) => b.tags?.[HASH_TAG] === want.hash,
    );
    if (match?.arn) {
      ctx.logger.info(
        `component ${want.name}: reusing ${match.version ?? v.version} (content unchanged)`,
      );
      return {
        name: want.name,
        arn: match.arn,
        version: match.version ?? v.version,
        outcome: 'reused',
        file: want.file,
        parameters,
      };
    }
  }
  // The listing can lag ("up to two minutes", ListComponents) or another run can have just created
  // this version: its builds, not the listing, say whether it is ours.
  let version = nextVersion(
    versions.map((v) => v.version ?? ''),
    want.version,
  );
  let before = judgeBuilds(
    await listComponentBuilds(versionArnOf(ctx, want.name, version), ctx),
    want.hash,
  );
  // Taken by an earlier run of this repository that the listing does not show yet: the next patch.
  for (let i = 0; i < 5 && before.kind === 'taken' && ownRun(before.tags, ctx); i++) {
    version = nextVersion([version], want.version);
    before = judgeBuilds(
      await listComponentBuilds(versionArnOf(ctx, want.name, version), ctx),
      want.hash,
    );
  }
  const resource = `component ${want.name} ${version}`;
  const result = (arn: string, outcome: Outcome): ComponentResult => ({
    name: want.name,
    arn,
    version,
    outcome,
    file: want.file,
    parameters,
  });
  if (before.kind === 'ours') {
    ctx.logger.info(
      `component ${want.name}: ${version} already exists with this content (not listed yet); reusing it`,
    );
    return result(before.arn, 'reused');
  }
  if (before.kind === 'taken') throw differentContent(want, version, before.hash);
  try {
    const res = await awsCall('CreateComponent', resource, ctx, () =>
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
          // Same commit + content + version → same token: a crash-and-rerun's retry is a no-op.
          clientToken: deterministicToken(
            'component',
            ctx.repository,
            want.name,
            version,
            want.hash,
            ctx.commit,
          ),
        }),
      ),
    );
    const arn = res.componentBuildVersionArn ?? versionArnOf(ctx, want.name, version);
    if ((buildNumber(arn) ?? 1) > 1) {
      const builds = await listComponentBuilds(semanticVersionArn(arn), ctx);
      return settleRace(want, version, arn, builds, ctx, result);
    }
    ctx.logger.info(`component ${want.name}: created ${version} from ${want.file}`);
    return result(arn, 'created');
  } catch (e) {
    const name = causeName(e);
    if (
      name !== 'ResourceAlreadyExistsException' &&
      name !== 'IdempotentParameterMismatchException'
    )
      throw e;
    // The version exists (a listing that lagged, a crashed run, or someone else): whose content is it?
    const now = judgeBuilds(
      await listComponentBuilds(versionArnOf(ctx, want.name, version), ctx),
      want.hash,
    );
    if (now.kind === 'ours') {
      ctx.logger.info(
        `component ${want.name}: ${version} already exists with this content; reusing it`,
      );
      return result(now.arn, 'reused');
    }
    throw differentContent(want, version, now.kind === 'taken' ? now.hash : undefined, e);
  }
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
