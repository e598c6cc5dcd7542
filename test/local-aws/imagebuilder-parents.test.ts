/**
 * Parents resolved as Image Builder resolves them (issue 14): AWS's public AMIs and parameters in
 * every region, `ssm:` parents read when a build starts, image ARNs with `x.x.x`, AMI ids of our
 * own builds; architecture and platform taken from the parent; arm64 and Windows builds; the
 * launch failing when the instance types do not fit the parent. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetImageCommand,
  GetImageRecipeCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { COMPONENT_DOC, everyPhase, failure, startEnv, type Env } from './helpers.js';
import { ibState } from '../../scripts/local-aws/services/imagebuilder/model.js';

const STEP = 60_000;
const ACCOUNT = '123456789012';
const AL2023_X86 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const AL2023_ARM = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
const WS2022 = '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';
const WINDOWS_DOC = [
  'name: win',
  'schemaVersion: 1.0',
  'phases:',
  '  - name: build',
  '    steps:',
  '      - name: Configure',
  '        action: ExecutePowerShell',
  '        inputs:',
  '          commands: [Set-TimeZone -Id UTC]',
  '      - name: RebootAfterConfigure',
  '        action: Reboot',
  '',
].join('\n');

let env: Env;
beforeEach(async () => {
  env = await startEnv({ buildDurations: everyPhase(STEP) });
});
afterEach(() => env.aws.close());

async function component(ib: ImagebuilderClient, platform: 'Linux' | 'Windows' = 'Linux') {
  const out = await ib.send(
    new CreateComponentCommand({
      name: platform === 'Linux' ? 'hello' : 'win',
      semanticVersion: '1.0.0',
      platform,
      data: platform === 'Linux' ? COMPONENT_DOC : WINDOWS_DOC,
    }),
  );
  return out.componentBuildVersionArn!;
}

/** A recipe, infrastructure (with `instanceTypes`), distribution and pipeline named `name`. */
async function pipeline(
  ib: ImagebuilderClient,
  name: string,
  parentImage: string,
  opts: { instanceTypes?: string[]; platform?: 'Linux' | 'Windows' } = {},
) {
  const c = await component(ib, opts.platform);
  const r = await ib.send(
    new CreateImageRecipeCommand({
      name,
      semanticVersion: '1.0.x',
      parentImage,
      components: [{ componentArn: c }],
    }),
  );
  const infra = await ib.send(
    new CreateInfrastructureConfigurationCommand({
      name: `${name}-infra`,
      instanceProfileName: 'ib',
      instanceTypes: opts.instanceTypes,
    }),
  );
  const dist = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: `${name}-dist`,
      distributions: [{ region: 'us-east-1' }],
    }),
  );
  const p = await ib.send(
    new CreateImagePipelineCommand({
      name,
      imageRecipeArn: r.imageRecipeArn,
      infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
      distributionConfigurationArn: dist.distributionConfigurationArn,
    }),
  );
  return { pipeline: p.imagePipelineArn!, recipe: r.imageRecipeArn! };
}

/** Starts a build and runs the clock until it ends; the image and its first AMI. */
async function build(ib: ImagebuilderClient, pipelineArn: string) {
  const { imageBuildVersionArn } = await ib.send(
    new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn }),
  );
  env.clock.advance(10 * STEP);
  const image = (await ib.send(new GetImageCommand({ imageBuildVersionArn })))!.image!;
  return { image, ami: image.outputResources?.amis?.[0]?.image, arn: imageBuildVersionArn! };
}

async function describe1(id: string, region = 'us-east-1') {
  const out = await env.ec2(region).send(new DescribeImagesCommand({ ImageIds: [id] }));
  return out.Images![0]!;
}

function parentAmiOf(arn: string): string | undefined {
  return ibState(env.aws.admin.dump(), 'us-east-1').images[arn]?.parentAmi;
}

describe("AWS's public AMIs and parameters", () => {
  it('are seeded in every region, with architecture, platform and owner from the publisher', async () => {
    const seen = new Set<string>();
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      const ssm = env.ssm(region);
      for (const [name, arch, platform] of [
        [AL2023_X86, 'x86_64', undefined],
        [AL2023_ARM, 'arm64', undefined],
        [WS2022, 'x86_64', 'windows'],
      ] as const) {
        const p = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!;
        expect(p.ARN).toBe(`arn:aws:ssm:${region}::parameter${name}`);
        seen.add(p.Value!);
        const ami = await describe1(p.Value!, region);
        expect(ami).toMatchObject({
          Architecture: arch,
          ImageOwnerAlias: 'amazon',
          Public: true,
          State: 'available',
        });
        expect(ami.Platform).toBe(platform);
        expect(ami.PlatformDetails).toBe(platform ? 'Windows' : 'Linux/UNIX');
      }
      // Public parameters are not the account's: DescribeParameters lists only its own.
      const own = await ssm.send(new DescribeParametersCommand({}));
      expect(own.Parameters ?? []).toEqual([]);
    }
    // An AMI id is regional: nine parameters, nine different AMIs.
    expect(seen.size).toBe(9);
    const amazon = await env.ec2().send(
      new DescribeImagesCommand({
        Owners: ['amazon'],
        Filters: [{ Name: 'architecture', Values: ['arm64'] }],
      }),
    );
    expect(amazon.Images!.map((i) => i.Name)).toContain(
      'al2023-ami-2023.6.20241201.1-kernel-6.1-arm64',
    );
    expect(amazon.Images!.every((i) => i.Architecture === 'arm64')).toBe(true);
  });

  it('get a new version when AWS publishes a new AMI, and a public name cannot be written', async () => {
    const ssm = env.ssm();
    const before = (await ssm.send(new GetParameterCommand({ Name: AL2023_ARM }))).Parameter!;
    const { ami, parameters } = env.aws.admin.publishPublicImage(
      'us-east-1',
      'amazon-linux-2023-arm64',
    );
    expect(parameters).toContain(AL2023_ARM);
    const after = (await ssm.send(new GetParameterCommand({ Name: AL2023_ARM }))).Parameter!;
    expect(after).toMatchObject({ Version: 2, Value: ami.imageId });
    expect(after.Value).not.toBe(before.Value);
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: AL2023_ARM }));
    expect(history.Parameters!.map((v) => v.Value)).toEqual([before.Value, ami.imageId]);
    expect((await describe1(ami.imageId)).Architecture).toBe('arm64');
    // Another region is untouched.
    const west = await env.ssm('eu-west-1').send(new GetParameterCommand({ Name: AL2023_ARM }));
    expect(west.Parameter!.Version).toBe(1);
    const put = await failure(
      ssm.send(new PutParameterCommand({ Name: AL2023_ARM, Value: ami.imageId, Type: 'String' })),
    );
    expect(put.name).toBe('ValidationException');
    expect(() => env.aws.admin.publishPublicImage('us-east-1', 'amazon-linux-2099')).toThrow(
      /not an Amazon-managed image; known: amazon-linux-2-x86/,
    );
  });
});

describe('GetParametersByPath', () => {
  it("lists AWS's public parameters under a path, one level or recursively, and the account's own elsewhere", async () => {
    const ssm = env.ssm('eu-west-1');
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(
        new GetParametersByPathCommand({ Path: '/aws/service/ami-amazon-linux-latest', NextToken }),
      );
      expect(page.Parameters!.length).toBeLessThanOrEqual(10);
      names.push(...page.Parameters!.map((p) => p.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toContain(AL2023_ARM);
    expect(names.every((n) => n.startsWith('/aws/service/ami-amazon-linux-latest/'))).toBe(true);
    const oneLevel = await ssm.send(new GetParametersByPathCommand({ Path: '/aws/service' }));
    expect(oneLevel.Parameters).toEqual([]);
    const windows = await ssm.send(
      new GetParametersByPathCommand({ Path: '/aws/service/ami-windows-latest', Recursive: true }),
    );
    expect(windows.Parameters!.map((p) => p.Name)).toContain(WS2022);
    await ssm.send(
      new PutParameterCommand({ Name: '/golden-ami/a/x', Value: 'v', Type: 'String' }),
    );
    const own = await ssm.send(
      new GetParametersByPathCommand({ Path: '/golden-ami', Recursive: true }),
    );
    expect(own.Parameters!.map((p) => [p.Name, p.Value])).toEqual([['/golden-ami/a/x', 'v']]);
    const bad = await failure(ssm.send(new GetParametersByPathCommand({ Path: 'golden-ami' })));
    expect(bad.name).toBe('ValidationException');
  });
});

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

describe('Windows', () => {
  it('builds a Windows image on the public Windows Server 2022 parameter, with sysprep', async () => {
    const ib = env.ib();
    const { pipeline: p, recipe } = await pipeline(ib, 'win', `ssm:${WS2022}`, {
      platform: 'Windows',
      instanceTypes: ['m5.large'],
    });
    const r = await ib.send(new GetImageRecipeCommand({ imageRecipeArn: recipe }));
    expect(r.imageRecipe?.platform).toBe('Windows');
    const { image, ami, arn } = await build(ib, p);
    expect(image).toMatchObject({
      platform: 'Windows',
      osVersion: 'Microsoft Windows Server 2022',
      state: { status: 'AVAILABLE' },
    });
    expect(await describe1(ami!)).toMatchObject({
      Platform: 'windows',
      PlatformDetails: 'Windows',
      Architecture: 'x86_64',
      RootDeviceName: '/dev/sda1',
    });
    const wf = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    const steps = await ib.send(
      new ListWorkflowStepExecutionsCommand({
        workflowExecutionId: wf.workflowExecutions![0]!.workflowExecutionId,
      }),
    );
    const status = Object.fromEntries(steps.steps!.map((s) => [s.name, s.status]));
    expect(status).toMatchObject({ RunSysPrepScript: 'COMPLETED', RunSanitizeScript: 'SKIPPED' });
  });

  it("refuses an action of the other platform at CreateComponent, in Image Builder's words", async () => {
    const ib = env.ib();
    for (const [platform, data, action] of [
      ['Linux', WINDOWS_DOC, 'ExecutePowerShell for os platform linux'],
      ['Windows', COMPONENT_DOC, 'ExecuteBash for os platform windows'],
    ] as const) {
      const e = await failure(
        ib.send(
          new CreateComponentCommand({ name: 'mixed', semanticVersion: '1.0.0', platform, data }),
        ),
      );
      expect(e.name).toBe('InvalidParameterValueException');
      expect(e.message).toMatch(
        new RegExp(
          `^The value supplied for parameter 'data' is not valid\\. Parsing step '\\w+' in phase 'build' failed\\. Error: Unsupported action ${action}\\.$`,
        ),
      );
    }
  });

  it('refuses a component of the other platform than the parent at CreateImageRecipe', async () => {
    const ib = env.ib();
    const linux = await component(ib, 'Linux');
    const windows = await component(ib, 'Windows');
    for (const [parent, c, platforms] of [
      [`ssm:${WS2022}`, linux, 'is for platform Linux; the parent image is Windows'],
      [`ssm:${AL2023_ARM}`, windows, 'is for platform Windows; the parent image is Linux'],
    ] as const) {
      const e = await failure(
        ib.send(
          new CreateImageRecipeCommand({
            name: 'mixed',
            semanticVersion: '1.0.0',
            parentImage: parent,
            components: [{ componentArn: c }],
          }),
        ),
      );
      expect(e.name).toBe('InvalidParameterValueException');
      expect(e.message).toContain(
        `The value supplied for parameter 'components' is not valid. Component ARN '${c}' ${platforms}`,
      );
    }
  });
});

describe("the repository's sample components", () => {
  it('are accepted by CreateComponent on their platform and refused on the other', async () => {
    const ib = env.ib();
    const read = (f: string) =>
      readFileSync(new URL(`../../components/${f}`, import.meta.url), 'utf8');
    for (const [file, platform, other] of [
      ['linux-hardening.yml', 'Linux', 'Windows'],
      ['linux-hardening-test.yml', 'Linux', 'Windows'],
      ['windows-baseline.yml', 'Windows', 'Linux'],
    ] as const) {
      const data = read(file);
      const name = file.replace(/\.yml$/, '');
      const ok = await ib.send(
        new CreateComponentCommand({ name, semanticVersion: '1.0.0', platform, data }),
      );
      expect(ok.componentBuildVersionArn).toContain(`component/${name}/1.0.0/1`);
      const e = await failure(
        ib.send(
          new CreateComponentCommand({ name, semanticVersion: '1.0.0', platform: other, data }),
        ),
      );
      expect(e.message).toContain(`for os platform ${other.toLowerCase()}`);
    }
  });
});
