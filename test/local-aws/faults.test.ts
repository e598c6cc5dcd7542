import { describe, it, expect, afterEach } from '@jest/globals';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { ListComponentsCommand } from '@aws-sdk/client-imagebuilder';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failure, startEnv, type Env } from './helpers.js';
import { inProcessAws } from '../support/in-process-aws.js';

let env: Env | undefined;
afterEach(async () => {
  await env?.aws.close();
  env = undefined;
});

describe('fault injection', () => {
  it("injects each service's real throttling error, which the SDK retries and absorbs", async () => {
    env = await startEnv();
    const ssm = env.ssm();
    await ssm.send(new PutParameterCommand({ Name: 'p', Value: 'v', Type: 'String' }));
    env.aws.admin.addFault({
      service: 'ssm',
      operation: 'GetParameter',
      kind: 'throttle',
      count: 1,
    });
    const ok = await ssm.send(new GetParameterCommand({ Name: 'p' }));
    expect(ok.$metadata.attempts).toBe(2);
    expect(env.aws.admin.calls()['ssm.GetParameter']).toBe(2);
    env.aws.admin.addFault({ service: 'ec2', kind: 'throttle', count: 5 });
    const e = await failure(env.ec2().send(new DescribeImagesCommand({})));
    expect(e.name).toBe('RequestLimitExceeded');
    expect(e.$metadata?.httpStatusCode).toBe(503);
    env.aws.admin.clearFaults();
    env.aws.admin.addFault({ service: 'imagebuilder', kind: 'internal', count: 3 });
    const ib = await failure(env.ib().send(new ListComponentsCommand({})));
    expect(ib.name).toBe('ServiceException');
  });

  it('drops connections and the SDK retries them', async () => {
    env = await startEnv();
    env.aws.admin.addFault({ service: 'sts', kind: 'drop', count: 1 });
    const id = await env.sts().send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/local-aws',
    });
    expect(id.$metadata.attempts).toBe(2);
  });

  it('serves the admin API over HTTP', async () => {
    env = await startEnv({ seed: 7 });
    const post = (path: string, body: unknown) =>
      fetch(`${env!.aws.endpoint}/__admin/${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(
      (await post('faults', { kind: 'latency', latencyMs: 50, probability: 1, service: 'sts' }))
        .status,
    ).toBe(200);
    const t0 = Date.now();
    await env.sts().send(new GetCallerIdentityCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(await (await fetch(`${env.aws.endpoint}/__admin/calls`)).json()).toEqual({
      'sts.GetCallerIdentity': 1,
    });
    expect((await post('faults', { kind: 'nonsense', probability: 1 })).status).toBe(400);
    expect((await post('reset', {})).status).toBe(200);
    expect(await (await fetch(`${env.aws.endpoint}/__admin/calls`)).json()).toEqual({});
  });

  it('persists state to a file between runs', async () => {
    const persistPath = join(mkdtempSync(join(tmpdir(), 'local-aws-')), 'state.json');
    env = await startEnv({ persistPath });
    await env.ssm().send(new PutParameterCommand({ Name: 'kept', Value: 'yes', Type: 'String' }));
    await env.aws.close();
    env = await startEnv({ persistPath });
    expect((await env.ssm().send(new GetParameterCommand({ Name: 'kept' }))).Parameter?.Value).toBe(
      'yes',
    );
  });
});

describe('fault injection in-process: denials and regions', () => {
  it("answers a denied call with the service's own access-denied error, in one region only", async () => {
    const aws = inProcessAws({ maxAttempts: 1 });
    aws.emulator.admin.addFault({
      service: 'ssm',
      operation: 'GetParameter',
      region: 'us-west-2',
      kind: 'denied',
      count: 1,
    });
    await aws
      .ssm('us-east-1')
      .send(new PutParameterCommand({ Name: 'p', Value: 'v', Type: 'String' }));
    const east = await aws.ssm('us-east-1').send(new GetParameterCommand({ Name: 'p' }));
    expect(east.Parameter?.Value).toBe('v');
    const west = await failure(aws.ssm('us-west-2').send(new GetParameterCommand({ Name: 'p' })));
    expect(west.name).toBe('AccessDeniedException');
    expect(west.message).toContain('not authorized to perform: ssm:GetParameter');
    aws.emulator.admin.addFault({ service: 'ec2', kind: 'denied', count: 1 });
    const ec2 = await failure(aws.ec2('us-east-1').send(new DescribeImagesCommand({})));
    expect(ec2.name).toBe('UnauthorizedOperation');
    expect(() => aws.emulator.admin.addFault({ kind: 'nope' as never, count: 1 })).toThrow(
      'use throttle, internal, unavailable, denied, latency or drop',
    );
  });

  it('seeds an AMI in a given state, and deregisters one', async () => {
    const aws = inProcessAws();
    aws.emulator.admin.seedImage('us-east-1', {
      name: 'b',
      imageId: 'ami-0bbbbbbbbbbbbbbbb',
      state: 'pending',
    });
    const out = await aws
      .ec2('us-east-1')
      .send(new DescribeImagesCommand({ ImageIds: ['ami-0bbbbbbbbbbbbbbbb'] }));
    expect(out.Images?.[0]?.State).toBe('pending');
    expect(aws.emulator.admin.deregisterImage('us-east-1', 'ami-0bbbbbbbbbbbbbbbb')).toBe(true);
    expect(aws.emulator.admin.deregisterImage('us-east-1', 'ami-0bbbbbbbbbbbbbbbb')).toBe(false);
    const gone = await failure(
      aws.ec2('us-east-1').send(new DescribeImagesCommand({ ImageIds: ['ami-0bbbbbbbbbbbbbbbb'] })),
    );
    expect(gone.name).toBe('InvalidAMIID.NotFound');
  });
});
