/**
 * A build target with its own instance types (`architectures[].instanceTypes`, e.g. Graviton types
 * for arm64) gets its own infrastructure configuration, derived from the shared one the image-builder
 * stack owns (input `infrastructure-configuration-arn`): the same instance profile, subnet, security
 * groups, logging, metadata options, key pair, SNS topic, placement and resource tags, with the
 * instance types replaced. Named `<project>-infra-<target>`, tagged for the project; created when
 * missing, updated in place when it differs from that derivation (UpdateInfrastructureConfiguration
 * replaces every setting, so the whole derived configuration is sent). The shared configuration is
 * never changed. Read by ARN, so the build role needs no List right.
 */
import {
  CreateInfrastructureConfigurationCommand,
  GetInfrastructureConfigurationCommand,
  UpdateInfrastructureConfigurationCommand,
  type InfrastructureConfiguration,
} from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../core/errors.js';
import { awsCall, causeName } from './aws-call.js';
import { canonicalJson, deterministicToken } from './hash.js';
import { PROJECT_TAG } from './tags.js';
import type { ReconcileContext } from './reconcile-context.js';

/** The settings we copy from the shared configuration and compare. */
const MANAGED = [
  'description',
  'instanceTypes',
  'instanceProfileName',
  'securityGroupIds',
  'subnetId',
  'logging',
  'keyPair',
  'terminateInstanceOnFailure',
  'snsTopicArn',
  'resourceTags',
  'instanceMetadataOptions',
  'placement',
] as const;
type Managed = Pick<InfrastructureConfiguration, (typeof MANAGED)[number]>;

export interface InfrastructureResult {
  arn: string;
  name: string;
  outcome: 'created' | 'updated' | 'unchanged';
  changed: string[];
}

/** `golden-ami` + `web-server-arm64` → `golden-ami-infra-web-server-arm64` (Image Builder: ≤ 128 chars). */
export function derivedInfrastructureName(project: string, target: string): string {
  return `${project}-infra-${target}`.slice(0, 128);
}

/** Pure: the derived configuration's settings. */
export function deriveInfrastructure(
  base: InfrastructureConfiguration,
  instanceTypes: readonly string[],
  target: string,
): Managed {
  const out: Record<string, unknown> = {};
  for (const k of MANAGED) if (base[k] !== undefined) out[k] = base[k];
  out['instanceTypes'] = [...instanceTypes];
  out['description'] =
    `${target}: ${base.name ?? 'the shared configuration'} with instance types ${instanceTypes.join(', ')}`;
  return out as Managed;
}

/** Pure: the managed settings of `existing` that differ from `want`. */
export function infrastructureDifferences(
  existing: InfrastructureConfiguration,
  want: Managed,
): string[] {
  return MANAGED.filter(
    (k) => canonicalJson(existing[k] ?? null) !== canonicalJson(want[k] ?? null),
  );
}

/** Tags a caller may set: `aws:` keys (CloudFormation's own) are reserved. */
function userTags(tags: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => !k.startsWith('aws:')));
}

async function getConfiguration(
  arn: string,
  ctx: ReconcileContext,
): Promise<InfrastructureConfiguration | undefined> {
  try {
    const res = await awsCall('GetInfrastructureConfiguration', arn, ctx, () =>
      ctx.client.send(
        new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }),
      ),
    );
    return res.infrastructureConfiguration;
  } catch (e) {
    if (causeName(e) === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

export async function reconcileInfrastructure(
  spec: { baseArn: string; target: string; instanceTypes: readonly string[] },
  ctx: ReconcileContext,
): Promise<InfrastructureResult> {
  const base = await getConfiguration(spec.baseArn, ctx);
  if (!base?.instanceProfileName)
    throw new ConfigurationError(
      `Infrastructure configuration ${spec.baseArn} (input 'infrastructure-configuration-arn') does not exist in ` +
        `${ctx.location.region}: pass the InfrastructureConfigurationArn output of the image-builder stack.`,
    );
  const name = derivedInfrastructureName(ctx.project, spec.target);
  const { partition, region, accountId } = ctx.location;
  const arn = `arn:${partition}:imagebuilder:${region}:${accountId}:infrastructure-configuration/${name.toLowerCase()}`;
  const want = deriveInfrastructure(base, spec.instanceTypes, spec.target);
  const token = (what: string) => deterministicToken(what, arn, canonicalJson(want));
  const existing = await getConfiguration(arn, ctx);
  if (!existing) {
    const res = await awsCall('CreateInfrastructureConfiguration', arn, ctx, () =>
      ctx.client.send(
        new CreateInfrastructureConfigurationCommand({
          name,
          ...want,
          instanceProfileName: base.instanceProfileName,
          tags: { ...userTags(base.tags), [PROJECT_TAG]: ctx.project },
          clientToken: token('infrastructure'),
        }),
      ),
    );
    ctx.logger.info(
      `infrastructure ${name}: created (instance types ${spec.instanceTypes.join(', ')})`,
    );
    return {
      arn: res.infrastructureConfigurationArn ?? arn,
      name,
      outcome: 'created',
      changed: [],
    };
  }
  const changed = infrastructureDifferences(existing, want);
  if (changed.length === 0) {
    ctx.logger.info(`infrastructure ${name}: unchanged`);
    return { arn: existing.arn ?? arn, name, outcome: 'unchanged', changed };
  }
  await awsCall('UpdateInfrastructureConfiguration', arn, ctx, () =>
    ctx.client.send(
      new UpdateInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: existing.arn ?? arn,
        ...want,
        instanceProfileName: base.instanceProfileName,
        clientToken: token('infrastructure-update'),
      }),
    ),
  );
  ctx.logger.info(`infrastructure ${name}: updated (${changed.join(', ')})`);
  return { arn: existing.arn ?? arn, name, outcome: 'updated', changed };
}
