/**
 * scan-gate, the bundled action run as a process against the emulator, after build-image and
 * wait-image as the workflow chains them: a clean image passes, a critical finding blocks (tagged,
 * AMIs deprecated, the message says how to accept it), an exception in the repository lets it pass,
 * a scan Inspector cannot run fails closed, and throttled scan reads converge on the same verdict.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { ListTagsForResourceCommand } from '@aws-sdk/client-imagebuilder';
import {
  DR,
  expectExit,
  PRIMARY,
  startBuild,
  startHarness,
  waitInputs,
  type Harness,
} from './harness.js';

let h: Harness;
let run = 5000;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CVE = 'CVE-2024-6387';

/** A new build of the sample image, waited for: its ARN and AMIs. */
async function built(): Promise<{ arn: string; amis: Record<string, string> }> {
  const b = await startBuild(h, ++run);
  const arn = b.outputs['image-build-version-arn']!;
  const w = expectExit(await h.run('wait-image', waitInputs(arn)), 0);
  return { arn, amis: JSON.parse(w.outputs['amis']!) as Record<string, string> };
}

const gateInputs = (arn: string, extra: Record<string, string> = {}) => ({
  'image-build-version-arn': arn,
  region: PRIMARY,
  definition: 'components/images/web-server.yml',
  'timeout-minutes': '0.5',
  'poll-interval-seconds': '1',
  ...extra,
});

async function tags(arn: string) {
  return (await h.ib().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {};
}

describe('scan-gate against the emulator', () => {
  it('clean: passes, counts by severity, writes every finding to the JSON file, tags the image', async () => {
    await h.admin('image-scans', {
      pipeline: 'web-server',
      image: 1,
      findings: [{ vulnerabilityId: 'CVE-2023-0001', severity: 'HIGH', package: 'curl' }],
    });
    const { arn } = await built();
    const r = expectExit(await h.run('scan-gate', gateInputs(arn)), 0);
    expect(r.outputs['verdict']).toBe('passed');
    expect(JSON.parse(r.outputs['counts']!)).toMatchObject({ CRITICAL: 0, HIGH: 1 });
    const file = r.outputs['findings-file']!;
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { findings: unknown[]; verdict: string };
    expect(json.verdict).toBe('passed');
    expect(json.findings).toHaveLength(1);
    expect(r.summary).toMatch(/scan-gate: web-server — ✅ passed \(fail-on: critical\)/);
    expect(r.summary).toContain('No finding at or above CRITICAL.');
    expect(await tags(arn)).toMatchObject({ 'imagebuilder-gitops:scan-verdict': 'passed' });
  });

  it('blocked: a critical finding without an exception fails the step, says how to accept it, deprecates the AMIs', async () => {
    await h.admin('image-scans', {
      pipeline: 'web-server',
      findings: [
        {
          vulnerabilityId: CVE,
          severity: 'CRITICAL',
          package: 'openssh',
          version: '8.7p1',
          fixedInVersion: '8.7p1-38',
        },
        { vulnerabilityId: 'CVE-2023-0002', severity: 'MEDIUM', package: 'zlib' },
      ],
    });
    const { arn, amis } = await built();
    const r = expectExit(
      await h.run('scan-gate', gateInputs(arn, { 'deprecate-blocked': 'true' })),
      1,
    );
    expect(r.outputs['verdict']).toBe('blocked');
    expect(JSON.parse(r.outputs['blocking']!)).toEqual([CVE]);
    expect(r.stdout).toContain(
      `::error::Image web-server (${arn}) is blocked by the scan gate (fail-on: critical)`,
    );
    expect(r.stdout).toContain(`${CVE} CRITICAL 9.8 in openssh 8.7p1 (fixed in 8.7p1-38)`);
    expect(r.stdout).toContain(`- id: ${CVE}`);
    expect(r.summary).toContain('#### Blocking (at or above CRITICAL, no exception)');
    expect(r.summary).toContain(`| \`${CVE}\` | CRITICAL | 9.8 | openssh | 8.7p1 | 8.7p1-38 |`);
    expect(await tags(arn)).toMatchObject({
      'imagebuilder-gitops:scan-verdict': 'blocked',
      'imagebuilder-gitops:scan-blocking': CVE,
    });
    for (const region of [PRIMARY, DR]) {
      const d = await h.ec2(region).send(new DescribeImagesCommand({ ImageIds: [amis[region]!] }));
      expect(d.Images?.[0]?.DeprecationTime).toBeTruthy();
    }
    // fail-on none (from the input, over the definition) reports only.
    const none = expectExit(await h.run('scan-gate', gateInputs(arn, { 'fail-on': 'none' })), 0);
    expect(none.outputs['verdict']).toBe('passed');
  });

  it('excepted: an entry in the exceptions file lets the same finding through, shown with its reason', async () => {
    h.write(
      'components/scan-exceptions.yml',
      `exceptions:\n  - id: ${CVE}\n    image: web-server\n    reason: sshd is disabled on this image (SEC-42)\n    expires: 2999-12-31\n`,
    );
    try {
      const { arn } = await built();
      const r = expectExit(await h.run('scan-gate', gateInputs(arn)), 0);
      expect(r.outputs['verdict']).toBe('passed');
      expect(r.summary).toContain('#### Accepted by an exception');
      expect(r.summary).toContain('sshd is disabled on this image (SEC-42) | 2999-12-31 |');
      // An expired exception no longer applies: blocked again, and the message says why.
      h.write(
        'components/scan-exceptions.yml',
        `exceptions:\n  - id: ${CVE}\n    reason: accepted once\n    expires: 2020-01-31\n`,
      );
      const expired = expectExit(await h.run('scan-gate', gateInputs(arn)), 1);
      expect(expired.stdout).toContain('does not apply: it expired on 2020-01-31');
    } finally {
      h.write('components/scan-exceptions.yml', 'exceptions: []\n');
    }
  });

  // The blocked test's finding (every build of web-server) is still scripted here.
  it('chaos: throttled scan reads (GetImage, the findings pages, the aggregation) converge on the same verdict', async () => {
    const { arn } = await built();
    const calm = expectExit(await h.run('scan-gate', gateInputs(arn)), 1);
    for (const operation of [
      'GetImage',
      'ListImageScanFindings',
      'ListImageScanFindingAggregations',
    ])
      await h.admin('faults', { service: 'imagebuilder', operation, kind: 'throttle', count: 3 });
    const res = await fetch(`${h.aws.endpoint}/__admin/faults/injected`);
    const before = ((await res.json()) as Record<string, number>)['throttle'] ?? 0;
    const rough = expectExit(await h.run('scan-gate', gateInputs(arn)), 1);
    const after = (
      (await (await fetch(`${h.aws.endpoint}/__admin/faults/injected`)).json()) as Record<
        string,
        number
      >
    )['throttle'];
    expect(after! - before).toBe(9);
    for (const k of ['verdict', 'blocking', 'counts'])
      expect(rough.outputs[k]).toBe(calm.outputs[k]);
  });

  it('incomplete: a scan Inspector cannot run fails closed with what to enable, unless allowed', async () => {
    await h.admin('inspector', { region: PRIMARY, enabled: false });
    try {
      const { arn } = await built();
      const r = expectExit(await h.run('scan-gate', gateInputs(arn)), 1);
      expect(r.outputs['scan-status']).toBe('FAILED');
      expect(r.stdout).toContain(
        'Amazon Inspector must be activated for EC2 scanning in us-east-1',
      );
      expect(r.stdout).toContain('allow-incomplete-scan: true');
      const ok = expectExit(
        await h.run('scan-gate', gateInputs(arn, { 'allow-incomplete-scan': 'true' })),
        0,
      );
      expect(ok.outputs['verdict']).toBe('incomplete');
      expect(await tags(arn)).toMatchObject({ 'imagebuilder-gitops:scan-verdict': 'incomplete' });
    } finally {
      await h.admin('inspector', { region: PRIMARY, enabled: true });
    }
  });

  it('a scan still collecting at the deadline fails closed', async () => {
    await h.admin('image-scans', { pipeline: 'web-server', collectMs: 600_000 });
    const { arn } = await built();
    const r = expectExit(
      await h.run('scan-gate', gateInputs(arn, { 'timeout-minutes': '0.05' })),
      1,
    );
    expect(r.outputs['scan-status']).toBe('COLLECTING');
    expect(r.stdout).toContain('has no scan result within 3 s (the scan is COLLECTING)');
  });

  it('a definition that turns scanning off: build-image updates the pipeline, the gate passes it as not-scanned', async () => {
    const def = 'components/images/web-server.yml';
    const original = h.read(def);
    h.write(def, `${original}scan:\n  enabled: false\n`);
    try {
      const { arn } = await built();
      const r = expectExit(await h.run('scan-gate', gateInputs(arn)), 0);
      expect(r.outputs['verdict']).toBe('not-scanned');
      expect(r.outputs['scan-status']).toBe('NOT_ENABLED');
      expect(r.summary).toContain('sets scan.enabled: false');
      // Without the definition's opt-out, an unscanned image fails closed and says what to enable.
      const strict = expectExit(await h.run('scan-gate', gateInputs(arn, { definition: '' })), 1);
      expect(strict.stdout).toContain(
        'image scanning is not enabled on the pipeline that built it',
      );
    } finally {
      h.write(def, original);
    }
  });
});
