/**
 * Image Builder as documented today (issue 17): auto-versioning, wildcard recipe versions,
 * checked references, the real workflow executions, limits and error codes. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetComponentCommand,
  GetImageCommand,
  GetImageRecipeCommand,
  ListComponentBuildVersionsCommand,
  ListImagesCommand,
  ListTagsForResourceCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { COMPONENT_DOC, PARENT, failure, startEnv, type Env } from './helpers.js';
import { managedCatalogue } from '../../scripts/local-aws/services/imagebuilder/references.js';

let env: Env;
const STEP = 60_000;
beforeEach(async () => {
  env = await startEnv({
    buildDurations: {
      PENDING: STEP,
      CREATING: 1_000,
      BUILDING: 10 * STEP,
      TESTING: 5 * STEP,
      DISTRIBUTING: STEP,
      INTEGRATING: STEP,
    },
  });
});
afterEach(() => env.aws.close());

const ACCOUNT = '123456789012';
const TEST_ONLY =
  'name: t\nschemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: ok\n        action: ExecuteBash\n        inputs:\n          commands: [true]\n';
const WITH_PARAM =
  'name: p\nschemaVersion: 1.0\nparameters:\n  - Port:\n      type: string\n      default: "80"\n      description: the port\nphases:\n  - name: build\n    steps:\n      - name: ok\n        action: ExecuteBash\n        inputs:\n          commands: ["echo {{ Port }}"]\n';

async function component(
  ib: ImagebuilderClient,
  name: string,
  opts: { version?: string; data?: string; platform?: 'Linux' | 'Windows' } = {},
) {
  return ib.send(
    new CreateComponentCommand({
      name,
      semanticVersion: opts.version ?? '1.0.0',
      platform: opts.platform ?? 'Linux',
      data: opts.data ?? COMPONENT_DOC,
    }),
  );
}

function recipe(
  ib: ImagebuilderClient,
  components: { componentArn: string; parameters?: { name: string; value: string[] }[] }[],
  opts: { version?: string; parentImage?: string; name?: string } = {},
) {
  return ib.send(
    new CreateImageRecipeCommand({
      name: opts.name ?? 'golden',
      semanticVersion: opts.version ?? '1.0.0',
      parentImage: opts.parentImage ?? PARENT,
      components,
    }),
  );
}

async function pipeline(ib: ImagebuilderClient, tests = true, parentImage = PARENT) {
  const c = await component(ib, 'hello');
  const r = await recipe(ib, [{ componentArn: c.componentBuildVersionArn! }], { parentImage });
  const infra = await ib.send(
    new CreateInfrastructureConfigurationCommand({ name: 'infra', instanceProfileName: 'ib' }),
  );
  const dist = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: 'dist',
      distributions: [{ region: 'us-east-1' }],
    }),
  );
  const p = await ib.send(
    new CreateImagePipelineCommand({
      name: 'pipe',
      imageRecipeArn: r.imageRecipeArn,
      infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
      distributionConfigurationArn: dist.distributionConfigurationArn,
      imageTestsConfiguration: { imageTestsEnabled: tests, timeoutMinutes: 90 },
    }),
  );
  return p.imagePipelineArn!;
}

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

describe('workflow executions and timeline', () => {
  async function run(tests: boolean) {
    const ib = env.ib();
    const p = await pipeline(ib, tests);
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: p }),
    );
    return { ib, arn: imageBuildVersionArn! };
  }

  it('lists the seven BUILD steps and the TEST workflow, and no distribution execution', async () => {
    const { ib, arn } = await run(true);
    env.clock.advance(STEP + 2_000);
    expect(
      (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state,
    ).toEqual({ status: 'BUILDING' });
    env.clock.advance(3_600_000);
    const image = (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    expect(image.state?.status).toBe('AVAILABLE');
    expect(image.imageTestsConfiguration).toEqual({ imageTestsEnabled: true, timeoutMinutes: 90 });
    const wfs = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn })))
      .workflowExecutions!;
    expect(wfs.map((w) => [w.type, w.status, w.totalStepCount])).toEqual([
      ['BUILD', 'COMPLETED', 7],
      ['TEST', 'COMPLETED', 3],
    ]);
    expect(wfs[0]!.workflowBuildVersionArn).toBe(
      'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1',
    );
    const steps = async (id: string) =>
      (await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id }))).steps!;
    expect((await steps(wfs[0]!.workflowExecutionId!)).map((s) => [s.name, s.status])).toEqual([
      ['LaunchBuildInstance', 'COMPLETED'],
      ['ApplyBuildComponents', 'COMPLETED'],
      ['InventoryCollection', 'COMPLETED'],
      ['RunSanitizeScript', 'COMPLETED'],
      ['RunSysPrepScript', 'SKIPPED'],
      ['CreateOutputAMI', 'COMPLETED'],
      ['TerminateBuildInstance', 'COMPLETED'],
    ]);
    expect((await steps(wfs[1]!.workflowExecutionId!)).map((s) => s.name)).toEqual([
      'LaunchTestInstance',
      'ApplyTestComponents',
      'TerminateTestInstance',
    ]);
    // The last workflow ends before distribution: DISTRIBUTING and INTEGRATING follow it.
    const lastEnd = Date.parse(String(wfs[1]!.endTime));
    expect(Date.parse(String(image.dateCreated)) + STEP + 1_000 + 15 * STEP).toBe(lastEnd);
  });

  it('runs no TEST workflow when tests are disabled, and a launch failure surfaces in BUILDING', async () => {
    env.aws.admin.failBuild({
      pipeline: 'pipe',
      image: 1,
      step: 'LaunchBuildInstance',
      reason: 'The instance profile ib does not exist',
    });
    const { ib, arn } = await run(false);
    // LaunchBuildInstance is the first 10 % of BUILDING (60 s); it fails half-way.
    env.clock.advance(STEP + 1_000 + 40_000);
    const failed = (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    expect(failed.state).toEqual({
      status: 'FAILED',
      reason: 'The instance profile ib does not exist',
    });
    const wfs = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn })))
      .workflowExecutions!;
    expect(wfs.map((w) => [w.type, w.status, w.totalStepsFailed])).toEqual([
      ['BUILD', 'FAILED', 1],
    ]);
    const second = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: failed.sourcePipelineArn }),
    );
    env.clock.advance(3_600_000);
    const ok = await ib.send(
      new ListWorkflowExecutionsCommand({ imageBuildVersionArn: second.imageBuildVersionArn }),
    );
    expect(ok.workflowExecutions?.map((w) => w.type)).toEqual(['BUILD']);
  });
});

describe('limits and error codes', () => {
  it('checks tags, client tokens, start conditions and the test timeout range', async () => {
    const ib = env.ib();
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const many = await failure(
      ib.send(
        new CreateComponentCommand({
          name: 'many-tags',
          semanticVersion: '1.0.0',
          platform: 'Linux',
          data: COMPONENT_DOC,
          tags,
        }),
      ),
    );
    expect(many.message).toContain('1 to 50 tags; this request has 51');
    const reserved = await failure(
      ib.send(
        new CreateInfrastructureConfigurationCommand({
          name: 'infra-i',
          instanceProfileName: 'ib',
          tags: { 'aws:owner': 'me' },
        }),
      ),
    );
    expect(reserved.message).toContain("reserved prefix 'aws:'");
    const token = await failure(
      ib.send(
        new CreateInfrastructureConfigurationCommand({
          name: 'infra-i',
          instanceProfileName: 'ib',
          clientToken: 'x'.repeat(65),
        }),
      ),
    );
    expect(token.name).toBe('InvalidParameterValueException');
    const c = (await component(ib, 'hello')).componentBuildVersionArn!;
    const r = (await recipe(ib, [{ componentArn: c }])).imageRecipeArn!;
    const infra = (
      await ib.send(
        new CreateInfrastructureConfigurationCommand({
          name: 'infra-i',
          instanceProfileName: 'ib',
        }),
      )
    ).infrastructureConfigurationArn!;
    const base = { name: 'pipe', imageRecipeArn: r, infrastructureConfigurationArn: infra };
    const start = await failure(
      ib.send(
        new CreateImagePipelineCommand({
          ...base,
          schedule: {
            scheduleExpression: 'cron(0 0 * * ? *)',
            pipelineExecutionStartCondition: 'WHENEVER' as never,
          },
        }),
      ),
    );
    expect(start.message).toContain('EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE');
    const timeout = await failure(
      ib.send(
        new CreateImagePipelineCommand({
          ...base,
          imageTestsConfiguration: { timeoutMinutes: 30 },
        }),
      ),
    );
    expect(timeout.message).toContain('60 to 1440');
  });

  it('throttles with CallRateLimitExceededException where the operation declares it', async () => {
    const ib = env.ib();
    env.aws.admin.addFault({ service: 'imagebuilder', kind: 'throttle', count: 6 });
    const e = await failure(ib.send(new ListImagesCommand({})));
    expect(e.name).toBe('CallRateLimitExceededException');
    expect(e.$metadata?.httpStatusCode).toBe(429);
    env.aws.admin.clearFaults();
    env.aws.admin.addFault({ service: 'imagebuilder', kind: 'throttle', count: 6 });
    const tagged = await failure(
      ib.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:imagebuilder:x` })),
    );
    expect(tagged.name).toBe('ThrottlingException');
  });

  it('lists image versions with ListImages, newest per name unless byName', async () => {
    const ib = env.ib();
    const p = await pipeline(ib);
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: p }));
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: p }));
    const list = await ib.send(new ListImagesCommand({}));
    expect(list.imageVersionList).toEqual([
      expect.objectContaining({
        arn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/golden/1.0.0`,
        name: 'golden',
        version: '1.0.0',
        type: 'AMI',
        platform: 'Linux',
        osVersion: 'Amazon Linux 2023',
        owner: ACCOUNT,
      }),
    ]);
    const other = await ib.send(new ListImagesCommand({ owner: 'Amazon' }));
    expect(other.imageVersionList).toEqual([]);
  });
});
