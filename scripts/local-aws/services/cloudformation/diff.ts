/**
 * What an update does to each resource, as a change set reports it: Add, Remove, or Modify with
 * `Replacement` from the property's update behaviour (resource reference pages, "Update requires:
 * Replacement"). The compact resource specification has no update behaviours, so the properties
 * that force a replacement are listed here for the types our stacks use; any other change is an
 * in-place update. A property whose new value is not known yet (it references a resource being
 * added or replaced) is `Conditional` when it is a replacement property, as CloudFormation shows it.
 */
import { resourceDependencies } from '../../../../actions/lib/cloudformation/index.js';
import type { Change, ResourceRec } from './model.js';
import { canonical } from './template.js';
import { evalContext, PENDING, resourceProperties, type EvalInput } from './evaluation.js';
import { activeResources } from './template.js';

export const REPLACING: Record<string, string[]> = {
  'AWS::EC2::Instance': [
    'ImageId',
    'SubnetId',
    'AvailabilityZone',
    'KeyName',
    'PrivateIpAddress',
    'NetworkInterfaces',
    'SecurityGroups',
    'Tenancy',
    'HostId',
    'PlacementGroupName',
    'CpuOptions',
    'LaunchTemplate',
    'Ipv6Addresses',
    'Ipv6AddressCount',
    'ElasticGpuSpecifications',
    'HibernationOptions',
    'LicenseSpecifications',
    'EnclaveOptions',
    'ElasticInferenceAccelerators',
    'SecondaryPrivateIpAddressCount',
  ],
  'AWS::EC2::VPC': ['CidrBlock', 'InstanceTenancy', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength'],
  'AWS::EC2::Subnet': [
    'VpcId',
    'CidrBlock',
    'AvailabilityZone',
    'AvailabilityZoneId',
    'Ipv6CidrBlock',
    'OutpostArn',
  ],
  'AWS::EC2::SecurityGroup': ['GroupDescription', 'GroupName', 'VpcId'],
  'AWS::EC2::RouteTable': ['VpcId'],
  'AWS::EC2::Route': [
    'RouteTableId',
    'DestinationCidrBlock',
    'DestinationIpv6CidrBlock',
    'DestinationPrefixListId',
  ],
  'AWS::EC2::SubnetRouteTableAssociation': ['SubnetId', 'RouteTableId'],
  'AWS::EC2::VPCGatewayAttachment': ['VpcId'],
  'AWS::IAM::Role': ['RoleName', 'Path', 'PermissionsBoundary'],
  'AWS::IAM::InstanceProfile': ['InstanceProfileName', 'Path'],
  'AWS::IAM::OIDCProvider': ['Url'],
  'AWS::S3::Bucket': ['BucketName', 'ObjectLockEnabled'],
  'AWS::ImageBuilder::InfrastructureConfiguration': ['Name'],
  'AWS::ImageBuilder::DistributionConfiguration': ['Name'],
  'AWS::ImageBuilder::LifecyclePolicy': ['Name'],
};

export interface Classified {
  action: 'create' | 'none' | 'update' | 'replace';
  changed: string[];
  conditional: boolean;
}

/** How a resource goes from `old` to the properties `props` (which may hold placeholders). */
export function classify(
  old: ResourceRec | undefined,
  type: string,
  props: Record<string, unknown>,
): Classified {
  if (!old || old.status.startsWith('DELETE'))
    return { action: 'create', changed: [], conditional: false };
  if (old.type !== type) return { action: 'replace', changed: ['Type'], conditional: false };
  const keys = [...new Set([...Object.keys(old.properties), ...Object.keys(props)])];
  const changed = keys.filter((k) => canonical(old.properties[k]) !== canonical(props[k]));
  if (!changed.length) return { action: 'none', changed, conditional: false };
  const repl = REPLACING[type] ?? [];
  const pending = (k: string) => JSON.stringify(props[k] ?? null).includes(PENDING);
  const definite = changed.some((k) => repl.includes(k) && !pending(k));
  const conditional = !definite && changed.some((k) => repl.includes(k) && pending(k));
  return { action: definite ? 'replace' : 'update', changed, conditional };
}

/** The change set's resource changes for an update from `e.resources` to `e.template`. */
export function computeChanges(e: EvalInput): Change[] {
  const lenient: EvalInput = { ...e, lenient: true, resources: { ...e.resources } };
  const ctx = evalContext(lenient);
  const active = new Set(activeResources(e.template, ctx));
  const changes: Change[] = [];
  for (const id of resourceDependencies(e.template).order.filter((x) => active.has(x))) {
    const type = String(e.template.Resources?.[id]?.Type);
    const old = e.resources[id];
    const props = resourceProperties(lenient, id, evalContext(lenient));
    const c = classify(old, type, props);
    if (c.action === 'none') continue;
    if (c.action === 'create') {
      changes.push({ action: 'Add', logicalId: id, type, scope: [], details: [] });
      continue;
    }
    // A replaced resource's Ref/GetAtt are unknown until it exists: dependants see placeholders.
    if (c.action === 'replace') delete lenient.resources[id];
    const repl = REPLACING[type] ?? [];
    changes.push({
      action: 'Modify',
      logicalId: id,
      physicalId: old?.physicalId,
      type,
      replacement: c.action === 'replace' ? 'True' : c.conditional ? 'Conditional' : 'False',
      scope: [...new Set(c.changed.map((k) => (k === 'Tags' ? 'Tags' : 'Properties')))],
      details: c.changed.map((k) => {
        const causing = /\{\{pending:([^.}]+)/.exec(JSON.stringify(props[k] ?? null))?.[1];
        return {
          Target: {
            Attribute: k === 'Tags' ? 'Tags' : 'Properties',
            Name: k,
            RequiresRecreation: repl.includes(k) ? (causing ? 'Conditionally' : 'Always') : 'Never',
          },
          Evaluation: causing ? 'Dynamic' : 'Static',
          ChangeSource: causing ? 'ResourceReference' : 'DirectModification',
          CausingEntity: causing,
        };
      }),
    });
  }
  for (const [id, r] of Object.entries(e.resources)) {
    if (!active.has(id) && !r.status.startsWith('DELETE')) {
      changes.push({
        action: 'Remove',
        logicalId: id,
        physicalId: r.physicalId,
        type: r.type,
        scope: [],
        details: [],
      });
    }
  }
  return changes;
}
