/**
 * The read of an `ssm:` parent goes through the one AWS call layer like every other call: a
 * throttled GetParameter is retried (the client's retry strategy) instead of turning into the
 * "could not read" warning, and what throttling is left is named in that warning. Against the
 * emulator in-process, with its fault injection.
 */
import { describe, it, expect } from '@jest/globals';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import { VirtualClock } from '../../actions/lib/core/clock.js';
import { resolveParent } from '../../actions/lib/imagebuilder/resolve-parent.js';
import { inProcessAws } from '../support/in-process-aws.js';

const REGION = 'us-east-1';
const AMI = 'ami-0123456789abcdef0';
const plan = {
  kind: 'ssm' as const,
  parentImage: 'ssm:/team/base',
  parameter: '/team/base',
};

async function setup() {
  const aws = inProcessAws();
  const ssm = aws.ssm(REGION);
  await ssm.send(new PutParameterCommand({ Name: '/team/base', Value: AMI, Type: 'String' }));
  const logger = new MemoryLogger();
  const ctx = {
    ssm,
    location: { partition: 'aws', region: REGION, accountId: '123456789012' },
    timeoutMs: 60_000,
    clock: new VirtualClock(0),
    logger,
  };
  return { aws, ctx, logger };
}

describe('an ssm: parent read while SSM throttles', () => {
  it('a throttled GetParameter is retried and the parent resolves, with no warning', async () => {
    const { aws, ctx, logger } = await setup();
    const before = aws.emulator.admin.calls()['ssm.GetParameter'] ?? 0;
    aws.emulator.admin.addFault({
      service: 'ssm',
      operation: 'GetParameter',
      kind: 'throttle',
      count: 2,
    });
    const r = await resolveParent(plan, ctx, { file: 'images/web.yml' });
    expect(r).toMatchObject({ parentImage: 'ssm:/team/base', ami: AMI });
    expect(r.detail).toContain(`resolves now to ${AMI} (version 1)`);
    expect(aws.emulator.admin.calls()['ssm.GetParameter']).toBe(before + 3);
    expect(aws.emulator.admin.injected()['throttle']).toBe(2);
    expect(logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  it('throttling past every retry is a warning naming ThrottlingException, and the build goes on', async () => {
    const { aws, ctx, logger } = await setup();
    aws.emulator.admin.addFault({
      service: 'ssm',
      operation: 'GetParameter',
      kind: 'throttle',
      count: 10,
    });
    const r = await resolveParent(plan, ctx, { file: 'images/web.yml' });
    expect(r).toEqual({
      parentImage: 'ssm:/team/base',
      ami: undefined,
      detail: 'ssm:/team/base (not readable by this role: ThrottlingException)',
    });
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      'Could not read the parent ssm:/team/base in us-east-1 (ThrottlingException); Image Builder resolves it at build time.',
    ]);
  });
});
