/**
 * publishAmi end to end against the emulator in-process (issue 12): verify, write, read back until
 * SSM's asynchronous aws:ec2:image validation accepts the value, label, tag. Conflicts with other
 * writers and SSM's limits: publish-conflicts.test.ts.
 */
import { describe, it, expect } from '@jest/globals';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ssm';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { PublishError, publishAmi } from '../../actions/lib/ssm/publish.js';
import { AMI_E, AMI_W, EAST, NAME, OTHER, WEST, afterCall, setup } from './publish-world.js';

describe('publishAmi', () => {
  it('writes, reads back, labels and tags in both regions, all writes before any label', async () => {
    const { clients, run, aws, logger } = setup();
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
    // Every AMI given is published: nothing is said to be left out.
    expect(logger.text()).not.toContain('Not publishing');
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

  it('lists each failed region on a line of its own, and publishes none', async () => {
    const { run, clients, aws } = setup({ ssmValidationDelayMs: 1_000 });
    for (const [region, ami] of [
      [EAST, AMI_E],
      [WEST, AMI_W],
    ] as const)
      afterCall(clients[region]!.ec2, 'DescribeImagesCommand', () => {
        aws.emulator.admin.deregisterImage(region, ami);
      });
    const err = (await run().catch((e: unknown) => e)) as PublishError;
    expect(err).toBeInstanceOf(PublishError);
    const lines = err.message.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Publishing /golden-ami/web failed in 2 of 2 region(s).',
      'Published: none.',
      'Failed:',
    ]);
    expect(lines[3]).toMatch(new RegExp(`^  us-east-1 \\(${AMI_E}\\): PutParameter failed`));
    expect(lines[4]).toMatch(new RegExp(`^  us-west-2 \\(${AMI_W}\\): PutParameter failed`));
    expect(lines[5]).toBe(
      'Fix the cause and re-run: regions that already hold their AMI are not written again.',
    );
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
      {
        ...req,
        amis: {
          ...req.amis,
          'eu-west-1': 'ami-0eeeeeeeeeeeeeeee',
          'ap-south-1': 'ami-0dddddddddddddddd',
        },
      },
      (region) => {
        const c = clients[region];
        if (!c) throw new Error(`no client for ${region}: it is not published to`);
        return c;
      },
      clock,
      logger,
    );
    expect(res.regions.map((r) => r.region)).toEqual([EAST, WEST]);
    expect(logger.text()).toContain(
      'Not publishing to eu-west-1, ap-south-1: not the primary or a DR region.',
    );
    // The checks are folded under one heading.
    expect(logger.text()).toContain(`── Verify AMIs\nus-east-1: ${AMI_E} is available`);
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
