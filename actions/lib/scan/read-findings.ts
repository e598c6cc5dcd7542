/**
 * An image's scan findings: ListImageScanFindings filtered to the image build version, every page
 * through the SDK's paginator, and ListImageScanFindingAggregations for the severity counts Image
 * Builder itself reports (all, critical, high, medium), to cross-check the list.
 */
import {
  ListImageScanFindingAggregationsCommand,
  paginateListImageScanFindings,
  type ImageScanFinding,
  type ImagebuilderClient,
  type SeverityCounts,
} from '@aws-sdk/client-imagebuilder';
import { allPages, awsCall, type CallContext } from '../imagebuilder/aws-call.js';
import type { ScanFinding } from './gate.js';

export interface ImageFindings {
  findings: ImageScanFinding[];
  /** The aggregation's counts for this image, if it returned one. */
  counts?: SeverityCounts;
}

export async function readImageFindings(
  client: ImagebuilderClient,
  imageBuildVersionArn: string,
  ctx: CallContext,
): Promise<ImageFindings> {
  const filter = { name: 'imageBuildVersionArn', values: [imageBuildVersionArn] };
  const findings = await allPages(
    'ListImageScanFindings',
    imageBuildVersionArn,
    paginateListImageScanFindings({ client, pageSize: 25 }, { filters: [filter] }),
    (p) => p.findings,
  );
  const agg = await awsCall('ListImageScanFindingAggregations', imageBuildVersionArn, ctx, () =>
    client.send(new ListImageScanFindingAggregationsCommand({ filter })),
  );
  const counts = agg.responses?.find(
    (r) => r.imageAggregation?.imageBuildVersionArn === imageBuildVersionArn,
  )?.imageAggregation?.severityCounts;
  return { findings, counts };
}

/** Pure: where the list and the aggregation disagree (a finding updated between the two calls). */
export function countMismatch(
  findings: readonly ScanFinding[],
  counts: SeverityCounts | undefined,
): string | undefined {
  if (!counts) return undefined;
  const n = (s: string) => findings.filter((f) => f.severity === s).length;
  const pairs: [string, number | undefined, number][] = [
    ['all', counts.all, findings.length],
    ['critical', counts.critical, n('CRITICAL')],
    ['high', counts.high, n('HIGH')],
    ['medium', counts.medium, n('MEDIUM')],
  ];
  const off = pairs.filter(([, agg, list]) => agg !== undefined && agg !== list);
  return off.length
    ? `ListImageScanFindingAggregations counts ${off.map(([k, agg, list]) => `${k} ${agg} (the list has ${list})`).join(', ')}; the gate decides on the list.`
    : undefined;
}
