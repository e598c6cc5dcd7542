import { describe, it, expect } from '@jest/globals';
import { createEmulator } from '../../scripts/local-aws/emulator.js';
import type { RawRequest } from '../../scripts/local-aws/types.js';
import { signedRequest } from './raw.js';

function ssmRequest(target: string, body: unknown): Promise<RawRequest> {
  return signedRequest({
    service: 'ssm',
    region: 'eu-west-1',
    headers: { 'x-amz-target': `AmazonSSM.${target}` },
    body: JSON.stringify(body),
  });
}

describe('dispatch (in-process, no HTTP)', () => {
  it('runs a request through the pipeline to the handler and encodes its answer', async () => {
    const emu = createEmulator();
    const put = await emu.dispatch(
      await ssmRequest('PutParameter', { Name: '/p', Value: 'v', Type: 'String' }),
    );
    expect('response' in put && put.response.status).toBe(200);
    const got = await emu.dispatch(await ssmRequest('GetParameter', { Name: '/p' }));
    if (!('response' in got)) throw new Error('dropped');
    expect(JSON.parse(got.response.body)).toMatchObject({ Parameter: { Name: '/p', Value: 'v' } });
    expect(Object.keys(emu.state.regions)).toEqual(['eu-west-1']);
  });

  it("answers a missing member with the service's validation error before the handler", async () => {
    const emu = createEmulator();
    const r = await emu.dispatch(await ssmRequest('GetParameter', {}));
    if (!('response' in r)) throw new Error('dropped');
    expect(r.response.status).toBe(400);
    expect(JSON.parse(r.response.body)).toMatchObject({ __type: 'ValidationException' });
  });

  it('reports an injected drop instead of a response', async () => {
    const emu = createEmulator({ faults: [{ service: 'ssm', kind: 'drop', count: 1 }] });
    expect(await emu.dispatch(await ssmRequest('GetParameter', { Name: '/p' }))).toEqual({
      drop: true,
    });
    expect(emu.admin.calls()['ssm.GetParameter']).toBe(1);
  });
});
