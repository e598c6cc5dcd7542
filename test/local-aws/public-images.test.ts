/**
 * AWS's public AMIs and SSM parameters as the emulator seeds them in every region (public-images.ts),
 * and GetParametersByPath over them. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import {
  AL2023_ARM,
  AL2023_X86,
  everyPhase,
  failure,
  parentTools,
  startEnv,
  WS2022,
  type Env,
} from './helpers.js';

const STEP = 60_000;
let env: Env;
beforeEach(async () => {
  env = await startEnv({ buildDurations: everyPhase(STEP) });
});
afterEach(() => env.aws.close());

const { describe1 } = parentTools(() => env);

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
