import { describe, it, expect } from '@jest/globals';
import { LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { PublishError, publishAmi, type PublishRequest } from '../../actions/lib/ssm/publish.js';
import { awsError, fakeRegion, type FakeRegion } from './fakes.js';

const AMI_E = 'ami-0123456789abcdef0';
const AMI_W = 'ami-0fedcba9876543210';

function setup(): {
  east: FakeRegion;
  west: FakeRegion;
  req: PublishRequest;
  run: (r?: Partial<PublishRequest>) => ReturnType<typeof publishAmi>;
  clock: VirtualClock;
  logger: MemoryLogger;
} {
  const east = fakeRegion('us-east-1', { [AMI_E]: 'available' });
  const west = fakeRegion('us-west-2', { [AMI_W]: 'available' });
  const regions: Record<string, FakeRegion> = { 'us-east-1': east, 'us-west-2': west };
  const req: PublishRequest = {
    amis: { 'us-east-1': AMI_E, 'us-west-2': AMI_W },
    parameterName: '/golden-ami/web',
    primaryRegion: 'us-east-1',
    drRegions: ['us-west-2'],
    labels: ['build-1.2.3-1', 'commit-abc1234'],
    tags: { image: 'web' },
    validationTimeoutMs: 10_000,
    pollIntervalMs: 1_000,
    backoff: { random: () => 0.5 },
  };
  const clock = new VirtualClock();
  const logger = new MemoryLogger();
  const run = (r: Partial<PublishRequest> = {}) =>
    publishAmi({ ...req, ...r }, (region) => regions[region] as FakeRegion, clock, logger);
  return { east, west, req, run, clock, logger };
}

describe('publishAmi', () => {
  it('writes, reads back, labels and tags in both regions, concurrently', async () => {
    const { east, west, run } = setup();
    const order: string[] = [];
    for (const f of [east, west]) {
      const send = f.ssm.send.bind(f.ssm);
      f.ssm.send = ((cmd: { constructor: { name: string } }) => {
        order.push(`${f.region}:${cmd.constructor.name}`);
        return send(cmd as never);
      }) as typeof f.ssm.send;
    }
    const res = await run();
    expect(res.regions.map((r) => [r.region, r.ami, r.version, r.written])).toEqual([
      ['us-east-1', AMI_E, 1, true],
      ['us-west-2', AMI_W, 1, true],
    ]);
    expect(res.primary.region).toBe('us-east-1');
    const puts = order
      .filter((o) => o.endsWith('PutParameterCommand'))
      .map((o) => order.indexOf(o));
    const firstLabel = order.findIndex((o) => o.endsWith('LabelParameterVersionCommand'));
    expect(puts).toHaveLength(2);
    expect(Math.max(...puts)).toBeLessThan(firstLabel);
    const put = east.ssmMock.commandCalls(PutParameterCommand)[0]?.args[0].input;
    expect(put).toEqual({
      Name: '/golden-ami/web',
      Value: AMI_E,
      Type: 'String',
      DataType: 'aws:ec2:image',
      Overwrite: true,
    });
    expect(east.history[0]?.labels).toEqual(['build-1.2.3-1', 'commit-abc1234']);
    expect(west.tags).toEqual({ image: 'web' });
  });

  it('writes nothing when the parameter already holds the AMI, and re-labels that version', async () => {
    const { east, west, run } = setup();
    east.history.push({ version: 4, value: AMI_E, labels: [] });
    west.history.push({ version: 9, value: AMI_W, labels: [] });
    const res = await run();
    expect(east.ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(west.ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(res.regions.map((r) => [r.version, r.written])).toEqual([
      [4, false],
      [9, false],
    ]);
    expect(
      east.ssmMock.commandCalls(LabelParameterVersionCommand)[0]?.args[0].input.ParameterVersion,
    ).toBe(4);
  });

  it('writes nowhere when the DR AMI is missing, and names region and AMI', async () => {
    const { east, west, run } = setup();
    delete west.images[AMI_W];
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toContain(
      `us-west-2: ${AMI_W} was not found in us-west-2 (InvalidAMIID.NotFound)`,
    );
    expect((err as Error).message).toContain('nothing was written');
    expect(east.ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(west.ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  it('refuses an AMI that is not yet available', async () => {
    const { west, run } = setup();
    west.images[AMI_W] = 'pending';
    await expect(run()).rejects.toThrow(`${AMI_W} in us-west-2 is 'pending', not 'available'`);
  });

  it('waits for the asynchronous aws:ec2:image validation', async () => {
    const { east, run, clock } = setup();
    east.history.push({ version: 1, value: 'ami-00000000000000001', labels: [] });
    east.lag = 3;
    const res = await run();
    expect(res.primary.version).toBe(2);
    expect(clock.now()).toBe(3_000);
  });

  it('fails with region and AMI when validation never accepts the value', async () => {
    const { east, west, run } = setup();
    west.rejects.add(AMI_W);
    const err = (await run().catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    expect(err.message).toContain(
      `us-west-2 (${AMI_W}): PutParameter failed for /golden-ami/web in us-west-2`,
    );
    expect(err.message).toContain(`SSM did not accept ${AMI_W} within 10 s`);
    expect(err.message).toContain(`Published: us-east-1 (${AMI_E} → version 1)`);
    expect(err.published.map((p) => p.region)).toEqual(['us-east-1']);
    expect(east.history).toHaveLength(1);
  });

  it('fails when a newer version holds another AMI', async () => {
    const { west, run } = setup();
    west.ssmMock.on(PutParameterCommand).callsFake(async () => {
      west.history.push({ version: 1, value: 'ami-0aaaaaaaaaaaaaaaa', labels: [] });
      return { Version: 1 };
    });
    await expect(run()).rejects.toThrow('version 1 holds ami-0aaaaaaaaaaaaaaaa, not');
  });

  it('explains ParameterMaxVersionLimitExceeded with the labelled oldest version', async () => {
    const { east, run } = setup();
    east.history.push({ version: 1, value: 'ami-00000000000000001', labels: ['release-1'] });
    east.putErrors.push(
      awsError(
        'ParameterMaxVersionLimitExceeded',
        'Version 1, the oldest version, cannot be deleted',
      ),
    );
    const err = (await run().catch((e: unknown) => e)) as PublishError;
    expect(err.message).toContain('The oldest version is 1, labelled release-1');
    expect(err.message).toContain(
      'aws ssm unlabel-parameter-version --region us-east-1 --name /golden-ami/web',
    );
    expect(err.message).toContain('Published: us-west-2');
  });

  it('retries TooManyUpdates with a bounded backoff', async () => {
    const { east, run, clock } = setup();
    east.putErrors.push(awsError('TooManyUpdates'), awsError('TooManyUpdates'));
    const res = await run();
    expect(res.primary.written).toBe(true);
    expect(east.ssmMock.commandCalls(PutParameterCommand)).toHaveLength(3);
    // random 0.5, equal jitter (0.75 × cap): 375 + 750 ms of backoff, then one read-back.
    expect(clock.now()).toBe(1125);
  });

  it('gives up after the bounded attempts', async () => {
    const { east, run } = setup();
    for (let i = 0; i < 10; i++) east.putErrors.push(awsError('TooManyUpdates'));
    await expect(run({ backoff: { random: () => 0, attempts: 3 } })).rejects.toThrow(
      'TooManyUpdates',
    );
    expect(east.ssmMock.commandCalls(PutParameterCommand)).toHaveLength(3);
  });

  it('converges on a re-run after a partial failure', async () => {
    const { east, west, run } = setup();
    west.putErrors.push(awsError('InternalServerError'));
    await expect(run()).rejects.toBeInstanceOf(PublishError);
    const res = await run();
    expect(east.ssmMock.commandCalls(PutParameterCommand)).toHaveLength(1);
    expect(res.regions.map((r) => [r.region, r.version, r.written])).toEqual([
      ['us-east-1', 1, false],
      ['us-west-2', 1, true],
    ]);
  });

  it('rejects a region without an AMI and an invalid label before any call', async () => {
    const { east, run } = setup();
    await expect(run({ drRegions: ['eu-west-1'] })).rejects.toThrow('No AMI given for eu-west-1');
    await expect(run({ labels: ['1.2.3'] })).rejects.toThrow(
      "Label '1.2.3' may not begin with a number",
    );
    expect(east.ec2Mock.calls()).toHaveLength(0);
  });
});

describe('publishAmi, what it leaves out and its defaults', () => {
  it('publishes only to the primary and DR regions, saying which AMIs it leaves out', async () => {
    const { east, west, clock, logger, req } = setup();
    const regions: Record<string, FakeRegion> = { 'us-east-1': east, 'us-west-2': west };
    const res = await publishAmi(
      { ...req, amis: { ...req.amis, 'eu-west-1': 'ami-0eeeeeeeeeeeeeeee' } },
      (region) => {
        const f = regions[region];
        if (!f) throw new Error(`no client for ${region}: it is not published to`);
        return f;
      },
      clock,
      logger,
    );
    expect(res.regions.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2']);
    expect(logger.text()).toContain('Not publishing to eu-west-1: not the primary or a DR region.');
    expect(logger.text()).toContain(`us-east-1: ${AMI_E} is available`);
    expect(logger.text()).toContain(`us-west-2: ${AMI_W} is available`);
  });

  it('without timings given, reads back every 2 s and gives up after 120 s', async () => {
    const lagging = setup();
    lagging.east.lag = 1;
    await lagging.run({ validationTimeoutMs: undefined, pollIntervalMs: undefined });
    expect(lagging.clock.now()).toBe(2_000);

    const refused = setup();
    refused.east.rejects.add(AMI_E);
    await expect(
      refused.run({ validationTimeoutMs: undefined, pollIntervalMs: undefined }),
    ).rejects.toThrow(`SSM did not accept ${AMI_E} within 120 s`);
    expect(refused.clock.now()).toBe(120_000);
  });
});
