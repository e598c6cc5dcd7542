/**
 * wait-image, the bundled action run as a process against the emulator: success with the AMI of
 * every distribution region, a scripted failure diagnosed (reason, failed step, log group, console
 * link), and a timeout that cancels the build. Builds take ~1.2 s of real time (harness.ts); the
 * action polls at most every second through its `poll-interval-seconds` input.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { GetImageCommand } from '@aws-sdk/client-imagebuilder';
import {
  buildInputs,
  DR,
  expectExit,
  PRIMARY,
  startBuild,
  startHarness,
  waitInputs,
  type Harness,
} from './harness.js';

let h: Harness;
let run = 2000;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Starts a new build of the sample image (a new run id, so never an attach) and returns its ARN. */
async function newBuild(): Promise<string> {
  return (await startBuild(h, ++run)).outputs['image-build-version-arn']!;
}

describe('wait-image against the emulator', () => {
  it('AVAILABLE: outputs the AMI of both regions, which EC2 knows in each region', async () => {
    const arn = await newBuild();
    const r = expectExit(await h.run('wait-image', waitInputs(arn)), 0);
    expect(r.outputs['status']).toBe('AVAILABLE');
    expect(r.outputs['image-version']).toBe(arn.split('/').slice(2).join('/'));
    const amis = JSON.parse(r.outputs['amis']!) as Record<string, string>;
    expect(Object.keys(amis).sort()).toEqual([PRIMARY, DR]);
    expect(amis[PRIMARY]).not.toBe(amis[DR]);
    expect(r.outputs['ami-id']).toBe(amis[PRIMARY]);
    for (const region of [PRIMARY, DR]) {
      const d = await h.ec2(region).send(new DescribeImagesCommand({ ImageIds: [amis[region]!] }));
      expect(d.Images?.map((i) => [i.ImageId, i.State])).toEqual([[amis[region], 'available']]);
    }
    // Progress lines on state changes, and the timeline as a table and a Mermaid gantt.
    expect(r.stdout).toMatch(/BUILDING/);
    expect(r.summary).toMatch(/wait-image: .* — AVAILABLE/);
    expect(r.summary).toMatch(/\| *state *\|/i);
    expect(r.summary).toMatch(/```mermaid\s*\ngantt/);
    expect(r.summary).toContain(amis[DR]);
  });

  it('FAILED: exit 1 with the reason, the failed step, the log group and a console link', async () => {
    await h.admin('build-failures', {
      pipeline: 'web-server',
      step: 'ApplyBuildComponents',
      reason: 'Step InstallHttpd failed: exit status 1 (dnf: no match for httpd)',
    });
    const arn = await newBuild();
    const r = expectExit(await h.run('wait-image', waitInputs(arn)), 1);
    expect(r.outputs['status']).toBe('FAILED');
    const out = `${r.stdout}\n${r.summary}`;
    for (const text of [r.stdout, r.summary]) {
      expect(text).toContain('Reason: Step InstallHttpd failed: exit status 1');
      expect(text).toMatch(/Failed step: BUILD \/ ApplyBuildComponents/);
      expect(text).toContain('/aws/imagebuilder/web-server');
      expect(text).toContain('https://us-east-1.console.aws.amazon.com/imagebuilder/');
    }
    expect(out).toMatch(/::error::/);
  });
});

describe('wait-image timeout against the emulator (builds of a minute)', () => {
  let slow: Harness;
  beforeAll(async () => {
    slow = await startHarness({ phaseMs: { BUILDING: 60_000 } });
  });
  afterAll(() => slow.close());

  it('timeout with cancel-on-timeout: cancels the build and says what it cancelled', async () => {
    const build = expectExit(await slow.run('build-image', buildInputs(slow)), 0);
    const arn = build.outputs['image-build-version-arn']!;
    // timeout-minutes may be a fraction: 0.05 min = 3 s, while the build takes over a minute.
    const r = expectExit(
      await slow.run(
        'wait-image',
        waitInputs(arn, { 'timeout-minutes': '0.05', 'cancel-on-timeout': 'true' }),
      ),
      1,
    );
    expect(r.outputs['status']).toBe('TIMED_OUT');
    expect(r.stdout).toContain(
      `Cancelled image build ${arn} (timeout of 3 s reached while BUILDING)`,
    );
    expect(r.stdout).toMatch(/::error::.*no result within 3 s \(last state BUILDING\)/);
    expect(r.summary).toContain(`Cancelled image build ${arn}`);
    expect(r.summary).toMatch(/TIMED_OUT|timed out/);
    const img = await slow.ib().send(new GetImageCommand({ imageBuildVersionArn: arn }));
    expect(img.image?.state?.status).toBe('CANCELLED');
    expect(slow.aws.admin.calls()['imagebuilder.CancelImageCreation']).toBe(1);
  });
});
