/**
 * EC2's operations → IAM. DescribeImages acts on no resource type (`*`), with `ec2:Region`;
 * CreateTags on each resource it tags (images here: `arn:aws:ec2:<region>::image/<id>`, the image
 * type's format has no account).
 */
import { queryList, queryStructs } from '../protocols/query.js';
import type { Input } from '../types.js';
import { arnOf, check, requestTagKeys } from './arns.js';
import type { AuthzEnv, ServiceAuthz } from './types.js';

/** EC2 resource id prefixes → catalogue resource type and its id variable. */
const BY_PREFIX: Record<string, [string, string]> = {
  ami: ['image', 'ImageId'],
  i: ['instance', 'InstanceId'],
  vpc: ['vpc', 'VpcId'],
  subnet: ['subnet', 'SubnetId'],
  sg: ['security-group', 'SecurityGroupId'],
  igw: ['internet-gateway', 'InternetGatewayId'],
  rtb: ['route-table', 'RouteTableId'],
  snap: ['snapshot', 'SnapshotId'],
  vol: ['volume', 'VolumeId'],
};

export function ec2ResourceArn(env: AuthzEnv, id: string): { arn: string; type?: string } {
  const entry = BY_PREFIX[id.split('-')[0] ?? ''];
  if (!entry) return { arn: id };
  return { arn: arnOf(env, 'ec2', entry[0], { [entry[1]]: id }), type: entry[0] };
}

const region = (env: AuthzEnv) => ({ 'ec2:Region': env.region });

export const ec2Authz: ServiceAuthz = {
  DescribeImages: {
    checks: (_i, env) => [check('ec2:DescribeImages', '*', undefined, region(env))],
  },
  DescribeInstances: {
    checks: (_i, env) => [check('ec2:DescribeInstances', '*', undefined, region(env))],
  },
  // On the image it deprecates (arn:aws:ec2:<region>::image/<id>), with ec2:Region.
  EnableImageDeprecation: {
    checks: (input: Input, env) => {
      const r = ec2ResourceArn(env, String(input['ImageId'] ?? ''));
      return [check('ec2:EnableImageDeprecation', r.arn, r.type, region(env))];
    },
  },
  CreateTags: {
    checks: (input: Input, env) => {
      const tags = Object.fromEntries(
        queryStructs(input, 'Tag').map((t) => [t['Key'] ?? '', t['Value'] ?? '']),
      );
      return queryList(input, 'ResourceId').map((id) => {
        const r = ec2ResourceArn(env, id);
        return check('ec2:CreateTags', r.arn, r.type, { ...region(env), ...requestTagKeys(tags) });
      });
    },
  },
};
