/**
 * Resource providers, generic by default: a realistic physical id per type, `Ref` and `Fn::GetAtt`
 * values (attributes limited to the specification's list), and behaviour only where the pipeline
 * relies on it: Image Builder infrastructure/distribution configurations are created in the
 * emulator's Image Builder state (usable by build-image), and an `AWS::EC2::Instance` needs its
 * `ImageId` to exist in the region (EC2 `InvalidAMIID.NotFound` otherwise) and its `InstanceType` to
 * be of the AMI's architecture (EC2 `InvalidParameterValue`, ec2-architecture.ts).
 */
import { resourceType, type ResourceSpec } from '../../../../actions/lib/cloudformation/index.js';
import { ApiError, type OpContext } from '../../types.js';
import { ec2Id } from '../../random.js';
import { findImage } from '../ec2.js';
import { launchMismatch } from '../ec2-architecture.js';
import { createConfiguration } from '../imagebuilder/index.js';
import { arn as ibArn, ibState } from '../imagebuilder/model.js';
import type { ResourceRec } from './model.js';
import { deprovisionIam, IAM_TYPES, provisionIam } from '../../iam/provision.js';
import { propertyErrors, toApiInput } from './props.js';

export interface ProvisionCtx extends Pick<
  OpContext,
  'state' | 'region' | 'accountId' | 'random' | 'clock'
> {
  stackName: string;
  spec: ResourceSpec;
  /**
   * Authorizes the handler's calls for the resource's physical id (the one it is about to get on
   * create) once the properties are valid; returns the denial's status reason.
   */
  authorize?: (physicalId: string) => string | undefined;
}

export type Outcome = { ok: true; rec: ResourceRec } | { ok: false; reason: string };

const EC2_PREFIX: Record<string, string> = {
  'AWS::EC2::VPC': 'vpc',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::EC2::SecurityGroup': 'sg',
  'AWS::EC2::InternetGateway': 'igw',
  'AWS::EC2::RouteTable': 'rtb',
  'AWS::EC2::Instance': 'i',
  'AWS::EC2::SubnetRouteTableAssociation': 'rtbassoc',
  'AWS::EC2::NatGateway': 'nat',
  'AWS::EC2::EIP': 'eipalloc',
  'AWS::EC2::NetworkAcl': 'acl',
  'AWS::EC2::LaunchTemplate': 'lt',
};
const IB_KIND: Record<string, 'infrastructure' | 'distribution'> = {
  'AWS::ImageBuilder::InfrastructureConfiguration': 'infrastructure',
  'AWS::ImageBuilder::DistributionConfiguration': 'distribution',
};
const IB_ARN_TYPE: Record<string, string> = {
  'AWS::ImageBuilder::LifecyclePolicy': 'lifecycle-policy',
  'AWS::ImageBuilder::Workflow': 'workflow',
};

function suffix(pc: ProvisionCtx, n = 12): string {
  return pc.random
    .hex(n)
    .toUpperCase()
    .replace(/[0-9]/g, (d) => 'ABCDEFGHJK'[Number(d)]!);
}

/** CloudFormation's generated names: `<stack>-<logical>-<RANDOM>` within the type's length limit. */
function generatedName(pc: ProvisionCtx, logicalId: string, max: number): string {
  const rand = suffix(pc);
  const head = `${pc.stackName}-${logicalId}`.slice(0, max - rand.length - 1);
  return `${head}-${rand}`;
}

function handlerError(e: unknown, code = 'InvalidRequest'): string {
  const msg = e instanceof Error ? e.message : String(e);
  const c =
    e instanceof ApiError
      ? e.code === 'ResourceAlreadyExistsException'
        ? 'AlreadyExists'
        : code
      : code;
  return `Resource handler returned message: "${msg}" (HandlerErrorCode: ${c})`;
}

function physicalId(
  pc: ProvisionCtx,
  logicalId: string,
  type: string,
  p: Record<string, unknown>,
): string {
  const prefix = EC2_PREFIX[type];
  if (prefix) return ec2Id(pc.random, prefix);
  const name = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  switch (type) {
    case 'AWS::IAM::Role':
      return name('RoleName') ?? generatedName(pc, logicalId, 64);
    case 'AWS::IAM::InstanceProfile':
      return name('InstanceProfileName') ?? generatedName(pc, logicalId, 128);
    case 'AWS::IAM::ManagedPolicy':
      return `arn:aws:iam::${pc.accountId}:policy/${name('ManagedPolicyName') ?? generatedName(pc, logicalId, 128)}`;
    case 'AWS::IAM::OIDCProvider':
      return `arn:aws:iam::${pc.accountId}:oidc-provider/${(name('Url') ?? 'oidc.example.com').replace(/^https:\/\//, '')}`;
    case 'AWS::S3::Bucket':
      return name('BucketName') ?? generatedName(pc, logicalId, 63).toLowerCase();
    case 'AWS::EC2::VPCGatewayAttachment':
      return `IGW|${name('VpcId') ?? ''}`;
    case 'AWS::EC2::Route':
      return `${name('RouteTableId') ?? ''}|${name('DestinationCidrBlock') ?? name('DestinationIpv6CidrBlock') ?? ''}`;
  }
  const ibType = IB_ARN_TYPE[type];
  if (ibType)
    return `arn:aws:imagebuilder:${pc.region}:${pc.accountId}:${ibType}/${(name('Name') ?? logicalId).toLowerCase()}`;
  return generatedName(pc, logicalId, 128);
}

function ip(pc: ProvisionCtx, first: number): string {
  return [first, ...[0, 1, 2].map(() => Math.floor(pc.random.next() * 254) + 1)].join('.');
}

/** Plausible `Fn::GetAtt` values; every name the specification lists gets one. */
function attributes(
  pc: ProvisionCtx,
  type: string,
  id: string,
  p: Record<string, unknown>,
): Record<string, unknown> {
  const names = resourceType(pc.spec, type)?.a ?? [];
  const az = typeof p['AvailabilityZone'] === 'string' ? p['AvailabilityZone'] : `${pc.region}a`;
  const arnName = id.startsWith('arn:') ? id : undefined;
  const known: Record<string, unknown> = {
    Arn:
      arnName ?? `arn:aws:${type.split('::')[1]!.toLowerCase()}:${pc.region}:${pc.accountId}:${id}`,
  };
  switch (type) {
    case 'AWS::IAM::Role':
      Object.assign(known, {
        Arn: `arn:aws:iam::${pc.accountId}:role/${id}`,
        RoleId: `AROA${suffix(pc, 17)}`,
      });
      break;
    case 'AWS::IAM::InstanceProfile':
      known['Arn'] = `arn:aws:iam::${pc.accountId}:instance-profile/${id}`;
      break;
    case 'AWS::S3::Bucket':
      Object.assign(known, {
        Arn: `arn:aws:s3:::${id}`,
        DomainName: `${id}.s3.amazonaws.com`,
        RegionalDomainName: `${id}.s3.${pc.region}.amazonaws.com`,
        DualStackDomainName: `${id}.s3.dualstack.${pc.region}.amazonaws.com`,
        WebsiteURL: `http://${id}.s3-website-${pc.region}.amazonaws.com`,
      });
      break;
    case 'AWS::EC2::Instance': {
      const pub = ip(pc, 54);
      const priv = ip(pc, 10);
      const domain =
        pc.region === 'us-east-1'
          ? 'compute-1.amazonaws.com'
          : `${pc.region}.compute.amazonaws.com`;
      Object.assign(known, {
        InstanceId: id,
        PublicIp: pub,
        PrivateIp: priv,
        AvailabilityZone: az,
        State: 'running',
        PublicDnsName: `ec2-${pub.replace(/\./g, '-')}.${domain}`,
        PrivateDnsName: `ip-${priv.replace(/\./g, '-')}.${pc.region === 'us-east-1' ? 'ec2.internal' : `${pc.region}.compute.internal`}`,
      });
      break;
    }
    case 'AWS::EC2::VPC':
      Object.assign(known, {
        VpcId: id,
        CidrBlock: p['CidrBlock'],
        DefaultSecurityGroup: ec2Id(pc.random, 'sg'),
        DefaultNetworkAcl: ec2Id(pc.random, 'acl'),
        CidrBlockAssociations: [`vpc-cidr-assoc-${pc.random.hex(17)}`],
        Ipv6CidrBlocks: [],
      });
      break;
    case 'AWS::EC2::Subnet':
      Object.assign(known, {
        SubnetId: id,
        VpcId: p['VpcId'],
        CidrBlock: p['CidrBlock'],
        AvailabilityZone: az,
        AvailabilityZoneId: 'use1-az1',
        Ipv6CidrBlocks: [],
      });
      break;
    case 'AWS::EC2::SecurityGroup':
      Object.assign(known, { GroupId: id, Id: id, VpcId: p['VpcId'] });
      break;
  }
  if (IB_KIND[type] || IB_ARN_TYPE[type]) Object.assign(known, { Arn: id, Name: p['Name'] });
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = known[n] ?? (n.endsWith('Id') ? id : `${id}-${n.toLowerCase()}`);
  return out;
}

function instanceCheck(pc: ProvisionCtx, p: Record<string, unknown>): string | undefined {
  const image = p['ImageId'];
  if (typeof image !== 'string') return undefined;
  const ami = findImage(pc.state, pc.region, image);
  if (!ami)
    return `The image id '[${image}]' does not exist (Service: Ec2, Status Code: 400, Error Code: InvalidAMIID.NotFound, Request ID: ${pc.random.uuid()})`;
  // EC2's default instance type when InstanceType is left out is m1.small (x86_64).
  const mismatch = launchMismatch(
    typeof p['InstanceType'] === 'string' ? p['InstanceType'] : 'm1.small',
    ami.architecture,
  );
  if (!mismatch) return undefined;
  return `${mismatch} (Service: Ec2, Status Code: 400, Error Code: InvalidParameterValue, Request ID: ${pc.random.uuid()})`;
}

function record(
  pc: ProvisionCtx,
  logicalId: string,
  type: string,
  id: string,
  p: Record<string, unknown>,
): ResourceRec {
  return {
    logicalId,
    type,
    physicalId: id,
    status: 'CREATE_COMPLETE',
    timestamp: pc.clock.now(),
    properties: p,
    attributes: attributes(pc, type, id, p),
  };
}

export function createResource(
  pc: ProvisionCtx,
  logicalId: string,
  type: string,
  p: Record<string, unknown>,
): Outcome {
  const invalid = propertyErrors(pc.spec, type, logicalId, p);
  if (invalid) return { ok: false, reason: invalid };
  if (type === 'AWS::EC2::Instance') {
    const bad = instanceCheck(pc, p);
    if (bad) return { ok: false, reason: bad };
  }
  const kind = IB_KIND[type];
  const id = kind
    ? ibArn(pc, `${kind}-configuration`, String(p['Name'] ?? ''))
    : physicalId(pc, logicalId, type, p);
  const denied = pc.authorize?.(id);
  if (denied) return { ok: false, reason: denied };
  if (kind) {
    try {
      const input = toApiInput(pc.spec, type, p);
      const rec = createConfiguration(kind, input, pc);
      return { ok: true, rec: record(pc, logicalId, type, rec.arn, p) };
    } catch (e) {
      return { ok: false, reason: handlerError(e) };
    }
  }
  const rec = record(pc, logicalId, type, id, p);
  const failed = IAM_TYPES.has(type) ? provisionIam(iamCtx(pc), rec) : undefined;
  return failed ? { ok: false, reason: failed } : { ok: true, rec };
}

function iamCtx(pc: ProvisionCtx) {
  return {
    state: pc.state,
    accountId: pc.accountId,
    stackName: pc.stackName,
    now: pc.clock.now(),
    requestId: pc.random.uuid(),
  };
}

/** An update rollback puts a resource back as `rec` was: IAM entities get their old properties. */
export function restoreResource(pc: ProvisionCtx, rec: ResourceRec): void {
  if (IAM_TYPES.has(rec.type))
    provisionIam(iamCtx(pc), { ...rec, attributes: { ...rec.attributes } }, true);
}

/** In-place update (no replacement): same physical id, new properties. */
export function updateResource(
  pc: ProvisionCtx,
  old: ResourceRec,
  p: Record<string, unknown>,
): Outcome {
  const invalid = propertyErrors(pc.spec, old.type, old.logicalId, p);
  if (invalid) return { ok: false, reason: invalid };
  if (old.type === 'AWS::EC2::Instance') {
    const bad = instanceCheck(pc, p);
    if (bad) return { ok: false, reason: bad };
  }
  const denied = pc.authorize?.(old.physicalId);
  if (denied) return { ok: false, reason: denied };
  const kind = IB_KIND[old.type];
  if (kind) {
    const s = ibState(pc.state, pc.region);
    const cur = s[kind][old.physicalId];
    if (cur) {
      const { tags: _t, ...input } = toApiInput(pc.spec, old.type, p);
      s[kind][old.physicalId] = {
        ...input,
        arn: cur.arn,
        name: cur.name,
        dateCreated: cur.dateCreated,
        dateUpdated: new Date(pc.clock.now()).toISOString(),
      };
    }
  }
  const attributes = { ...old.attributes, ...pick(old, p) };
  if (IAM_TYPES.has(old.type)) {
    const failed = provisionIam(iamCtx(pc), { ...old, properties: p, attributes }, true);
    if (failed) return { ok: false, reason: failed };
  }
  return {
    ok: true,
    rec: {
      ...old,
      properties: p,
      status: 'UPDATE_COMPLETE',
      timestamp: pc.clock.now(),
      attributes,
    },
  };
}

function pick(old: ResourceRec, p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(old.attributes)
      .filter((k) => typeof p[k] === 'string')
      .map((k) => [k, p[k]]),
  );
}

export function deleteResource(pc: ProvisionCtx, rec: ResourceRec): void {
  if (IAM_TYPES.has(rec.type)) return deprovisionIam(iamCtx(pc), rec);
  const kind = IB_KIND[rec.type];
  if (!kind) return;
  const s = ibState(pc.state, pc.region);
  delete s[kind][rec.physicalId];
  delete s.tags[rec.physicalId];
}
