/**
 * The mutating API calls a resource type's registry handler makes for one create, update or
 * delete, with the resources each acts on: what CloudFormation's acting principal must be allowed.
 *
 * How the calls are picked: a handler's permission list (`handler-permissions.json`, from AWS's
 * registry schemas) names every call the handler may make; of those, the calls here are the
 * mutating ones (not Describe/Get/List) that the handler makes for the resource's properties:
 * the type's Create/Delete call, the follow-up calls a property needs (ModifyVpcAttribute for
 * EnableDnsHostnames, AuthorizeSecurityGroupIngress for ingress rules, PutRolePolicy per inline
 * policy, iam:PassRole where a property names a role), and on update one call per changed
 * property group. Reads are not authorized (the emulator's handlers read their own state).
 * `resource-authz.ts` checks that every call here is in the handler's list.
 *
 * Tag on create (tagging.tagOnCreate): the tags go in the create request, so the create call
 * carries `aws:RequestTag/*` and `aws:TagKeys`; EC2 also authorizes `ec2:CreateTags` on each
 * tagged resource with `ec2:CreateAction` (EC2 User Guide, "Grant permission to tag Amazon EC2
 * resources during creation"), IAM `iam:TagRole`/`iam:TagOpenIDConnectProvider` (IAM User Guide,
 * "Permissions required for tagging"), S3 `s3:PutBucketTagging` (the handler tags after
 * CreateBucket).
 */
import type { Context } from '../../authz/types.js';
import {
  changed,
  ec2,
  requestTags,
  s,
  tagChanges,
  type HandlerCall,
  type HandlerOp,
  type Lookups,
  type StepInput,
} from './handler-call-model.js';
import { runInstances } from './run-instances.js';

export * from './handler-call-model.js';

/** EC2 types: [catalogue resource type, create action, delete action]. */
const EC2_SIMPLE: Record<string, [string, string, string]> = {
  'AWS::EC2::VPC': ['vpc', 'ec2:CreateVpc', 'ec2:DeleteVpc'],
  'AWS::EC2::Subnet': ['subnet', 'ec2:CreateSubnet', 'ec2:DeleteSubnet'],
  'AWS::EC2::InternetGateway': [
    'internet-gateway',
    'ec2:CreateInternetGateway',
    'ec2:DeleteInternetGateway',
  ],
  'AWS::EC2::RouteTable': ['route-table', 'ec2:CreateRouteTable', 'ec2:DeleteRouteTable'],
  'AWS::EC2::SecurityGroup': [
    'security-group',
    'ec2:CreateSecurityGroup',
    'ec2:DeleteSecurityGroup',
  ],
  'AWS::EC2::Instance': ['instance', 'ec2:RunInstances', 'ec2:TerminateInstances'],
};

function ec2Create(i: StepInput, l: Lookups): HandlerCall[] {
  const p = i.props;
  const vpc = s(p['VpcId']);
  const reqTags = requestTags(i.tags);
  const self = (ctx: Context = {}) => ec2(EC2_SIMPLE[i.type]![0], '*', l, { context: ctx });
  const mine = () => ec2(EC2_SIMPLE[i.type]![0], i.id, l, { tags: i.tags });
  switch (i.type) {
    case 'AWS::EC2::Instance':
      return runInstances(i, l);
    case 'AWS::EC2::VPC': {
      const calls = [{ action: 'ec2:CreateVpc', resources: [self(reqTags)] }];
      if (p['EnableDnsSupport'] !== undefined || p['EnableDnsHostnames'] !== undefined)
        calls.push({ action: 'ec2:ModifyVpcAttribute', resources: [mine()] });
      return calls;
    }
    case 'AWS::EC2::Subnet': {
      const calls = [
        { action: 'ec2:CreateSubnet', resources: [self(reqTags), ec2('vpc', vpc, l)] },
      ];
      if (p['MapPublicIpOnLaunch'] !== undefined)
        calls.push({ action: 'ec2:ModifySubnetAttribute', resources: [mine()] });
      return calls;
    }
    case 'AWS::EC2::InternetGateway':
      return [{ action: 'ec2:CreateInternetGateway', resources: [self(reqTags)] }];
    case 'AWS::EC2::RouteTable':
      return [{ action: 'ec2:CreateRouteTable', resources: [self(reqTags), ec2('vpc', vpc, l)] }];
    case 'AWS::EC2::SecurityGroup': {
      const calls = [
        {
          action: 'ec2:CreateSecurityGroup',
          resources: [self(reqTags), ...(vpc ? [ec2('vpc', vpc, l)] : [])],
        },
      ];
      if (Array.isArray(p['SecurityGroupIngress']) && p['SecurityGroupIngress'].length)
        calls.push({ action: 'ec2:AuthorizeSecurityGroupIngress', resources: [mine()] });
      if (Array.isArray(p['SecurityGroupEgress']))
        calls.push(
          { action: 'ec2:RevokeSecurityGroupEgress', resources: [mine()] },
          { action: 'ec2:AuthorizeSecurityGroupEgress', resources: [mine()] },
        );
      return calls;
    }
  }
  return ec2Links(i, l, 'create');
}

/** The association types: they act on the resources they link. */
function ec2Links(i: StepInput, l: Lookups, op: HandlerOp): HandlerCall[] {
  const p = i.props;
  const rtb = ec2('route-table', s(p['RouteTableId']), l);
  const vpc = ec2('vpc', s(p['VpcId']), l);
  switch (i.type) {
    case 'AWS::EC2::Route':
      return [
        {
          action:
            op === 'create'
              ? 'ec2:CreateRoute'
              : op === 'delete'
                ? 'ec2:DeleteRoute'
                : 'ec2:ReplaceRoute',
          resources: [rtb],
        },
      ];
    case 'AWS::EC2::SubnetRouteTableAssociation':
      return [
        {
          action: op === 'delete' ? 'ec2:DisassociateRouteTable' : 'ec2:AssociateRouteTable',
          resources: [rtb, ec2('subnet', s(p['SubnetId']), l)],
        },
      ];
    case 'AWS::EC2::VPCGatewayAttachment': {
      const igw = s(p['InternetGatewayId']);
      const vgw = s(p['VpnGatewayId']);
      const attach = (verb: string): HandlerCall[] => [
        ...(igw
          ? [
              {
                action: `ec2:${verb}InternetGateway`,
                resources: [ec2('internet-gateway', igw, l), vpc],
              },
            ]
          : []),
        ...(vgw
          ? [{ action: `ec2:${verb}VpnGateway`, resources: [ec2('vpn-gateway', vgw, l), vpc] }]
          : []),
      ];
      if (op === 'create') return attach('Attach');
      if (op === 'delete') return attach('Detach');
      return [...attach('Detach'), ...attach('Attach')];
    }
  }
  return [];
}

/** The calls of one EC2 resource step. */
export function ec2Calls(i: StepInput, l: Lookups): HandlerCall[] {
  const simple = EC2_SIMPLE[i.type];
  if (!simple) return ec2Links(i, l, i.op);
  if (i.op === 'create') {
    const calls = ec2Create(i, l);
    if (Object.keys(i.tags).length) {
      const createAction = calls[0]!.action.split(':')[1]!;
      const tagged = [ec2(simple[0], '*', l)];
      if (i.type === 'AWS::EC2::Instance' && i.props['PropagateTagsToVolumeOnCreation'] === true)
        tagged.push(ec2('volume', '*', l));
      calls.push({
        action: 'ec2:CreateTags',
        resources: tagged.map((r) => ({
          ...r,
          context: { ...requestTags(i.tags), 'ec2:CreateAction': createAction },
        })),
      });
    }
    return calls;
  }
  const mine = ec2(simple[0], i.id, l, { tags: i.oldTags });
  if (i.op === 'delete') return [{ action: simple[2], resources: [mine] }];
  const old = i.oldProps ?? {};
  const diff = (k: string) => changed(old[k], i.props[k]);
  const calls: HandlerCall[] = [];
  const modify: Record<string, [string, string[]]> = {
    'AWS::EC2::VPC': ['ec2:ModifyVpcAttribute', ['EnableDnsSupport', 'EnableDnsHostnames']],
    'AWS::EC2::Subnet': ['ec2:ModifySubnetAttribute', ['MapPublicIpOnLaunch']],
    'AWS::EC2::Instance': [
      'ec2:ModifyInstanceAttribute',
      ['InstanceType', 'SecurityGroupIds', 'UserData', 'DisableApiTermination', 'EbsOptimized'],
    ],
  };
  const m = modify[i.type];
  // InstanceType, UserData and EbsOptimized change only on a stopped instance ("Update requires:
  // Some interruptions"): the handler stops it, modifies it and starts it again.
  const stop =
    i.type === 'AWS::EC2::Instance' && ['InstanceType', 'UserData', 'EbsOptimized'].some(diff);
  if (stop) calls.push({ action: 'ec2:StopInstances', resources: [mine] });
  if (m && m[1].some(diff)) calls.push({ action: m[0], resources: [mine] });
  if (stop) calls.push({ action: 'ec2:StartInstances', resources: [mine] });
  if (i.type === 'AWS::EC2::Instance' && diff('MetadataOptions'))
    calls.push({ action: 'ec2:ModifyInstanceMetadataOptions', resources: [mine] });
  if (i.type === 'AWS::EC2::SecurityGroup')
    for (const [prop, dir] of [
      ['SecurityGroupIngress', 'Ingress'],
      ['SecurityGroupEgress', 'Egress'],
    ] as const)
      if (diff(prop))
        calls.push(
          { action: `ec2:RevokeSecurityGroup${dir}`, resources: [mine] },
          { action: `ec2:AuthorizeSecurityGroup${dir}`, resources: [mine] },
        );
  return [...calls, ...tagChanges(i, 'ec2:CreateTags', 'ec2:DeleteTags', mine)];
}
