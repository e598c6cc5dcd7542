/**
 * Component versions through the versioned reconciler, against the emulator's Image Builder
 * in-process (issue 12; reconcile-components-world.ts): the versions it lists (paged at 25 as
 * AWS does), the builds it numbers (auto-versioning: creating an existing version adds a build),
 * its client-token records, a listing that lags, and races staged by writing to it between our
 * read and our create. Answers it cannot give stay mocked in reconcile-components-answers.test.ts.
 */
import { describe, it, expect } from '@jest/globals';
import { CreateComponentCommand, ListComponentsCommand } from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { HASH_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  INLINE_DATA_LIMIT,
  externalComponent,
  prepareComponent,
  reconcileComponent,
} from '../../actions/lib/imagebuilder/reconcile-components.js';
import { componentArn, context } from './helpers.js';
import { componentWorld, DOC, want } from './reconcile-components-world.js';

/** "Newly created components can take up to two minutes to appear in ListComponents." */
const LAGGING = { componentListingDelayMs: 120_000 };

describe('reconcileComponent: reuse and create', () => {
  it('reuses the version whose hash tag matches', async () => {
    const w = await componentWorld();
    await reconcileComponent(want, {}, w.otherRun({ commit: 'e'.repeat(40) }));
    await w.existing('1.0.1', { [HASH_TAG]: 'v1:other' });
    const r = await reconcileComponent(want, {}, w.ctx);
    expect(r).toMatchObject({
      outcome: 'reused',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    expect(w.ctx.logger.text()).toContain('component apache: reusing 1.0.0 (content unchanged)');
    expect(await w.versions()).toEqual(['1.0.0', '1.0.1']);
    expect(await w.builds('1.0.0')).toEqual([{ build: 1, hash: want.hash }]);
  });

  it('of several versions with our content (a revert, say), reuses the newest', async () => {
    const w = await componentWorld();
    await w.existing('1.0.9', { [HASH_TAG]: want.hash }, DOC);
    await w.existing('1.0.1', { [HASH_TAG]: 'v1:other' });
    await w.existing('1.0.10', { [HASH_TAG]: want.hash }, DOC);
    const r = await reconcileComponent(want, {}, w.ctx);
    // 1.0.10 is newer than 1.0.9 by number, not by text.
    expect(r).toMatchObject({ outcome: 'reused', version: '1.0.10' });
    expect(await w.versions()).toHaveLength(3);
  });

  it('creates the next patch version with tags, changeDescription and a deterministic token', async () => {
    /** Versions 1.0.0 and 1.0.1 of other content. */
    const twoTaken = async () => {
      const w = await componentWorld();
      await w.existing('1.0.0', { [HASH_TAG]: 'v1:a' });
      await w.existing('1.0.1', { [HASH_TAG]: 'v1:b' });
      return w;
    };
    const w = await twoTaken();
    const r = await reconcileComponent(want, { A: '1' }, w.ctx);
    expect(r).toEqual({
      name: 'apache',
      outcome: 'created',
      version: '1.0.2',
      arn: componentArn('apache', '1.0.2', 1),
      file: 'components/apache.yml',
      parameters: { A: '1' },
    });
    expect(await w.get(r.arn)).toMatchObject({
      name: 'apache',
      version: '1.0.2',
      platform: 'Linux',
      data: DOC,
      description: 'Install Apache',
      changeDescription: 'abcdef1 Install httpd',
      tags: {
        [HASH_TAG]: want.hash,
        'imagebuilder-gitops:commit': 'abcdef1234567890',
        // The deploy role may create only resources with the project tag (stacks/github-oidc.yml).
        'imagebuilder-gitops:project': 'golden-ami',
        'imagebuilder-gitops:repository': 'acme/golden',
      },
    });
    // Same inputs → same token on a re-run (on a fresh emulator holding the same two versions,
    // so the re-run creates again); another commit → another token. A token is a UUID's 36
    // characters (the API's maximum).
    const [token] = w.tokens();
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const again = await twoTaken();
    await reconcileComponent(want, { A: '1' }, again.ctx);
    expect(again.tokens()).toEqual([token]);
    const other = await twoTaken();
    const o = await reconcileComponent(want, {}, other.otherRun({ commit: 'f'.repeat(40) }));
    expect(o.version).toBe('1.0.2');
    expect(other.tokens()).toHaveLength(1);
    expect(other.tokens()).not.toEqual([token]);
  });

  it('honours a pinned minimum version', async () => {
    const w = await componentWorld();
    await w.existing('1.0.3', { [HASH_TAG]: 'v1:a' });
    const r = await reconcileComponent({ ...want, version: '2.0.0' }, {}, w.ctx);
    expect(r).toMatchObject({
      outcome: 'created',
      version: '2.0.0',
      arn: componentArn('apache', '2.0.0', 1),
    });
    expect(await w.versions()).toEqual(['1.0.3', '2.0.0']);
  });

  it('reads every page of ListComponents, and only its own name', async () => {
    const w = await componentWorld();
    // 26 versions: the listing's first page holds 25 (by version); the highest, 1.0.25, is on
    // the second, so the next version is 1.0.26 only when every page is read.
    for (let p = 0; p < 26; p++) await w.existing(`1.0.${p}`, { [HASH_TAG]: `v1:${p}` });
    // A component whose name starts with ours, at a higher version, is not ours.
    await w.ib.send(
      new CreateComponentCommand({
        name: 'apache-other',
        semanticVersion: '9.0.0',
        platform: 'Linux',
        data: DOC,
      }),
    );
    const first = await w.ib.send(
      new ListComponentsCommand({ filters: [{ name: 'name', values: ['apache'] }] }),
    );
    expect(first.nextToken).toBeDefined();
    expect(first.componentVersionList?.map((v) => v.version)).not.toContain('1.0.25');

    const r = await reconcileComponent(want, {}, w.ctx);
    expect(r).toMatchObject({ outcome: 'created', version: '1.0.26' });
    expect(await w.builds('1.0.26')).toEqual([{ build: 1, hash: want.hash }]);
  });

  it('reuses a version the listing does not show yet whose build carries our hash, without creating', async () => {
    const w = await componentWorld(LAGGING);
    // An earlier run created it a moment ago: not listed yet.
    await reconcileComponent(want, {}, w.otherRun({ commit: 'e'.repeat(40) }));
    expect(await w.versions()).toEqual([]);
    const r = await reconcileComponent(want, {}, w.ctx);
    expect(r).toMatchObject({
      outcome: 'reused',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    expect(w.ctx.logger.text()).toContain(
      '1.0.0 already exists with this content (not listed yet)',
    );
    // Creating it again would have silently added build 2 (auto-versioning).
    expect(await w.builds('1.0.0')).toEqual([{ build: 1, hash: want.hash }]);
  });
});

describe('reconcileComponent: versions taken, races and errors', () => {
  it('explains a version someone else created with other content, before creating anything', async () => {
    const w = await componentWorld(LAGGING);
    await w.existing('1.0.0', { [HASH_TAG]: 'v1:theirs' });
    const err = await reconcileComponent(want, {}, w.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).file).toBe('components/apache.yml');
    expect((err as Error).message).toMatch(
      /apache version 1\.0\.0 already exists with different content.*v1:theirs.*`version:`/,
    );
    expect(await w.builds('1.0.0')).toEqual([{ build: 1, hash: 'v1:theirs' }]);
    expect(w.tokens()).toEqual([]);
  });

  it('a racing run created the same content first: uses its earlier build, so both runs converge', async () => {
    const w = await componentWorld();
    let theirs: string | undefined;
    w.beforeOurCreate(async () => {
      theirs = (await reconcileComponent(want, {}, w.otherRun({ commit: 'e'.repeat(40) }))).arn;
    });
    const r = await reconcileComponent(want, {}, w.ctx);
    expect(r).toMatchObject({
      outcome: 'reused',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    expect(r.arn).toBe(theirs);
    expect(w.ctx.logger.text()).toMatch(/created at the same time by another run/);
    // Ours became build 2 (same content), left unused.
    expect(await w.builds('1.0.0')).toEqual([
      { build: 1, hash: want.hash },
      { build: 2, hash: want.hash },
    ]);
  });

  it('a racing run of the same commit: the deterministic token makes our create a no-op', async () => {
    const w = await componentWorld();
    let theirs: string | undefined;
    w.beforeOurCreate(async () => {
      theirs = (await reconcileComponent(want, {}, w.otherRun())).arn;
    });
    const r = await reconcileComponent(want, {}, w.ctx);
    // Image Builder answered our create with the first one's response: no build 2.
    expect(r).toMatchObject({
      outcome: 'created',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    expect(theirs).toBe(r.arn);
    expect(await w.builds('1.0.0')).toEqual([{ build: 1, hash: want.hash }]);
    expect(w.tokens()).toHaveLength(1);
  });

  it('a racing run of the same commit with another message: the token mismatch re-reads and reuses', async () => {
    const w = await componentWorld();
    w.beforeOurCreate(() =>
      reconcileComponent(want, {}, w.otherRun({ commitMessage: 'Install httpd (amended)' })),
    );
    const r = await reconcileComponent(want, {}, w.ctx);
    expect(r).toMatchObject({
      outcome: 'reused',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    expect(w.ctx.logger.text()).toContain('1.0.0 already exists with this content; reusing it');
    expect(await w.builds('1.0.0')).toEqual([{ build: 1, hash: want.hash }]);
    expect((await w.get(r.arn)).changeDescription).toBe('abcdef1 Install httpd (amended)');
  });

  it('a racing run created other content in the same version: says which build to delete', async () => {
    const w = await componentWorld();
    w.beforeOurCreate(() => w.existing('1.0.0', { [HASH_TAG]: 'v1:theirs' }));
    const err = await reconcileComponent(want, {}, w.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).file).toBe('components/apache.yml');
    expect((err as Error).message).toContain(
      `delete-component --component-build-version-arn ${componentArn('apache', '1.0.0', 2)}`,
    );
    expect(await w.builds('1.0.0')).toEqual([
      { build: 1, hash: 'v1:theirs' },
      { build: 2, hash: want.hash },
    ]);
  });

  it('wraps AWS errors with the operation and the resource', async () => {
    const w = await componentWorld();
    w.deny('ListComponents');
    await expect(reconcileComponent(want, {}, w.ctx)).rejects.toThrow(
      /ListComponents failed for component apache: AccessDeniedException: .*not authorized to perform: imagebuilder:ListComponents/,
    );
    w.deny('CreateComponent');
    await expect(reconcileComponent(want, {}, w.ctx)).rejects.toThrow(
      /CreateComponent failed for component apache 1\.0\.0: AccessDeniedException: .*imagebuilder:CreateComponent/,
    );
    expect(await w.builds('1.0.0')).toEqual([]);
  });
});

describe('component documents and external components', () => {
  it('rejects a document over 16,000 characters naming file, size, limit and remedy', () => {
    const text = `name: big\nschemaVersion: 1.0\ndescription: "${'x'.repeat(INLINE_DATA_LIMIT)}"\n`;
    expect(() =>
      prepareComponent({ file: 'components/big.yml', text, name: 'big', platform: 'Linux' }),
    ).toThrow(new RegExp(`${text.length} characters.*16000.*Split it.*S3.*uri`));
    expect(() =>
      prepareComponent({
        file: 'c.yml',
        text: 'a: 1\n'.padEnd(INLINE_DATA_LIMIT, '#'),
        name: 'c',
        platform: 'Linux',
      }),
    ).not.toThrow();
  });

  it('passes AWS-managed ARNs through with pseudo parameters substituted', () => {
    const r = externalComponent(
      'arn:${AWS::Partition}:imagebuilder:${AWS::Region}:aws:component/update-linux/x.x.x',
      {},
      context(),
    );
    expect(r).toEqual({
      name: 'update-linux',
      arn: 'arn:aws:imagebuilder:eu-west-1:aws:component/update-linux/x.x.x',
      outcome: 'external',
      parameters: {},
    });
  });
});
