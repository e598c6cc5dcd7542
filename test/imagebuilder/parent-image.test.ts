/**
 * A build target's parent: the pure plan and lookup, then against the emulator (real SDK clients,
 * virtual clock): waiting for an `image:` parent's AMI of this run, reading what an `ssm:` parent
 * resolves to, and the recipe version following the parent's AMI.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import type { Clock } from '../../actions/lib/core/clock.js';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import {
  lookupParent,
  planParent,
  type ParentPlan,
} from '../../actions/lib/imagebuilder/parent-image.js';
import {
  resolveParent,
  waitForParentAmi,
  type ParentContext,
} from '../../actions/lib/imagebuilder/resolve-parent.js';
import {
  prepareComponent,
  reconcileComponent,
} from '../../actions/lib/imagebuilder/reconcile-components.js';
import { reconcileRecipe } from '../../actions/lib/imagebuilder/reconcile-recipe.js';
import type { ImageDefinition } from '../../actions/lib/definitions/types.js';
import { COMPONENT_DOC, startEnv, type Env } from '../local-aws/helpers.js';

const FILE = { file: 'components/images/web-server.yml' };
const REGION = 'us-east-1';
const AMI_A = 'ami-0123456789abcdef0';
const AMI_B = 'ami-0fedcba9876543210';

const target = (parentImage: string, architecture?: 'x86_64' | 'arm64') => ({
  target: architecture ? `web-server-${architecture}` : 'web-server',
  architecture,
  parentImage,
});
const imagePlan = (version = 'run-42') =>
  planParent(
    target('image:base-linux', 'arm64'),
    { parentSsmParameter: '/golden-ami/base-linux/arm64', parentVersion: version },
    FILE,
  ) as Extract<ParentPlan, { kind: 'image' }>;

describe('planParent', () => {
  it('an image: parent reads the parent parameter at the run label, naming the parent job', () => {
    expect(imagePlan()).toEqual({
      kind: 'image',
      parent: 'base-linux',
      parentTarget: 'base-linux-arm64',
      parameter: '/golden-ami/base-linux/arm64',
      version: { kind: 'label', label: 'run-42' },
    });
    expect(imagePlan('').version).toEqual({ kind: 'latest' });
  });

  it('an image: parent without parent-ssm-parameter says which input to pass', () => {
    expect(() => planParent(target('image:base-linux'), {}, FILE)).toThrow(
      /image:base-linux, but input 'parent-ssm-parameter' of build-image is empty/,
    );
  });

  it('keeps ssm: and passes ARNs and AMI ids through', () => {
    const ssm = 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
    expect(planParent(target(ssm), {}, FILE)).toEqual({
      kind: 'ssm',
      parentImage: ssm,
      parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
    });
    expect(planParent(target(AMI_A), {}, FILE)).toEqual({ kind: 'direct', parentImage: AMI_A });
  });
});

describe('lookupParent', () => {
  const h = (version: number, value: string, ...labels: string[]) => ({ version, value, labels });

  it('finds the version with the run label, not the newest', () => {
    const r = lookupParent(imagePlan(), [h(1, AMI_A, 'run-42'), h(2, AMI_B, 'run-43')], REGION);
    expect(r).toEqual({ found: { ami: AMI_A, version: 1, how: 'label run-42' } });
  });

  it('waits while the label or the parameter is not there yet', () => {
    expect(lookupParent(imagePlan(), [h(1, AMI_A, 'run-41')], REGION)).toEqual({
      waiting:
        'no version of /golden-ami/base-linux/arm64 carries the label run-42 yet (newest: version 1)',
    });
    expect(lookupParent(imagePlan(), undefined, REGION)).toEqual({
      waiting: '/golden-ami/base-linux/arm64 does not exist yet in us-east-1',
    });
  });

  it('latest on a missing parameter: build the parent first', () => {
    expect(() => lookupParent(imagePlan('latest'), undefined, REGION)).toThrow(
      /has no AMI yet: SSM parameter \/golden-ami\/base-linux\/arm64 does not exist in us-east-1. Build base-linux first/,
    );
  });

  it('a value that is not an AMI id is an error naming the version', () => {
    expect(() => lookupParent(imagePlan('latest'), [h(3, 'hello')], REGION)).toThrow(
      /Version 3 of \/golden-ami\/base-linux\/arm64 .* holds 'hello', not an AMI id/,
    );
  });
});

let env: Env;

const ctx = (
  clock: Clock = env.clock,
  timeoutMs = 60 * 60_000,
): ParentContext & { logger: MemoryLogger } => ({
  ssm: env.ssm(REGION),
  location: { partition: 'aws', region: REGION, accountId: '123456789012' },
  timeoutMs,
  clock,
  logger: new MemoryLogger(),
  random: () => 0.5,
});
const publish = async (value: string, label: string) => {
  const put = await env.ssm(REGION).send(
    new PutParameterCommand({
      Name: '/golden-ami/base-linux/arm64',
      Value: value,
      Type: 'String',
      Overwrite: true,
    }),
  );
  await env.ssm(REGION).send(
    new LabelParameterVersionCommand({
      Name: '/golden-ami/base-linux/arm64',
      ParameterVersion: put.Version,
      Labels: [label],
    }),
  );
};

describe('an image: parent, against the emulator', () => {
  beforeEach(async () => {
    env = await startEnv();
  });
  afterEach(() => env.aws.close());

  it('waits until the parent job publishes this run’s AMI, with progress, and builds on exactly it', async () => {
    await publish(AMI_B, 'run-41');
    let sleeps = 0;
    const clock: Clock = {
      now: () => env.clock.now(),
      sleep: async (ms) => {
        env.clock.advance(ms);
        // The parent's publish-ami runs while we wait: at the fourth poll the label is there.
        if (++sleeps === 3) await publish(AMI_A, 'run-42');
      },
    };
    const c = ctx(clock);
    const r = await waitForParentAmi(imagePlan(), c);
    expect(r).toMatchObject({ ami: AMI_A, version: 2, polls: 4 });
    expect(c.logger.text()).toMatch(
      /waiting for its AMI of this run \(job 'build base-linux-arm64'\): no version .* carries the label run-42 yet/,
    );
  });

  it('gives up at the deadline naming the parent job that probably failed', async () => {
    const e = await waitForParentAmi(imagePlan(), ctx(env.clock, 10 * 60_000)).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).toMatch(
      /Gave up after 10 min .* image:base-linux .*does not exist yet.*job 'build base-linux-arm64' of this run probably failed/,
    );
  });
});

describe('an ssm: parent and the recipe it gives, against the emulator', () => {
  beforeEach(async () => {
    env = await startEnv();
  });
  afterEach(() => env.aws.close());

  it('an ssm: parent stays ssm: and the summary shows what it resolves to now', async () => {
    await env
      .ssm(REGION)
      .send(new PutParameterCommand({ Name: '/team/base', Value: AMI_B, Type: 'String' }));
    const plan = planParent(target('ssm:/team/base'), {}, FILE);
    const r = await resolveParent(plan, ctx(), FILE);
    expect(r).toMatchObject({ parentImage: 'ssm:/team/base', ami: AMI_B });
    expect(r.detail).toMatch(/resolves now to ami-0fedcba9876543210/);
    const missing = planParent(target('ssm:/team/nothing'), {}, FILE);
    await expect(resolveParent(missing, ctx(), FILE)).rejects.toThrow(
      /The parent ssm:\/team\/nothing does not exist in us-east-1: fix parentImage/,
    );
  });

  it('a different parent AMI gives a new recipe version; the same one reuses it', async () => {
    const rctx = {
      ...ctx(),
      client: env.ib(REGION),
      commit: 'abcdef1234567890',
      repository: 'acme/golden',
      project: 'golden-ami',
    };
    const a = env.aws.admin.seedImage(REGION, { name: 'base-a' }).imageId;
    const b = env.aws.admin.seedImage(REGION, { name: 'base-b' }).imageId;
    const want = prepareComponent({
      file: 'components/hello.yml',
      text: COMPONENT_DOC,
      name: 'hello',
      platform: 'Linux',
    });
    const component = await reconcileComponent(want, {}, rctx);
    const def = (parentImage: string): ImageDefinition => ({
      file: FILE.file,
      name: 'web-server',
      platform: 'Linux',
      parentImage,
      components: [],
      blockDeviceMappings: [],
      ssmParameter: '/golden-ami/web-server',
      tags: {},
    });
    const first = await reconcileRecipe(def(a), [component], rctx);
    const again = await reconcileRecipe(def(a), [component], rctx);
    const other = await reconcileRecipe(def(b), [component], rctx);
    expect(first).toMatchObject({ outcome: 'created', version: '1.0.0' });
    expect(again).toMatchObject({ outcome: 'reused', version: '1.0.0' });
    expect(other).toMatchObject({ outcome: 'created', version: '1.0.1' });
    expect(other.hash).not.toBe(first.hash);
  });
});
