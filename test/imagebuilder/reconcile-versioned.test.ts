/**
 * The one reconciler of content-addressed versions: its decisions as pure functions, the steps
 * with a kind that holds its versions in memory (what "anything versioned that comes later" has to
 * provide), and the recipe kind against the emulator when the listing lags behind a create.
 */
import { describe, it, expect, afterEach } from '@jest/globals';
import { AwsOperationError, ConfigurationError } from '../../actions/lib/core/errors.js';
import { PROJECT_TAG, REPOSITORY_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  beforeCreate,
  clientToken,
  isVersionConflict,
  MAX_SKIPS,
  newestFirst,
  reconcileVersioned,
  type Verdict,
  type VersionedResource,
} from '../../actions/lib/imagebuilder/reconcile-versioned.js';
import { recipeResource } from '../../actions/lib/imagebuilder/reconcile-recipe.js';
import type { ImageDefinition } from '../../actions/lib/definitions/types.js';
import { awsError, context } from './helpers.js';
import {
  prepareComponent,
  reconcileComponent,
} from '../../actions/lib/imagebuilder/reconcile-components.js';
import { COMPONENT_DOC, PARENT, startEnv, type Env } from '../local-aws/helpers.js';

const OWN = { [REPOSITORY_TAG]: 'acme/golden', [PROJECT_TAG]: 'golden-ami' };
const ours = (tags: Record<string, string>) => tags[REPOSITORY_TAG] === 'acme/golden';

describe('the decision before creating a version', () => {
  it('creates a free version, reuses our content, skips an earlier run of ours, refuses others', () => {
    expect(beforeCreate({ kind: 'free' }, ours)).toBe('create');
    expect(beforeCreate({ kind: 'ours', arn: 'a' }, ours)).toBe('reuse');
    expect(beforeCreate({ kind: 'taken', tags: OWN }, ours)).toBe('skip');
    expect(beforeCreate({ kind: 'taken', tags: {} }, ours)).toBe('refuse');
  });

  it('a conflict is an existing version or a reused token with another request, wrapped or not', () => {
    for (const name of ['ResourceAlreadyExistsException', 'IdempotentParameterMismatchException']) {
      expect(isVersionConflict(awsError(name))).toBe(true);
      expect(isVersionConflict(new AwsOperationError('Create', 'x', awsError(name)))).toBe(true);
    }
    expect(isVersionConflict(awsError('ResourceInUseException'))).toBe(false);
    expect(isVersionConflict(new Error('boom'))).toBe(false);
  });

  it('orders versions newest first by number, unparseable ones last, leaving the input alone', () => {
    const input = ['1.0.9', 'junk', '1.0.10', '0.9.0'];
    expect(newestFirst(input, (v) => v)).toEqual(['1.0.10', '1.0.9', '0.9.0', 'junk']);
    expect(input).toEqual(['1.0.9', 'junk', '1.0.10', '0.9.0']);
  });

  it('the client token is the same for the same create and differs when any part differs', () => {
    const ctx = { repository: 'acme/golden', commit: 'abc' };
    const token = clientToken('recipe', ctx, 'web', '1.0.0', 'v1:h');
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(clientToken('recipe', ctx, 'web', '1.0.0', 'v1:h')).toBe(token);
    const others = [
      clientToken('component', ctx, 'web', '1.0.0', 'v1:h'),
      clientToken('recipe', { ...ctx, repository: 'acme/other' }, 'web', '1.0.0', 'v1:h'),
      clientToken('recipe', ctx, 'api', '1.0.0', 'v1:h'),
      clientToken('recipe', ctx, 'web', '1.0.1', 'v1:h'),
      clientToken('recipe', ctx, 'web', '1.0.0', 'v1:g'),
      clientToken('recipe', { ...ctx, commit: 'abd' }, 'web', '1.0.0', 'v1:h'),
    ];
    expect(new Set([token, ...others]).size).toBe(7);
  });
});

/** A kind whose versions live in a map: `listed` is what its (lagging) listing shows. */
function memoryKind(opts: {
  stored: Record<string, { hash: string; tags?: Record<string, string> }>;
  listed?: string[];
  readBeforeCreate: boolean;
  createError?: Error;
}) {
  const calls = { reads: [] as string[], creates: [] as { version: string; token: string }[] };
  const verdict = (version: string): Verdict => {
    const v = opts.stored[version];
    if (!v) return { kind: 'free' };
    return v.hash === 'v1:ours'
      ? { kind: 'ours', arn: `arn:thing/${version}` }
      : { kind: 'taken', arn: `arn:thing/${version}`, hash: v.hash, tags: v.tags ?? {} };
  };
  const kind: VersionedResource<string> = {
    kind: 'thing',
    name: 'web',
    hash: 'v1:ours',
    words: { unchanged: 'content unchanged', same: 'this content' },
    list: async () => opts.listed ?? Object.keys(opts.stored),
    versionOf: (v) => v,
    findOurs: async (listed) => {
      const v = listed.find((x) => opts.stored[x]?.hash === 'v1:ours');
      return v ? { arn: `arn:thing/${v}`, version: v } : undefined;
    },
    read: async (version) => {
      calls.reads.push(version);
      return verdict(version);
    },
    readBeforeCreate: opts.readBeforeCreate,
    create: async (version, token) => {
      calls.creates.push({ version, token });
      if (opts.createError) throw opts.createError;
      return undefined;
    },
    arnOf: (version) => `arn:thing/${version}`,
    conflict: (version, theirHash, cause) =>
      new ConfigurationError(`thing web ${version} holds ${theirHash ?? 'nothing'}`, {}, { cause }),
  };
  return { kind, calls };
}

describe('reconcileVersioned, with any kind: reuse and create', () => {
  it('creates the next version with the derived token and names it in the log', async () => {
    const { kind, calls } = memoryKind({
      stored: { '1.0.0': { hash: 'v1:a' } },
      readBeforeCreate: false,
    });
    const ctx = context();
    const r = await reconcileVersioned(kind, ctx);
    expect(r).toEqual({ arn: 'arn:thing/1.0.1', version: '1.0.1', outcome: 'created' });
    expect(calls.creates).toEqual([
      { version: '1.0.1', token: clientToken('thing', ctx, 'web', '1.0.1', 'v1:ours') },
    ]);
    expect(calls.reads).toEqual([]);
    expect(ctx.logger.lines).toEqual([{ level: 'info', message: 'thing web: created 1.0.1' }]);
  });

  it('reuses a listed version carrying our hash, reading and creating nothing', async () => {
    const { kind, calls } = memoryKind({
      stored: { '1.0.0': { hash: 'v1:a' }, '1.0.1': { hash: 'v1:ours' } },
      readBeforeCreate: true,
    });
    const ctx = context();
    expect(await reconcileVersioned(kind, ctx)).toEqual({
      arn: 'arn:thing/1.0.1',
      version: '1.0.1',
      outcome: 'reused',
    });
    expect(calls).toEqual({ reads: [], creates: [] });
    expect(ctx.logger.lines).toEqual([
      { level: 'info', message: 'thing web: reusing 1.0.1 (content unchanged)' },
    ]);
  });

  it('reuses our content at the next version when the listing does not show it yet', async () => {
    const { kind, calls } = memoryKind({
      stored: { '1.0.0': { hash: 'v1:ours' } },
      listed: [],
      readBeforeCreate: true,
    });
    const ctx = context();
    expect(await reconcileVersioned(kind, ctx)).toMatchObject({
      version: '1.0.0',
      outcome: 'reused',
    });
    expect(calls.creates).toEqual([]);
    expect(ctx.logger.lines).toEqual([
      {
        level: 'info',
        message: 'thing web: 1.0.0 already exists with this content (not listed yet); reusing it',
      },
    ]);
  });
});

describe('reconcileVersioned, with any kind: versions taken and conflicts', () => {
  it('refuses a version with someone else’s content before creating, naming their hash', async () => {
    const { kind, calls } = memoryKind({
      stored: { '1.0.0': { hash: 'v1:theirs', tags: { team: 'x' } } },
      listed: [],
      readBeforeCreate: true,
    });
    const err = await reconcileVersioned(kind, context()).catch((e: unknown) => e);
    expect((err as Error).message).toBe('thing web 1.0.0 holds v1:theirs');
    expect((err as Error).cause).toBeUndefined();
    expect(calls.creates).toEqual([]);
  });

  it('an existing version with other content after a conflict is refused, keeping the AWS error', async () => {
    const cause = awsError('ResourceAlreadyExistsException');
    const { kind } = memoryKind({
      stored: { '1.0.0': { hash: 'v1:theirs' } },
      listed: [],
      readBeforeCreate: false,
      createError: cause,
    });
    const err = await reconcileVersioned(kind, context()).catch((e: unknown) => e);
    expect((err as Error).message).toBe('thing web 1.0.0 holds v1:theirs');
    expect((err as Error).cause).toBe(cause);
  });

  it('a settled race gives its ARN and outcome at the version created', async () => {
    const { kind } = memoryKind({ stored: {}, readBeforeCreate: false });
    const settled = {
      ...kind,
      words: { ...kind.words, createdFrom: ' from things/web.yml' },
      settle: async (version: string) => ({
        arn: `arn:thing/${version}/1`,
        outcome: 'reused' as const,
      }),
    };
    const ctx = context();
    expect(await reconcileVersioned(settled, ctx)).toEqual({
      arn: 'arn:thing/1.0.0/1',
      version: '1.0.0',
      outcome: 'reused',
    });
    expect(ctx.logger.lines).toEqual([]);
    const plain = { ...settled, settle: async () => undefined };
    await reconcileVersioned(plain, ctx);
    expect(ctx.logger.lines).toEqual([
      { level: 'info', message: 'thing web: created 1.0.0 from things/web.yml' },
    ]);
  });

  it('skips at most MAX_SKIPS versions of earlier runs of ours, then refuses without creating', async () => {
    const stored: Record<string, { hash: string; tags: Record<string, string> }> = {};
    for (let p = 0; p <= MAX_SKIPS + 1; p++) stored[`1.0.${p}`] = { hash: `v1:old${p}`, tags: OWN };
    const { kind, calls } = memoryKind({ stored, listed: [], readBeforeCreate: true });
    await expect(reconcileVersioned(kind, context())).rejects.toThrow(
      `thing web 1.0.${MAX_SKIPS} holds v1:old${MAX_SKIPS}`,
    );
    expect(calls.reads).toHaveLength(MAX_SKIPS + 1);
    expect(calls.creates).toEqual([]);
  });

  it('after skipping earlier runs of ours, creates the first free version', async () => {
    const { kind, calls } = memoryKind({
      stored: { '1.0.0': { hash: 'v1:old', tags: OWN }, '1.0.1': { hash: 'v1:older', tags: OWN } },
      listed: [],
      readBeforeCreate: true,
    });
    expect(await reconcileVersioned(kind, context())).toMatchObject({
      version: '1.0.2',
      outcome: 'created',
    });
    expect(calls.reads).toEqual(['1.0.0', '1.0.1', '1.0.2']);
  });

  it('a reused token with another request reads the version: our content is reused', async () => {
    const { kind, calls } = memoryKind({
      stored: { '1.0.0': { hash: 'v1:ours' } },
      listed: [],
      readBeforeCreate: false,
      createError: awsError('IdempotentParameterMismatchException'),
    });
    const ctx = context();
    expect(await reconcileVersioned(kind, ctx)).toEqual({
      arn: 'arn:thing/1.0.0',
      version: '1.0.0',
      outcome: 'reused',
    });
    expect(calls.reads).toEqual(['1.0.0']);
    expect(ctx.logger.text()).toContain(
      'thing web: 1.0.0 already exists with this content; reusing it',
    );
  });

  it('any other create error is passed on unread', async () => {
    const { kind, calls } = memoryKind({
      stored: {},
      readBeforeCreate: false,
      createError: awsError('ServiceQuotaExceededException'),
    });
    await expect(reconcileVersioned(kind, context())).rejects.toThrow(
      'ServiceQuotaExceededException',
    );
    expect(calls.reads).toEqual([]);
  });
});

describe('the recipe kind against the emulator, its listing behind a create', () => {
  let env: Env;
  afterEach(() => env.aws.close());
  const def = (description: string): ImageDefinition => ({
    file: 'images/web.yml',
    name: 'web',
    platform: 'Linux',
    parentImage: PARENT,
    description,
    components: [],
    blockDeviceMappings: [],
    ssmParameter: '/golden-ami/web',
    tags: {},
  });

  it('reuses a version with our inputs that the listing does not show, and refuses other inputs', async () => {
    env = await startEnv();
    const ctx = {
      ...context(env.ib()),
      location: { partition: 'aws', region: 'us-east-1', accountId: '123456789012' },
    };
    const hello = prepareComponent({
      file: 'components/hello.yml',
      text: COMPONENT_DOC,
      name: 'hello',
      platform: 'Linux',
    });
    const components = [await reconcileComponent(hello, {}, ctx)];
    const first = await reconcileVersioned(recipeResource(def('one'), components, ctx), ctx);
    expect(first).toMatchObject({ version: '1.0.0', outcome: 'created' });
    // Another commit (another token): CreateImageRecipe fails, the version is read.
    const again = { ...ctx, commit: 'fedcba0987654321' };
    const lagging = (d: ImageDefinition) => ({
      ...recipeResource(d, components, again),
      list: async () => [],
    });
    expect(await reconcileVersioned(lagging(def('one')), again)).toEqual({
      arn: first.arn,
      version: '1.0.0',
      outcome: 'reused',
    });
    const err = await reconcileVersioned(lagging(def('two')), again).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).file).toBe('images/web.yml');
    expect((err as Error).message).toMatch(
      /^Image recipe web version 1\.0\.0 already exists with different inputs/,
    );
    expect(((err as Error).cause as AwsOperationError).awsName).toBe(
      'ResourceAlreadyExistsException',
    );
  });
});
