/**
 * Component versions through the versioned reconciler, with mocked Image Builder responses (the
 * listings, builds and create results each case needs; races the emulator cannot stage at will).
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateComponentCommand,
  ImagebuilderClient,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
} from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { HASH_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  INLINE_DATA_LIMIT,
  externalComponent,
  prepareComponent,
  reconcileComponent,
} from '../../actions/lib/imagebuilder/reconcile-components.js';
import { awsError, componentArn, context } from './helpers.js';

const mock = mockClient(ImagebuilderClient);
const DOC = 'name: apache\ndescription: Install Apache\nschemaVersion: 1.0\nphases: []\n';
const want = prepareComponent({
  file: 'components/apache.yml',
  text: DOC,
  name: 'apache',
  platform: 'Linux',
});

beforeEach(() => {
  mock.reset();
  // A version nobody created has no builds.
  mock.on(ListComponentBuildVersionsCommand).resolves({ componentSummaryList: [] });
});

function listVersions(...versions: string[]) {
  mock.on(ListComponentsCommand).resolves({
    componentVersionList: versions.map((v) => ({
      name: 'apache',
      version: v,
      arn: componentArn('apache', v),
    })),
  });
}
function builds(version: string, ...hashes: string[]) {
  mock
    .on(ListComponentBuildVersionsCommand, { componentVersionArn: componentArn('apache', version) })
    .resolves({
      componentSummaryList: hashes.map((hash, i) => ({
        arn: componentArn('apache', version, i + 1),
        version,
        tags: { [HASH_TAG]: hash },
      })),
    });
}

describe('reconcileComponent: reuse and create', () => {
  it('reuses the version whose hash tag matches', async () => {
    listVersions('1.0.0', '1.0.1');
    builds('1.0.1', 'v1:other');
    builds('1.0.0', want.hash);
    const r = await reconcileComponent(want, {}, context());
    expect(r).toMatchObject({
      outcome: 'reused',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    expect(mock.commandCalls(CreateComponentCommand)).toHaveLength(0);
  });

  it('creates the next patch version with tags, changeDescription and a deterministic token', async () => {
    listVersions('1.0.0', '1.0.1');
    builds('1.0.0', 'v1:a');
    builds('1.0.1', 'v1:b');
    mock
      .on(CreateComponentCommand)
      .resolves({ componentBuildVersionArn: componentArn('apache', '1.0.2', 1) });
    const r = await reconcileComponent(want, { A: '1' }, context());
    expect(r).toMatchObject({ outcome: 'created', version: '1.0.2', parameters: { A: '1' } });
    const input = mock.commandCalls(CreateComponentCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      name: 'apache',
      semanticVersion: '1.0.2',
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
    // Same inputs → same token on a re-run.
    mock.resetHistory();
    await reconcileComponent(want, { A: '1' }, context());
    expect(mock.commandCalls(CreateComponentCommand)[0]!.args[0].input.clientToken).toBe(
      input.clientToken,
    );
  });

  it('honours a pinned minimum version', async () => {
    listVersions('1.0.3');
    builds('1.0.3', 'v1:a');
    mock.on(CreateComponentCommand).resolves({});
    const r = await reconcileComponent({ ...want, version: '2.0.0' }, {}, context());
    expect(r.version).toBe('2.0.0');
    expect(r.arn).toBe(componentArn('apache', '2.0.0'));
  });

  it('paginates ListComponents across pages', async () => {
    mock
      .on(ListComponentsCommand)
      .resolvesOnce({
        componentVersionList: [
          { name: 'apache', version: '1.0.0', arn: componentArn('apache', '1.0.0') },
        ],
        nextToken: 't1',
      })
      .resolvesOnce({
        componentVersionList: [
          { name: 'apache-other', version: '9.0.0', arn: 'x' },
          { name: 'apache', version: '1.0.7', arn: componentArn('apache', '1.0.7') },
        ],
      });
    builds('1.0.0', 'v1:a');
    builds('1.0.7', 'v1:b');
    mock.on(CreateComponentCommand).resolves({});
    const r = await reconcileComponent(want, {}, context());
    expect(r.version).toBe('1.0.8');
    const calls = mock.commandCalls(ListComponentsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input).toMatchObject({
      owner: 'Self',
      filters: [{ name: 'name', values: ['apache'] }],
    });
    expect(calls[1]!.args[0].input.nextToken).toBe('t1');
  });

  it('reuses a version the listing does not show yet whose build carries our hash, without creating', async () => {
    listVersions();
    builds('1.0.0', want.hash);
    const r = await reconcileComponent(want, {}, context());
    expect(r).toMatchObject({
      outcome: 'reused',
      version: '1.0.0',
      arn: componentArn('apache', '1.0.0', 1),
    });
    // Creating it again would have silently added build 2 (auto-versioning).
    expect(mock.commandCalls(CreateComponentCommand)).toHaveLength(0);
  });
});

describe('reconcileComponent: versions taken, races and errors', () => {
  it('explains a version someone else created with other content, before creating anything', async () => {
    listVersions();
    builds('1.0.0', 'v1:theirs');
    const err = await reconcileComponent(want, {}, context()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).file).toBe('components/apache.yml');
    expect((err as Error).message).toMatch(
      /apache version 1\.0\.0 already exists with different content.*v1:theirs.*`version:`/,
    );
    expect(mock.commandCalls(CreateComponentCommand)).toHaveLength(0);
  });

  it('a racing run created the same content first: uses its earlier build, so both runs converge', async () => {
    listVersions();
    mock
      .on(ListComponentBuildVersionsCommand, {
        componentVersionArn: componentArn('apache', '1.0.0'),
      })
      .resolvesOnce({ componentSummaryList: [] })
      .resolves({
        componentSummaryList: [1, 2].map((n) => ({
          arn: componentArn('apache', '1.0.0', n),
          tags: { [HASH_TAG]: want.hash },
        })),
      });
    mock
      .on(CreateComponentCommand)
      .resolves({ componentBuildVersionArn: componentArn('apache', '1.0.0', 2) });
    const ctx = context();
    const r = await reconcileComponent(want, {}, ctx);
    expect(r).toMatchObject({ outcome: 'reused', arn: componentArn('apache', '1.0.0', 1) });
    expect(ctx.logger.text()).toMatch(/created at the same time by another run/);
  });

  it('a racing run created other content in the same version: says which build to delete', async () => {
    listVersions();
    mock
      .on(ListComponentBuildVersionsCommand, {
        componentVersionArn: componentArn('apache', '1.0.0'),
      })
      .resolvesOnce({ componentSummaryList: [] })
      .resolves({
        componentSummaryList: [
          { arn: componentArn('apache', '1.0.0', 1), tags: { [HASH_TAG]: 'v1:theirs' } },
          { arn: componentArn('apache', '1.0.0', 2), tags: { [HASH_TAG]: want.hash } },
        ],
      });
    mock
      .on(CreateComponentCommand)
      .resolves({ componentBuildVersionArn: componentArn('apache', '1.0.0', 2) });
    const err = await reconcileComponent(want, {}, context()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toContain(
      `delete-component --component-build-version-arn ${componentArn('apache', '1.0.0', 2)}`,
    );
  });

  it('still handles ResourceAlreadyExistsException (the API before auto-versioning)', async () => {
    listVersions();
    mock
      .on(ListComponentBuildVersionsCommand, {
        componentVersionArn: componentArn('apache', '1.0.0'),
      })
      .resolvesOnce({ componentSummaryList: [] })
      .resolves({
        componentSummaryList: [
          { arn: componentArn('apache', '1.0.0', 1), tags: { [HASH_TAG]: want.hash } },
        ],
      });
    mock.on(CreateComponentCommand).rejects(awsError('ResourceAlreadyExistsException'));
    const r = await reconcileComponent(want, {}, context());
    expect(r).toMatchObject({ outcome: 'reused', version: '1.0.0' });
  });

  it('wraps AWS errors with the operation and the resource', async () => {
    mock.on(ListComponentsCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    await expect(reconcileComponent(want, {}, context())).rejects.toThrow(
      /ListComponents failed for component apache: AccessDeniedException: not authorized/,
    );
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
