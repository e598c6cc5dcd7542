/**
 * Parents resolved as Image Builder resolves them (issue 14): AWS's public AMIs and parameters in
 * every region, `ssm:` parents read when a build starts, image ARNs with `x.x.x`, AMI ids of our
 * own builds; architecture and platform taken from the parent; arm64 and Windows builds; the
 * launch failing when the instance types do not fit the parent. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  GetImageCommand,
  GetImageRecipeCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import {
  AL2023_ARM,
  AL2023_X86,
  everyPhase,
  failure,
  parentTools,
  startEnv,
  type Env,
} from './helpers.js';

const STEP = 60_000;
const ACCOUNT = '123456789012';
let env: Env;
beforeEach(async () => {
  env = await startEnv({ buildDurations: everyPhase(STEP) });
});
afterEach(() => env.aws.close());

const { pipeline, build, describe1, parentAmiOf } = parentTools(() => env);

describe('ssm: parents', () => {
  it('build an arm64 image on the public arm64 parameter, and the next build takes a changed parameter', async () => {
    const ib = env.ib();
    const { pipeline: p, recipe } = await pipeline(ib, 'base', `ssm:${AL2023_ARM}`, {
      instanceTypes: ['t4g.small'],
    });
    const r = await ib.send(new GetImageRecipeCommand({ imageRecipeArn: recipe }));
    expect(r.imageRecipe).toMatchObject({ platform: 'Linux', parentImage: `ssm:${AL2023_ARM}` });
    const first = await build(ib, p);
    expect(first.image.state?.status).toBe('AVAILABLE');
    expect(first.image.osVersion).toBe('Amazon Linux 2023');
    const seeded = (await env.ssm().send(new GetParameterCommand({ Name: AL2023_ARM }))).Parameter!
      .Value;
    expect(parentAmiOf(first.arn)).toBe(seeded);
    expect(await describe1(first.ami!)).toMatchObject({ Architecture: 'arm64' });

    const { ami: released } = env.aws.admin.publishPublicImage(
      'us-east-1',
      'amazon-linux-2023-arm64',
    );
    const second = await build(ib, p);
    expect(second.image.version).toBe('1.0.0/2');
    expect(parentAmiOf(second.arn)).toBe(released.imageId);
  });

  it("take the account's own parameter by name or ARN; a missing one is refused, a deleted one fails the build", async () => {
    const ib = env.ib();
    const ssm = env.ssm();
    const base = env.aws.admin.seedImage('us-east-1', { name: 'own', architecture: 'arm64' });
    await ssm.send(
      new PutParameterCommand({ Name: '/golden-ami/base', Value: base.imageId, Type: 'String' }),
    );
    const missing = await failure(pipeline(ib, 'nope', 'ssm:/golden-ami/none'));
    expect(missing.name).toBe('InvalidParameterValueException');
    expect(missing.message).toContain(
      'The SSM parameter /golden-ami/none does not exist in us-east-1',
    );
    const byArn = `ssm:arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/golden-ami/base`;
    const { pipeline: p } = await pipeline(ib, 'child', byArn, { instanceTypes: ['m7g.large'] });
    const ok = await build(ib, p);
    expect(ok.image.state?.status).toBe('AVAILABLE');
    expect(parentAmiOf(ok.arn)).toBe(base.imageId);
    await ssm.send(new DeleteParameterCommand({ Name: '/golden-ami/base' }));
    const gone = await build(ib, p);
    expect(gone.image.state).toMatchObject({ status: 'FAILED' });
    expect(gone.image.state?.reason).toContain(
      'The SSM parameter arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/base does not exist',
    );
  });
});

describe('the launch', () => {
  it("fails the build with EC2's message when an instance type does not fit the parent's architecture", async () => {
    const ib = env.ib();
    const { pipeline: p } = await pipeline(ib, 'web', `ssm:${AL2023_X86}`, {
      instanceTypes: ['t3.small', 't4g.small'],
    });
    const { image, arn } = await build(ib, p);
    expect(image.state?.status).toBe('FAILED');
    expect(image.state?.reason).toContain(
      'instance type t4g.small of infrastructure configuration arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/web-infra',
    );
    expect(image.state?.reason).toContain(
      "The architecture 'arm64' of the specified instance type does not match the architecture 'x86_64' of the specified AMI.",
    );
    expect(image.outputResources?.amis ?? []).toEqual([]);
    const wf = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    const steps = await ib.send(
      new ListWorkflowStepExecutionsCommand({
        workflowExecutionId: wf.workflowExecutions![0]!.workflowExecutionId,
      }),
    );
    expect(steps.steps!.map((s) => [s.name, s.status])).toEqual([
      ['LaunchBuildInstance', 'FAILED'],
    ]);
  });
});

describe('image parents', () => {
  it("build a child on the parent's newest AMI (x.x.x or the AMI id), with the parent's architecture", async () => {
    const ib = env.ib();
    const base = await pipeline(ib, 'base', `ssm:${AL2023_ARM}`, { instanceTypes: ['t4g.small'] });
    const parent = await build(ib, base.pipeline);
    const byArn = await pipeline(
      ib,
      'web',
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/base/x.x.x`,
      {
        instanceTypes: ['c7g.large'],
      },
    );
    const child = await build(ib, byArn.pipeline);
    expect(child.image.state?.status).toBe('AVAILABLE');
    expect(parentAmiOf(child.arn)).toBe(parent.ami);
    expect(await describe1(child.ami!)).toMatchObject({ Architecture: 'arm64' });
    expect(child.image.osVersion).toBe('Amazon Linux 2023');

    // A second parent build: the child's next build takes the newer AMI.
    const parent2 = await build(ib, base.pipeline);
    const child2 = await build(ib, byArn.pipeline);
    expect(parentAmiOf(child2.arn)).toBe(parent2.ami);

    // The AMI id of our own build as the parent: arm64, so x86 instance types cannot launch it.
    const byAmi = await pipeline(ib, 'app', parent.ami!, { instanceTypes: ['m5.large'] });
    const r = await ib.send(new GetImageRecipeCommand({ imageRecipeArn: byAmi.recipe }));
    expect(r.imageRecipe?.platform).toBe('Linux');
    const wrong = await build(ib, byAmi.pipeline);
    expect(wrong.image.state?.reason).toContain(
      "The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64'",
    );
  });

  it('fail the build when the parent has no AMI yet', async () => {
    const ib = env.ib();
    const base = await pipeline(ib, 'base', `ssm:${AL2023_X86}`);
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: base.pipeline }));
    const web = await pipeline(
      ib,
      'web',
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/base/x.x.x`,
    );
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: web.pipeline }),
    );
    env.clock.advance(3 * STEP);
    const image = (await ib.send(new GetImageCommand({ imageBuildVersionArn }))).image!;
    expect(image.state?.status).toBe('FAILED');
    expect(image.state?.reason).toContain('has no available AMI in us-east-1 yet: build it first');
  });
});
