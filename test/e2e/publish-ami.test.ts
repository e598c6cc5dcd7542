/**
 * publish-ami, the bundled action run as a process against the emulator: both regions written,
 * labelled and read back through SSM's asynchronous aws:ec2:image validation (SSM_VALIDATION_MS);
 * a re-publish writes nothing; an AMI missing in the DR region writes nowhere; a validation that
 * fails after PutParameter is reported with the region and the AMI.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { GetParameterHistoryCommand, ParameterNotFound } from '@aws-sdk/client-ssm';
import { ec2State } from '../../scripts/local-aws/services/ec2.js';
import { DR, expectExit, PRIMARY, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A fresh available AMI in each region, as a distribution leaves them. */
function amis(): Record<string, string> {
  return Object.fromEntries(
    [PRIMARY, DR].map((r) => [
      r,
      h.aws.admin.seedImage(r, { name: `web-${Math.random()}` }).imageId,
    ]),
  );
}

function publishInputs(
  name: string,
  a: Record<string, string>,
  extra: Record<string, string> = {},
) {
  return {
    amis: JSON.stringify(a),
    'parameter-name': name,
    'primary-region': PRIMARY,
    'dr-regions': DR,
    'build-version': '1.0.0/1',
    labels: 'run-1001',
    'validation-timeout-seconds': '10',
    ...extra,
  };
}

async function history(name: string, region: string) {
  try {
    const r = await h.ssm(region).send(new GetParameterHistoryCommand({ Name: name }));
    return r.Parameters ?? [];
  } catch (e) {
    if (e instanceof ParameterNotFound) return [];
    throw e;
  }
}

describe('publish-ami against the emulator', () => {
  const NAME = '/golden-ami/web-server';
  let first: Record<string, string>;

  it('writes both regions through the async validation, labelled, and outputs the versions', async () => {
    first = amis();
    const r = expectExit(await h.run('publish-ami', publishInputs(NAME, first)), 0);
    expect(JSON.parse(r.outputs['versions']!)).toEqual({
      [PRIMARY]: { ami: first[PRIMARY], version: 1 },
      [DR]: { ami: first[DR], version: 1 },
    });
    expect(r.outputs['primary-version']).toBe('1');
    for (const region of [PRIMARY, DR]) {
      const hist = await history(NAME, region);
      expect(hist).toHaveLength(1);
      expect(hist[0]).toMatchObject({
        Value: first[region],
        Version: 1,
        DataType: 'aws:ec2:image',
      });
      expect([...(hist[0]!.Labels ?? [])].sort()).toEqual(
        ['build-1.0.0-1', 'commit-a1b2c3d', 'run-1001'].sort(),
      );
    }
    // PutParameter returned before validation: the action read back until the value was there.
    expect(h.aws.admin.calls()['ssm.GetParameter']).toBeGreaterThanOrEqual(4);
    expect(r.summary).toMatch(/\| us-west-2 \| `ami-[0-9a-f]+` \| 1 \| yes \|/);
  });

  it('re-publishing the same AMIs writes no new version', async () => {
    const puts = h.aws.admin.calls()['ssm.PutParameter'];
    const r = expectExit(await h.run('publish-ami', publishInputs(NAME, first)), 0);
    expect(JSON.parse(r.outputs['versions']!)).toEqual({
      [PRIMARY]: { ami: first[PRIMARY], version: 1 },
      [DR]: { ami: first[DR], version: 1 },
    });
    expect(h.aws.admin.calls()['ssm.PutParameter']).toBe(puts);
    for (const region of [PRIMARY, DR]) expect(await history(NAME, region)).toHaveLength(1);
    expect(r.summary).toContain('no (unchanged)');
  });

  it('an AMI missing in the DR region: nothing written anywhere, the error names us-west-2', async () => {
    const a = { ...amis(), [DR]: 'ami-0123456789abcdef0' };
    const r = expectExit(await h.run('publish-ami', publishInputs(NAME, a)), 1);
    expect(r.stdout).toMatch(/::error::.*us-west-2/);
    expect(r.stdout).toContain('ami-0123456789abcdef0');
    for (const region of [PRIMARY, DR]) expect(await history(NAME, region)).toHaveLength(1);
  });

  it('a new AMI gets version 2 in both regions, and the labels move to it', async () => {
    const second = amis();
    const r = expectExit(
      await h.run('publish-ami', publishInputs(NAME, second, { 'build-version': '1.0.1/1' })),
      0,
    );
    expect(JSON.parse(r.outputs['primary-version']!)).toBe(2);
    for (const region of [PRIMARY, DR]) {
      const hist = await history(NAME, region);
      expect(hist.map((p) => [p.Version, p.Value])).toEqual([
        [1, first[region]],
        [2, second[region]],
      ]);
      expect(hist[0]!.Labels).toEqual(['build-1.0.0-1']);
      expect([...(hist[1]!.Labels ?? [])].sort()).toEqual(
        ['build-1.0.1-1', 'commit-a1b2c3d', 'run-1001'].sort(),
      );
    }
  });

  it('a failed asynchronous validation names the region and the AMI', async () => {
    const name = '/golden-ami/validation';
    const a = amis();
    const puts = h.aws.admin.calls()['ssm.PutParameter'] ?? 0;
    const running = h.run(
      'publish-ami',
      publishInputs(name, a, { 'validation-timeout-seconds': '1' }),
    );
    // The AMI disappears from the DR region after PutParameter accepted it, before SSM validates it.
    for (let i = 0; i < 500 && (h.aws.admin.calls()['ssm.PutParameter'] ?? 0) < puts + 2; i++)
      await new Promise((res) => setTimeout(res, 5));
    ec2State(h.aws.state, DR).images[a[DR]!]!.state = 'failed';
    const r = expectExit(await running, 1);
    expect(r.stdout).toMatch(/::error::.*us-west-2/);
    expect(r.stdout).toContain(a[DR]);
    expect(r.stdout).toMatch(/did not accept/);
    expect(await history(name, DR)).toHaveLength(0);
    // The primary was written: the output and the summary say so, and a re-run converges.
    expect(JSON.parse(r.outputs['versions']!)).toEqual({
      [PRIMARY]: { ami: a[PRIMARY], version: 1 },
    });
  });
});
