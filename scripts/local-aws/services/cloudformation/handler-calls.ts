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

/** A resource a call acts on: catalogue resource type, its id (`*` for one being created). */
export interface CallResource {
  service: string;
  type: string;
  id: string;
  /** Tags the resource has now (`aws:ResourceTag/*`); request tags go in `context`. */
  tags?: Record<string, string>;
  context?: Context;
}

export interface HandlerCall {
  action: string;
  resources: CallResource[];
}

export type HandlerOp = 'create' | 'update' | 'delete';

/** What a handler finds in the account: tags of resources by id, images, instance profiles. */
export interface Lookups {
  accountId: string;
  tagsOf(physicalId: string): Record<string, string> | undefined;
  imageOwner(imageId: string): string | undefined;
  /** Role names of an instance profile (by name or ARN). */
  profileRoles(profile: string): string[];
}

export interface StepInput {
  op: HandlerOp;
  type: string;
  /** The resource's physical id (create: the id it is about to get). */
  id: string;
  props: Record<string, unknown>;
  /** Update: the properties before. */
  oldProps?: Record<string, unknown>;
  /** Tags the request sets (resource tags with the stack's propagated), create and update. */
  tags: Record<string, string>;
  /** Tags the resource had (update, delete). */
  oldTags: Record<string, string>;
}

export function requestTags(tags: Record<string, string>): Context {
  if (Object.keys(tags).length === 0) return {};
  const ctx: Context = { 'aws:TagKeys': Object.keys(tags) };
  for (const [k, v] of Object.entries(tags)) ctx[`aws:RequestTag/${k}`] = v;
  return ctx;
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const changed = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);

function ec2(type: string, id: string | undefined, l: Lookups, extra?: Partial<CallResource>) {
  const r: CallResource = { service: 'ec2', type, id: id ?? '*', ...extra };
  if (id && id !== '*' && !extra?.tags) r.tags = l.tagsOf(id) ?? {};
  return r;
}

function passRole(role: string, service: string, accountId: string): HandlerCall {
  const arn = role.startsWith('arn:') ? role : `arn:aws:iam::${accountId}:role/${role}`;
  return {
    action: 'iam:PassRole',
    resources: [
      {
        service: 'iam',
        type: 'role',
        id: arn,
        context: { 'iam:PassedToService': service },
      },
    ],
  };
}

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

/** ec2:RunInstances on each resource type AWS authorizes it on (Service Authorization Reference). */
function runInstances(i: StepInput, l: Lookups): HandlerCall[] {
  const p = i.props;
  const reqTags = requestTags(i.tags);
  const meta = (p['MetadataOptions'] ?? {}) as Record<string, unknown>;
  const subnet = s(p['SubnetId']);
  const image = s(p['ImageId']);
  const profile = s(p['IamInstanceProfile']);
  const resources: CallResource[] = [
    ec2('instance', '*', l, {
      context: {
        ...reqTags,
        'ec2:InstanceType': s(p['InstanceType']) ?? 'm1.small',
        'ec2:MetadataHttpTokens': s(meta['HttpTokens']) ?? 'optional',
        'ec2:MetadataHttpEndpoint': s(meta['HttpEndpoint']) ?? 'enabled',
        'ec2:Tenancy': s(p['Tenancy']) ?? 'default',
        'ec2:RootDeviceType': 'ebs',
        ...(profile ? { 'ec2:InstanceProfile': profile } : {}),
      },
    }),
  ];
  if (image) {
    const owner = l.imageOwner(image);
    resources.push({
      service: 'ec2',
      type: 'image',
      id: image,
      tags: {},
      context: { 'ec2:ImageID': image, 'ec2:ImageType': 'machine', 'ec2:Owner': owner },
    });
  }
  if (subnet) resources.push(ec2('subnet', subnet, l));
  const groups = [
    ...((p['SecurityGroupIds'] as unknown[]) ?? []),
    ...((p['SecurityGroups'] as unknown[]) ?? []),
  ].filter((g): g is string => typeof g === 'string');
  for (const g of groups) resources.push(ec2('security-group', g, l));
  resources.push(
    ec2('network-interface', '*', l, {
      context: subnet ? { 'ec2:Subnet': `arn:aws:ec2:*:${l.accountId}:subnet/${subnet}` } : {},
    }),
  );
  const volumeTags = p['PropagateTagsToVolumeOnCreation'] === true ? reqTags : {};
  resources.push(ec2('volume', '*', l, { context: volumeTags }));
  if (s(p['KeyName'])) resources.push(ec2('key-pair', s(p['KeyName']), l));
  const calls: HandlerCall[] = [{ action: 'ec2:RunInstances', resources }];
  for (const role of profile ? l.profileRoles(profile) : [])
    calls.push(passRole(role, 'ec2.amazonaws.com', l.accountId));
  return calls;
}

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

/** Tag changes on update: create/overwrite the new or changed keys, delete the removed ones. */
export function tagChanges(
  i: StepInput,
  tagAction: string,
  untagAction: string,
  resource: CallResource,
): HandlerCall[] {
  const set = Object.fromEntries(Object.entries(i.tags).filter(([k, v]) => i.oldTags[k] !== v));
  const removed = Object.keys(i.oldTags).filter((k) => !(k in i.tags));
  const calls: HandlerCall[] = [];
  if (Object.keys(set).length)
    calls.push({
      action: tagAction,
      resources: [{ ...resource, context: { ...resource.context, ...requestTags(set) } }],
    });
  if (removed.length)
    calls.push({
      action: untagAction,
      resources: [{ ...resource, context: { ...resource.context, 'aws:TagKeys': removed } }],
    });
  return calls;
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

export { passRole, changed };
