/**
 * What the build versions of one component version say about our content. Since November 2025
 * Image Builder "automatically increments the build version when you create a component with the
 * same name and semantic version" (AWS What's New, quoted in
 * aws-cloudformation/cloudformation-coverage-roadmap#2439): CreateComponent of a version that
 * exists no longer fails with ResourceAlreadyExistsException, it silently adds build N+1. So
 * before creating a version we read its builds, and after creating one whose build number is not 1
 * we read them again: the hash tag tells a build of our content from someone else's.
 */
import type { ComponentSummary } from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../core/errors.js';
import { HASH_TAG } from './tags.js';
import type { Outcome, ReconcileContext } from './reconcile-context.js';
import type { DesiredComponent } from './reconcile-components.js';

export type BuildVerdict =
  /** No build of the version carries content: creating it is safe. */
  | { kind: 'free' }
  /** The earliest build with our hash (the one every racing run converges on). */
  | { kind: 'ours'; arn: string; build: number }
  /** A build with other content: the version is taken. */
  | { kind: 'taken'; arn: string; hash?: string; tags: Record<string, string> };

/** The build number of `.../component/<name>/x.y.z/<build>`, or undefined. */
export function buildNumber(arn: string | undefined): number | undefined {
  const m = /\/\d+\.\d+\.\d+\/(\d+)$/.exec(arn ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Other content anywhere in the version wins (it must not be mixed with ours); else our earliest
 * build; `except` leaves out the build we just created.
 */
export function judgeBuilds(
  builds: readonly ComponentSummary[],
  hash: string,
  except?: string,
): BuildVerdict {
  const others = builds.filter((b) => b.arn && b.arn !== except);
  const theirs = others.find((b) => b.tags?.[HASH_TAG] !== hash);
  if (theirs)
    return {
      kind: 'taken',
      arn: theirs.arn!,
      hash: theirs.tags?.[HASH_TAG],
      tags: { ...(theirs.tags ?? {}) },
    };
  const ours = others
    .map((b) => ({ arn: b.arn!, build: buildNumber(b.arn) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.build - b.build)[0];
  return ours ? { kind: 'ours', ...ours } : { kind: 'free' };
}

export function differentContent(
  want: DesiredComponent,
  version: string,
  theirHash: string | undefined,
  cause?: unknown,
): ConfigurationError {
  return new ConfigurationError(
    `Component ${want.name} version ${version} already exists with different content (created outside this ` +
      `pipeline or by another branch; its hash tag '${HASH_TAG}' is ${theirHash ?? 'missing'}). ` +
      `Set a higher minimum with \`version:\` on this component in the image definition (e.g. the next minor), ` +
      'or delete that component version if nothing uses it, then re-run.',
    { file: want.file },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * We created build N > 1: another run created this version between our check and our create.
 * Same content: use the earliest build, so racing runs converge on one ARN (and one recipe hash).
 * Other content: the version now mixes two contents; say which build to delete.
 */
export function settleRace<R>(
  want: DesiredComponent,
  version: string,
  arn: string,
  builds: readonly ComponentSummary[],
  ctx: ReconcileContext,
  result: (arn: string, outcome: Outcome) => R,
): R {
  const others = judgeBuilds(builds, want.hash, arn);
  if (others.kind === 'taken') {
    throw new ConfigurationError(
      `Component ${want.name} version ${version}: Image Builder added our content as build ${buildNumber(arn)} ` +
        `(${arn}), but ${others.arn} of the same version has other content (hash tag ${others.hash ?? 'missing'}), ` +
        'created by another run at the same time. Delete our build ' +
        `(aws imagebuilder delete-component --component-build-version-arn ${arn}), raise \`version:\` on this ` +
        'component in the image definition, and re-run.',
      { file: want.file },
    );
  }
  if (others.kind === 'ours' && others.build < (buildNumber(arn) ?? 0)) {
    ctx.logger.warning(
      `component ${want.name}: ${version} was created at the same time by another run; using its build ` +
        `${others.arn} and leaving the duplicate ${arn} (same content) unused.`,
    );
    return result(others.arn, 'reused');
  }
  ctx.logger.info(`component ${want.name}: created ${version} from ${want.file} (${arn})`);
  return result(arn, 'created');
}
