/**
 * Image Builder as documented today (issue 17): auto-versioning, wildcard recipe versions and
 * checked references. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  GetComponentCommand,
  GetImageRecipeCommand,
  ListComponentBuildVersionsCommand,
} from '@aws-sdk/client-imagebuilder';
import { failure, startEnv, type Env } from './helpers.js';
import { managedCatalogue } from '../../scripts/local-aws/services/imagebuilder/references.js';

import { ACCOUNT, BUILD_MINUTES, component, recipe } from './imagebuilder-helpers.js';
let env: Env;
beforeEach(async () => {
  env = await startEnv({ buildDurations: BUILD_MINUTES });
});
afterEach(() => env.aws.close());

const TEST_ONLY =
  'name: t\nschemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: ok\n        action: ExecuteBash\n        inputs:\n          commands: [true]\n';
const WITH_PARAM =
  'name: p\nschemaVersion: 1.0\nparameters:\n  - Port:\n      type: string\n      default: "80"\n      description: the port\nphases:\n  - name: build\n    steps:\n      - name: ok\n        action: ExecuteBash\n        inputs:\n          commands: ["echo {{ Port }}"]\n';

describe('semantic versions', () => {
  it('accepts leading zeros and nodes up to 2^30-1, and refuses larger ones as out of bounds', async () => {
    const ib = env.ib();
    const dated = await component(ib, 'dated', { version: '2021.01.01' });
    expect(dated.componentBuildVersionArn).toMatch(/component\/dated\/2021\.01\.01\/1$/);
    await component(ib, 'big', { version: '1073741823.0.0' });
    const e = await failure(component(ib, 'big', { version: '1073741824.0.0' }));
    expect(e.name).toBe('InvalidVersionNumberException');
    expect(e.message).toContain('1073741823');
  });

  it('returns latestVersionReferences on create and get, and GetComponent resolves wildcards', async () => {
    const ib = env.ib();
    const made = await component(ib, 'hello', { version: '1.2.3' });
    const base = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component/hello`;
    expect(made.latestVersionReferences).toEqual({
      latestVersionArn: `${base}/x.x.x`,
      latestMajorVersionArn: `${base}/1.x.x`,
      latestMinorVersionArn: `${base}/1.2.x`,
      latestPatchVersionArn: `${base}/1.2.3`,
    });
    await component(ib, 'hello', { version: '1.3.0' });
    const minor = await ib.send(
      new GetComponentCommand({ componentBuildVersionArn: `${base}/1.2.x` }),
    );
    expect(minor.component?.version).toBe('1.2.3');
    expect(minor.latestVersionReferences?.latestPatchVersionArn).toBe(`${base}/1.2.3`);
    const bad = await failure(
      ib.send(new GetComponentCommand({ componentBuildVersionArn: `${base}/1.x.3` })),
    );
    expect(bad.name).toBe('ResourceNotFoundException');
  });

  it('lists both builds of a version created twice (what a re-run would silently add)', async () => {
    const ib = env.ib();
    await component(ib, 'hello');
    await component(ib, 'hello');
    const builds = await ib.send(
      new ListComponentBuildVersionsCommand({
        componentVersionArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component/hello/1.0.0`,
      }),
    );
    expect(builds.componentSummaryList?.map((b) => b.arn?.split('/').at(-1))).toEqual(['1', '2']);
  });

  it('gives a 1.0.x recipe the next patch, refuses other wildcards and keeps explicit versions immutable', async () => {
    const ib = env.ib();
    const c = (await component(ib, 'hello')).componentBuildVersionArn!;
    const first = await recipe(ib, [{ componentArn: c }], { version: '1.0.x' });
    expect(first.imageRecipeArn).toMatch(/image-recipe\/golden\/1\.0\.0$/);
    const second = await recipe(ib, [{ componentArn: c }], { version: '1.0.x' });
    expect(second.imageRecipeArn).toMatch(/image-recipe\/golden\/1\.0\.1$/);
    expect(second.latestVersionReferences?.latestMinorVersionArn).toMatch(/golden\/1\.0\.x$/);
    const got = await ib.send(new GetImageRecipeCommand({ imageRecipeArn: second.imageRecipeArn }));
    expect(got.imageRecipe?.version).toBe('1.0.1');
    expect((got.imageRecipe as Record<string, unknown>)['parentOs']).toBeUndefined();
    expect((await failure(recipe(ib, [{ componentArn: c }], { version: '1.x.x' }))).name).toBe(
      'InvalidParameterValueException',
    );
    expect((await failure(recipe(ib, [{ componentArn: c }], { version: '1.0.1' }))).name).toBe(
      'ResourceAlreadyExistsException',
    );
  });
});

describe('references', () => {
  it('knows Amazon-managed images and components by name, region and platform', async () => {
    const ib = env.ib();
    const c = (await component(ib, 'hello')).componentBuildVersionArn!;
    const managed = 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x';
    await recipe(ib, [{ componentArn: managed }, { componentArn: c }]);
    const noImage = await failure(
      recipe(ib, [{ componentArn: c }], {
        version: '2.0.0',
        parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2099-x86/x.x.x',
      }),
    );
    expect(noImage.name).toBe('ResourceNotFoundException');
    const otherRegion = await failure(
      recipe(ib, [{ componentArn: c }], {
        version: '2.0.0',
        parentImage: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/x.x.x',
      }),
    );
    expect(otherRegion.name).toBe('InvalidParameterValueException');
    expect(otherRegion.message).toContain('eu-west-1');
    const noComponent = await failure(
      recipe(ib, [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/no-such/x.x.x' }], {
        version: '2.0.0',
      }),
    );
    expect(noComponent.name).toBe('ResourceNotFoundException');
    const windowsOnLinux = await failure(
      recipe(
        ib,
        [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-windows/x.x.x' }],
        { version: '2.0.0' },
      ),
    );
    expect(windowsOnLinux.message).toMatch(
      /components' is not valid. Component ARN '.*update-windows.*' is for platform Windows; the parent image is Linux/,
    );
    const catalogue = managedCatalogue();
    expect(catalogue.images.map((i) => i.name)).toContain('amazon-linux-2023-arm64');
    expect(catalogue.components.find((x) => x.name === 'simple-boot-test-linux')?.type).toBe(
      'TEST',
    );
  });

  it("checks our ARNs' region and account, and the parameters a recipe sets", async () => {
    const ib = env.ib();
    const mine = (await component(ib, 'param', { data: WITH_PARAM })).componentBuildVersionArn!;
    const got = await ib.send(new GetComponentCommand({ componentBuildVersionArn: mine }));
    expect(got.component?.parameters).toEqual([
      { name: 'Port', type: 'string', defaultValue: ['80'], description: 'the port' },
    ]);
    await recipe(ib, [{ componentArn: mine, parameters: [{ name: 'Port', value: ['8080'] }] }]);
    const unknown = await failure(
      recipe(ib, [{ componentArn: mine, parameters: [{ name: 'Prot', value: ['1'] }] }], {
        version: '1.0.1',
      }),
    );
    expect(unknown.name).toBe('InvalidParameterValueException');
    expect(unknown.message).toContain("no parameter 'Prot'. It declares: Port.");
    const elsewhere = await failure(
      recipe(ib, [{ componentArn: mine.replace('us-east-1', 'us-west-2') }], { version: '1.0.2' }),
    );
    expect(elsewhere.message).toContain('us-west-2');
    const otherAccount = await failure(
      recipe(ib, [{ componentArn: mine.replace(ACCOUNT, '210987654321') }], { version: '1.0.2' }),
    );
    expect(otherAccount.name).toBe('ResourceNotFoundException');
  });

  it('types a component with only a test phase TEST, and others BUILD', async () => {
    const ib = env.ib();
    const t = (await component(ib, 'tests-only', { data: TEST_ONLY })).componentBuildVersionArn!;
    const b = (await component(ib, 'builds')).componentBuildVersionArn!;
    const type = async (a: string) =>
      (await ib.send(new GetComponentCommand({ componentBuildVersionArn: a }))).component?.type;
    expect(await type(t)).toBe('TEST');
    expect(await type(b)).toBe('BUILD');
  });
});
