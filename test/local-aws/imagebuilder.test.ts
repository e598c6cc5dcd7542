/**
 * Image Builder components and recipes in the emulator: auto-versioning, validation, paging,
 * immutability, client tokens, and CreateComponent's document validation. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  DeleteComponentCommand,
  GetComponentCommand,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
  ResourceAlreadyExistsException,
  IdempotentParameterMismatchException,
  ResourceNotFoundException,
  InvalidParameterValueException,
  InvalidRequestException,
  InvalidPaginationTokenException,
  ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { COMPONENT_DOC, PARENT, everyPhase, failure, startEnv, type Env } from './helpers.js';

let env: Env;
// Every status lasts 30 virtual seconds, so stepping the clock by 30 s visits each one.
const STEP = 30_000;
beforeEach(async () => {
  env = await startEnv({ buildDurations: everyPhase(STEP) });
});
afterEach(() => env.aws.close());

async function component(ib: ImagebuilderClient, name: string, version = '1.0.0') {
  const r = await ib.send(
    new CreateComponentCommand({
      name,
      semanticVersion: version,
      platform: 'Linux',
      data: COMPONENT_DOC,
    }),
  );
  return r.componentBuildVersionArn!;
}

describe('Image Builder components', () => {
  it('auto-versions builds: the same version again is the next build, and numbers are not reused after a delete', async () => {
    const ib = env.ib();
    const arn1 = await component(ib, 'Hello');
    expect(arn1).toBe('arn:aws:imagebuilder:us-east-1:123456789012:component/hello/1.0.0/1');
    const again = await component(ib, 'Hello');
    expect(again).toBe('arn:aws:imagebuilder:us-east-1:123456789012:component/hello/1.0.0/2');
    await ib.send(new DeleteComponentCommand({ componentBuildVersionArn: arn1 }));
    await ib.send(new DeleteComponentCommand({ componentBuildVersionArn: again }));
    expect(await component(ib, 'Hello')).toBe(
      'arn:aws:imagebuilder:us-east-1:123456789012:component/hello/1.0.0/3',
    );
    await component(ib, 'Hello', '1.1.0');
    const builds = await ib.send(
      new ListComponentBuildVersionsCommand({
        componentVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/hello/1.0.0',
      }),
    );
    expect(builds.componentSummaryList?.map((c) => c.arn)).toEqual([
      'arn:aws:imagebuilder:us-east-1:123456789012:component/hello/1.0.0/3',
    ]);
    const latest = await ib.send(
      new GetComponentCommand({
        componentBuildVersionArn:
          'arn:aws:imagebuilder:us-east-1:123456789012:component/hello/x.x.x',
      }),
    );
    expect(latest.component?.version).toBe('1.1.0');
    expect(latest.component?.data).toBe(COMPONENT_DOC);
  });

  it('validates required members, versions and data/uri', async () => {
    const ib = env.ib();
    expect(
      await failure(
        ib.send(
          new CreateComponentCommand({
            name: 'bad-one',
            semanticVersion: '1.0',
            platform: 'Linux',
            data: 'a',
          }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterValueException',
      message:
        "The value supplied for parameter 'semanticVersion' is not valid. semanticVersion must match pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$",
    });
    expect(
      await failure(
        ib.send(
          new CreateComponentCommand({
            name: 'bad-one',
            semanticVersion: '1.0.0',
            platform: 'Linux',
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterCombinationException' });
    expect(
      await failure(
        ib.send(new CreateComponentCommand({ name: 'bad-one', semanticVersion: '1.0.0' } as never)),
      ),
    ).toBeInstanceOf(InvalidRequestException);
  });

  it('paginates with nextToken and rejects a forged token', async () => {
    const ib = env.ib();
    for (let i = 0; i < 7; i++) await component(ib, `comp-${i}`);
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const r = await ib.send(
        new ListComponentsCommand({ owner: 'Self', maxResults: 3, nextToken }),
      );
      names.push(...(r.componentVersionList ?? []).map((c) => c.name!));
      nextToken = r.nextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(3);
    expect(names).toEqual(['comp-0', 'comp-1', 'comp-2', 'comp-3', 'comp-4', 'comp-5', 'comp-6']);
    const filtered = await ib.send(
      new ListComponentsCommand({ filters: [{ name: 'name', values: ['comp-3'] }] }),
    );
    expect(filtered.componentVersionList).toHaveLength(1);
    expect(
      await failure(ib.send(new ListComponentsCommand({ nextToken: 'bogus' }))),
    ).toBeInstanceOf(InvalidPaginationTokenException);
  });
});

describe('Image Builder recipes and idempotency', () => {
  it('keeps recipes immutable, caps components at 20 and requires referenced components', async () => {
    const ib = env.ib();
    const c = await component(ib, 'hello');
    const input = {
      name: 'recipe-r',
      semanticVersion: '1.0.0',
      parentImage: PARENT,
      components: [{ componentArn: c }],
    };
    await ib.send(new CreateImageRecipeCommand(input));
    expect(await failure(ib.send(new CreateImageRecipeCommand(input)))).toBeInstanceOf(
      ResourceAlreadyExistsException,
    );
    const many = Array.from({ length: 21 }, () => ({
      componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x',
    }));
    expect(
      await failure(
        ib.send(
          new CreateImageRecipeCommand({ ...input, semanticVersion: '2.0.0', components: many }),
        ),
      ),
    ).toBeInstanceOf(InvalidParameterValueException);
    await ib.send(
      new CreateImageRecipeCommand({
        ...input,
        semanticVersion: '2.0.0',
        components: many.slice(0, 20),
      }),
    );
    const missing = await failure(
      ib.send(
        new CreateImageRecipeCommand({
          ...input,
          semanticVersion: '3.0.0',
          components: [{ componentArn: c.replace('hello', 'nope') }],
        }),
      ),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata?.httpStatusCode).toBe(404);
  });

  it('replays a clientToken with the same request and rejects it with a different one', async () => {
    const ib = env.ib();
    const input = {
      name: 'tok',
      semanticVersion: '1.0.0',
      platform: 'Linux' as const,
      data: COMPONENT_DOC,
      clientToken: 'token-1',
    };
    const a = await ib.send(new CreateComponentCommand(input));
    const b = await ib.send(new CreateComponentCommand(input));
    expect(b.componentBuildVersionArn).toBe(a.componentBuildVersionArn);
    expect(
      await failure(ib.send(new CreateComponentCommand({ ...input, description: 'changed' }))),
    ).toBeInstanceOf(IdempotentParameterMismatchException);
  });
});

describe('CreateComponent document validation', () => {
  const create = (data: string) =>
    env.ib().send(
      new CreateComponentCommand({
        name: 'doc-check',
        semanticVersion: '1.0.0',
        platform: 'Linux',
        data,
      }),
    );

  it('refuses a document AWSTOE cannot run, naming the line', async () => {
    const broken =
      'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: A\n        action: RunShell\n';
    const e = await failure(create(broken));
    expect(e).toBeInstanceOf(InvalidParameterValueException);
    expect((e as Error).message).toMatch(/not a valid component document: line 6: .*RunShell/);
    expect(await failure(create('phases: [\n'))).toBeInstanceOf(InvalidParameterValueException);
  });

  it('accepts what only fails at run time (an undefined variable)', async () => {
    const doc =
      'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: A\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo {{ Nope }}\n';
    expect((await create(doc)).componentBuildVersionArn).toMatch(/doc-check\/1\.0\.0\/1$/);
  });
});
