/**
 * Image Builder's auto-versioning adds build N+1 of a component version instead of failing: what the
 * builds of a version say decides whether a version is free, ours (and which build every racing run
 * converges on) or taken by other content.
 */
import { describe, it, expect } from '@jest/globals';
import { HASH_TAG, PROJECT_TAG, REPOSITORY_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  buildNumber,
  differentContent,
  judgeBuilds,
  settleRace,
} from '../../actions/lib/imagebuilder/component-builds.js';
import { ownRun } from '../../actions/lib/imagebuilder/reconcile-versioned.js';
import type { DesiredComponent } from '../../actions/lib/imagebuilder/reconcile-components.js';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { componentArn, context } from './helpers.js';

const OURS = 'v1:ours';
const build = (n: number, hash?: string, extra: Record<string, string> = {}) => ({
  arn: componentArn('apache', '1.0.0', n),
  tags: hash === undefined ? { ...extra } : { [HASH_TAG]: hash, ...extra },
});

describe('the builds of a component version', () => {
  it('a version without builds is free to create', () => {
    expect(judgeBuilds([], OURS)).toEqual({ kind: 'free' });
  });

  it('builds without an ARN are not counted', () => {
    expect(judgeBuilds([{ tags: { [HASH_TAG]: 'v1:theirs' } }], OURS)).toEqual({
      kind: 'free',
    });
  });

  it('our content in several builds: the earliest build, by number not by listing order', () => {
    const v = judgeBuilds([build(10, OURS), build(2, OURS), build(9, OURS)], OURS);
    expect(v).toEqual({
      kind: 'ours',
      arn: componentArn('apache', '1.0.0', 2),
      build: 2,
    });
  });

  it('a build without a build number sorts after the numbered ones', () => {
    const bare = {
      arn: componentArn('apache', '1.0.0'),
      tags: { [HASH_TAG]: OURS },
    };
    expect(judgeBuilds([bare, build(3, OURS)], OURS)).toMatchObject({
      kind: 'ours',
      build: 3,
    });
    expect(judgeBuilds([bare], OURS)).toEqual({
      kind: 'ours',
      arn: componentArn('apache', '1.0.0'),
      build: Number.MAX_SAFE_INTEGER,
    });
  });

  it('any build with other content takes the version, even beside ours, and says whose', () => {
    const v = judgeBuilds([build(1, OURS), build(2, 'v1:theirs', { team: 'x' })], OURS);
    expect(v).toEqual({
      kind: 'taken',
      arn: componentArn('apache', '1.0.0', 2),
      hash: 'v1:theirs',
      tags: { [HASH_TAG]: 'v1:theirs', team: 'x' },
    });
  });

  it('a build without a hash tag (created by hand) takes the version too', () => {
    const v = judgeBuilds([build(1)], OURS);
    expect(v).toEqual({
      kind: 'taken',
      arn: componentArn('apache', '1.0.0', 1),
      tags: {},
    });
    const untagged = judgeBuilds([{ arn: componentArn('apache', '1.0.0', 1) }], OURS);
    expect(untagged).toEqual({
      kind: 'taken',
      arn: componentArn('apache', '1.0.0', 1),
      tags: {},
    });
  });

  it('leaves out the build we just created when judging the others', () => {
    const mine = componentArn('apache', '1.0.0', 2);
    expect(judgeBuilds([build(2, OURS)], OURS, mine)).toEqual({ kind: 'free' });
    expect(judgeBuilds([build(1, OURS), build(2, OURS)], OURS, mine)).toMatchObject({
      kind: 'ours',
      build: 1,
    });
  });

  it('reads the build number of a build ARN only', () => {
    expect(buildNumber(componentArn('apache', '1.0.0', 12))).toBe(12);
    // Version parts of two digits and more are versions like any other.
    expect(buildNumber(componentArn('apache', '10.0.0', 3))).toBe(3);
    expect(buildNumber(componentArn('apache', '1.10.0', 4))).toBe(4);
    expect(buildNumber(componentArn('apache', '1.0.10', 5))).toBe(5);
    expect(buildNumber(componentArn('apache', '1.0.0'))).toBeUndefined();
    expect(buildNumber('arn:aws:imagebuilder:r:1:component/apache/1.0/3')).toBeUndefined();
    expect(buildNumber(`${componentArn('apache', '1.0.0', 1)}/x`)).toBeUndefined();
    expect(buildNumber(undefined)).toBeUndefined();
  });

  it('reads the build number whatever the size of each version part', () => {
    expect(buildNumber(componentArn('apache', '10.0.0', 1))).toBe(1);
    expect(buildNumber(componentArn('apache', '1.20.0', 2))).toBe(2);
    expect(buildNumber(componentArn('apache', '1.0.300', 3))).toBe(3);
    expect(buildNumber(componentArn('apache', '2021.01.01', 14))).toBe(14);
  });
});

describe('whose build it is', () => {
  const ctx = context();
  it('is our run when both the repository and the project tags are ours', () => {
    const ours = {
      [REPOSITORY_TAG]: ctx.repository,
      [PROJECT_TAG]: ctx.project,
    };
    expect(ownRun(ours, ctx)).toBe(true);
    expect(ownRun({ ...ours, [REPOSITORY_TAG]: 'someone/else' }, ctx)).toBe(false);
    expect(ownRun({ ...ours, [PROJECT_TAG]: 'other-project' }, ctx)).toBe(false);
    expect(ownRun({}, ctx)).toBe(false);
  });
});

describe('a version taken by other content', () => {
  const want: DesiredComponent = {
    name: 'apache',
    file: 'components/apache.yml',
    data: '',
    hash: OURS,
    platform: 'Linux',
  };
  it('names the component, version, file, their hash and the fix', () => {
    const e = differentContent(want, '1.0.0', 'v1:theirs');
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e.file).toBe('components/apache.yml');
    expect(e.message).toBe(
      `Component apache version 1.0.0 already exists with different content (created outside this ` +
        `pipeline or by another branch; its hash tag '${HASH_TAG}' is v1:theirs). ` +
        'Set a higher minimum with `version:` on this component in the image definition (e.g. the next minor), ' +
        'or delete that component version if nothing uses it, then re-run.',
    );
    expect((e as Error & { cause?: unknown }).cause).toBeUndefined();
  });

  it('says the hash tag is missing, and keeps the AWS error it explains', () => {
    const cause = new Error('ResourceAlreadyExistsException');
    const e = differentContent(want, '1.0.0', undefined, cause);
    expect(e.message).toContain(`'${HASH_TAG}' is missing)`);
    expect((e as Error & { cause?: unknown }).cause).toBe(cause);
  });
});

describe('a version created at the same time by another run', () => {
  const want: DesiredComponent = {
    name: 'apache',
    file: 'components/apache.yml',
    data: '',
    hash: OURS,
    platform: 'Linux',
  };
  const result = (arn: string, outcome: string) => ({ arn, outcome }) as never;
  const ours2 = componentArn('apache', '1.0.0', 2);

  it('same content, earlier build: uses the earlier build and warns about the unused duplicate', () => {
    const ctx = context();
    const r = settleRace(want, '1.0.0', ours2, [build(1, OURS), build(2, OURS)], ctx, result);
    expect(r).toEqual({ arn: componentArn('apache', '1.0.0', 1), outcome: 'reused' });
    expect(ctx.logger.lines).toContainEqual({
      level: 'warning',
      message:
        `component apache: 1.0.0 was created at the same time by another run; using its build ` +
        `${componentArn('apache', '1.0.0', 1)} and leaving the duplicate ${ours2} (same content) unused.`,
      properties: undefined,
    });
  });

  it('only a later build of the same content: ours stands, created', () => {
    const ctx = context();
    const r = settleRace(want, '1.0.0', ours2, [build(2, OURS), build(3, OURS)], ctx, result);
    expect(r).toEqual({ arn: ours2, outcome: 'created' });
    expect(ctx.logger.lines).toContainEqual({
      level: 'info',
      message: `component apache: created 1.0.0 from components/apache.yml (${ours2})`,
    });
  });

  it('other content in the version: says which build of ours to delete and what to raise', () => {
    const e = (() => {
      try {
        settleRace(want, '1.0.0', ours2, [build(1), build(2, OURS)], context(), result);
      } catch (err) {
        return err as ConfigurationError;
      }
      throw new Error('settleRace accepted a version with other content');
    })();
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e.file).toBe('components/apache.yml');
    expect(e.message).toBe(
      `Component apache version 1.0.0: Image Builder added our content as build 2 (${ours2}), but ` +
        `${componentArn('apache', '1.0.0', 1)} of the same version has other content (hash tag missing), ` +
        'created by another run at the same time. Delete our build ' +
        `(aws imagebuilder delete-component --component-build-version-arn ${ours2}), raise \`version:\` on this ` +
        'component in the image definition, and re-run.',
    );
  });
});
