/**
 * EC2 DescribeInstances over the instances CloudFormation stacks created (AWS::EC2::Instance
 * resources; the emulator has no RunInstances). Shape per the EC2 API reference: reservationSet →
 * instancesSet, one reservation per instance; `InstanceId.N` (an unknown well-formed id is
 * `InvalidInstanceID.NotFound`, a malformed one `InvalidInstanceID.Malformed`) and filters
 * instance-id, image-id, instance-type, instance-state-name, availability-zone, tag:<key>,
 * tag-key. An instance whose resource is being deleted is `shutting-down`.
 */
import type { EmulatorState } from '../state.js';
import { ApiError, type Input, type OpContext } from '../types.js';
import { queryList, queryStructs } from '../protocols/query.js';
import type { CfnState, ResourceRec } from './cloudformation/model.js';

interface Instance {
  id: string;
  stackId: string;
  rec: ResourceRec;
  state: { code: number; name: string };
}

/** Read without importing the CloudFormation model (which imports EC2): a type-only dependency. */
function stackInstances(state: EmulatorState, region: string): Instance[] {
  const cfn = state.regions[region]?.['cloudformation'] as CfnState | undefined;
  const out: Instance[] = [];
  for (const stack of Object.values(cfn?.stacks ?? {})) {
    if (stack.status === 'DELETE_COMPLETE') continue;
    for (const rec of Object.values(stack.resources)) {
      if (rec.type !== 'AWS::EC2::Instance' || rec.status === 'DELETE_COMPLETE') continue;
      const stopping = rec.status === 'DELETE_IN_PROGRESS';
      out.push({
        id: rec.physicalId,
        stackId: stack.stackId,
        rec,
        state: stopping ? { code: 32, name: 'shutting-down' } : { code: 16, name: 'running' },
      });
    }
  }
  return out;
}

function tagsOf(i: Instance): Record<string, string> {
  const t = (i.rec.properties['Tags'] as { Key?: string; Value?: string }[] | undefined) ?? [];
  const tags = Object.fromEntries(t.map((x) => [String(x.Key), String(x.Value)]));
  return {
    ...tags,
    'aws:cloudformation:stack-id': i.stackId,
    'aws:cloudformation:stack-name': i.stackId.split('/')[1] ?? '',
    'aws:cloudformation:logical-id': i.rec.logicalId,
  };
}

function values(i: Instance, name: string): string[] | undefined {
  const a = i.rec.attributes;
  const p = i.rec.properties;
  if (name.startsWith('tag:')) {
    const v = tagsOf(i)[name.slice(4)];
    return v === undefined ? [] : [v];
  }
  const fields: Record<string, unknown> = {
    'instance-id': i.id,
    'image-id': p['ImageId'],
    'instance-type': p['InstanceType'] ?? 'm1.small',
    'instance-state-name': i.state.name,
    'availability-zone': a['AvailabilityZone'],
  };
  if (name === 'tag-key') return Object.keys(tagsOf(i));
  if (!(name in fields)) return undefined;
  return [String(fields[name] ?? '')];
}

function toWire(i: Instance, ctx: OpContext) {
  const a = i.rec.attributes;
  const p = i.rec.properties;
  return {
    reservationId: `r-${i.id.slice(2)}`,
    ownerId: ctx.accountId,
    groupSet: [],
    instancesSet: [
      {
        instanceId: i.id,
        imageId: p['ImageId'],
        instanceState: i.state,
        privateDnsName: a['PrivateDnsName'],
        dnsName: a['PublicDnsName'],
        instanceType: p['InstanceType'] ?? 'm1.small',
        launchTime: new Date(i.rec.timestamp).toISOString(),
        placement: { availabilityZone: a['AvailabilityZone'], tenancy: 'default' },
        privateIpAddress: a['PrivateIp'],
        ipAddress: a['PublicIp'],
        subnetId: p['SubnetId'],
        architecture: 'x86_64',
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        tagSet: Object.entries(tagsOf(i)).map(([key, value]) => ({ key, value })),
      },
    ],
  };
}

export function describeInstances(input: Input, ctx: OpContext) {
  const all = stackInstances(ctx.state, ctx.region);
  const ids = queryList(input, 'InstanceId');
  const bad = ids.find((id) => !/^i-[0-9a-f]{8,17}$/.test(id));
  if (bad)
    throw new ApiError('InvalidInstanceID.Malformed', `Invalid id: "${bad}" (expecting "i-...")`);
  const missing = ids.filter((id) => !all.some((i) => i.id === id));
  if (missing.length)
    throw new ApiError(
      'InvalidInstanceID.NotFound',
      `The instance ID${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' do${missing.length > 1 ? '' : 'es'} not exist`,
    );
  const filters = queryStructs(input, 'Filter').map((f) => ({
    name: f['Name'] ?? '',
    values: Object.entries(f)
      .filter(([k]) => /^Value\.\d+$/.test(k))
      .map(([, v]) => v),
  }));
  const sample = all[0];
  for (const f of filters)
    if (sample && values(sample, f.name) === undefined)
      throw new ApiError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
  const matched = all
    .filter((i) => !ids.length || ids.includes(i.id))
    .filter((i) =>
      filters.every((f) => (values(i, f.name) ?? []).some((v) => f.values.includes(v))),
    );
  return { reservationSet: matched.map((i) => toWire(i, ctx)) };
}
