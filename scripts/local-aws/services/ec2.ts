/**
 * EC2 (ec2Query): DescribeImages and CreateTags over the AMIs Image Builder distributes (and any
 * seeded through the admin endpoint). Images live per region: an AMI id is unknown elsewhere.
 * Error codes per the EC2 API reference "Error codes" page: `InvalidAMIID.Malformed` for an id
 * that is not `ami-` + 8 or 17 hex digits, `InvalidAMIID.NotFound` for a well-formed unknown id.
 */
import type { EmulatorState } from '../state.js';
import { serviceState } from '../state.js';
import {
  ApiError,
  num,
  str,
  type Input,
  type OpContext,
  type ServiceDefinition,
} from '../types.js';
import { paginate } from '../paginate.js';
import { queryList, queryStructs } from '../protocols/query.js';
import { ec2Id } from '../random.js';
import { describeInstances } from './ec2-instances.js';
import { filterValue, toWire, wildcard, type Ec2Image } from './ec2-image-record.js';
import {
  SEED_DATE,
  publicAmiId,
  publicAmiRecord,
  publicImage,
  publicImages,
} from './public-images.js';

export type { Ec2Image } from './ec2-image-record.js';

interface Ec2State {
  images: Record<string, Ec2Image>;
  /** Managed image name → the release of its current AWS-owned AMI (public-images.ts). */
  publicReleases?: Record<string, number>;
}

/** The region's EC2 state; AWS's public AMIs are there from the first use (or load) of a region. */
export function ec2State(state: EmulatorState, region: string): Ec2State {
  const s = serviceState<Ec2State>(state, region, 'ec2', () => ({ images: {} }));
  if (!s.publicReleases) {
    s.publicReleases = {};
    for (const p of publicImages()) {
      const img = publicAmiRecord(region, p, 1, SEED_DATE);
      s.images[img.imageId] = img;
      s.publicReleases[p.name] = 1;
    }
  }
  return s;
}

/** The current AWS-owned AMI of a managed image in `region`. */
export function currentPublicAmi(
  state: EmulatorState,
  region: string,
  name: string,
): Ec2Image | undefined {
  const s = ec2State(state, region);
  const p = publicImage(name);
  const release = s.publicReleases?.[name];
  return p && release ? s.images[publicAmiId(region, name, release)] : undefined;
}

/** AWS publishes a new AMI of a managed image (a new Amazon Linux release, Patch Tuesday). */
export function releasePublicAmi(
  ctx: Pick<OpContext, 'state' | 'clock'>,
  region: string,
  name: string,
): Ec2Image {
  const p = publicImage(name);
  if (!p)
    throw new Error(
      `${name} is not an Amazon-managed image; known: ${publicImages()
        .map((i) => i.name)
        .join(', ')}`,
    );
  const s = ec2State(ctx.state, region);
  const release = (s.publicReleases![name] ?? 0) + 1;
  const img = publicAmiRecord(region, p, release, new Date(ctx.clock.now()).toISOString());
  s.images[img.imageId] = img;
  s.publicReleases![name] = release;
  return img;
}

const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Creates an available AMI in `region` (Image Builder distribution, admin seeding). */
export function registerImage(
  ctx: Pick<OpContext, 'state' | 'random' | 'accountId' | 'clock'>,
  region: string,
  image: {
    name: string;
    description?: string;
    imageId?: string;
    tags?: Record<string, string>;
    platform?: string;
    /** x86_64 (default) or arm64: what the build instance ran. */
    architecture?: string;
    osVersion?: string;
    /** Another account's image shared with this one (default: this account's). */
    ownerId?: string;
    /** Default `available`; `pending` is an AMI still being created, `failed` one that was not. */
    state?: Ec2Image['state'];
  },
): Ec2Image {
  const img: Ec2Image = {
    imageId: image.imageId ?? ec2Id(ctx.random, 'ami'),
    name: image.name,
    description: image.description,
    ownerId: image.ownerId ?? ctx.accountId,
    state: image.state ?? 'available',
    creationDate: new Date(ctx.clock.now()).toISOString(),
    architecture: image.architecture ?? 'x86_64',
    platform: image.platform?.toLowerCase() === 'windows' ? 'windows' : undefined,
    osVersion: image.osVersion,
    tags: { ...(image.tags ?? {}) },
  };
  ec2State(ctx.state, region).images[img.imageId] = img;
  return img;
}

/** The owner deregistered the AMI: DescribeImages no longer finds it (EC2's DeregisterImage). */
export function deregisterImage(state: EmulatorState, region: string, imageId: string): boolean {
  const images = ec2State(state, region).images;
  if (!images[imageId]) return false;
  delete images[imageId];
  return true;
}

export function findImage(
  state: EmulatorState,
  region: string,
  imageId: string,
): Ec2Image | undefined {
  return ec2State(state, region).images[imageId];
}

function checkIds(ids: string[]): void {
  const bad = ids.find((id) => !AMI_ID.test(id));
  if (bad)
    throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${bad}" (expecting "ami-...")`);
}

function describeImages(input: Input, ctx: OpContext) {
  const all = Object.values(ec2State(ctx.state, ctx.region).images);
  const ids = queryList(input, 'ImageId');
  checkIds(ids);
  const missing = ids.filter((id) => !all.some((i) => i.imageId === id));
  if (missing.length)
    throw new ApiError(
      'InvalidAMIID.NotFound',
      `The image id '[${missing.join(', ')}]' does not exist`,
    );
  const owners = queryList(input, 'Owner');
  const filters = queryStructs(input, 'Filter').map((f) => ({
    name: f['Name'] ?? '',
    values: Object.entries(f)
      .filter(([k]) => /^Value\.\d+$/.test(k))
      .map(([, v]) => wildcard(v)),
  }));
  for (const f of filters) {
    if (filterValue(all[0] ?? ({ tags: {} } as Ec2Image), f.name) === undefined) {
      throw new ApiError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    }
  }
  const matched = all
    .filter((i) => !ids.length || ids.includes(i.imageId))
    .filter(
      (i) =>
        !owners.length ||
        owners.some((o) =>
          o === 'self'
            ? i.ownerId === ctx.accountId
            : o === 'amazon'
              ? i.ownerAlias === 'amazon'
              : o === i.ownerId,
        ),
    )
    .filter((i) =>
      filters.every((f) =>
        (filterValue(i, f.name) ?? []).some((v) => f.values.some((re) => re.test(v))),
      ),
    )
    .sort((a, b) => a.creationDate.localeCompare(b.creationDate));
  const maxResults = num(input['MaxResults']);
  if (maxResults !== undefined && ids.length) {
    throw new ApiError(
      'InvalidParameterCombination',
      'The parameter ImageIds cannot be used with the parameter MaxResults',
    );
  }
  const { page, nextToken } = paginate(
    matched,
    {
      maxResults,
      nextToken: str(input['NextToken']),
      defaultMax: 1000,
      max: 1000,
      scope: `ec2-images:${ctx.region}`,
    },
    new ApiError('InvalidPaginationToken', 'The specified pagination token is not valid.'),
  );
  return { imagesSet: page.map(toWire), nextToken };
}

function createTags(input: Input, ctx: OpContext) {
  const resources = queryList(input, 'ResourceId');
  const tags = queryStructs(input, 'Tag');
  if (!resources.length)
    throw new ApiError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const images = ec2State(ctx.state, ctx.region).images;
  for (const id of resources) {
    if (id.startsWith('ami-')) {
      checkIds([id]);
      if (!images[id])
        throw new ApiError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
    }
  }
  for (const id of resources) {
    const img = images[id];
    if (img) for (const t of tags) img.tags[t['Key'] ?? ''] = t['Value'] ?? '';
  }
  return { return: true };
}

/** "You can't specify a date in the past"; seconds are rounded to the minute (EC2 API reference). */
function enableImageDeprecation(input: Input, ctx: OpContext) {
  const id = String(input['ImageId'] ?? '');
  checkIds([id]);
  const img = ec2State(ctx.state, ctx.region).images[id];
  if (!img) throw new ApiError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
  const at = Date.parse(String(input['DeprecateAt'] ?? ''));
  if (!Number.isFinite(at) || at < ctx.clock.now())
    throw new ApiError(
      'InvalidParameterValue',
      `The DeprecateAt value '${String(input['DeprecateAt'])}' must be a date in the future.`,
    );
  img.deprecationTime = new Date(Math.round(at / 60_000) * 60_000).toISOString();
  return { return: true };
}

export const ec2Service: ServiceDefinition = {
  signingName: 'ec2',
  protocol: 'ec2-query',
  xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  validationError: { code: 'MissingParameter', status: 400 },
  throttlingError: { code: 'RequestLimitExceeded', status: 503 },
  internalError: { code: 'InternalError', status: 500 },
  unavailableError: { code: 'Unavailable', status: 503 },
  operations: {
    DescribeImages: describeImages,
    CreateTags: createTags,
    DescribeInstances: describeInstances,
    EnableImageDeprecation: enableImageDeprecation,
  },
};
