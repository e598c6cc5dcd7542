/**
 * The scan gate's AWS side against the emulator in-process, on a virtual clock (the emulator and the
 * library share it, so sleeping advances the scan): the wait's schedule and deadline, the findings
 * read through every page, the aggregation cross-check, and the pure pieces of the action.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  StartImagePipelineExecutionCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { COMPONENT_DOC, PARENT, startEnv, type Env } from '../local-aws/helpers.js';
import { waitForScan } from '../../actions/lib/scan/wait-scan.js';
import { countMismatch, readImageFindings } from '../../actions/lib/scan/read-findings.js';
import { toScanFinding, evaluateGate } from '../../actions/lib/scan/gate.js';
import { verdictTags, BLOCKING_TAG } from '../../actions/lib/scan/mark-image.js';
import { renderScanSummary } from '../../actions/lib/scan/render.js';
import { incompleteMessage } from '../../actions/scan-gate/main.js';
import { MemoryLogger } from '../../actions/lib/core/logger.js';

let env: Env;
const MIN = 60_000;
beforeEach(async () => {
  // Real-length phases: TESTING lasts 5 min, so the scan runs for 5 min after BUILDING.
  env = await startEnv({});
});
afterEach(() => env.aws.close());

async function build(ib: ImagebuilderClient): Promise<string> {
  const c = await ib.send(
    new CreateComponentCommand({
      name: 'web-component',
      semanticVersion: '1.0.0',
      platform: 'Linux',
      data: COMPONENT_DOC,
    }),
  );
  const r = await ib.send(
    new CreateImageRecipeCommand({
      name: 'web',
      semanticVersion: '1.0.0',
      parentImage: PARENT,
      components: [{ componentArn: c.componentBuildVersionArn }],
    }),
  );
  const i = await ib.send(
    new CreateInfrastructureConfigurationCommand({ name: 'infra', instanceProfileName: 'ib-role' }),
  );
  const p = await ib.send(
    new CreateImagePipelineCommand({
      name: 'web',
      imageRecipeArn: r.imageRecipeArn,
      infrastructureConfigurationArn: i.infrastructureConfigurationArn,
      imageScanningConfiguration: { imageScanningEnabled: true },
    }),
  );
  return (
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: p.imagePipelineArn }))
  ).imageBuildVersionArn!;
}

const quiet = new MemoryLogger();

describe('waitForScan', () => {
  it('polls on the adaptive schedule until COMPLETED, logging each state once', async () => {
    const ib = env.ib();
    const logger = new MemoryLogger();
    const arn = await build(ib);
    const r = await waitForScan({
      client: ib,
      clock: env.clock,
      logger,
      imageBuildVersionArn: arn,
      timeoutMs: 60 * MIN,
      random: () => 0.5,
    });
    expect(r).toMatchObject({ status: 'COMPLETED', timedOut: false });
    // The scan ends ~16 min after the start (PENDING+CREATING+BUILDING+TESTING): 12 polls in the
    // early 2 minutes, then every 30 s; never more than one poll per 10 s.
    expect(r.waitedMs).toBeGreaterThanOrEqual(16 * MIN);
    expect(r.polls).toBeLessThanOrEqual(12 + Math.ceil((r.waitedMs - 2 * MIN) / 30_000) + 1);
    const states = logger.lines.map((l) => /^scan: (\w+)/.exec(l.message)?.[1]).filter(Boolean);
    expect(states).toEqual(['PENDING', 'SCANNING', 'COLLECTING', 'COMPLETED']);
  });

  it('stops at the deadline with the running state', async () => {
    const ib = env.ib();
    const arn = await build(ib);
    const r = await waitForScan({
      client: ib,
      clock: env.clock,
      logger: quiet,
      imageBuildVersionArn: arn,
      timeoutMs: 3 * MIN,
    });
    expect(r).toMatchObject({ status: 'PENDING', timedOut: true });
    expect(r.waitedMs).toBe(3 * MIN);
  });
});

describe('readImageFindings', () => {
  it('reads more than one page and agrees with the aggregation', async () => {
    const ib = env.ib();
    env.aws.admin.scanRule({
      pipeline: 'web',
      findings: Array.from({ length: 40 }, (_, i) => ({
        vulnerabilityId: `CVE-2024-${2000 + i}`,
        severity: i % 2 ? 'HIGH' : 'MEDIUM',
      })),
    });
    const arn = await build(ib);
    env.clock.advance(30 * MIN);
    const { findings, counts } = await readImageFindings(ib, arn, {
      clock: env.clock,
      logger: quiet,
    });
    expect(findings).toHaveLength(40);
    expect(counts).toEqual({ all: 40, critical: 0, high: 20, medium: 20 });
    expect(countMismatch(findings.map(toScanFinding), counts)).toBeUndefined();
    expect(countMismatch(findings.slice(1).map(toScanFinding), counts)).toMatch(
      /counts all 40 \(the list has 39\)/,
    );
  });
});

describe('the action pieces', () => {
  it('verdict tags fit Image Builder’s 256-character values, cut at a whole id', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `CVE-2024-${10000 + i}`);
    const tags = verdictTags('blocked', ids);
    expect(tags[BLOCKING_TAG]!.length).toBeLessThanOrEqual(256);
    expect(tags[BLOCKING_TAG]).toMatch(/^CVE-2024-10000 CVE-2024-10001 .* …$/);
    expect(verdictTags('passed', [])).toEqual({ 'imagebuilder-gitops:scan-verdict': 'passed' });
  });

  it('the incomplete messages say what to enable or raise', () => {
    const base = { polls: 1, waitedMs: 0 };
    const arn = 'arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.0.0/1';
    expect(
      incompleteMessage(
        arn,
        'eu-west-1',
        { ...base, status: 'FAILED', reason: 'no', timedOut: false },
        60_000,
      ),
    ).toContain('aws inspector2 enable --resource-types EC2 --region eu-west-1');
    expect(
      incompleteMessage(
        arn,
        'eu-west-1',
        { ...base, status: 'COLLECTING', timedOut: true },
        900_000,
      ),
    ).toContain('no scan result within 15 min (the scan is COLLECTING): raise timeout-minutes');
    expect(
      incompleteMessage(
        arn,
        'eu-west-1',
        { ...base, status: 'NOT_ENABLED', timedOut: false },
        60_000,
        'components/images/web.yml',
      ),
    ).toContain('scan: { enabled: false }` (components/images/web.yml)');
  });

  it('the summary counts every severity and lists a blocking finding with its links', () => {
    const v = evaluateGate({
      findings: [
        {
          vulnerabilityId: 'CVE-2024-1',
          severity: 'CRITICAL',
          score: 9.1,
          packages: [{ name: 'glibc', version: '2.34', fixedInVersion: '2.34-100' }],
          links: ['https://nvd.nist.gov/vuln/detail/CVE-2024-1'],
        },
      ],
      failOn: 'critical',
      exceptions: [],
      image: 'web',
      nowMs: 0,
    });
    const md = renderScanSummary(
      {
        image: 'web',
        imageBuildVersionArn: 'arn',
        verdict: 'blocked',
        scanStatus: 'COMPLETED',
        polls: 2,
      },
      v,
    );
    expect(md).toContain('### scan-gate: web — ❌ blocked (fail-on: critical)');
    expect(md).toContain('| 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    expect(md).toContain(
      '| `CVE-2024-1` | CRITICAL | 9.1 | glibc | 2.34 | 2.34-100 | [source](https://nvd.nist.gov/vuln/detail/CVE-2024-1) |',
    );
  });
});
