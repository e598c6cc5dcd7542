/**
 * Image Builder resources for the tests of Image Builder as documented today (imagebuilder-today,
 * -workflows, -limits): a component, a recipe, and a pipeline with tests on or off.
 */
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { COMPONENT_DOC, PARENT } from './helpers.js';

export const ACCOUNT = '123456789012';

/** A minute, the unit of the build durations below. */
export const STEP = 60_000;
/** A build's phases at a realistic pace (a 10-minute build, 5 of tests), on the test's clock. */
export const BUILD_MINUTES = {
  PENDING: STEP,
  CREATING: 1_000,
  BUILDING: 10 * STEP,
  TESTING: 5 * STEP,
  DISTRIBUTING: STEP,
  INTEGRATING: STEP,
};

export async function component(
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

export function recipe(
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

export async function pipeline(ib: ImagebuilderClient, tests = true, parentImage = PARENT) {
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
