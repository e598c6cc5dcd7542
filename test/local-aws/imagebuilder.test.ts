import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CancelImageCreationCommand,
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  DeleteComponentCommand,
  GetComponentCommand,
  GetImageCommand,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
  ListImagePipelineImagesCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  ResourceAlreadyExistsException,
  StartImagePipelineExecutionCommand,
  TagResourceCommand,
  ListTagsForResourceCommand,
  IdempotentParameterMismatchException,
  ResourceNotFoundException,
  InvalidParameterValueException,
  InvalidRequestException,
  InvalidPaginationTokenException,
  ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
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

async function pipeline(
  ib: ImagebuilderClient,
  opts: { regions?: string[]; tests?: boolean } = {},
) {
  const c = await component(ib, 'hello');
  const recipe = await ib.send(
    new CreateImageRecipeCommand({
      name: 'golden',
      semanticVersion: '1.2.0',
      parentImage: PARENT,
      components: [{ componentArn: c }],
    }),
  );
  const infra = await ib.send(
    new CreateInfrastructureConfigurationCommand({ name: 'infra', instanceProfileName: 'ib-role' }),
  );
  const dist = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: 'dist',
      distributions: (opts.regions ?? ['us-east-1']).map((region) => ({
        region,
        amiDistributionConfiguration: {
          name: 'golden-{{ imagebuilder:buildDate }}',
          amiTags: { team: 'platform' },
        },
      })),
    }),
  );
  const p = await ib.send(
    new CreateImagePipelineCommand({
      name: 'golden-pipeline',
      imageRecipeArn: recipe.imageRecipeArn,
      infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
      distributionConfigurationArn: dist.distributionConfigurationArn,
      imageTestsConfiguration: { imageTestsEnabled: opts.tests ?? true },
    }),
  );
  return p.imagePipelineArn!;
}

const HOUR = 3_600_000;

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

describe('Image Builder builds', () => {
  it('applies the tags given to StartImagePipelineExecution to the image, as image summaries show', async () => {
    const ib = env.ib();
    const p = await pipeline(ib, { regions: ['us-east-1'] });
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({
        imagePipelineArn: p,
        tags: { run: '42', commit: 'c0ffee' },
      }),
    );
    const list = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: p }));
    expect(list.imageSummaryList?.find((i) => i.arn === imageBuildVersionArn)?.tags).toEqual({
      run: '42',
      commit: 'c0ffee',
    });
  });

  it('walks the state machine to AVAILABLE and distributes one AMI per region, visible only there', async () => {
    const ib = env.ib();
    const p = await pipeline(ib, { regions: ['us-east-1', 'us-west-2'] });
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: p }),
    );
    expect(imageBuildVersionArn).toBe(
      'arn:aws:imagebuilder:us-east-1:123456789012:image/golden/1.2.0/1',
    );
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const img = await ib.send(new GetImageCommand({ imageBuildVersionArn }));
      if (seen.at(-1) !== img.image!.state!.status) seen.push(img.image!.state!.status!);
      if (img.image!.state!.status === 'AVAILABLE') break;
      env.clock.advance(STEP);
    }
    expect(seen).toEqual([
      'PENDING',
      'CREATING',
      'BUILDING',
      'TESTING',
      'DISTRIBUTING',
      'INTEGRATING',
      'AVAILABLE',
    ]);
    const img = (await ib.send(new GetImageCommand({ imageBuildVersionArn }))).image!;
    const amis = img.outputResources!.amis!;
    expect(amis.map((a) => a.region)).toEqual(['us-east-1', 'us-west-2']);
    expect(amis[0]!.image).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(amis[0]!.image).not.toBe(amis[1]!.image);
    expect(amis[0]!.name).toBe('golden-2025-01-01T00-00-00.000Z');
    expect(amis[0]!.accountId).toBe('123456789012');
    const west = await env.ec2('us-west-2').send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [{ Name: 'tag:team', Values: ['platform'] }],
      }),
    );
    expect(west.Images?.map((i) => i.ImageId)).toEqual([amis[1]!.image]);
    expect(west.Images?.[0]?.State).toBe('available');
    const wrongRegion = await failure(
      env.ec2('us-west-2').send(new DescribeImagesCommand({ ImageIds: [amis[0]!.image!] })),
    );
    expect(wrongRegion.name).toBe('InvalidAMIID.NotFound');
    expect(
      (await failure(env.ec2().send(new DescribeImagesCommand({ ImageIds: ['ami-xyz'] })))).name,
    ).toBe('InvalidAMIID.Malformed');
    const listed = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: p }));
    expect(listed.imageSummaryList?.map((s) => s.state?.status)).toEqual(['AVAILABLE']);
    await ib.send(new TagResourceCommand({ resourceArn: imageBuildVersionArn, tags: { k: 'v' } }));
    expect(
      (await ib.send(new ListTagsForResourceCommand({ resourceArn: imageBuildVersionArn }))).tags,
    ).toEqual({ k: 'v' });
  });

  it('fails a scripted build with the reason and the failed workflow step', async () => {
    const ib = env.ib();
    const p = await pipeline(ib);
    env.aws.admin.failBuild({
      pipeline: 'golden-pipeline',
      image: 1,
      step: 'TESTING',
      reason: 'Test component reboot-test failed',
    });
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: p }),
    );
    env.clock.advance(HOUR);
    const img = (await ib.send(new GetImageCommand({ imageBuildVersionArn }))).image!;
    expect(img.state).toEqual({ status: 'FAILED', reason: 'Test component reboot-test failed' });
    expect(img.outputResources?.amis).toEqual([]);
    const wfs = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn }));
    expect(wfs.workflowExecutions?.map((w) => [w.type, w.status])).toEqual([
      ['BUILD', 'COMPLETED'],
      ['TEST', 'FAILED'],
    ]);
    const test = wfs.workflowExecutions!.find((w) => w.type === 'TEST')!;
    const steps = await ib.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: test.workflowExecutionId }),
    );
    expect(steps.steps?.map((st) => [st.name, st.status])).toEqual([
      ['LaunchTestInstance', 'COMPLETED'],
      ['ApplyTestComponents', 'FAILED'],
    ]);
    expect(steps.steps?.[1]).toMatchObject({
      action: 'ExecuteComponents',
      message: 'Test component reboot-test failed',
    });
    const second = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: p }));
    env.clock.advance(HOUR);
    expect(
      (await ib.send(new GetImageCommand({ imageBuildVersionArn: second.imageBuildVersionArn })))
        .image?.state?.status,
    ).toBe('AVAILABLE');
  });

  it('cancels a build in progress, and idempotently starts executions by clientToken', async () => {
    const ib = env.ib();
    const p = await pipeline(ib, { tests: false });
    const a = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: p, clientToken: 'run-1' }),
    );
    const again = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: p, clientToken: 'run-1' }),
    );
    expect(again.imageBuildVersionArn).toBe(a.imageBuildVersionArn);
    env.clock.advance(2 * STEP + 1);
    await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: a.imageBuildVersionArn }));
    env.clock.advance(HOUR);
    expect(
      (await ib.send(new GetImageCommand({ imageBuildVersionArn: a.imageBuildVersionArn }))).image
        ?.state?.status,
    ).toBe('CANCELLED');
    expect(
      (
        await failure(
          ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: a.imageBuildVersionArn })),
        )
      ).name,
    ).toBe('ResourceInUseException');
  });
});
