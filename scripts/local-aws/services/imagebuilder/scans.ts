/**
 * Image scanning (Amazon Inspector through Image Builder), as the API reference describes it:
 *  - a pipeline's `imageScanningConfiguration.imageScanningEnabled` turns the scan on for its builds;
 *  - `GetImage` → `image.scanState` {status, reason}: "The scan starts as PENDING and moves through
 *    SCANNING and COLLECTING to COMPLETED. Image Builder sets the status to ABANDONED if the image
 *    reaches a terminal state before the scan finding collection completes. A scan can also end as
 *    FAILED or TIMED_OUT" (API_ImageScanState). We read "terminal" as FAILED or CANCELLED: an
 *    AVAILABLE image keeps collecting (a scripted long collection shows it after AVAILABLE);
 *  - `ListImageScanFindings`: one filter (imageBuildVersionArn, imagePipelineArn, vulnerabilityId or
 *    severity; "Array Members: Fixed number of 1 item"), maxResults 1..25, findings of COMPLETED scans;
 *  - `ListImageScanFindingAggregations`: severity counts (all, critical, high, medium) per account,
 *    image, pipeline or vulnerability id, by the request's single filter.
 * The test-instance scan (TEST_INSTANCE_CVE) runs against the test instance: SCANNING over the first
 * half of TESTING, COLLECTING over the second, unless a rule says otherwise. It needs Amazon
 * Inspector activated in the region ("Amazon Inspector integration in Image Builder", user guide):
 * with Inspector off (admin `POST /__admin/inspector`), the scan FAILS with a reason that says so.
 *
 * Findings and outcomes are scripted per pipeline through `POST /__admin/image-scans` (ScanRule):
 * every build of the pipeline gets them (a vulnerable package stays until a component changes it),
 * or only its Nth build with `image`.
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import type { EmulatorState } from '../../state.js';
import { serviceState } from '../../state.js';
import { ibState, page, type ImageRec, type Json } from './model.js';
import { statusOf } from './build.js';
import { finding, type ScanFindingSpec } from './scan-findings.js';

export type { ScanFindingSpec };

export interface ScanRule {
  region?: string;
  /** Pipeline name or ARN. */
  pipeline: string;
  /** Only the pipeline's Nth build (1-based); omitted = every build. */
  image?: number;
  findings?: ScanFindingSpec[];
  /** How the scan ends instead of COMPLETED. */
  status?: 'FAILED' | 'TIMED_OUT' | 'ABANDONED';
  reason?: string;
  /** COLLECTING lasts this long (emulator-clock ms) instead of half of TESTING. */
  collectMs?: number;
}

interface ScanRec {
  enabled: boolean;
  scanFrom: number;
  collectFrom: number;
  completeAt: number;
  outcome?: { status: string; reason: string };
  findings: Json[];
}

interface ScanState {
  inspectorEnabled: boolean;
  rules: ScanRule[];
  scans: Record<string, ScanRec>;
}

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED'];
const RANK: Record<string, number> = { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2, INFORMATIONAL: 1 };

function scanState(state: EmulatorState, region: string): ScanState {
  return serviceState(state, region, 'imagebuilder-scans', () => ({
    inspectorEnabled: true,
    rules: [],
    scans: {},
  }));
}

/** Admin: script findings or an outcome for a pipeline's builds. */
export function addScanRule(state: EmulatorState, rule: ScanRule, defaultRegion: string): void {
  if (typeof rule.pipeline !== 'string') throw new Error('pipeline is required');
  for (const f of rule.findings ?? []) {
    if (typeof f.vulnerabilityId !== 'string' || !SEVERITIES.includes(f.severity))
      throw new Error(
        `each finding needs vulnerabilityId and a severity (${SEVERITIES.join(', ')})`,
      );
  }
  scanState(state, rule.region ?? defaultRegion).rules.push({ ...rule });
}

/** Admin: Amazon Inspector activated (default) or not in `region`. */
export function setInspector(state: EmulatorState, region: string, enabled: boolean): void {
  scanState(state, region).inspectorEnabled = enabled;
}

function scanningEnabled(s: ReturnType<typeof ibState>, img: ImageRec): boolean {
  const p = img.pipelineArn ? s.pipelines[img.pipelineArn] : undefined;
  const cfg = p?.['imageScanningConfiguration'] as { imageScanningEnabled?: boolean } | undefined;
  return cfg?.imageScanningEnabled === true;
}

type Ctx = Pick<OpContext, 'state' | 'accountId' | 'clock' | 'settings'>;

function buildNumber(s: ReturnType<typeof ibState>, img: ImageRec): number {
  const mine = Object.values(s.images)
    .filter((i) => i.pipelineArn === img.pipelineArn)
    .sort((a, b) => a.startedAt - b.startedAt);
  return mine.findIndex((i) => i.arn === img.arn) + 1;
}

/** The scan record of a build, created the first time the emulator sees the build. */
function createScan(ctx: Ctx, region: string, img: ImageRec): ScanRec {
  const s = ibState(ctx.state, region);
  const sc = scanState(ctx.state, region);
  const p = img.pipelineArn ? s.pipelines[img.pipelineArn] : undefined;
  const n = buildNumber(s, img);
  const rules = sc.rules.filter(
    (r) =>
      p &&
      (r.pipeline === p.arn || r.pipeline === p.name) &&
      (r.image === undefined || r.image === n),
  );
  const d = img.durations;
  const testing = Math.max(d['TESTING'] ?? 0, 1);
  const scanFrom =
    img.startedAt + (d['PENDING'] ?? 0) + (d['CREATING'] ?? 0) + (d['BUILDING'] ?? 0);
  const collectFrom = scanFrom + testing / 2;
  const collectMs = rules.find((r) => r.collectMs !== undefined)?.collectMs ?? testing / 2;
  const scripted = rules.find((r) => r.status);
  const outcome = !sc.inspectorEnabled
    ? {
        status: 'FAILED',
        reason: `Amazon Inspector is not activated for EC2 scanning in account ${ctx.accountId}, region ${region}. Activate it (Inspector console, or inspector2:Enable with resourceTypes EC2) to scan images.`,
      }
    : scripted
      ? {
          status: scripted.status!,
          reason: scripted.reason ?? `The scan ended ${scripted.status}.`,
        }
      : undefined;
  const completeAt = collectFrom + collectMs;
  return {
    enabled: scanningEnabled(s, img),
    scanFrom,
    collectFrom,
    completeAt,
    outcome,
    findings: outcome
      ? []
      : rules.flatMap((r) => r.findings ?? []).map((f) => finding(f, img, ctx, completeAt)),
  };
}

/** Tick: give every new build its scan record (so a later pipeline update does not change it). */
export function advanceScans(ctx: Ctx, region: string): void {
  const s = ibState(ctx.state, region);
  const sc = scanState(ctx.state, region);
  for (const img of Object.values(s.images))
    if (!sc.scans[img.arn]) sc.scans[img.arn] = createScan(ctx, region, img);
}

function scanOf(ctx: Ctx, region: string, img: ImageRec): ScanRec {
  const sc = scanState(ctx.state, region);
  return (sc.scans[img.arn] ??= createScan(ctx, region, img));
}

/** `image.scanState` at `now`, or undefined when the build is not scanned. */
export function scanStateOf(
  ctx: Ctx,
  region: string,
  img: ImageRec,
): { status: string; reason?: string } | undefined {
  const scan = scanOf(ctx, region, img);
  if (!scan.enabled) return undefined;
  const now = ctx.clock.now();
  const { status } = statusOf(img, now);
  const done = now >= scan.completeAt;
  const endedAt = img.final?.at ?? now;
  if ((status === 'FAILED' || status === 'CANCELLED') && endedAt < scan.completeAt)
    return {
      status: 'ABANDONED',
      reason: `The image build ended ${status} before the scan finished.`,
    };
  if (now < scan.scanFrom) return { status: 'PENDING' };
  if (now < scan.collectFrom) return { status: 'SCANNING' };
  if (!done) return { status: 'COLLECTING' };
  return scan.outcome ?? { status: 'COMPLETED' };
}

/** Wraps GetImage: the image gains `imageScanningConfiguration` and `scanState`. */
export function withScanState(getImage: (input: Input, ctx: OpContext) => unknown) {
  return (input: Input, ctx: OpContext) => {
    const out = getImage(input, ctx) as { image?: Json };
    const arn = str(out.image?.['arn']);
    const img = arn ? ibState(ctx.state, ctx.region).images[arn] : undefined;
    if (!out.image || !img) return out;
    const enabled = scanOf(ctx, ctx.region, img).enabled;
    return {
      ...out,
      image: {
        ...out.image,
        imageScanningConfiguration: { imageScanningEnabled: enabled },
        scanState: scanStateOf(ctx, ctx.region, img),
      },
    };
  };
}

function completedFindings(ctx: OpContext): Json[] {
  const s = ibState(ctx.state, ctx.region);
  const out: Json[] = [];
  for (const img of Object.values(s.images).sort((a, b) => a.startedAt - b.startedAt)) {
    if (scanStateOf(ctx, ctx.region, img)?.status !== 'COMPLETED') continue;
    const mine = [...scanOf(ctx, ctx.region, img).findings].sort(
      (a, b) =>
        (RANK[String(b['severity'])] ?? 0) - (RANK[String(a['severity'])] ?? 0) ||
        String(a['title']).localeCompare(String(b['title'])),
    );
    out.push(...mine);
  }
  return out;
}

const FINDING_FILTERS: Record<string, (f: Json) => unknown> = {
  imageBuildVersionArn: (f) => f['imageBuildVersionArn'],
  imagePipelineArn: (f) => f['imagePipelineArn'],
  vulnerabilityId: (f) => (f['packageVulnerabilityDetails'] as Json)['vulnerabilityId'],
  severity: (f) => f['severity'],
};

function oneFilter(
  filters: { name?: string; values?: string[] }[],
  allowed: readonly string[],
): { name: string; values: string[] } | undefined {
  if (filters.length > 1)
    throw new ApiError(
      'InvalidRequestException',
      `1 validation error detected: Value at 'filters' failed to satisfy constraint: Member must have length less than or equal to 1`,
    );
  const f = filters[0];
  if (!f) return undefined;
  if (!f.name || !allowed.includes(f.name))
    throw new ApiError(
      'InvalidParameterValueException',
      `The filter name '${f.name ?? ''}' is not valid. Valid filters: ${allowed.join(', ')}.`,
    );
  return { name: f.name, values: f.values ?? [] };
}

export function listImageScanFindings(input: Input, ctx: OpContext) {
  const filters = (input['filters'] as { name?: string; values?: string[] }[] | undefined) ?? [];
  const f = oneFilter(filters, Object.keys(FINDING_FILTERS));
  const all = completedFindings(ctx).filter(
    (x) => !f || f.values.includes(String(FINDING_FILTERS[f.name]!(x))),
  );
  const { page: p, nextToken } = page(all, input, `scan-findings:${JSON.stringify(filters)}`);
  return { requestId: ctx.requestId, findings: p, nextToken };
}

function severityCounts(findings: Json[]) {
  const n = (s: string) => findings.filter((f) => f['severity'] === s).length;
  return { all: findings.length, critical: n('CRITICAL'), high: n('HIGH'), medium: n('MEDIUM') };
}

const AGGREGATIONS: Record<string, [string, (f: Json) => unknown]> = {
  accountId: ['accountAggregation', (f) => f['awsAccountId']],
  imageBuildVersionArn: ['imageAggregation', (f) => f['imageBuildVersionArn']],
  imagePipelineArn: ['imagePipelineAggregation', (f) => f['imagePipelineArn']],
  vulnerabilityId: ['vulnerabilityIdAggregation', FINDING_FILTERS['vulnerabilityId']!],
};

export function listImageScanFindingAggregations(input: Input, ctx: OpContext) {
  const raw = input['filter'] as { name?: string; values?: string[] } | undefined;
  const f = oneFilter(raw ? [raw] : [], Object.keys(AGGREGATIONS)) ?? {
    name: 'accountId',
    values: [ctx.accountId],
  };
  const [member, key] = AGGREGATIONS[f.name]!;
  const findings = completedFindings(ctx);
  const responses = f.values.map((v) => ({
    [member]: {
      [f.name]: v,
      severityCounts: severityCounts(findings.filter((x) => String(key(x)) === v)),
    },
  }));
  const { page: p, nextToken } = page(responses, input, `scan-aggregations:${JSON.stringify(f)}`);
  return { requestId: ctx.requestId, aggregationType: f.name, responses: p, nextToken };
}

export const scanOperations = {
  ListImageScanFindings: listImageScanFindings,
  ListImageScanFindingAggregations: listImageScanFindingAggregations,
};
