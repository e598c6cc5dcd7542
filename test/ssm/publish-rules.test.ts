/**
 * The rules of publishing an AMI id to SSM, region by region: which regions (primary first, each
 * once, each with its own AMI), what is written (an aws:ec2:image String, only when different), how
 * the read-back decides the version, and what the labels and tags calls carry.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AddTagsToResourceCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { AwsOperationError, ConfigurationError } from '../../actions/lib/core/errors.js';
import { PublishError, planRegions, type PublishRequest } from '../../actions/lib/ssm/publish.js';
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

describe('the regions an AMI is published to', () => {
  const req: PublishRequest = {
    amis: { 'us-east-1': AMI, 'us-west-2': OLD },
    parameterName: NAME,
    primaryRegion: 'us-east-1',
    drRegions: ['us-west-2'],
    labels: [],
    tags: {},
  };

  it('the primary first, then the DR regions; a primary listed as DR too counts once', () => {
    expect(planRegions(req)).toEqual(['us-east-1', 'us-west-2']);
    expect(planRegions({ ...req, drRegions: ['us-east-1', 'us-west-2'] })).toEqual([
      'us-east-1',
      'us-west-2',
    ]);
    expect(planRegions({ ...req, drRegions: [] })).toEqual(['us-east-1']);
  });

  it('takes a plain name or a full path, and refuses a relative path', () => {
    expect(planRegions({ ...req, parameterName: 'golden-ami-web' })).toEqual([
      'us-east-1',
      'us-west-2',
    ]);
    expect(() => planRegions({ ...req, parameterName: 'golden-ami/web' })).toThrow(
      new ConfigurationError(
        "Parameter name 'golden-ami/web' contains '/' but does not start with it: use a full path such as /golden-ami/<image>.",
      ),
    );
  });

  it('refuses a DR region listed twice, naming it', () => {
    expect(() => planRegions({ ...req, drRegions: ['us-west-2', 'us-west-2'] })).toThrow(
      'Region us-west-2 is listed twice in the DR regions: list each once.',
    );
  });

  it('names every region without an AMI and the regions that have one', () => {
    expect(() =>
      planRegions({
        ...req,
        drRegions: ['eu-west-1', 'us-west-2', 'ap-south-1'],
      }),
    ).toThrow(
      'No AMI given for eu-west-1, ap-south-1 (AMIs are known for: us-east-1, us-west-2). ' +
        'Add the region to the distribution configuration, or remove it from primary-region/dr-regions.',
    );
    expect(() => planRegions({ ...req, amis: {} })).toThrow(
      'No AMI given for us-east-1, us-west-2 (AMIs are known for: none).',
    );
  });

  it('checks every label, naming the input to change', () => {
    expect(() => planRegions({ ...req, labels: ['ok-label', 'aws-reserved'] })).toThrow(
      ConfigurationError,
    );
    expect(() => planRegions({ ...req, labels: ['ok-label', 'aws-reserved'] })).toThrow(
      /^Label 'aws-reserved' .*: change it in the 'labels' input\.$/,
    );
  });

  it('a partial failure lists what was published and what failed, with the re-run advice', () => {
    const e = new PublishError(
      NAME,
      [
        {
          region: 'us-east-1',
          ami: AMI,
          version: 4,
          written: true,
          labels: [],
          invalidLabels: [],
        },
        {
          region: 'eu-west-1',
          ami: OLD,
          version: 2,
          written: false,
          labels: [],
          invalidLabels: [],
        },
      ],
      [{ region: 'us-west-2', ami: OLD, error: new Error('boom') }],
    );
    expect(e.message).toBe(
      `Publishing ${NAME} failed in 1 of 3 region(s).\n` +
        `Published: us-east-1 (${AMI} → version 4), eu-west-1 (${OLD} → version 2, unchanged).\n` +
        `Failed:\n  us-west-2 (${OLD}): boom\n` +
        'Fix the cause and re-run: regions that already hold their AMI are not written again.',
    );
    expect(new PublishError(NAME, [], [{ region: 'r', ami: AMI, error: 'x' }]).message).toContain(
      'Published: none.',
    );
  });
});

describe('one region', () => {
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

  it('writes an aws:ec2:image String, overwriting, and reads back its version', async () => {
    reads([OLD, 3], [AMI, 4]);
    ssmMock.on(PutParameterCommand).resolves({ Version: 4 });
    const o = opts();
    const r = await publishRegion(ssm, o);
    expect(ssmMock.commandCalls(PutParameterCommand)[0]!.args[0].input).toEqual({
      Name: NAME,
      Value: AMI,
      Type: 'String',
      DataType: 'aws:ec2:image',
      Overwrite: true,
    });
    expect(r).toEqual({
      region: 'us-east-1',
      ami: AMI,
      version: 4,
      written: true,
      labels: [],
      invalidLabels: [],
    });
    expect((o.logger as MemoryLogger).text()).toContain(`us-east-1: ${NAME} = ${AMI} (version 4)`);
    // No labels, no tags: no calls for them.
    expect(ssmMock.commandCalls(LabelParameterVersionCommand)).toHaveLength(0);
    expect(ssmMock.commandCalls(AddTagsToResourceCommand)).toHaveLength(0);
  });

  it('writes nothing when the parameter already holds the AMI, and says so', async () => {
    reads([AMI, 7]);
    const o = opts();
    const r = await publishRegion(ssm, o);
    expect(r).toMatchObject({ version: 7, written: false });
    expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect((o.logger as MemoryLogger).text()).toContain(
      `us-east-1: ${NAME} already holds ${AMI} (version 7); nothing written`,
    );
  });

  it('without a version in the answer, expects the next one: an older read is not taken', async () => {
    // The read-back still shows the old value at version 3, then ours at 4.
    reads([OLD, 3], [OLD, 3], [AMI, 4]);
    ssmMock.on(PutParameterCommand).resolves({});
    const o = opts();
    const r = await publishRegion(ssm, o);
    expect(r.version).toBe(4);
    expect(o.clock.now()).toBe(1_000);
  });

  it('a first write expects version 1', async () => {
    reads(undefined, undefined, [AMI, 1]);
    ssmMock.on(PutParameterCommand).resolves({});
    const o = opts();
    expect((await publishRegion(ssm, o)).version).toBe(1);
    expect(o.clock.now()).toBe(1_000);
  });

  it('gives up at the deadline, saying the parameter does not exist when it never appeared', async () => {
    reads(undefined);
    ssmMock.on(PutParameterCommand).resolves({ Version: 1 });
    const o = opts({ validationTimeoutMs: 3_000 });
    const err = (await publishRegion(ssm, o).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(err.message).toContain(
      `SSM did not accept ${AMI} within 3 s; the parameter still holds no value (the parameter does not exist)`,
    );
    expect(err.message).toContain(`check that ${AMI} exists and is available in us-east-1`);
    expect(o.clock.now()).toBe(3_000);
  });

  it('at the deadline names the value and version the parameter still holds', async () => {
    reads([OLD, 3]);
    ssmMock.on(PutParameterCommand).resolves({ Version: 4 });
    const err = (await publishRegion(ssm, opts()).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`the parameter still holds ${OLD} (version 3)`);
  });

  it('labels the version it wrote and keeps only the labels SSM accepted', async () => {
    reads([OLD, 3], [AMI, 4]);
    ssmMock.on(PutParameterCommand).resolves({ Version: 4 });
    ssmMock.on(LabelParameterVersionCommand).resolves({ InvalidLabels: ['bad'] });
    const o = opts({ labels: ['good', 'bad'] });
    const r = await publishRegion(ssm, o);
    expect(ssmMock.commandCalls(LabelParameterVersionCommand)[0]!.args[0].input).toEqual({
      Name: NAME,
      ParameterVersion: 4,
      Labels: ['good', 'bad'],
    });
    expect(r).toMatchObject({ labels: ['good'], invalidLabels: ['bad'] });
    expect((o.logger as MemoryLogger).lines).toContainEqual({
      level: 'warning',
      message: `us-east-1: SSM rejected labels bad on ${NAME} version 4`,
      properties: undefined,
    });
  });

  it('explains the 10-labels limit with the command that frees one', async () => {
    reads([AMI, 4]);
    ssmMock
      .on(LabelParameterVersionCommand)
      .rejects(awsError('ParameterVersionLabelLimitExceeded'));
    const err = (await publishRegion(ssm, opts({ labels: ['x'] })).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toContain(
      `LabelParameterVersion failed for ${NAME} in us-east-1: ParameterVersionLabelLimitExceeded`,
    );
    expect(err.message).toContain(
      `aws ssm unlabel-parameter-version --region us-east-1 --name ${NAME} --parameter-version 4 --labels <label>`,
    );
  });

  it('a label error of another kind has no hint', async () => {
    reads([AMI, 4]);
    ssmMock.on(LabelParameterVersionCommand).rejects(awsError('InternalServerError', 'oops'));
    const err = (await publishRegion(ssm, opts({ labels: ['x'] })).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toBe(
      `LabelParameterVersion failed for ${NAME} in us-east-1: InternalServerError: oops`,
    );
  });

  it('tags the parameter with every tag', async () => {
    reads([AMI, 4]);
    ssmMock.on(AddTagsToResourceCommand).resolves({});
    await publishRegion(ssm, opts({ tags: { image: 'web', commit: 'abc' } }));
    expect(ssmMock.commandCalls(AddTagsToResourceCommand)[0]!.args[0].input).toEqual({
      ResourceType: 'Parameter',
      ResourceId: NAME,
      Tags: [
        { Key: 'image', Value: 'web' },
        { Key: 'commit', Value: 'abc' },
      ],
    });
  });

  it('the version limit hint names the oldest version, or (none) for its labels', async () => {
    reads([OLD, 3]);
    ssmMock.on(PutParameterCommand).rejects(awsError('ParameterMaxVersionLimitExceeded'));
    ssmMock.on(GetParameterHistoryCommand).resolves({
      Parameters: [
        { Version: 5, Labels: ['x'] },
        { Version: 2, Labels: [] },
      ],
    });
    const err = (await publishRegion(ssm, opts()).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('The oldest version is 2, labelled (none).');
    expect(ssmMock.commandCalls(GetParameterHistoryCommand)[0]!.args[0].input).toEqual({
      Name: NAME,
      MaxResults: 50,
    });
  });

  it('the version limit hint still gives the commands when the history cannot be read', async () => {
    reads([OLD, 3]);
    ssmMock.on(PutParameterCommand).rejects(awsError('ParameterMaxVersionLimitExceeded'));
    ssmMock.on(GetParameterHistoryCommand).rejects(awsError('AccessDeniedException'));
    const err = (await publishRegion(ssm, opts()).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('Parameter Store keeps 100 versions');
    expect(err.message).not.toContain('The oldest version');
    expect(err.message).toContain(
      `aws ssm label-parameter-version --region us-east-1 --name ${NAME} --parameter-version <newer> --labels <label>`,
    );
  });

  it('another put error has no hint', async () => {
    reads([OLD, 3]);
    ssmMock.on(PutParameterCommand).rejects(awsError('ValidationException', 'bad'));
    const err = (await publishRegion(ssm, opts()).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      `PutParameter failed for ${NAME} in us-east-1: ValidationException: bad`,
    );
  });
});

describe('reading the current value', () => {
  const ctx = { clock: new VirtualClock(), logger: new MemoryLogger() };
  it('is nothing when the parameter does not exist or has no value', async () => {
    ssmMock
      .on(GetParameterCommand)
      .rejectsOnce(awsError('ParameterNotFound'))
      .resolvesOnce({ Parameter: { Version: 1 } })
      .resolvesOnce({ Parameter: { Value: AMI } })
      .resolves({ Parameter: { Value: AMI, Version: 1 } });
    expect(await readParameter(ssm, NAME, 'us-east-1', ctx)).toBeUndefined();
    expect(await readParameter(ssm, NAME, 'us-east-1', ctx)).toBeUndefined();
    expect(await readParameter(ssm, NAME, 'us-east-1', ctx)).toBeUndefined();
    expect(await readParameter(ssm, NAME, 'us-east-1', ctx)).toEqual({
      value: AMI,
      version: 1,
    });
  });

  it('wraps other errors with the call, the parameter and the region', async () => {
    ssmMock.on(GetParameterCommand).rejects(awsError('AccessDeniedException', 'no'));
    await expect(readParameter(ssm, NAME, 'eu-west-1', ctx)).rejects.toThrow(
      `GetParameter failed for ${NAME} in eu-west-1: AccessDeniedException: no`,
    );
  });
});
