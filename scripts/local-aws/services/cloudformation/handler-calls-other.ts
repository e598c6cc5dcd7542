/**
 * The mutating calls of the IAM, Image Builder and S3 handlers (see `handler-calls.ts` for how
 * the calls are picked from the registry schemas' permission lists).
 */
import {
  changed,
  passRole,
  requestTags,
  s,
  tagChanges,
  type CallResource,
  type HandlerCall,
  type Lookups,
  type StepInput,
} from './handler-call-model.js';

function policyNames(v: unknown): string[] {
  return (Array.isArray(v) ? (v as { PolicyName?: unknown }[]) : [])
    .map((p) => s(p.PolicyName))
    .filter((n): n is string => !!n);
}

function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : []).filter((x): x is string => typeof x === 'string');
}

function roleCalls(i: StepInput, r: CallResource): HandlerCall[] {
  const on = (action: string, context = {}): HandlerCall => ({
    action,
    resources: [{ ...r, context: { ...r.context, ...context } }],
  });
  const old = i.oldProps ?? {};
  const policies = policyNames(i.props['Policies']);
  const managed = strings(i.props['ManagedPolicyArns']);
  if (i.op === 'create') {
    const calls = [on('iam:CreateRole', requestTags(i.tags))];
    if (Object.keys(i.tags).length) calls.push(on('iam:TagRole', requestTags(i.tags)));
    policies.forEach(() => calls.push(on('iam:PutRolePolicy')));
    for (const arn of managed) calls.push(on('iam:AttachRolePolicy', { 'iam:PolicyARN': arn }));
    return calls;
  }
  const oldPolicies = policyNames(old['Policies']);
  const oldManaged = strings(old['ManagedPolicyArns']);
  if (i.op === 'delete')
    return [
      ...oldManaged.map((arn) => on('iam:DetachRolePolicy', { 'iam:PolicyARN': arn })),
      ...oldPolicies.map(() => on('iam:DeleteRolePolicy')),
      on('iam:DeleteRole'),
    ];
  const calls: HandlerCall[] = [];
  if (changed(old['AssumeRolePolicyDocument'], i.props['AssumeRolePolicyDocument']))
    calls.push(on('iam:UpdateAssumeRolePolicy'));
  if (
    changed(old['MaxSessionDuration'], i.props['MaxSessionDuration']) ||
    changed(old['Description'], i.props['Description'])
  )
    calls.push(on('iam:UpdateRole'));
  const before = new Map(
    ((old['Policies'] as { PolicyName?: string }[]) ?? []).map((p) => [p.PolicyName, p]),
  );
  for (const p of (i.props['Policies'] as { PolicyName?: string }[]) ?? [])
    if (changed(before.get(p.PolicyName), p)) calls.push(on('iam:PutRolePolicy'));
  for (const n of oldPolicies) if (!policies.includes(n)) calls.push(on('iam:DeleteRolePolicy'));
  for (const arn of managed)
    if (!oldManaged.includes(arn)) calls.push(on('iam:AttachRolePolicy', { 'iam:PolicyARN': arn }));
  for (const arn of oldManaged)
    if (!managed.includes(arn)) calls.push(on('iam:DetachRolePolicy', { 'iam:PolicyARN': arn }));
  return [...calls, ...tagChanges(i, 'iam:TagRole', 'iam:UntagRole', r)];
}

function iamCalls(i: StepInput, l: Lookups): HandlerCall[] {
  const id = i.id;
  switch (i.type) {
    case 'AWS::IAM::Role': {
      const path = s(i.props['Path']) ?? '/';
      return roleCalls(i, {
        service: 'iam',
        type: 'role',
        id: `${path.slice(1)}${id}`,
        tags: i.oldTags,
      });
    }
    case 'AWS::IAM::InstanceProfile': {
      const path = s(i.props['Path']) ?? '/';
      const r: CallResource = {
        service: 'iam',
        type: 'instance-profile',
        id: `${path.slice(1)}${id}`,
      };
      const roles = strings(i.props['Roles']);
      const oldRoles = strings(i.oldProps?.['Roles']);
      const add = (role: string) => [
        { action: 'iam:AddRoleToInstanceProfile', resources: [r] },
        passRole(role, 'ec2.amazonaws.com', l.accountId),
      ];
      const remove = { action: 'iam:RemoveRoleFromInstanceProfile', resources: [r] };
      if (i.op === 'create')
        return [{ action: 'iam:CreateInstanceProfile', resources: [r] }, ...roles.flatMap(add)];
      if (i.op === 'delete')
        return [
          ...oldRoles.map(() => remove),
          { action: 'iam:DeleteInstanceProfile', resources: [r] },
        ];
      return [
        ...oldRoles.filter((x) => !roles.includes(x)).map(() => remove),
        ...roles.filter((x) => !oldRoles.includes(x)).flatMap(add),
      ];
    }
    case 'AWS::IAM::OIDCProvider': {
      const r: CallResource = {
        service: 'iam',
        type: 'oidc-provider',
        id: id.split(':oidc-provider/')[1] ?? id,
        tags: i.oldTags,
      };
      if (i.op === 'create') {
        const calls = [
          {
            action: 'iam:CreateOpenIDConnectProvider',
            resources: [{ ...r, context: requestTags(i.tags) }],
          },
        ];
        if (Object.keys(i.tags).length)
          calls.push({
            action: 'iam:TagOpenIDConnectProvider',
            resources: [{ ...r, context: requestTags(i.tags) }],
          });
        return calls;
      }
      if (i.op === 'delete') return [{ action: 'iam:DeleteOpenIDConnectProvider', resources: [r] }];
      const old = i.oldProps ?? {};
      const calls: HandlerCall[] = [];
      if (changed(old['ThumbprintList'], i.props['ThumbprintList']))
        calls.push({ action: 'iam:UpdateOpenIDConnectProviderThumbprint', resources: [r] });
      const ids = strings(i.props['ClientIdList']);
      const oldIds = strings(old['ClientIdList']);
      if (ids.some((x) => !oldIds.includes(x)))
        calls.push({ action: 'iam:AddClientIDToOpenIDConnectProvider', resources: [r] });
      if (oldIds.some((x) => !ids.includes(x)))
        calls.push({ action: 'iam:RemoveClientIDFromOpenIDConnectProvider', resources: [r] });
      return [
        ...calls,
        ...tagChanges(i, 'iam:TagOpenIDConnectProvider', 'iam:UntagOpenIDConnectProvider', r),
      ];
    }
  }
  return [];
}

/** Image Builder types: catalogue resource type, action noun, the property naming a passed role. */
const IB: Record<string, [string, string, string | undefined]> = {
  'AWS::ImageBuilder::InfrastructureConfiguration': [
    'infrastructureConfiguration',
    'InfrastructureConfiguration',
    'InstanceProfileName',
  ],
  'AWS::ImageBuilder::DistributionConfiguration': [
    'distributionConfiguration',
    'DistributionConfiguration',
    undefined,
  ],
  'AWS::ImageBuilder::LifecyclePolicy': ['lifecyclePolicy', 'LifecyclePolicy', 'ExecutionRole'],
};

function imagebuilderCalls(i: StepInput, l: Lookups): HandlerCall[] {
  const [type, noun, roleProp] = IB[i.type]!;
  const r: CallResource = { service: 'imagebuilder', type, id: i.id, tags: i.oldTags };
  if (i.op === 'delete') return [{ action: `imagebuilder:Delete${noun}`, resources: [r] }];
  const pass: HandlerCall[] = [];
  const role = roleProp ? s(i.props[roleProp]) : undefined;
  if (role && roleProp === 'InstanceProfileName')
    for (const name of l.profileRoles(role))
      pass.push(passRole(name, 'ec2.amazonaws.com', l.accountId));
  else if (role) pass.push(passRole(role, 'imagebuilder.amazonaws.com', l.accountId));
  if (i.op === 'create')
    return [
      {
        action: `imagebuilder:Create${noun}`,
        resources: [{ ...r, tags: {}, context: requestTags(i.tags) }],
      },
      ...pass,
    ];
  const { Tags: _t, ...props } = i.props;
  const { Tags: _o, ...oldProps } = i.oldProps ?? {};
  return [
    ...(changed(props, oldProps)
      ? [{ action: `imagebuilder:Update${noun}`, resources: [r] }, ...pass]
      : []),
    ...tagChanges(i, 'imagebuilder:TagResource', 'imagebuilder:UntagResource', r),
  ];
}

/** Bucket properties and the call the handler makes for each. */
const BUCKET_CALLS: Record<string, string> = {
  VersioningConfiguration: 's3:PutBucketVersioning',
  BucketEncryption: 's3:PutEncryptionConfiguration',
  PublicAccessBlockConfiguration: 's3:PutBucketPublicAccessBlock',
  LifecycleConfiguration: 's3:PutLifecycleConfiguration',
  OwnershipControls: 's3:PutBucketOwnershipControls',
  CorsConfiguration: 's3:PutBucketCORS',
  LoggingConfiguration: 's3:PutBucketLogging',
  WebsiteConfiguration: 's3:PutBucketWebsite',
  NotificationConfiguration: 's3:PutBucketNotification',
  ReplicationConfiguration: 's3:PutReplicationConfiguration',
};

function s3Calls(i: StepInput): HandlerCall[] {
  const r: CallResource = { service: 's3', type: 'bucket', id: i.id, tags: i.oldTags };
  if (i.op === 'delete') return [{ action: 's3:DeleteBucket', resources: [r] }];
  const old = i.oldProps ?? {};
  const calls: HandlerCall[] =
    i.op === 'create'
      ? [
          {
            action: 's3:CreateBucket',
            resources: [{ ...r, tags: {}, context: requestTags(i.tags) }],
          },
        ]
      : [];
  for (const [prop, action] of Object.entries(BUCKET_CALLS))
    if (i.props[prop] !== undefined && (i.op === 'create' || changed(old[prop], i.props[prop])))
      calls.push({ action, resources: [r] });
  const tagsChanged = changed(i.tags, i.op === 'create' ? {} : i.oldTags);
  if (tagsChanged) calls.push({ action: 's3:PutBucketTagging', resources: [r] });
  return calls;
}

export function otherCalls(i: StepInput, l: Lookups): HandlerCall[] | undefined {
  if (i.type.startsWith('AWS::IAM::')) return iamCalls(i, l);
  if (IB[i.type]) return imagebuilderCalls(i, l);
  if (i.type === 'AWS::S3::Bucket') return s3Calls(i);
  return undefined;
}
