/**
 * Infrastructure and distribution configurations: create/get/list/update/delete. A distribution
 * configuration lists `distributions[]`, one per region (regions unique); deleting a configuration
 * a pipeline uses is `ResourceDependencyException`. `createConfiguration` is the hook a
 * CloudFormation provider uses to create these in the same state as the API does.
 */
import { ApiError, str, type Input, type OpContext } from '../../types.js';
import { isRegion } from '../../../../actions/lib/core/aws.js';
import {
  applyFilters,
  arn,
  checkName,
  checkTags,
  ibState,
  notFound,
  nowIso,
  page,
  setTags,
  strip,
  withTags,
  type ConfigRec,
  type IbState,
} from './model.js';

type Kind = 'infrastructure' | 'distribution';
const TYPE: Record<Kind, string> = {
  infrastructure: 'infrastructure-configuration',
  distribution: 'distribution-configuration',
};
const WHAT: Record<Kind, string> = {
  infrastructure: 'infrastructure configuration',
  distribution: 'distribution configuration',
};
const OMIT = [
  'clientToken',
  'tags',
  'name',
  'infrastructureConfigurationArn',
  'distributionConfigurationArn',
];

function checkDistributions(input: Input): void {
  const ds = (input['distributions'] as { region?: string }[] | undefined) ?? [];
  if (!ds.length)
    throw new ApiError(
      'InvalidParameterValueException',
      "The value supplied for parameter 'distributions' is not valid. Specify at least one region.",
    );
  const seen = new Set<string>();
  for (const d of ds) {
    if (!d.region || !isRegion(d.region))
      throw new ApiError(
        'InvalidParameterValueException',
        `The value supplied for parameter 'region' is not valid: ${d.region ?? ''}.`,
      );
    if (seen.has(d.region))
      throw new ApiError(
        'InvalidParameterValueException',
        `The region ${d.region} appears more than once in 'distributions'.`,
      );
    seen.add(d.region);
  }
}

function fields(input: Input): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([k, v]) => !OMIT.includes(k) && v !== undefined),
  );
}

export function createConfiguration(
  kind: Kind,
  input: Input,
  ctx: Pick<OpContext, 'state' | 'region' | 'accountId' | 'clock'>,
) {
  const s = ibState(ctx.state, ctx.region);
  const name = checkName(str(input['name']));
  checkTags(input['tags']);
  if (kind === 'distribution') checkDistributions(input);
  const a = arn(ctx, TYPE[kind], name);
  if (s[kind][a])
    throw new ApiError(
      'ResourceAlreadyExistsException',
      `The following resource already exists: ${a}.`,
    );
  const rec: ConfigRec = { arn: a, name, ...fields(input), dateCreated: nowIso(ctx) };
  s[kind][a] = rec;
  setTags(s, a, input['tags']);
  return rec;
}

function get(s: IbState, kind: Kind, a: string): ConfigRec {
  const r = s[kind][a];
  if (!r) throw notFound(WHAT[kind], a);
  return r;
}

function update(kind: Kind, input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input[`${kind}ConfigurationArn`]) ?? '';
  const r = get(s, kind, a);
  if (kind === 'distribution') checkDistributions(input);
  // Update replaces the configuration's settings (members left out are cleared), as AWS does.
  s[kind][a] = {
    arn: a,
    name: r.name,
    ...fields(input),
    dateCreated: r.dateCreated,
    dateUpdated: nowIso(ctx),
  };
  return { clientToken: input['clientToken'], [`${kind}ConfigurationArn`]: a };
}

function remove(kind: Kind, input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const a = str(input[`${kind}ConfigurationArn`]) ?? '';
  get(s, kind, a);
  const user = Object.values(s.pipelines).find((p) => p[`${kind}ConfigurationArn`] === a);
  if (user)
    throw new ApiError(
      'ResourceDependencyException',
      `The ${WHAT[kind]} ${a} is used by image pipeline ${user.arn}.`,
    );
  delete s[kind][a];
  delete s.tags[a];
  return { [`${kind}ConfigurationArn`]: a };
}

function list(kind: Kind, input: Input, ctx: OpContext) {
  const s = ibState(ctx.state, ctx.region);
  const items = applyFilters(Object.values(s[kind]), input, { name: (r) => r.name }).sort((a, b) =>
    a.arn.localeCompare(b.arn),
  );
  const { page: p, nextToken } = page(
    items,
    input,
    `${kind}:${JSON.stringify(input['filters'] ?? [])}`,
  );
  const summaries = p.map((r) => {
    const w = withTags(s, r);
    if (kind === 'distribution')
      return {
        ...strip(w, 'distributions'),
        regions: ((r['distributions'] as { region: string }[]) ?? []).map((d) => d.region),
      };
    return strip(
      w,
      'logging',
      'keyPair',
      'terminateInstanceOnFailure',
      'securityGroupIds',
      'subnetId',
      'snsTopicArn',
      'instanceMetadataOptions',
      'placement',
    );
  });
  return { [`${kind}ConfigurationSummaryList`]: summaries, nextToken };
}

/** The five operations of one kind of configuration (`Create<Name>Configuration`, ...). */
function kindOperations(kind: Kind, name: 'Infrastructure' | 'Distribution') {
  const arnKey = `${kind}ConfigurationArn`;
  return {
    [`Create${name}Configuration`]: (input: Input, ctx: OpContext) => ({
      clientToken: input['clientToken'],
      [arnKey]: createConfiguration(kind, input, ctx).arn,
    }),
    [`Get${name}Configuration`]: (input: Input, ctx: OpContext) => {
      const s = ibState(ctx.state, ctx.region);
      return { [`${kind}Configuration`]: withTags(s, get(s, kind, str(input[arnKey]) ?? '')) };
    },
    [`List${name}Configurations`]: (input: Input, ctx: OpContext) => list(kind, input, ctx),
    [`Update${name}Configuration`]: (input: Input, ctx: OpContext) => update(kind, input, ctx),
    [`Delete${name}Configuration`]: (input: Input, ctx: OpContext) => remove(kind, input, ctx),
  };
}

export const configOperations = {
  ...kindOperations('infrastructure', 'Infrastructure'),
  ...kindOperations('distribution', 'Distribution'),
};
