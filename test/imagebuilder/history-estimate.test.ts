/**
 * wait-image's duration estimate from a pipeline's history, against the emulator's real workflow
 * executions: BUILD and TEST only (no distribution execution), so the estimate runs from the image's
 * creation to the end of testing, and distribution comes after it.
 */
import { describe, it, expect, afterEach } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetImagePipelineCommand,
  StartImagePipelineExecutionCommand,
  UpdateImagePipelineCommand,
} from '@aws-sdk/client-imagebuilder';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { estimateFromHistory } from '../../actions/lib/imagebuilder/wait-image.js';
import { COMPONENT_DOC, PARENT, startEnv, type Env } from '../local-aws/helpers.js';

const MIN = 60_000;
const DURATIONS = {
  PENDING: MIN,
  CREATING: 1_000,
  BUILDING: 20 * MIN,
  TESTING: 10 * MIN,
  DISTRIBUTING: 15 * MIN,
  INTEGRATING: MIN,
};
let env: Env;
afterEach(() => env.aws.close());

async function pipeline(tests: boolean): Promise<string> {
  const ib = env.ib();
  const c = await ib.send(
    new CreateComponentCommand({
      name: 'hello',
      semanticVersion: '1.0.0',
      platform: 'Linux',
      data: COMPONENT_DOC,
    }),
  );
  const r = await ib.send(
    new CreateImageRecipeCommand({
      name: 'golden',
      semanticVersion: '1.0.0',
      parentImage: PARENT,
      components: [{ componentArn: c.componentBuildVersionArn }],
    }),
  );
  const infra = await ib.send(
    new CreateInfrastructureConfigurationCommand({ name: 'infra', instanceProfileName: 'ib' }),
  );
  const dist = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: 'dist',
      distributions: [{ region: 'us-east-1' }, { region: 'us-west-2' }],
    }),
  );
  const p = await ib.send(
    new CreateImagePipelineCommand({
      name: 'golden-pipeline',
      imageRecipeArn: r.imageRecipeArn,
      infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
      distributionConfigurationArn: dist.distributionConfigurationArn,
      imageTestsConfiguration: { imageTestsEnabled: tests },
    }),
  );
  return p.imagePipelineArn!;
}

async function estimateAfterBuilds(tests: boolean) {
  env = await startEnv({ buildDurations: DURATIONS });
  const arn = await pipeline(tests);
  for (let i = 0; i < 2; i++) {
    await env.ib().send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
    env.clock.advance(2 * 3_600_000);
  }
  const current = await env
    .ib()
    .send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
  return estimateFromHistory(arn, current.imageBuildVersionArn!, {
    client: env.ib(),
    clock: env.clock,
    logger: new MemoryLogger(),
  });
}

describe('estimateFromHistory against real-shaped workflow executions', () => {
  it('measures creation to the end of testing: distribution is not a workflow execution', async () => {
    const est = await estimateAfterBuilds(true);
    expect(est).toMatchObject({ samples: 2, expectedMs: MIN + 1_000 + 30 * MIN });
  });

  it('measures to the end of the build when tests are disabled', async () => {
    const est = await estimateAfterBuilds(false);
    expect(est).toMatchObject({ samples: 2, expectedMs: MIN + 1_000 + 20 * MIN });
  });
});

describe('estimateFromHistory: which builds it reads', () => {
  const LONG = MIN + 1_000 + 30 * MIN; // with tests
  const SHORT = MIN + 1_000 + 20 * MIN; // without

  /** Turns the pipeline's tests on or off: its next builds run a TEST workflow or not. */
  async function setTests(arn: string, enabled: boolean) {
    const { imagePipeline: p } = await env
      .ib()
      .send(new GetImagePipelineCommand({ imagePipelineArn: arn }));
    await env.ib().send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: arn,
        imageRecipeArn: p!.imageRecipeArn,
        infrastructureConfigurationArn: p!.infrastructureConfigurationArn,
        distributionConfigurationArn: p!.distributionConfigurationArn,
        imageTestsConfiguration: { imageTestsEnabled: enabled },
      }),
    );
  }

  /** Runs one build of `arn` to its end; returns its ARN. */
  async function build(arn: string): Promise<string> {
    const r = await env
      .ib()
      .send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
    env.clock.advance(2 * 3_600_000);
    return r.imageBuildVersionArn!;
  }

  const estimate = (pipelineArn: string, current: string) =>
    estimateFromHistory(pipelineArn, current, {
      client: env.ib(),
      clock: env.clock,
      logger: new MemoryLogger(),
    });

  it('the five newest: three long builds, then three short ones, give the short duration', async () => {
    env = await startEnv({ buildDurations: DURATIONS });
    const arn = await pipeline(true);
    for (let i = 0; i < 3; i++) await build(arn);
    await setTests(arn, false);
    for (let i = 0; i < 3; i++) await build(arn);
    // Newest five: short, short, short, long, long. Their median is the short build.
    expect(await estimate(arn, 'none')).toMatchObject({ samples: 5, expectedMs: SHORT });
  });

  it('only AVAILABLE builds, and never the build being waited on', async () => {
    env = await startEnv({ buildDurations: DURATIONS });
    const arn = await pipeline(false);
    await build(arn); // short, AVAILABLE
    await setTests(arn, true);
    const current = await build(arn); // long, AVAILABLE: a re-run waits on a finished build
    env.aws.admin.failBuild({
      pipeline: 'golden-pipeline',
      step: 'ApplyBuildComponents',
      reason: 'x',
    });
    await build(arn); // FAILED
    expect(await estimate(arn, current)).toMatchObject({ samples: 1, expectedMs: SHORT });
    expect(LONG).toBeGreaterThan(SHORT);
  });
});
