/** One region's write: read, put (only when different), read back until validated, label, tag. */
import {
  AddTagsToResourceCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { AwsOperationError, awsErrorName } from '../core/errors.js';
import type { BackoffPolicy } from '../core/backoff.js';
import { awsCall, causeName, type CallContext, type ServicePolicy } from '../core/aws-call.js';
import { pollUntil } from '../core/poll.js';

/** SSM answers concurrent writes to one parameter with TooManyUpdates, which the SDK does not retry. */
const SSM_WRITES: ServicePolicy = {
  retryOn: ['TooManyUpdates'],
  retry: { attempts: 6, baseMs: 500, capMs: 10_000 },
};

export interface RegionResult {
  region: string;
  ami: string;
  version: number;
  /** False when the parameter already held this AMI (no new version). */
  written: boolean;
  labels: string[];
  invalidLabels: string[];
}

export interface RegionOptions {
  region: string;
  ami: string;
  name: string;
  labels: readonly string[];
  tags: Readonly<Record<string, string>>;
  clock: Clock;
  logger: Logger;
  validationTimeoutMs: number;
  pollIntervalMs: number;
  backoff?: Partial<BackoffPolicy>;
}

interface Current {
  value: string;
  version: number;
}

export async function readParameter(
  ssm: SSMClient,
  name: string,
  region: string,
  ctx: CallContext,
): Promise<Current | undefined> {
  const out = await awsCall('GetParameter', `${name} in ${region}`, ctx, () =>
    ssm.send(new GetParameterCommand({ Name: name })),
  ).catch((e: unknown) => {
    if (causeName(e) === 'ParameterNotFound') return undefined;
    throw e;
  });
  const p = out?.Parameter;
  return p?.Value !== undefined && p.Version !== undefined
    ? { value: p.Value, version: p.Version }
    : undefined;
}

export async function publishRegion(ssm: SSMClient, o: RegionOptions): Promise<RegionResult> {
  const where = `${o.name} in ${o.region}`;
  const ctx: CallContext = { clock: o.clock, logger: o.logger, retry: o.backoff };
  const retry = <T>(
    op: string,
    fn: () => Promise<T>,
    hint?: (e: unknown) => Promise<string | undefined>,
  ) => awsCall(op, where, ctx, fn, { ...SSM_WRITES, hint: (_, e) => hint?.(e) });

  const before = await readParameter(ssm, o.name, o.region, ctx);
  let version: number;
  let written = false;
  if (before?.value === o.ami) {
    version = before.version;
    o.logger.info(
      `${o.region}: ${o.name} already holds ${o.ami} (version ${version}); nothing written`,
    );
  } else {
    const put = await retry(
      'PutParameter',
      () =>
        ssm.send(
          new PutParameterCommand({
            Name: o.name,
            Value: o.ami,
            Type: 'String',
            DataType: 'aws:ec2:image',
            Overwrite: true,
          }),
        ),
      (e) =>
        awsErrorName(e) === 'ParameterMaxVersionLimitExceeded'
          ? maxVersionHint(ssm, o.name, o.region)
          : Promise.resolve(undefined),
    );
    const expected = put.Version ?? (before?.version ?? 0) + 1;
    version = await awaitValidation(ssm, o, expected);
    written = true;
    o.logger.info(`${o.region}: ${o.name} = ${o.ami} (version ${version})`);
  }

  let invalidLabels: string[] = [];
  if (o.labels.length > 0) {
    // Attaching a label that another version carries moves it here, so re-labelling converges.
    const out = await retry(
      'LabelParameterVersion',
      () =>
        ssm.send(
          new LabelParameterVersionCommand({
            Name: o.name,
            ParameterVersion: version,
            Labels: [...o.labels],
          }),
        ),
      async (e) =>
        awsErrorName(e) === 'ParameterVersionLabelLimitExceeded'
          ? `A version carries at most 10 labels: remove some with 'aws ssm unlabel-parameter-version --region ${o.region} --name ${o.name} --parameter-version ${version} --labels <label>' or list fewer labels`
          : undefined,
    );
    invalidLabels = out.InvalidLabels ?? [];
    if (invalidLabels.length)
      o.logger.warning(
        `${o.region}: SSM rejected labels ${invalidLabels.join(', ')} on ${o.name} version ${version}`,
      );
  }
  const tags = Object.entries(o.tags);
  if (tags.length > 0) {
    await retry('AddTagsToResource', () =>
      ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: 'Parameter',
          ResourceId: o.name,
          Tags: tags.map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    );
  }
  return {
    region: o.region,
    ami: o.ami,
    version,
    written,
    labels: o.labels.filter((l) => !invalidLabels.includes(l)),
    invalidLabels,
  };
}

/**
 * `aws:ec2:image` is validated asynchronously: PutParameter returns 200 before validation, and an
 * AMI that fails it leaves the parameter unchanged (PutParameter, "DataType" in the SSM API
 * reference; "Parameter data types" in the user guide). So read back until our value is visible at
 * the expected version or later; a newer version holding another value, or the deadline, is a
 * failure that names the region and the AMI.
 */
async function awaitValidation(
  ssm: SSMClient,
  o: RegionOptions,
  expected: number,
): Promise<number> {
  const r = await pollUntil({
    clock: o.clock,
    deadline: o.clock.now() + o.validationTimeoutMs,
    intervalMs: o.pollIntervalMs,
    read: () => readParameter(ssm, o.name, o.region, o),
    // Our value at the expected version or later, or another writer's: both end the wait.
    isTerminal: (now) => now !== undefined && now.version >= expected,
  });
  const now = r.value;
  if (now && now.value === o.ami && now.version >= expected) return now.version;
  if (now && now.version >= expected) {
    throw new AwsOperationError(
      'PutParameter',
      `${o.name} in ${o.region}`,
      new Error(`version ${now.version} holds ${now.value}, not ${o.ami}`),
      'Another writer changed the parameter while we published: make sure only one workflow publishes this image, then re-run',
    );
  }
  const held = now
    ? `${now.value} (version ${now.version})`
    : 'no value (the parameter does not exist)';
  throw new AwsOperationError(
    'PutParameter',
    `${o.name} in ${o.region}`,
    new Error(
      `SSM did not accept ${o.ami} within ${Math.round(o.validationTimeoutMs / 1000)} s; the parameter still holds ${held}`,
    ),
    `aws:ec2:image validation failed or is slow: check that ${o.ami} exists and is available in ${o.region} for this account, then re-run`,
  );
}

/** Names the labelled oldest version that blocks the write, when SSM lets us read the history. */
async function maxVersionHint(ssm: SSMClient, name: string, region: string): Promise<string> {
  let oldest = '';
  try {
    const h = await ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 50 }));
    const first = [...(h.Parameters ?? [])].sort((a, b) => (a.Version ?? 0) - (b.Version ?? 0))[0];
    if (first?.Version !== undefined) {
      oldest = ` The oldest version is ${first.Version}, labelled ${(first.Labels ?? []).join(', ') || '(none)'}.`;
    }
  } catch {
    // The hint is best effort; the original error still explains the failure.
  }
  return (
    'Parameter Store keeps 100 versions and deletes the oldest on each write, but never a labelled one.' +
    oldest +
    ` Move its label to a newer version ('aws ssm label-parameter-version --region ${region} --name ${name} --parameter-version <newer> --labels <label>')` +
    ` or remove it ('aws ssm unlabel-parameter-version --region ${region} --name ${name} --parameter-version <oldest> --labels <label>'), then re-run`
  );
}
