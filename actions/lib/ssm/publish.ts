/**
 * Publishes one image's AMI IDs to SSM: the primary region and every DR region, each holding its
 * own region's AMI (the DR AMI is the distribution's copy, with another ID). Verify everywhere
 * first, then write everywhere concurrently; a re-run converges because a region whose parameter
 * already holds its AMI gets no new version.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { AwsOperationError, ConfigurationError, errorMessage } from '../core/errors.js';
import { labelProblem } from './labels.js';
import { verifyAmis } from './verify-ami.js';
import { publishRegion, type RegionOptions, type RegionResult } from './publish-region.js';

export type { RegionResult } from './publish-region.js';

export interface RegionClients {
  ssm: SSMClient;
  ec2: EC2Client;
}

export interface PublishRequest {
  /** AMI ID per region, e.g. wait-image's `amis` output. */
  amis: Readonly<Record<string, string>>;
  parameterName: string;
  primaryRegion: string;
  drRegions: readonly string[];
  /** Final labels (see deriveLabels); each must already satisfy SSM's label rules. */
  labels: readonly string[];
  tags: Readonly<Record<string, string>>;
  /** How long to wait for SSM's asynchronous aws:ec2:image validation. Default 120 s. */
  validationTimeoutMs?: number;
  /** Read-back interval. Default 2 s. */
  pollIntervalMs?: number;
  /** TooManyUpdates backoff overrides (tests pass `random`). */
  backoff?: RegionOptions['backoff'];
}

export interface PublishResult {
  parameterName: string;
  primary: RegionResult;
  regions: RegionResult[];
}

export interface RegionFailure {
  region: string;
  ami: string;
  error: unknown;
}

/** Some regions were published, some not. Keeps both lists so the action can report them. */
export class PublishError extends AwsOperationError {
  constructor(
    readonly parameterName: string,
    readonly published: RegionResult[],
    readonly failures: RegionFailure[],
  ) {
    super('PublishAmi', parameterName, failures[0]?.error);
    const ok = published.map(
      (r) => `${r.region} (${r.ami} → version ${r.version}${r.written ? '' : ', unchanged'})`,
    );
    const bad = failures.map((f) => `${f.region} (${f.ami}): ${errorMessage(f.error)}`);
    this.message =
      `Publishing ${parameterName} failed in ${failures.length} of ${failures.length + published.length} region(s).\n` +
      `Published: ${ok.length ? ok.join(', ') : 'none'}.\n` +
      `Failed:\n  ${bad.join('\n  ')}\n` +
      'Fix the cause and re-run: regions that already hold their AMI are not written again.';
  }
}

/** The ordered region list (primary first) and the checks that need no AWS. */
export function planRegions(req: PublishRequest): string[] {
  if (!req.parameterName.startsWith('/') && req.parameterName.includes('/')) {
    throw new ConfigurationError(
      `Parameter name '${req.parameterName}' contains '/' but does not start with it: use a full path such as /golden-ami/<image>.`,
    );
  }
  const regions = [req.primaryRegion, ...req.drRegions.filter((r) => r !== req.primaryRegion)];
  const dup = regions.find((r, i) => regions.indexOf(r) !== i);
  if (dup)
    throw new ConfigurationError(
      `Region ${dup} is listed twice in the DR regions: list each once.`,
    );
  const missing = regions.filter((r) => !req.amis[r]);
  if (missing.length > 0) {
    throw new ConfigurationError(
      `No AMI given for ${missing.join(', ')} (AMIs are known for: ${Object.keys(req.amis).join(', ') || 'none'}). ` +
        'Add the region to the distribution configuration, or remove it from primary-region/dr-regions.',
    );
  }
  for (const l of req.labels) {
    const p = labelProblem(l);
    if (p) throw new ConfigurationError(`Label '${l}' ${p}: change it in the 'labels' input.`);
  }
  return regions;
}

export async function publishAmi(
  req: PublishRequest,
  clients: (region: string) => RegionClients,
  clock: Clock,
  logger: Logger,
): Promise<PublishResult> {
  const regions = planRegions(req);
  const ignored = Object.keys(req.amis).filter((r) => !regions.includes(r));
  if (ignored.length)
    logger.info(`Not publishing to ${ignored.join(', ')}: not the primary or a DR region.`);

  const amis = Object.fromEntries(regions.map((r) => [r, req.amis[r] as string]));
  await logger.group('Verify AMIs', async () => {
    await verifyAmis(amis, (r) => clients(r).ec2);
    for (const r of regions) logger.info(`${r}: ${amis[r]} is available`);
  });

  const settled = await Promise.allSettled(
    regions.map((region) =>
      publishRegion(clients(region).ssm, {
        region,
        ami: amis[region] as string,
        name: req.parameterName,
        labels: req.labels,
        tags: req.tags,
        clock,
        logger,
        validationTimeoutMs: req.validationTimeoutMs ?? 120_000,
        pollIntervalMs: req.pollIntervalMs ?? 2_000,
        backoff: req.backoff,
      }),
    ),
  );
  const published: RegionResult[] = [];
  const failures: RegionFailure[] = [];
  settled.forEach((s, i) => {
    const region = regions[i] as string;
    if (s.status === 'fulfilled') published.push(s.value);
    else failures.push({ region, ami: amis[region] as string, error: s.reason });
  });
  if (failures.length > 0) throw new PublishError(req.parameterName, published, failures);
  return {
    parameterName: req.parameterName,
    primary: published[0] as RegionResult,
    regions: published,
  };
}
