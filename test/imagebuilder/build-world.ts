/**
 * The start-build and wait-image tests' world: the emulator's Image Builder in-process with a
 * pipeline `web` on recipe `web` 1.0.3 (distributing to `regions`), a ReconcileContext on the
 * test's clock, which is also the emulator's: the builds move through their states as the clock
 * advances (every state lasts PHASE_MS unless `buildDurations` says otherwise). Readers of the
 * emulator's state (images, their states and tags, the client tokens it has seen), and a hook to
 * act as another run or the console at a chosen moment of the library's conversation.
 */
import {
  CancelImageCreationCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateInfrastructureConfigurationCommand,
  GetImageCommand,
  ListImagePipelineImagesCommand,
  StartImagePipelineExecutionCommand,
  UpdateImagePipelineCommand,
} from '@aws-sdk/client-imagebuilder';
import type { StartSpec } from '../../actions/lib/imagebuilder/start-build.js';
import { COMMIT_TAG, REPOSITORY_TAG, RUN_TAG } from '../../actions/lib/imagebuilder/tags.js';
import { PHASES } from '../../scripts/local-aws/services/imagebuilder/build.js';
import { ibState } from '../../scripts/local-aws/services/imagebuilder/model.js';
import { inProcessAws, testClock, type InProcessOptions } from '../support/in-process-aws.js';
import { context, REGION, webRecipes } from './helpers.js';

export const PHASE_MS = 60_000;
export { PHASES };

export interface WorldOptions extends InProcessOptions {
  /** Regions of the distribution configuration (default: the context's region only). */
  regions?: string[];
  /** Recipe versions of `web` to create; the pipeline builds the last one (default 1.0.3). */
  recipeVersions?: string[];
}

export { afterCall } from '../support/after-call.js';

export async function buildWorld(options: WorldOptions = {}) {
  const { regions = [REGION], recipeVersions = ['1.0.3'], buildDurations, ...rest } = options;
  const clock = testClock();
  const aws = inProcessAws({
    clock,
    buildDurations: { ...Object.fromEntries(PHASES.map((p) => [p, PHASE_MS])), ...buildDurations },
    ...rest,
  });
  /** The administrator's client: the console, another run, the test's own reads. */
  const admin = aws.ib(REGION);
  const recipes = await webRecipes(admin, recipeVersions);
  const { infrastructureConfigurationArn } = await admin.send(
    new CreateInfrastructureConfigurationCommand({ name: 'infra', instanceProfileName: 'ib' }),
  );
  const { distributionConfigurationArn } = await admin.send(
    new CreateDistributionConfigurationCommand({
      name: 'dist',
      distributions: regions.map((region) => ({ region })),
    }),
  );
  /** A pipeline of recipe `version` (default: the last one). */
  const pipeline = async (name: string, version = recipeVersions.at(-1)!) =>
    (
      await admin.send(
        new CreateImagePipelineCommand({
          name,
          imageRecipeArn: recipes[version],
          infrastructureConfigurationArn,
          distributionConfigurationArn,
        }),
      )
    ).imagePipelineArn!;
  const pipelineArn = await pipeline('web');
  /** The library's client: hooks (afterCall) go on this one, never on the administrator's. */
  const ib = aws.ib(REGION);
  const ctx = { ...context(ib), clock };
  const spec: StartSpec = {
    pipelineArn,
    image: 'web',
    recipeVersion: recipeVersions.at(-1)!,
    runId: '777',
  };
  const t0 = clock.now();

  /** The pipeline's images as ListImagePipelineImages answers them, oldest first. */
  const images = async (arn = pipelineArn) =>
    (await admin.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn })))
      .imageSummaryList ?? [];
  const status = async (arn: string) =>
    (await admin.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status;
  /** Another run (`runId`) of the same repository starts a build, as its own startBuild would. */
  const startOther = async (runId = '555', arn = pipelineArn) =>
    (
      await admin.send(
        new StartImagePipelineExecutionCommand({
          imagePipelineArn: arn,
          clientToken: `other-run-${runId}-${clock.now()}`,
          tags: { [RUN_TAG]: runId, [REPOSITORY_TAG]: ctx.repository, [COMMIT_TAG]: ctx.commit },
        }),
      )
    ).imageBuildVersionArn!;
  /** Someone cancels `arn` in the console. */
  const cancel = (arn: string) =>
    admin.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }));
  /** Moves the clock until a build started at `startedAt` is in `phase` (half-way through it). */
  const advanceInto = (phase: (typeof PHASES)[number], startedAt: number) => {
    const target = startedAt + PHASES.indexOf(phase) * PHASE_MS + PHASE_MS / 2;
    clock.advance(Math.max(0, target - clock.now()));
  };
  /** Past the end of every build started so far. */
  const finishBuilds = () => clock.advance(PHASES.length * PHASE_MS + 1);
  /** Points the pipeline at recipe `version` (a new recipe version of the same image). */
  const useRecipe = (version: string) =>
    admin.send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: pipelineArn,
        imageRecipeArn: recipes[version],
        infrastructureConfigurationArn,
        distributionConfigurationArn,
        imageTestsConfiguration: { imageTestsEnabled: true },
        clientToken: `use-${version}`,
      }),
    );
  /** The next call of `operation` is denied (the emulator's fault injection). */
  const deny = (operation: string) =>
    aws.emulator.admin.addFault({ service: 'imagebuilder', operation, kind: 'denied', count: 1 });
  /** Calls of `operation` the emulator has answered so far. */
  const calls = (operation: string) => aws.emulator.admin.calls()[`imagebuilder.${operation}`] ?? 0;
  /** The client tokens the emulator has seen on `operation` (its idempotency records). */
  const tokens = (operation: string) =>
    Object.keys(ibState(aws.emulator.admin.dump(), REGION).tokens)
      .filter((k) => k.startsWith(`${operation}:`))
      .map((k) => k.slice(operation.length + 1));
  return {
    aws,
    admin,
    ib,
    ctx,
    clock,
    t0,
    spec,
    recipes,
    pipeline,
    pipelineArn,
    images,
    status,
    startOther,
    cancel,
    advanceInto,
    finishBuilds,
    useRecipe,
    deny,
    calls,
    tokens,
  };
}

export type BuildWorld = Awaited<ReturnType<typeof buildWorld>>;
