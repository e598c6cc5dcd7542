/**
 * The one reconciler for Image Builder's immutable, content-addressed resources: component
 * versions and image recipe versions today, anything versioned that comes later. Desired content
 * has a hash (hash.ts), kept as a tag on what we create; the steps are the same for every kind:
 *
 *   1. list our versions; one carrying our hash is reused (nothing is ever updated);
 *   2. otherwise take the next version (versions.ts: highest + patch, or the pinned minimum);
 *   3. where creating an existing version does not fail, read that version first (below);
 *   4. create it with a client token derived from what is created, so a retry is a no-op;
 *   5. on a conflict, read the version again: our content is reused, other content refused.
 *
 * A kind says how (a `VersionedResource`); the decisions are the small pure functions here. The
 * rules they follow, from the Image Builder documentation:
 * - "The semantic version has four nodes: <major>.<minor>.<patch>/<build>. You can assign values
 *   for the first three … Image Builder automatically assigns the build number to the fourth
 *   node" (user guide, ibhow-semantic-versioning.html): we choose x.y.z; the build is Image
 *   Builder's, and a build number above 1 means someone created that version before us.
 * - `clientToken` is a "Unique, case-sensitive identifier you provide to ensure idempotency of
 *   the request", 1 to 36 characters, required (API reference, CreateComponent and
 *   CreateImageRecipe). Resent with the same request it returns the first response; with a
 *   different request it is IdempotentParameterMismatchException ("You have specified a client
 *   token for an operation using parameter values that differ from a previous request that used
 *   the same client token", the SDK's error reference). Our token covers kind, repository, name,
 *   version, hash and commit, so a mismatch means the same content at the same version with,
 *   say, another commit message: the version is read and, carrying our hash, reused.
 * - CreateImageRecipe of an existing name and version fails with ResourceAlreadyExistsException
 *   ("The resource that you are trying to create already exists"). CreateComponent no longer does
 *   since November 2025: it adds build N+1 (component-builds.ts). So components are read before
 *   they are created (`readBeforeCreate`), recipes only after a conflict.
 */
import { causeName } from './aws-call.js';
import { deterministicToken } from './hash.js';
import { PROJECT_TAG, REPOSITORY_TAG } from './tags.js';
import type { Outcome, ReconcileContext } from './reconcile-context.js';
import { compareSemver, nextVersion, parseSemver } from './versions.js';

/** What one version holds now. */
export type Verdict =
  /** Nothing with content: creating it is safe. */
  | { kind: 'free' }
  /** Our content (the ARN to use). */
  | { kind: 'ours'; arn: string }
  /** Other content: the version is taken (`hash` is its hash tag, if it has one). */
  | { kind: 'taken'; arn?: string; hash?: string; tags: Record<string, string> };

export const FREE: Verdict = { kind: 'free' };

/** Versions taken by earlier runs of this repository that are skipped before giving up. */
export const MAX_SKIPS = 5;

/** How one kind of versioned resource is listed, read and created. `T` is its listed item. */
export interface VersionedResource<T> {
  /** `component`, `recipe`: the first word of its log lines and of its client token. */
  kind: string;
  name: string;
  hash: string;
  /** The minimum version the definition pins. */
  pinned?: string;
  /** For the log: 'content unchanged' when reused from the listing, 'this content' otherwise. */
  words: { unchanged: string; same: string; createdFrom?: string };
  list(): Promise<readonly T[]>;
  versionOf(item: T): string;
  /** The listed version carrying our hash (reading more where the listing lacks the tags). */
  findOurs(listed: readonly T[]): Promise<{ arn: string; version: string } | undefined>;
  /** What `version` holds now. */
  read(version: string): Promise<Verdict>;
  /** True where creating an existing version does not fail (it must be read first). */
  readBeforeCreate: boolean;
  /** Creates `version`; the ARN the service returned, if it did. */
  create(version: string, clientToken: string): Promise<string | undefined>;
  /** The ARN of `version` when the service does not say. */
  arnOf(version: string): string;
  /** After creating: a different ARN or outcome when the create raced another run's. */
  settle?(version: string, arn: string): Promise<{ arn: string; outcome: Outcome } | undefined>;
  /** The user's error for a version that holds other content (`cause`: the create's error). */
  conflict(version: string, theirHash: string | undefined, cause?: unknown): Error;
}

export interface Reconciled {
  arn: string;
  version: string;
  outcome: Outcome;
}

/** A version this repository's pipeline created (its bookkeeping tags). */
export function ownRun(
  tags: Record<string, string>,
  ctx: Pick<ReconcileContext, 'repository' | 'project'>,
): boolean {
  return tags[REPOSITORY_TAG] === ctx.repository && tags[PROJECT_TAG] === ctx.project;
}

/**
 * What to do with the version we are about to create, given what it holds: create it, reuse our
 * content, skip it (taken by an earlier run of ours that the listing does not show yet: the next
 * version is ours to take), or refuse (someone else's content).
 */
export function beforeCreate(
  verdict: Verdict,
  ours: (tags: Record<string, string>) => boolean,
): 'create' | 'reuse' | 'skip' | 'refuse' {
  if (verdict.kind === 'free') return 'create';
  if (verdict.kind === 'ours') return 'reuse';
  return ours(verdict.tags) ? 'skip' : 'refuse';
}

/** The create's errors that mean "this version exists": read it, it may be ours. */
export function isVersionConflict(e: unknown): boolean {
  const name = causeName(e);
  return (
    name === 'ResourceAlreadyExistsException' || name === 'IdempotentParameterMismatchException'
  );
}

/** Newest version first (unparseable ones last): a match is most likely the latest version. */
export function newestFirst<T>(items: readonly T[], versionOf: (item: T) => string): T[] {
  const key = (item: T) => parseSemver(versionOf(item)) ?? ([0, 0, 0] as const);
  return [...items].sort((a, b) => compareSemver(key(b), key(a)));
}

/** Same repository, kind, name, version, content and commit → same token: a rerun's create is a no-op. */
export function clientToken(
  kind: string,
  ctx: Pick<ReconcileContext, 'repository' | 'commit'>,
  name: string,
  version: string,
  hash: string,
): string {
  return deterministicToken(kind, ctx.repository, name, version, hash, ctx.commit);
}

/** The version to create and what it holds now, skipping versions earlier runs of ours took. */
async function chooseVersion<T>(
  r: VersionedResource<T>,
  listed: readonly T[],
  ctx: ReconcileContext,
): Promise<{ version: string; verdict: Verdict }> {
  let version = nextVersion(
    listed.map((item) => r.versionOf(item)),
    r.pinned,
  );
  if (!r.readBeforeCreate) return { version, verdict: FREE };
  let verdict = await r.read(version);
  const ours = (tags: Record<string, string>) => ownRun(tags, ctx);
  for (let i = 0; i < MAX_SKIPS && beforeCreate(verdict, ours) === 'skip'; i++) {
    version = nextVersion([version], r.pinned);
    verdict = await r.read(version);
  }
  return { version, verdict };
}

/** Reuses the version carrying our hash, or creates the next one; never updates anything. */
export async function reconcileVersioned<T>(
  r: VersionedResource<T>,
  ctx: ReconcileContext,
): Promise<Reconciled> {
  const say = (text: string) => ctx.logger.info(`${r.kind} ${r.name}: ${text}`);
  const listed = await r.list();
  const found = await r.findOurs(listed);
  if (found) {
    say(`reusing ${found.version} (${r.words.unchanged})`);
    return { ...found, outcome: 'reused' };
  }
  // The listing can lag, or another run can have just created this version: reading the
  // version, not the listing, says whether it is ours.
  const { version, verdict } = await chooseVersion(r, listed, ctx);
  if (verdict.kind === 'ours') {
    say(`${version} already exists with ${r.words.same} (not listed yet); reusing it`);
    return { arn: verdict.arn, version, outcome: 'reused' };
  }
  // Someone else's content, or still an earlier run's after MAX_SKIPS versions.
  if (verdict.kind === 'taken') throw r.conflict(version, verdict.hash);
  let arn: string;
  try {
    arn =
      (await r.create(version, clientToken(r.kind, ctx, r.name, version, r.hash))) ??
      r.arnOf(version);
  } catch (e) {
    if (!isVersionConflict(e)) throw e;
    // The version exists (a listing that lagged, a crashed run, or someone else): whose content?
    const now = await r.read(version);
    if (now.kind === 'ours') {
      say(`${version} already exists with ${r.words.same}; reusing it`);
      return { arn: now.arn, version, outcome: 'reused' };
    }
    throw r.conflict(version, now.kind === 'taken' ? now.hash : undefined, e);
  }
  const settled = await r.settle?.(version, arn);
  if (settled) return { ...settled, version };
  say(`created ${version}${r.words.createdFrom ?? ''}`);
  return { arn, version, outcome: 'created' };
}
