/**
 * Images built on images, through the bundled actions against the emulator, as the matrix runs
 * them: the parent's leg (build-image → wait-image → publish-ami, labelled run-<id>) and the
 * child's, started at the same time. The child's build-image waits until the parent's AMI of this
 * run is published and builds on exactly that AMI; a later run that rebuilds the parent gives the
 * child a new recipe version on the new AMI, and one that does not reuses the child's recipe.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { join } from 'node:path';
import {
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { REPO_ROOT } from '../support/run-action.js';
import { DR, expectExit, PRIMARY, startHarness, waitInputs, type Harness } from './harness.js';

const PARENT = `name: chain-base
description: A hardened base for the chain test
platform: Linux
parentImage: arn:\${AWS::Partition}:imagebuilder:\${AWS::Region}:aws:image/amazon-linux-2023-x86/x.x.x
components:
  - file: components/apache-install.yml
ssmParameter: /golden-ami/chain-base
`;
const CHILD = `name: chain-app
description: An application image on the chain's base
platform: Linux
parentImage: image:chain-base
components:
  - file: components/apache-test.yml
ssmParameter: /golden-ami/chain-app
`;

const SIZED = `name: chain-sized
platform: Linux
parentImage: image:chain-base
architectures:
  - name: x86_64
    instanceTypes: [t3.large]
components:
  - file: components/apache-test.yml
ssmParameter: /golden-ami/chain-sized
`;

/** The child's build-image sees time run this much faster (its parent wait polls every 10 s). */
const WARP = 20;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.write('components/images/chain-base.yml', PARENT);
  h.write('components/images/chain-app.yml', CHILD);
  h.write('components/images/chain-sized.yml', SIZED);
});
afterAll(() => h.close());

const buildInputs = (definition: string, extra: Record<string, string> = {}) => ({
  definition: `components/images/${definition}.yml`,
  region: PRIMARY,
  'infrastructure-configuration-arn': h.infra.infrastructureConfigurationArn,
  'distribution-configuration-arn': h.infra.distributionConfigurationArn,
  ...extra,
});

/** The parent's leg of the matrix: build, wait, publish with this run's label. */
async function parentLeg(runId: string): Promise<Record<string, string>> {
  const runner = { GITHUB_RUN_ID: runId };
  const build = expectExit(await h.run('build-image', buildInputs('chain-base'), runner), 0);
  const wait = expectExit(
    await h.run('wait-image', waitInputs(build.outputs['image-build-version-arn']!), runner),
    0,
  );
  expectExit(
    await h.run(
      'publish-ami',
      {
        amis: wait.outputs['amis']!,
        'parameter-name': '/golden-ami/chain-base',
        'primary-region': PRIMARY,
        'dr-regions': DR,
        'build-version': wait.outputs['image-version']!,
        labels: `run-${runId}`,
      },
      runner,
    ),
    0,
  );
  return JSON.parse(wait.outputs['amis']!) as Record<string, string>;
}

/** The child's build-image, in the same run, waiting for its parent's AMI. */
function childBuild(runId: string, parentVersion: string) {
  return h.run(
    'build-image',
    buildInputs('chain-app', {
      'parent-ssm-parameter': '/golden-ami/chain-base',
      'parent-version': parentVersion,
      'parent-timeout-minutes': '30',
    }),
    {
      GITHUB_RUN_ID: runId,
      // The demo's time compression (scripts/demo/time-warp.mjs), for this process only.
      NODE_OPTIONS: `--import=${join(REPO_ROOT, 'scripts/demo/time-warp.mjs')}`,
      DEMO_TIME_WARP: `${Date.now()}:${WARP}`,
    },
  );
}

async function recipeParent(arn: string): Promise<string | undefined> {
  const r = await h.ib().send(new GetImageRecipeCommand({ imageRecipeArn: arn }));
  return r.imageRecipe?.parentImage;
}

describe('a two-level chain in one run', () => {
  let firstAmi: string;
  let firstRecipe: string;

  it('the child waits for the parent AMI this run publishes and builds on exactly it', async () => {
    // Both legs start together, as the matrix starts them; the child is the one that waits.
    const [amis, child] = await Promise.all([parentLeg('5001'), childBuild('5001', 'run-5001')]);
    expectExit(child, 0);
    firstAmi = amis[PRIMARY]!;
    expect(child.outputs['parent-image']).toBe(firstAmi);
    expect(child.stdout).toMatch(
      /parent chain-base: waiting for its AMI of this run \(job 'build chain-base'\)/,
    );
    expect(child.summary).toContain(`image:chain-base → ${firstAmi}`);
    firstRecipe = child.outputs['recipe-arn']!;
    expect(await recipeParent(firstRecipe)).toBe(firstAmi);
    const wait = expectExit(
      await h.run('wait-image', waitInputs(child.outputs['image-build-version-arn']!), {
        GITHUB_RUN_ID: '5001',
      }),
      0,
    );
    expect(JSON.parse(wait.outputs['amis']!)).toHaveProperty(PRIMARY);
  });

  it('a run that rebuilds the parent gives the child a new recipe version on the new AMI', async () => {
    const amis = await parentLeg('5002');
    expect(amis[PRIMARY]).not.toBe(firstAmi);
    const child = expectExit(await childBuild('5002', 'run-5002'), 0);
    expect(child.outputs['parent-image']).toBe(amis[PRIMARY]);
    expect(child.outputs['recipe-version']).toBe('1.0.1');
    expect(await recipeParent(child.outputs['recipe-arn']!)).toBe(amis[PRIMARY]);
  });

  it('a run without the parent builds on its latest AMI: the child recipe is reused', async () => {
    const again = expectExit(await childBuild('5003', 'latest'), 0);
    expect(again.outputs['recipe-version']).toBe('1.0.1');
    expect(JSON.parse(again.outputs['created']!).reused).toContainEqual(
      expect.objectContaining({ kind: 'recipe', name: 'chain-app' }),
    );
  });

  it('a parent label that never appears fails at the deadline naming the parent job', async () => {
    const run = await h.run(
      'build-image',
      buildInputs('chain-app', {
        'parent-ssm-parameter': '/golden-ami/chain-base',
        'parent-version': 'run-9999',
        'parent-timeout-minutes': '1',
      }),
      {
        GITHUB_RUN_ID: '9999',
        NODE_OPTIONS: `--import=${join(REPO_ROOT, 'scripts/demo/time-warp.mjs')}`,
        DEMO_TIME_WARP: `${Date.now()}:60`,
      },
    );
    expectExit(run, 1);
    expect(run.stdout).toMatch(
      /Gave up after 1 min .*label run-9999.*job 'build chain-base' of this run probably failed/,
    );
  });

  it('an architecture with instance types builds on its own infrastructure configuration, with the build role', async () => {
    const run = expectExit(
      await h.run(
        'build-image',
        buildInputs('chain-sized', {
          architecture: 'x86_64',
          'parent-ssm-parameter': '/golden-ami/chain-base',
        }),
        { GITHUB_RUN_ID: '5004' },
      ),
      0,
    );
    const arn = run.outputs['infrastructure-configuration-arn']!;
    expect(arn).toMatch(/:infrastructure-configuration\/golden-ami-infra-chain-sized-x86_64$/);
    const infra = await h
      .ib()
      .send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }));
    expect(infra.infrastructureConfiguration?.instanceTypes).toEqual(['t3.large']);
    expect(run.outputs['image-build-version-arn']).toMatch(
      /:image\/chain-sized-x86_64\/1\.0\.0\/1$/,
    );
  });
});
