/**
 * The reconcile-pipeline tests' world: the emulator's Image Builder in-process with what a pipeline
 * references (recipe versions of `web`, an infrastructure and a distribution configuration, two
 * of each configuration so an ARN can differ), a ReconcileContext on it, and readers of its state.
 */
import {
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateInfrastructureConfigurationCommand,
  GetImagePipelineCommand,
  type CreateImagePipelineCommandInput,
} from '@aws-sdk/client-imagebuilder';
import type { PipelineSpec } from '../../actions/lib/imagebuilder/reconcile-pipeline.js';
import { ibState } from '../../scripts/local-aws/services/imagebuilder/model.js';
import { inProcessAws } from '../support/in-process-aws.js';
import { context, REGION, webRecipes } from './helpers.js';

export async function pipelineWorld(recipeVersions = ['1.0.4', '1.0.5']) {
  const aws = inProcessAws();
  const ib = aws.ib(REGION);
  const recipes = await webRecipes(ib, recipeVersions);
  const infra = async (name: string) =>
    (
      await ib.send(
        new CreateInfrastructureConfigurationCommand({ name, instanceProfileName: 'ib' }),
      )
    ).infrastructureConfigurationArn!;
  const dist = async (name: string) =>
    (
      await ib.send(
        new CreateDistributionConfigurationCommand({ name, distributions: [{ region: REGION }] }),
      )
    ).distributionConfigurationArn!;
  const arns = {
    infra: await infra('infra'),
    infra2: await infra('infra-2'),
    dist: await dist('dist'),
    dist2: await dist('dist-2'),
  };
  const spec = (over: Partial<PipelineSpec> = {}): PipelineSpec => ({
    name: 'web',
    imageRecipeArn: recipes['1.0.5'] ?? '',
    infrastructureConfigurationArn: arns.infra,
    distributionConfigurationArn: arns.dist,
    tags: {},
    ...over,
  });
  /** A pipeline made outside the reconciler (console, CLI), as `input` says. */
  const existing = async (input: Partial<CreateImagePipelineCommandInput> = {}) =>
    (
      await ib.send(
        new CreateImagePipelineCommand({
          name: 'web',
          imageRecipeArn: recipes['1.0.5'],
          infrastructureConfigurationArn: arns.infra,
          distributionConfigurationArn: arns.dist,
          ...input,
        }),
      )
    ).imagePipelineArn!;
  const get = async (arn: string) =>
    (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!;
  /** Calls of `operation` the emulator has answered so far. */
  const calls = (operation: string) => aws.emulator.admin.calls()[`imagebuilder.${operation}`] ?? 0;
  /** The client tokens the emulator has seen on `operation` (its idempotency records). */
  const tokens = (operation: string) =>
    Object.keys(ibState(aws.emulator.admin.dump(), REGION).tokens)
      .filter((k) => k.startsWith(`${operation}:`))
      .map((k) => k.slice(operation.length + 1));
  /** The next call of `operation` is denied (the emulator's fault injection). */
  const deny = (operation: string) =>
    aws.emulator.admin.addFault({ service: 'imagebuilder', operation, kind: 'denied', count: 1 });
  return { aws, ib, ctx: context(ib), recipes, arns, spec, existing, get, calls, tokens, deny };
}
