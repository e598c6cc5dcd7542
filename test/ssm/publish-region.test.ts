/**
 * One region's publish against the emulator in-process: what is written (an aws:ec2:image String,
 * only when different), how the read-back decides the version or gives up, and what the label and
 * tag calls carry and say when SSM refuses them.
 */
import { describe, it, expect } from '@jest/globals';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { AwsOperationError } from '../../actions/lib/core/errors.js';
import {
  publishRegion,
  readParameter,
  type RegionOptions,
} from '../../actions/lib/ssm/publish-region.js';
import { inProcessAws, testClock, type InProcessOptions } from '../support/in-process-aws.js';

const AMI = 'ami-0123456789abcdef0';
const OLD = 'ami-0fedcba9876543210';
const OTHER = 'ami-0aaaaaaaaaaaaaaaa';
const NAME = '/golden-ami/web';
const REGION = 'us-east-1';

function setup(options: InProcessOptions = {}) {
  const clock = testClock();
  const t0 = clock.now();
  const aws = inProcessAws({ clock, maxAttempts: 1, ...options });
  const ssm = aws.ssm(REGION);
  aws.emulator.admin.seedImage(REGION, { name: 'new', imageId: AMI });
  aws.emulator.admin.seedImage(REGION, { name: 'old', imageId: OLD });
  const logger = new MemoryLogger();
  const opts = (o: Partial<RegionOptions> = {}): RegionOptions => ({
    region: REGION,
    ami: AMI,
    name: NAME,
    labels: [],
    tags: {},
    clock,
    logger,
    validationTimeoutMs: 10_000,
    pollIntervalMs: 1_000,
    backoff: { random: () => 0.5 },
    ...o,
  });
  /** `ami` written and validated `times` times: versions 1..times. */
  const holds = async (ami: string, times = 1) => {
    for (let i = 0; i < times; i++) {
      await ssm.send(
        new PutParameterCommand({
          Name: NAME,
          Value: ami,
          Type: 'String',
          DataType: 'aws:ec2:image',
          Overwrite: true,
        }),
      );
      clock.advance(options.ssmValidationDelayMs ?? 2_000);
    }
  };
  const run = (o: Partial<RegionOptions> = {}) => publishRegion(ssm, opts(o));
  const failed = (o: Partial<RegionOptions> = {}) =>
    run(o).then(
      () => {
        throw new Error('expected publishRegion to fail');
      },
      (e: unknown) => e as Error,
    );
  const calls = (op: string) => aws.emulator.admin.calls()[`ssm.${op}`] ?? 0;
  return { aws, ssm, clock, logger, holds, run, failed, calls, elapsed: () => clock.now() - t0 };
}

describe('one region', () => {
  it('writes an aws:ec2:image String, overwriting, and reads back its version', async () => {
    const { ssm, holds, run, logger, calls, clock } = setup();
    await holds(OLD, 3);
    const start = clock.now();
    const r = await run();
    expect(r).toEqual({
      region: REGION,
      ami: AMI,
      version: 4,
      written: true,
      labels: [],
      invalidLabels: [],
    });
    // SSM validates for 2 s: the old value is read back at +0 and +1 s, ours at +2 s.
    expect(clock.now() - start).toBe(2_000);
    const now = (await ssm.send(new GetParameterCommand({ Name: NAME }))).Parameter!;
    expect(now).toMatchObject({
      Value: AMI,
      Version: 4,
      Type: 'String',
      DataType: 'aws:ec2:image',
    });
    expect(logger.text()).toContain(`us-east-1: ${NAME} = ${AMI} (version 4)`);
    // No labels, no tags: no calls for them.
    expect(calls('LabelParameterVersion')).toBe(0);
    expect(calls('AddTagsToResource')).toBe(0);
  });

  it('writes nothing when the parameter already holds the AMI, and says so', async () => {
    const { holds, run, logger, calls } = setup();
    await holds(AMI, 7);
    const r = await run();
    expect(r).toMatchObject({ version: 7, written: false });
    expect(calls('PutParameter')).toBe(7);
    expect(logger.text()).toContain(
      `us-east-1: ${NAME} already holds ${AMI} (version 7); nothing written`,
    );
  });

  it('a first write is read back as version 1', async () => {
    const { run } = setup();
    expect((await run()).version).toBe(1);
  });

  it('gives up at the deadline, saying the parameter does not exist when it never appeared', async () => {
    const { failed, elapsed } = setup();
    // Not an AMI of this region: SSM accepts the put and drops the value when it validates it.
    const ami = 'ami-0cccccccccccccccc';
    const err = await failed({ ami, validationTimeoutMs: 3_000 });
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(err.message).toContain(
      `SSM did not accept ${ami} within 3 s; the parameter still holds no value (the parameter does not exist)`,
    );
    expect(err.message).toContain(`check that ${ami} exists and is available in us-east-1`);
    expect(elapsed()).toBe(3_000);
  });

  it('at the deadline names the value and version the parameter still holds', async () => {
    const { holds, failed } = setup();
    await holds(OLD, 3);
    const err = await failed({ ami: 'ami-0cccccccccccccccc' });
    expect(err.message).toContain(`the parameter still holds ${OLD} (version 3)`);
  });

  it('labels the version it wrote and keeps only the labels SSM accepted', async () => {
    const { ssm, holds, run, logger } = setup();
    await holds(OLD, 3);
    const r = await run({ labels: ['good', 'aws-reserved', 'ssm-x'] });
    expect(r).toMatchObject({
      version: 4,
      labels: ['good'],
      invalidLabels: ['aws-reserved', 'ssm-x'],
    });
    const h = await ssm.send(new GetParameterHistoryCommand({ Name: NAME }));
    expect(h.Parameters!.map((p) => [p.Version, p.Labels])).toEqual([
      [1, []],
      [2, []],
      [3, []],
      [4, ['good']],
    ]);
    expect(logger.lines).toContainEqual({
      level: 'warning',
      message: `us-east-1: SSM rejected labels aws-reserved, ssm-x on ${NAME} version 4`,
      properties: undefined,
    });
  });

  it('explains the 10-labels limit with the command that frees one', async () => {
    const { ssm, holds, failed } = setup();
    await holds(AMI, 4);
    const ten = Array.from({ length: 10 }, (_, i) => `l${i}`);
    await ssm.send(
      new LabelParameterVersionCommand({ Name: NAME, ParameterVersion: 4, Labels: ten }),
    );
    const err = await failed({ labels: ['x'] });
    expect(err.message).toContain(
      `LabelParameterVersion failed for ${NAME} in us-east-1: ParameterVersionLabelLimitExceeded`,
    );
    expect(err.message).toContain(
      `aws ssm unlabel-parameter-version --region us-east-1 --name ${NAME} --parameter-version 4 --labels <label>`,
    );
  });

  it('a label error of another kind has no hint', async () => {
    const { aws, holds, failed } = setup();
    await holds(AMI, 4);
    aws.emulator.admin.addFault({ operation: 'LabelParameterVersion', kind: 'internal', count: 1 });
    const err = await failed({ labels: ['x'] });
    expect(err.message).toBe(
      `LabelParameterVersion failed for ${NAME} in us-east-1: InternalServerError: Injected fault: internal`,
    );
  });

  it('tags the parameter with every tag', async () => {
    const { ssm, holds, run } = setup();
    await holds(AMI, 4);
    await run({ tags: { image: 'web', commit: 'abc' } });
    const t = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: NAME }),
    );
    expect(t.TagList).toEqual([
      { Key: 'image', Value: 'web' },
      { Key: 'commit', Value: 'abc' },
    ]);
  });

  it('the version limit hint names the labelled oldest version and both ways out', async () => {
    const { ssm, holds, failed } = setup({ ssmValidationDelayMs: 0 });
    await holds(OLD, 100);
    await ssm.send(
      new LabelParameterVersionCommand({ Name: NAME, ParameterVersion: 1, Labels: ['keep', 'x'] }),
    );
    const err = await failed();
    expect(err.message).toContain(
      `PutParameter failed for ${NAME} in us-east-1: ParameterMaxVersionLimitExceeded`,
    );
    expect(err.message).toContain('The oldest version is 1, labelled keep, x.');
    expect(err.message).toContain(
      `aws ssm label-parameter-version --region us-east-1 --name ${NAME} --parameter-version <newer> --labels <label>`,
    );
    expect(err.message).toContain(
      `aws ssm unlabel-parameter-version --region us-east-1 --name ${NAME} --parameter-version <oldest> --labels <label>`,
    );
  });

  it('the version limit hint still gives the commands when the history cannot be read', async () => {
    const { aws, ssm, holds, failed } = setup({ ssmValidationDelayMs: 0 });
    await holds(OLD, 100);
    await ssm.send(
      new LabelParameterVersionCommand({ Name: NAME, ParameterVersion: 1, Labels: ['keep'] }),
    );
    aws.emulator.admin.addFault({ operation: 'GetParameterHistory', kind: 'denied', count: 1 });
    const err = await failed();
    expect(err.message).not.toContain('The oldest version');
    // Nothing stands between the rule and the way out when the history is unreadable.
    expect(err.message).toContain(
      "Parameter Store keeps 100 versions and deletes the oldest on each write, but never a labelled one. Move its label to a newer version ('aws ssm label-parameter-version",
    );
    expect(err.message).toContain(
      `aws ssm label-parameter-version --region us-east-1 --name ${NAME} --parameter-version <newer> --labels <label>`,
    );
  });

  it('a refused tag write names AddTagsToResource and the parameter', async () => {
    const { aws, holds, failed } = setup();
    await holds(AMI, 4);
    aws.emulator.admin.addFault({ operation: 'AddTagsToResource', kind: 'denied', count: 1 });
    const err = await failed({ tags: { image: 'web' } });
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(err.message).toMatch(
      new RegExp(`^AddTagsToResource failed for ${NAME} in us-east-1: AccessDeniedException`),
    );
  });

  it('another writer at the very version SSM answered us is a conflict, not a slow validation', async () => {
    const { aws, ssm, clock, holds, failed } = setup({ ssmValidationDelayMs: 1_000 });
    await holds(OLD, 3);
    aws.emulator.admin.seedImage(REGION, { name: 'other', imageId: OTHER });
    // Ours (not an AMI of this region) is answered version 4 and dropped when validated, which
    // leaves version 4 free: SSM numbers a version when it commits it. Another workflow's write
    // lands there while we read back.
    const ours = 'ami-0cccccccccccccccc';
    let putAt: number | undefined;
    const send = ssm.send.bind(ssm) as (c: unknown) => Promise<unknown>;
    ssm.send = (async (cmd: { constructor: { name: string } }) => {
      const name = cmd.constructor.name;
      if (name === 'GetParameterCommand' && putAt !== undefined && clock.now() >= putAt + 1_000) {
        putAt = undefined;
        await aws.ssm(REGION).send(
          new PutParameterCommand({
            Name: NAME,
            Value: OTHER,
            Type: 'String',
            DataType: 'aws:ec2:image',
            Overwrite: true,
          }),
        );
      }
      if (name === 'PutParameterCommand') putAt = clock.now();
      return send(cmd);
    }) as never;
    const err = await failed({ ami: ours });
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(err.message).toBe(
      `PutParameter failed for ${NAME} in us-east-1: version 4 holds ${OTHER}, not ${ours}. ` +
        'Another writer changed the parameter while we published: make sure only one workflow publishes this image, then re-run',
    );
  });

  it('another put error has no hint', async () => {
    const { failed } = setup();
    const err = await failed({ name: 'ssm-web' });
    expect(err.message).toBe(
      `PutParameter failed for ssm-web in us-east-1: ValidationException: Parameter name ssm-web can't be prefixed with "aws" or "ssm" (case-insensitive).`,
    );
  });
});

describe('reading the current value', () => {
  it('is nothing when the parameter does not exist, else its value and version', async () => {
    const { ssm, holds, logger, clock } = setup();
    const ctx = { clock, logger };
    expect(await readParameter(ssm, NAME, REGION, ctx)).toBeUndefined();
    await holds(AMI, 2);
    expect(await readParameter(ssm, NAME, REGION, ctx)).toEqual({ value: AMI, version: 2 });
  });

  it('wraps other errors with the call, the parameter and the region', async () => {
    const { aws, logger, clock } = setup();
    aws.emulator.admin.addFault({ operation: 'GetParameter', kind: 'denied', count: 1 });
    await expect(
      readParameter(aws.ssm('eu-west-1'), NAME, 'eu-west-1', { clock, logger }),
    ).rejects.toThrow(
      `GetParameter failed for ${NAME} in eu-west-1: AccessDeniedException: Injected fault: denied`,
    );
  });
});
