/**
 * CloudFormation's IAM resource types as IAM entities: AWS::IAM::Role (trust, inline Policies,
 * ManagedPolicyArns, MaxSessionDuration, Path), AWS::IAM::Policy / RolePolicy (inline policies of
 * roles), AWS::IAM::ManagedPolicy (with role attachments), AWS::IAM::OIDCProvider and
 * AWS::IAM::InstanceProfile. Property names follow the resource schemas (CloudFormation User
 * Guide, "AWS::IAM::*"). AWS managed policies (`arn:aws:iam::aws:policy/…`) are attached by ARN
 * only: the roles that use them here are assumed by build instances and Image Builder's lifecycle
 * service, which the emulator does not act as.
 */
import { num, str } from '../types.js';
import { iamState, type IamRole, type IamState, type PolicyDoc } from './model.js';
import {
  alreadyExists,
  checkManaged,
  inlinePolicy,
  malformed,
  owner,
  pathOf,
  strings,
  tags,
  type IamProvisionCtx,
  type IamPut,
  type IamResource,
  type OwnedPolicy,
} from './provision-common.js';
import { putInline, putManaged, removeInline, rolesNamed } from './provision-policies.js';

export { IAM_TYPES, type IamProvisionCtx, type IamResource } from './provision-common.js';

const putRole: IamPut = (pc, iam, r, update) => {
  const p = r.properties;
  const name = r.physicalId;
  const old = iam.roles[name];
  const taken = alreadyExists(pc, !!old, update, `Role with name ${name} already exists.`);
  if (taken) return taken;
  const attached = strings(p['ManagedPolicyArns']);
  const policies = Array.isArray(p['Policies']) ? (p['Policies'] as Record<string, unknown>[]) : [];
  const bad =
    malformed(pc, [p['AssumeRolePolicyDocument'], ...policies.map((x) => x['PolicyDocument'])]) ??
    checkManaged(pc, iam, attached);
  if (bad) return bad;
  const mine = owner(pc, r.logicalId);
  const kept = Object.values(old?.inline ?? {}).filter((x) => (x as OwnedPolicy).owner !== mine);
  const own = policies.map((x) =>
    inlinePolicy(
      pc,
      r,
      String(x['PolicyName']),
      x['PolicyDocument'],
      `.Policies[${String(x['PolicyName'])}]`,
    ),
  );
  const path = pathOf(p);
  const arn = `arn:aws:iam::${pc.accountId}:role${path}${name}`;
  const role: IamRole = {
    name,
    arn,
    roleId: old?.roleId ?? String(r.attributes['RoleId'] ?? ''),
    path,
    trust: {
      name: 'AssumeRolePolicyDocument',
      document: p['AssumeRolePolicyDocument'] as PolicyDoc,
      source: `stack ${pc.stackName}, ${r.logicalId}.AssumeRolePolicyDocument`,
    },
    inline: Object.fromEntries([...kept, ...own].map((x) => [x.name, x])),
    attached: [
      ...new Set([
        ...attached,
        ...(old?.attached ?? []).filter((a) => attachedByOthers(iam, a, name)),
      ]),
    ],
    maxSessionDuration: num(p['MaxSessionDuration']) ?? 3600,
    description: str(p['Description']),
    createDate: old?.createDate ?? pc.now,
    tags: tags(p['Tags']),
  };
  iam.roles[name] = role;
  r.attributes['Arn'] = arn;
  return undefined;
};

/** Managed policies attach themselves to roles (`AWS::IAM::ManagedPolicy.Roles`): kept on update. */
function attachedByOthers(iam: IamState, arn: string, role: string): boolean {
  return iam.policies[arn]?.roles.includes(role) ?? false;
}

const putProvider: IamPut = (pc, iam, r, update) => {
  const p = r.properties;
  const url = str(p['Url']) ?? '';
  const taken = alreadyExists(
    pc,
    !!iam.oidcProviders[r.physicalId],
    update,
    `Provider with url ${url} already exists.`,
  );
  if (taken) return taken;
  iam.oidcProviders[r.physicalId] = {
    arn: r.physicalId,
    url,
    clientIds: strings(p['ClientIdList']),
    thumbprints: strings(p['ThumbprintList']),
    tags: tags(p['Tags']),
  };
  return undefined;
};

const putProfile: IamPut = (pc, iam, r, update) => {
  const p = r.properties;
  const name = r.physicalId;
  const taken = alreadyExists(
    pc,
    !!iam.instanceProfiles[name],
    update,
    `Instance Profile ${name} already exists.`,
  );
  if (taken) return taken;
  const roles = rolesNamed(pc, iam, strings(p['Roles']));
  if (typeof roles === 'string') return roles;
  const path = pathOf(p);
  const arn = `arn:aws:iam::${pc.accountId}:instance-profile${path}${name}`;
  iam.instanceProfiles[name] = { name, arn, path, roles: roles.map((x) => x.name) };
  r.attributes['Arn'] = arn;
  return undefined;
};

/** Creates or updates the IAM entity of `r`; returns the handler's failure reason, if any. */
export function provisionIam(
  pc: IamProvisionCtx,
  r: IamResource,
  update = false,
): string | undefined {
  const iam = iamState(pc.state);
  switch (r.type) {
    case 'AWS::IAM::Role':
      return putRole(pc, iam, r, update);
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::RolePolicy':
      return putInline(pc, iam, r);
    case 'AWS::IAM::ManagedPolicy':
      return putManaged(pc, iam, r, update);
    case 'AWS::IAM::OIDCProvider':
      return putProvider(pc, iam, r, update);
    case 'AWS::IAM::InstanceProfile':
      return putProfile(pc, iam, r, update);
  }
  return undefined;
}

export function deprovisionIam(pc: IamProvisionCtx, r: IamResource): void {
  const iam = iamState(pc.state);
  switch (r.type) {
    case 'AWS::IAM::Role':
      delete iam.roles[r.physicalId];
      return;
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::RolePolicy':
      return removeInline(pc, iam, r);
    case 'AWS::IAM::ManagedPolicy':
      for (const role of Object.values(iam.roles))
        role.attached = role.attached.filter((a) => a !== r.physicalId);
      delete iam.policies[r.physicalId];
      return;
    case 'AWS::IAM::OIDCProvider':
      delete iam.oidcProviders[r.physicalId];
      return;
    case 'AWS::IAM::InstanceProfile':
      delete iam.instanceProfiles[r.physicalId];
  }
}
