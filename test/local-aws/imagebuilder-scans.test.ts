import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetImageCommand,
  ImagebuilderClient,
  InvalidParameterValueException,
  InvalidRequestException,
  ListImageScanFindingAggregationsCommand,
  ListImageScanFindingsCommand,
  StartImagePipelineExecutionCommand,
  paginateListImageScanFindings,
} from '@aws-sdk/client-imagebuilder';
import { COMPONENT_DOC, PARENT, everyPhase, failure, startEnv, type Env } from './helpers.js';
import type { ScanFindingSpec } from '../../scripts/local-aws/services/imagebuilder/scans.js';

let env: Env;
const STEP = 30_000;
beforeEach(async () => {
  env = await startEnv({ buildDurations: everyPhase(STEP) });
});
afterEach(() => env.aws.close());

async function pipeline(ib: ImagebuilderClient, name: string, scanning: boolean | undefined) {
  const c = await ib.send(
    new CreateComponentCommand({
      name: `${name}-c`,
      semanticVersion: '1.0.0',
      platform: 'Linux',
      data: COMPONENT_DOC,
    }),
  );
  const recipe = await ib.send(
    new CreateImageRecipeCommand({
      name,
      semanticVersion: '1.0.0',
      parentImage: PARENT,
      components: [{ componentArn: c.componentBuildVersionArn }],
    }),
  );
  const infra = await ib.send(
    new CreateInfrastructureConfigurationCommand({
      name: `${name}-infra`,
      instanceProfileName: 'ib-role',
    }),
  );
  const dist = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: `${name}-dist`,
      distributions: [
        {
          region: 'us-east-1',
          amiDistributionConfiguration: { name: 'x-{{ imagebuilder:buildDate }}' },
        },
      ],
    }),
  );
  const p = await ib.send(
    new CreateImagePipelineCommand({
      name,
      imageRecipeArn: recipe.imageRecipeArn,
      infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
      distributionConfigurationArn: dist.distributionConfigurationArn,
      ...(scanning === undefined
        ? {}
        : { imageScanningConfiguration: { imageScanningEnabled: scanning } }),
    }),
  );
  return p.imagePipelineArn!;
}

async function start(ib: ImagebuilderClient, p: string) {
  return (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: p })))
    .imageBuildVersionArn!;
}

const scanOf = async (ib: ImagebuilderClient, arn: string) =>
  (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image;

const spec = (i: number, severity: ScanFindingSpec['severity']): ScanFindingSpec => ({
  vulnerabilityId: `CVE-2024-${String(1000 + i)}`,
  severity,
  package: `pkg${i}`,
  version: '1.0',
  fixedInVersion: '1.1',
});

describe('Image Builder image scanning', () => {
  it('moves PENDING → SCANNING → COLLECTING → COMPLETED over TESTING, then lists findings', async () => {
    const ib = env.ib();
    const p = await pipeline(ib, 'web', true);
    env.aws.admin.scanRule({ pipeline: 'web', findings: [spec(1, 'HIGH'), spec(2, 'CRITICAL')] });
    const arn = await start(ib, p);
    const seen: (string | undefined)[] = [];
    for (let t = 0; t <= 6 * STEP; t += STEP / 4) {
      const img = await scanOf(ib, arn);
      expect(img?.imageScanningConfiguration?.imageScanningEnabled).toBe(true);
      const st = img?.scanState?.status;
      if (seen.at(-1) !== st) seen.push(st);
      env.clock.advance(STEP / 4);
    }
    expect(seen).toEqual(['PENDING', 'SCANNING', 'COLLECTING', 'COMPLETED']);
    const res = await ib.send(
      new ListImageScanFindingsCommand({
        filters: [{ name: 'imageBuildVersionArn', values: [arn] }],
      }),
    );
    expect(
      res.findings?.map((f) => [f.severity, f.packageVulnerabilityDetails?.vulnerabilityId]),
    ).toEqual([
      ['CRITICAL', 'CVE-2024-1002'],
      ['HIGH', 'CVE-2024-1001'],
    ]);
    const f = res.findings![0]!;
    expect(f).toMatchObject({
      awsAccountId: '123456789012',
      imageBuildVersionArn: arn,
      imagePipelineArn: p,
      type: 'PACKAGE_VULNERABILITY',
      inspectorScore: 9.8,
      fixAvailable: 'YES',
      packageVulnerabilityDetails: {
        vulnerablePackages: [
          expect.objectContaining({ name: 'pkg2', version: '1.0', fixedInVersion: '1.1' }),
        ],
        sourceUrl: 'https://nvd.nist.gov/vuln/detail/CVE-2024-1002',
      },
    });
    expect(f.firstObservedAt).toBeInstanceOf(Date);
  });

  it('paginates findings (max 25 a page) and filters by one filter only', async () => {
    const ib = env.ib();
    const p = await pipeline(ib, 'web', true);
    env.aws.admin.scanRule({
      pipeline: p,
      findings: Array.from({ length: 30 }, (_, i) => spec(i, i < 3 ? 'CRITICAL' : 'LOW')),
    });
    const arn = await start(ib, p);
    env.clock.advance(10 * STEP);
    const all = [];
    let pages = 0;
    for await (const page of paginateListImageScanFindings(
      { client: ib, pageSize: 7 },
      { filters: [{ name: 'imageBuildVersionArn', values: [arn] }] },
    )) {
      pages++;
      all.push(...(page.findings ?? []));
    }
    expect(pages).toBe(5);
    expect(new Set(all.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId)).size).toBe(30);
    const crit = await ib.send(
      new ListImageScanFindingsCommand({ filters: [{ name: 'severity', values: ['CRITICAL'] }] }),
    );
    expect(crit.findings).toHaveLength(3);
    expect(
      await failure(
        ib.send(
          new ListImageScanFindingsCommand({ filters: [{ name: 'package', values: ['x'] }] }),
        ),
      ),
    ).toBeInstanceOf(InvalidParameterValueException);
    expect(
      await failure(
        ib.send(
          new ListImageScanFindingsCommand({
            filters: [
              { name: 'severity', values: ['CRITICAL'] },
              { name: 'imagePipelineArn', values: [p] },
            ],
          }),
        ),
      ),
    ).toBeInstanceOf(InvalidRequestException);
  });

  it('aggregates counts by severity per image, pipeline and account', async () => {
    const ib = env.ib();
    const p = await pipeline(ib, 'web', true);
    env.aws.admin.scanRule({
      pipeline: 'web',
      findings: [
        spec(1, 'CRITICAL'),
        spec(2, 'HIGH'),
        spec(3, 'HIGH'),
        spec(4, 'MEDIUM'),
        spec(5, 'LOW'),
      ],
    });
    const arn = await start(ib, p);
    env.clock.advance(10 * STEP);
    const img = await ib.send(
      new ListImageScanFindingAggregationsCommand({
        filter: { name: 'imageBuildVersionArn', values: [arn] },
      }),
    );
    expect(img.aggregationType).toBe('imageBuildVersionArn');
    expect(img.responses).toEqual([
      {
        imageAggregation: {
          imageBuildVersionArn: arn,
          severityCounts: { all: 5, critical: 1, high: 2, medium: 1 },
        },
      },
    ]);
    const account = await ib.send(new ListImageScanFindingAggregationsCommand({}));
    expect(account.aggregationType).toBe('accountId');
    expect(account.responses?.[0]?.accountAggregation?.severityCounts?.all).toBe(5);
  });

  it('no scan when the pipeline does not enable it; FAILED when Inspector is off; scripted TIMED_OUT; ABANDONED on a failed build', async () => {
    const ib = env.ib();
    const off = await pipeline(ib, 'off', undefined);
    const offArn = await start(ib, off);
    env.clock.advance(10 * STEP);
    const offImg = await scanOf(ib, offArn);
    expect(offImg?.imageScanningConfiguration?.imageScanningEnabled).toBe(false);
    expect(offImg?.scanState).toBeUndefined();

    const p = await pipeline(ib, 'web', true);
    env.aws.admin.setInspector('us-east-1', false);
    const a = await start(ib, p);
    env.clock.advance(10 * STEP);
    expect((await scanOf(ib, a))?.scanState).toEqual({
      status: 'FAILED',
      reason: expect.stringContaining('Amazon Inspector is not activated for EC2 scanning'),
    });
    env.aws.admin.setInspector('us-east-1', true);

    env.aws.admin.scanRule({
      pipeline: 'web',
      image: 2,
      status: 'TIMED_OUT',
      reason: 'scan took too long',
    });
    const b = await start(ib, p);
    env.clock.advance(10 * STEP);
    expect((await scanOf(ib, b))?.scanState).toEqual({
      status: 'TIMED_OUT',
      reason: 'scan took too long',
    });

    env.aws.admin.failBuild({ pipeline: 'web', step: 'TESTING', reason: 'test failed' });
    const c = await start(ib, p);
    env.clock.advance(10 * STEP);
    expect((await scanOf(ib, c))?.scanState?.status).toBe('ABANDONED');
  });

  it('a long collection keeps an AVAILABLE image COLLECTING until it ends', async () => {
    const ib = env.ib();
    const p = await pipeline(ib, 'web', true);
    env.aws.admin.scanRule({
      pipeline: 'web',
      collectMs: 20 * STEP,
      findings: [spec(1, 'CRITICAL')],
    });
    const arn = await start(ib, p);
    env.clock.advance(7 * STEP);
    const img = await scanOf(ib, arn);
    expect(img?.state?.status).toBe('AVAILABLE');
    expect(img?.scanState?.status).toBe('COLLECTING');
    const none = await ib.send(
      new ListImageScanFindingsCommand({
        filters: [{ name: 'imageBuildVersionArn', values: [arn] }],
      }),
    );
    expect(none.findings).toEqual([]);
    env.clock.advance(20 * STEP);
    expect((await scanOf(ib, arn))?.scanState?.status).toBe('COMPLETED');
  });
});
