/**
 * What the emulator's resource providers call a new resource and what `Fn::GetAtt` gives for it: a
 * realistic physical id per type (CloudFormation's generated `<stack>-<logical>-<RANDOM>` names,
 * EC2 ids, ARNs) and plausible attribute values, limited to the specification's list.
 */
import { resourceType, type ResourceSpec } from '../../../../actions/lib/cloudformation/index.js';
import { ec2Id } from '../../random.js';
import type { OpContext } from '../../types.js';

/** What naming needs: the stack, the region and account, the random source and the specification. */
export interface NamingCtx extends Pick<OpContext, 'region' | 'accountId' | 'random'> {
  stackName: string;
  spec: ResourceSpec;
}

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
export const IB_KIND: Record<string, 'infrastructure' | 'distribution'> = {
  'AWS::ImageBuilder::InfrastructureConfiguration': 'infrastructure',
  'AWS::ImageBuilder::DistributionConfiguration': 'distribution',
};
const IB_ARN_TYPE: Record<string, string> = {
  'AWS::ImageBuilder::LifecyclePolicy': 'lifecycle-policy',
  'AWS::ImageBuilder::Workflow': 'workflow',
};

function suffix(pc: NamingCtx, n = 12): string {
  return pc.random
    .hex(n)
    .toUpperCase()
    .replace(/[0-9]/g, (d) => 'ABCDEFGHJK'[Number(d)]!);
}

/** CloudFormation's generated names: `<stack>-<logical>-<RANDOM>` within the type's length limit. */
function generatedName(pc: NamingCtx, logicalId: string, max: number): string {
  const rand = suffix(pc);
  const head = `${pc.stackName}-${logicalId}`.slice(0, max - rand.length - 1);
  return `${head}-${rand}`;
}

export function physicalId(
  pc: NamingCtx,
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

function ip(pc: NamingCtx, first: number): string {
  return [first, ...[0, 1, 2].map(() => Math.floor(pc.random.next() * 254) + 1)].join('.');
}

/** Plausible `Fn::GetAtt` values; every name the specification lists gets one. */
export function attributes(
  pc: NamingCtx,
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
