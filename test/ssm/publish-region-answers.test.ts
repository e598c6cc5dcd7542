/**
 * How one region's publish reads SSM answers that leave fields out. aws-sdk-client-mock stays here
 * (issue 12) because the emulator, like SSM, always answers them in full: PutParameter always
 * carries `Version`, GetParameter always `Value` and `Version`, LabelParameterVersion always
 * `InvalidLabels`, GetParameterHistory always `Labels`, and ParameterMaxVersionLimitExceeded
 * only comes with a labelled oldest version (a history whose oldest has no label needs a mock).
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import {
  publishRegion,
  readParameter,
  type RegionOptions,
} from '../../actions/lib/ssm/publish-region.js';

const AMI = 'ami-0123456789abcdef0';
const OLD = 'ami-0fedcba9876543210';
const NAME = '/golden-ami/web';
const ssmMock = mockClient(SSMClient);
const ssm = new SSMClient({ region: 'us-east-1' });

function awsError(name: string, message = name): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

beforeEach(() => {
  ssmMock.reset();
});

const opts = (o: Partial<RegionOptions> = {}): RegionOptions => ({
  region: 'us-east-1',
  ami: AMI,
  name: NAME,
  labels: [],
  tags: {},
  clock: new VirtualClock(),
  logger: new MemoryLogger(),
  validationTimeoutMs: 10_000,
  pollIntervalMs: 1_000,
  backoff: { random: () => 0.5 },
  ...o,
});

/** GetParameter answers `values` in turn (undefined: the parameter does not exist), then the last. */
function reads(...values: ([string, number] | undefined)[]) {
  let chain = ssmMock.on(GetParameterCommand);
  for (const v of values) {
    chain = v
      ? chain.resolvesOnce({ Parameter: { Value: v[0], Version: v[1] } })
      : chain.rejectsOnce(awsError('ParameterNotFound'));
  }
  const last = values[values.length - 1];
  if (last) chain.resolves({ Parameter: { Value: last[0], Version: last[1] } });
  else chain.rejects(awsError('ParameterNotFound'));
}

describe('answers without the version', () => {
  it('a put answered without a version expects the next one: an older read is not taken', async () => {
    // The read-back still shows the old value at version 3, then ours at 4.
    reads([OLD, 3], [OLD, 3], [AMI, 4]);
    ssmMock.on(PutParameterCommand).resolves({});
    const o = opts();
    const r = await publishRegion(ssm, o);
    expect(r.version).toBe(4);
    expect(o.clock.now()).toBe(1_000);
  });

  it('a first write answered without a version expects version 1', async () => {
    reads(undefined, undefined, [AMI, 1]);
    ssmMock.on(PutParameterCommand).resolves({});
    const o = opts();
    expect((await publishRegion(ssm, o)).version).toBe(1);
    expect(o.clock.now()).toBe(1_000);
  });

  it('the version limit hint says (none) for an oldest version without labels, from one page of 50', async () => {
    reads([OLD, 3]);
    ssmMock.on(PutParameterCommand).rejects(awsError('ParameterMaxVersionLimitExceeded'));
    ssmMock.on(GetParameterHistoryCommand).resolves({
      Parameters: [
        { Version: 5, Labels: ['x'] },
        // Labels left out of the answer: a version without any.
        { Version: 2 },
      ],
    });
    const err = (await publishRegion(ssm, opts()).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('The oldest version is 2, labelled (none).');
    expect(ssmMock.commandCalls(GetParameterHistoryCommand)[0]!.args[0].input).toEqual({
      Name: NAME,
      MaxResults: 50,
    });
  });

  it('a label answer without InvalidLabels means SSM took every label', async () => {
    reads([OLD, 3], [AMI, 4]);
    ssmMock.on(PutParameterCommand).resolves({ Version: 4 });
    ssmMock.on(LabelParameterVersionCommand).resolves({ ParameterVersion: 4 });
    const o = opts({ labels: ['a', 'b'] });
    const r = await publishRegion(ssm, o);
    expect(r).toMatchObject({ version: 4, labels: ['a', 'b'], invalidLabels: [] });
    expect((o.logger as MemoryLogger).lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  it('reading the value: a parameter without a value or a version is nothing', async () => {
    const ctx = { clock: new VirtualClock(), logger: new MemoryLogger() };
    ssmMock
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Version: 1 } })
      .resolvesOnce({ Parameter: { Value: AMI } })
      .resolves({ Parameter: { Value: AMI, Version: 1 } });
    expect(await readParameter(ssm, NAME, 'us-east-1', ctx)).toBeUndefined();
    expect(await readParameter(ssm, NAME, 'us-east-1', ctx)).toBeUndefined();
    expect(await readParameter(ssm, NAME, 'us-east-1', ctx)).toEqual({ value: AMI, version: 1 });
  });
});
