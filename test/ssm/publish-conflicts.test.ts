/**
 * publishAmi against other writers and SSM's limits, on the emulator in-process: a newer version
 * written meanwhile, the 100-version limit with a labelled oldest, TooManyUpdates while another
 * write is validated, and a re-run after a partial failure.
 */
import { describe, it, expect } from '@jest/globals';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { PublishError } from '../../actions/lib/ssm/publish.js';
import { AMI_W, EAST, NAME, OTHER, WEST, afterCall, setup } from './publish-world.js';

describe('publishAmi among other writers and limits', () => {
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
});
