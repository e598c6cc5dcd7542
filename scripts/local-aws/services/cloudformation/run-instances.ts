/** ec2:RunInstances and the resources it acts on (see `handler-calls.ts`). */
import {
  ec2,
  passRole,
  requestTags,
  s,
  type CallResource,
  type HandlerCall,
  type Lookups,
  type StepInput,
} from './handler-call-model.js';

/** ec2:RunInstances on each resource type AWS authorizes it on (Service Authorization Reference). */
export function runInstances(i: StepInput, l: Lookups): HandlerCall[] {
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
