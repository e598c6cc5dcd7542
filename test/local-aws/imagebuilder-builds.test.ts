/**
 * Image Builder builds in the emulator: tags, the state machine to AVAILABLE, distribution per
 * region, scripted failures, cancellation and idempotent starts. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CancelImageCreationCommand,
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetImageCommand,
  ListImagePipelineImagesCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
  TagResourceCommand,
  ListTagsForResourceCommand,
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

async function pipeline(
  ib: ImagebuilderClient,
  opts: { regions?: string[]; tests?: boolean } = {},
) {
  const { componentBuildVersionArn: c } = await ib.send(
    new CreateComponentCommand({
      name: 'hello',
      semanticVersion: '1.0.0',
      platform: 'Linux',
      data: COMPONENT_DOC,
    }),
  );
  const recipe = await ib.send(
    new CreateImageRecipeCommand({
      name: 'golden',
      semanticVersion: '1.2.0',
      parentImage: PARENT,
      components: [{ componentArn: c! }],
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
});

describe('Image Builder build failures and cancellation', () => {
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
