/**
 * build-image for one architecture of a definition, in-process against the emulator: the recipe
 * and pipeline are the target's, an architecture with instance types builds on its own
 * infrastructure configuration, an `ssm:` parent stays `ssm:` in the recipe while the summary shows
 * its AMI, and a wrong `architecture` input says what the definition builds.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  ListImagePipelinesCommand,
} from '@aws-sdk/client-imagebuilder';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { buildImageAction } from '../../actions/build-image/main.js';
import { REPO_ROOT } from '../support/run-action.js';
import { REGION, startActionEnv, type ActionEnv } from './action-env.js';

/** AWS's public parameters (the emulator seeds them in every region) → the AMI each names now. */
const amis: Record<string, string> = {};
const DEFINITION = `name: fleet-web
platform: Linux
parentImage: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
architectures:
  - x86_64
  - name: arm64
    parentImage: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64
    instanceTypes: [t4g.small, t4g.medium]
components:
  - file: components/apache-install.yml
ssmParameter: /golden-ami/fleet-web
`;

let env: ActionEnv;
let dir: string;
beforeEach(async () => {
  env = await startActionEnv();
  dir = mkdtempSync(join(tmpdir(), 'build-target-'));
  cpSync(join(REPO_ROOT, 'components'), join(dir, 'components'), { recursive: true });
  writeFileSync(join(dir, 'components/images/fleet-web.yml'), DEFINITION);
  for (const name of [
    '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
  ])
    amis[name] = (
      await env.ssm(REGION).send(new GetParameterCommand({ Name: name }))
    ).Parameter!.Value!;
});
afterEach(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const build = (architecture: string) =>
  env.run(
    buildImageAction,
    {
      definition: 'components/images/fleet-web.yml',
      region: REGION,
      'infrastructure-configuration-arn': env.infrastructureConfigurationArn,
      'distribution-configuration-arn': env.distributionConfigurationArn,
      architecture,
    },
    { GITHUB_WORKSPACE: dir },
  );

describe('build-image for one architecture', () => {
  it('arm64: its own recipe, pipeline and infrastructure configuration; the ssm: parent kept', async () => {
    const run = await build('arm64');
    if (run.error) throw run.error;
    expect(run.outputs['parent-image']).toBe(
      'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
    );
    expect(run.outputs['image-build-version-arn']).toMatch(/:image\/fleet-web-arm64\/1\.0\.0\/1$/);
    expect(run.summaries[0]).toContain(
      `Parent: ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64 resolves now to ${amis['/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64']}`,
    );
    const ib = env.ib(REGION);
    const recipe = await ib.send(
      new GetImageRecipeCommand({ imageRecipeArn: run.outputs['recipe-arn']! }),
    );
    expect(recipe.imageRecipe).toMatchObject({
      name: 'fleet-web-arm64',
      parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
    });
    const infraArn = run.outputs['infrastructure-configuration-arn']!;
    expect(infraArn).not.toBe(env.infrastructureConfigurationArn);
    const infra = await ib.send(
      new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infraArn }),
    );
    expect(infra.infrastructureConfiguration).toMatchObject({
      name: 'golden-ami-infra-fleet-web-arm64',
      instanceTypes: ['t4g.small', 't4g.medium'],
      instanceProfileName: 'ib-role',
    });
    const pipelines = await ib.send(new ListImagePipelinesCommand({}));
    const pipeline = pipelines.imagePipelineList?.find((p) => p.name === 'fleet-web-arm64');
    const got = await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline!.arn! }));
    expect(got.imagePipeline?.infrastructureConfigurationArn).toBe(infraArn);
  });

  it('x86_64 without instance types uses the shared infrastructure configuration', async () => {
    const run = await build('x86_64');
    if (run.error) throw run.error;
    expect(run.outputs['infrastructure-configuration-arn']).toBe(
      env.infrastructureConfigurationArn,
    );
    expect(run.outputs['recipe-arn']).toMatch(/image-recipe\/fleet-web-x86_64\/1\.0\.0$/);
    expect(run.outputs['parent-image']).toBe(
      'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    );
  });

  it('an architecture the definition does not build names the ones it does', async () => {
    const run = await build('');
    expect(run.error?.message).toMatch(
      /fleet-web lists architectures x86_64, arm64: input 'architecture' of build-image must be one of them/,
    );
  });
});
