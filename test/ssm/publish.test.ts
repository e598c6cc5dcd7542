/**
 * publishAmi end to end against the emulator in-process (issue 12): its SSM validates aws:ec2:image
 * values asynchronously against its EC2 images, answers TooManyUpdates while a write is validated
 * and ParameterMaxVersionLimitExceeded at 100 versions with a labelled oldest, on the test's clock.
 */
import { describe, it, expect } from '@jest/globals';
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import {
  PublishError,
  publishAmi,
  type PublishRequest,
  type RegionClients,
} from '../../actions/lib/ssm/publish.js';
import { inProcessAws, testClock, type InProcessOptions } from '../support/in-process-aws.js';

const AMI_E = 'ami-0123456789abcdef0';
const AMI_W = 'ami-0fedcba9876543210';
const OTHER = 'ami-0aaaaaaaaaaaaaaaa';
const NAME = '/golden-ami/web';
const EAST = 'us-east-1';
const WEST = 'us-west-2';

/** Calls `after` once a command of `name` sent through `client` has been answered. */
function afterCall<C extends SSMClient | EC2Client>(
  client: C,
  name: string,
  after: () => Promise<unknown> | void,
): C {
  const send = client.send.bind(client) as (c: unknown) => Promise<unknown>;
  client.send = (async (cmd: { constructor: { name: string } }) => {
    const out = await send(cmd);
    if (cmd.constructor.name === name) await after();
    return out;
  }) as never;
  return client;
}

function setup(options: InProcessOptions = {}) {
  const clock = testClock();
  const t0 = clock.now();
  /** Virtual milliseconds since the start. */
  const elapsed = () => clock.now() - t0;
  const aws = inProcessAws({ clock, ...options });
  aws.emulator.admin.seedImage(EAST, { name: 'web-east', imageId: AMI_E });
  aws.emulator.admin.seedImage(WEST, { name: 'web-west', imageId: AMI_W });
  const clients: Record<string, RegionClients> = {
    [EAST]: { ssm: aws.ssm(EAST), ec2: aws.ec2(EAST) },
    [WEST]: { ssm: aws.ssm(WEST), ec2: aws.ec2(WEST) },
  };
  const req: PublishRequest = {
    amis: { [EAST]: AMI_E, [WEST]: AMI_W },
    parameterName: NAME,
    primaryRegion: EAST,
    drRegions: [WEST],
    labels: ['build-1.2.3-1', 'commit-abc1234'],
    tags: { image: 'web' },
    validationTimeoutMs: 10_000,
    pollIntervalMs: 1_000,
    backoff: { random: () => 0.5 },
  };
  const logger = new MemoryLogger();
  const run = (r: Partial<PublishRequest> = {}) =>
    publishAmi({ ...req, ...r }, (region) => clients[region] as RegionClients, clock, logger);
  /** Another writer's value, validated (the clock moves past SSM's validation delay). */
  const preset = async (region: string, ami: string, labels: string[] = []) => {
    aws.emulator.admin.seedImage(region, { name: `other-${ami}`, imageId: ami });
    const put = await aws.ssm(region).send(
      new PutParameterCommand({
        Name: NAME,
        Value: ami,
        Type: 'String',
        DataType: 'aws:ec2:image',
        Overwrite: true,
      }),
    );
    clock.advance(options.ssmValidationDelayMs ?? 2_000);
    if (labels.length)
      await aws.ssm(region).send(
        new LabelParameterVersionCommand({
          Name: NAME,
          ParameterVersion: put.Version,
          Labels: labels,
        }),
      );
  };
  const history = async (region: string) =>
    (await aws.ssm(region).send(new GetParameterHistoryCommand({ Name: NAME }))).Parameters!.map(
      (p) => ({ version: p.Version, value: p.Value, labels: p.Labels }),
    );
  const calls = (op: string) => aws.emulator.admin.calls()[`ssm.${op}`] ?? 0;
  return { aws, clients, req, run, clock, elapsed, logger, preset, history, calls };
}

describe('publishAmi', () => {
  it('writes, reads back, labels and tags in both regions, all writes before any label', async () => {
    const { clients, run, aws } = setup();
    const order: string[] = [];
    for (const region of [EAST, WEST]) {
      const ssm = clients[region]!.ssm;
      const send = ssm.send.bind(ssm) as (c: unknown) => Promise<unknown>;
      ssm.send = ((cmd: { constructor: { name: string } }) => {
        order.push(`${region}:${cmd.constructor.name}`);
        return send(cmd);
      }) as never;
    }
    const res = await run();
    expect(res.regions.map((r) => [r.region, r.ami, r.version, r.written])).toEqual([
      [EAST, AMI_E, 1, true],
      [WEST, AMI_W, 1, true],
    ]);
    expect(res.primary.region).toBe(EAST);
    const puts = order.flatMap((o, i) => (o.endsWith('PutParameterCommand') ? [i] : []));
    const firstLabel = order.findIndex((o) => o.endsWith('LabelParameterVersionCommand'));
    expect(puts).toHaveLength(2);
    expect(Math.max(...puts)).toBeLessThan(firstLabel);
    const east = (await aws.ssm(EAST).send(new GetParameterCommand({ Name: NAME }))).Parameter!;
    expect(east).toMatchObject({ Value: AMI_E, Type: 'String', DataType: 'aws:ec2:image' });
    const h = await aws.ssm(EAST).send(new GetParameterHistoryCommand({ Name: NAME }));
    expect(h.Parameters![0]!.Labels).toEqual(['build-1.2.3-1', 'commit-abc1234']);
    const tags = await aws
      .ssm(WEST)
      .send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: NAME }));
    expect(tags.TagList).toEqual([{ Key: 'image', Value: 'web' }]);
  });

  it('writes nothing when the parameter already holds the AMI, and re-labels that version', async () => {
    const { run, preset, calls, history } = setup();
    await preset(EAST, 'ami-00000000000000001');
    await preset(EAST, AMI_E);
    await preset(WEST, AMI_W);
    const putsBefore = calls('PutParameter');
    const res = await run();
    expect(calls('PutParameter')).toBe(putsBefore);
    expect(res.regions.map((r) => [r.version, r.written])).toEqual([
      [2, false],
      [1, false],
    ]);
    expect((await history(EAST)).map((v) => v.labels)).toEqual([
      [],
      ['build-1.2.3-1', 'commit-abc1234'],
    ]);
  });

  it('writes nowhere when the DR AMI is missing, and names region and AMI', async () => {
    const { run, calls } = setup();
    const err = await run({ amis: { [EAST]: AMI_E, [WEST]: OTHER } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toContain(
      `us-west-2: ${OTHER} was not found in us-west-2 (InvalidAMIID.NotFound)`,
    );
    expect((err as Error).message).toContain('nothing was written');
    expect(calls('PutParameter')).toBe(0);
  });

  it('refuses an AMI that is not yet available', async () => {
    const { run, aws } = setup();
    aws.emulator.admin.seedImage(WEST, {
      name: 'still-building',
      imageId: OTHER,
      state: 'pending',
    });
    await expect(run({ amis: { [EAST]: AMI_E, [WEST]: OTHER } })).rejects.toThrow(
      `${OTHER} in us-west-2 is 'pending', not 'available'`,
    );
  });

  it('waits for the asynchronous aws:ec2:image validation', async () => {
    const { run, preset, clock } = setup({ ssmValidationDelayMs: 3_000 });
    await preset(EAST, 'ami-00000000000000001');
    const start = clock.now();
    // One region: concurrent regions' read-backs all sleep on the one virtual clock.
    const res = await run({ drRegions: [] });
    expect(res.primary.version).toBe(2);
    // Read back every second: the old value at +0, +1 and +2 s, ours at +3 s.
    expect(clock.now() - start).toBe(3_000);
  });

  it('fails with region and AMI when validation never accepts the value', async () => {
    const { run, clients, aws, history } = setup();
    // The AMI is deregistered after the check and before SSM validates it.
    afterCall(clients[WEST]!.ec2, 'DescribeImagesCommand', () => {
      aws.emulator.admin.deregisterImage(WEST, AMI_W);
    });
    const err = (await run().catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    expect(err.message).toContain(
      `us-west-2 (${AMI_W}): PutParameter failed for /golden-ami/web in us-west-2`,
    );
    expect(err.message).toContain(`SSM did not accept ${AMI_W} within 10 s`);
    expect(err.message).toContain(`Published: us-east-1 (${AMI_E} → version 1)`);
    expect(err.published.map((p) => p.region)).toEqual([EAST]);
    expect(await history(EAST)).toHaveLength(1);
    expect(aws.emulator.state.regions[WEST]?.['ssm']).toMatchObject({
      validationFailures: [{ name: NAME, value: AMI_W }],
    });
  });

  it('fails when a newer version holds another AMI', async () => {
    const { run, clients, aws } = setup({ ssmValidationDelayMs: 0 });
    aws.emulator.admin.seedImage(WEST, { name: 'other', imageId: OTHER });
    // Another workflow writes right after ours was accepted.
    afterCall(clients[WEST]!.ssm, 'PutParameterCommand', async () => {
      await aws.ssm(WEST).send(new GetParameterCommand({ Name: NAME }));
      await aws.ssm(WEST).send(
        new PutParameterCommand({
          Name: NAME,
          Value: OTHER,
          Type: 'String',
          DataType: 'aws:ec2:image',
          Overwrite: true,
        }),
      );
    });
    await expect(run()).rejects.toThrow(`version 2 holds ${OTHER}, not ${AMI_W}`);
  });

  it('explains ParameterMaxVersionLimitExceeded with the labelled oldest version', async () => {
    const { run, preset } = setup({ ssmValidationDelayMs: 0 });
    await preset(EAST, 'ami-00000000000000001', ['release-1']);
    for (let v = 2; v <= 100; v++) await preset(EAST, `ami-${String(v).padStart(17, '0')}`);
    const err = (await run().catch((e: unknown) => e)) as PublishError;
    expect(err.message).toContain('The oldest version is 1, labelled release-1');
    expect(err.message).toContain(
      'aws ssm unlabel-parameter-version --region us-east-1 --name /golden-ami/web',
    );
    expect(err.message).toContain('Published: us-west-2');
  });

  it('retries TooManyUpdates while another write is validated, with a bounded backoff', async () => {
    const { run, aws, calls, elapsed } = setup({ ssmValidationDelayMs: 1_000 });
    aws.emulator.admin.seedImage(EAST, { name: 'other', imageId: OTHER });
    await aws.ssm(EAST).send(
      new PutParameterCommand({
        Name: NAME,
        Value: OTHER,
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    );
    const res = await run({ drRegions: [] });
    expect(res.primary).toMatchObject({ written: true, version: 2 });
    // Refused at +0 and +375 ms (random 0.5, equal jitter: 0.75 × the 500 ms and 1 s caps),
    // accepted at +1125 ms once the other write is validated; ours is read back at +2125 ms.
    expect(calls('PutParameter')).toBe(1 + 3);
    expect(elapsed()).toBe(2_125);
  });

  it('gives up on TooManyUpdates after the bounded attempts', async () => {
    const { run, aws, calls } = setup({ ssmValidationDelayMs: 600_000 });
    aws.emulator.admin.seedImage(EAST, { name: 'other', imageId: OTHER });
    await aws.ssm(EAST).send(
      new PutParameterCommand({
        Name: NAME,
        Value: OTHER,
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    );
    await expect(run({ drRegions: [], backoff: { random: () => 0, attempts: 3 } })).rejects.toThrow(
      'TooManyUpdates',
    );
    expect(calls('PutParameter')).toBe(1 + 3);
  });

  it('converges on a re-run after a partial failure', async () => {
    const { run, aws, calls } = setup({ maxAttempts: 1 });
    aws.emulator.admin.addFault({
      service: 'ssm',
      operation: 'PutParameter',
      region: WEST,
      kind: 'internal',
      count: 1,
    });
    const err = (await run().catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    expect(err.message).toContain('us-west-2 (ami-0fedcba9876543210): PutParameter failed');
    const res = await run();
    expect(calls('PutParameter')).toBe(3);
    expect(res.regions.map((r) => [r.region, r.version, r.written])).toEqual([
      [EAST, 1, false],
      [WEST, 1, true],
    ]);
  });

  it('rejects a region without an AMI and an invalid label before any call', async () => {
    const { run, aws } = setup();
    await expect(run({ drRegions: ['eu-west-1'] })).rejects.toThrow('No AMI given for eu-west-1');
    await expect(run({ labels: ['1.2.3'] })).rejects.toThrow(
      "Label '1.2.3' may not begin with a number",
    );
    expect(aws.emulator.admin.calls()).toEqual({});
  });
});

describe('publishAmi, what it leaves out and its defaults', () => {
  it('publishes only to the primary and DR regions, saying which AMIs it leaves out', async () => {
    const { clients, clock, logger, req } = setup();
    const res = await publishAmi(
      { ...req, amis: { ...req.amis, 'eu-west-1': 'ami-0eeeeeeeeeeeeeeee' } },
      (region) => {
        const c = clients[region];
        if (!c) throw new Error(`no client for ${region}: it is not published to`);
        return c;
      },
      clock,
      logger,
    );
    expect(res.regions.map((r) => r.region)).toEqual([EAST, WEST]);
    expect(logger.text()).toContain('Not publishing to eu-west-1: not the primary or a DR region.');
    expect(logger.text()).toContain(`us-east-1: ${AMI_E} is available`);
    expect(logger.text()).toContain(`us-west-2: ${AMI_W} is available`);
  });

  it('without timings given, reads back every 2 s and gives up after 120 s', async () => {
    const lagging = setup({ ssmValidationDelayMs: 1_000 });
    // One region: concurrent regions' read-backs all sleep on the one virtual clock.
    const defaults = { validationTimeoutMs: undefined, pollIntervalMs: undefined, drRegions: [] };
    await lagging.run(defaults);
    expect(lagging.elapsed()).toBe(2_000);

    const refused = setup();
    afterCall(refused.clients[EAST]!.ec2, 'DescribeImagesCommand', () => {
      refused.aws.emulator.admin.deregisterImage(EAST, AMI_E);
    });
    await expect(refused.run(defaults)).rejects.toThrow(`SSM did not accept ${AMI_E} within 120 s`);
    expect(refused.elapsed()).toBe(120_000);
  });
});
