/**
 * CloudFormation's IAM resource types as IAM entities: AWS::IAM::Role (trust, inline Policies,
 * ManagedPolicyArns, MaxSessionDuration, Path), AWS::IAM::Policy / RolePolicy (inline policies of
 * roles), AWS::IAM::ManagedPolicy (with role attachments), AWS::IAM::OIDCProvider and
 * AWS::IAM::InstanceProfile. Property names follow the resource schemas (CloudFormation User
 * Guide, "AWS::IAM::*"). AWS managed policies (`arn:aws:iam::aws:policy/…`) are attached by ARN
 * only: the roles that use them here are assumed by build instances and Image Builder's lifecycle
 * service, which the emulator does not act as.
 */
import type { EmulatorState } from '../state.js';
import { num, str } from '../types.js';
import {
  iamState,
  type IamRole,
  type IamState,
  type PolicyDoc,
  type StoredPolicy,
} from './model.js';

export interface IamProvisionCtx {
  state: EmulatorState;
  accountId: string;
  stackName: string;
  now: number;
  requestId: string;
}

export interface IamResource {
  logicalId: string;
  type: string;
  physicalId: string;
  properties: Record<string, unknown>;
  attributes: Record<string, unknown>;
}

export const IAM_TYPES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::OIDCProvider',
  'AWS::IAM::InstanceProfile',
]);

/** An IAM API error as a resource handler reports it. */
function handlerFailure(
  pc: IamProvisionCtx,
  message: string,
  status: number,
  code: 'AlreadyExists' | 'NotFound' | 'InvalidRequest',
): string {
  return `Resource handler returned message: "${message} (Service: Iam, Status Code: ${status}, Request ID: ${pc.requestId})" (HandlerErrorCode: ${code})`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function tags(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of Array.isArray(v) ? (v as { Key?: unknown; Value?: unknown }[]) : [])
    if (typeof t.Key === 'string') out[t.Key] = String(t.Value ?? '');
  return out;
}

function pathOf(p: Record<string, unknown>): string {
  return str(p['Path']) ?? '/';
}

/** Who wrote an inline policy: the resource that owns it, so updates and deletes remove only theirs. */
function owner(pc: IamProvisionCtx, logicalId: string): string {
  return `${pc.stackName}/${logicalId}`;
}

type OwnedPolicy = StoredPolicy & { owner?: string };

function inlinePolicy(
  pc: IamProvisionCtx,
  r: IamResource,
  name: string,
  document: unknown,
  where: string,
): OwnedPolicy {
  return {
    name,
    document: document as PolicyDoc,
    source: `stack ${pc.stackName}, ${r.logicalId}${where}`,
    owner: owner(pc, r.logicalId),
  };
}

function checkManaged(pc: IamProvisionCtx, iam: IamState, arns: string[]): string | undefined {
  for (const arn of arns) {
    if (/^arn:aws[\w-]*:iam::aws:policy\//.test(arn) || iam.policies[arn]) continue;
    return handlerFailure(
      pc,
      `Policy ${arn} does not exist or is not attachable.`,
      404,
      'NotFound',
    );
  }
  return undefined;
}

function putRole(
  pc: IamProvisionCtx,
  iam: IamState,
  r: IamResource,
  update: boolean,
): string | undefined {
  const p = r.properties;
  const name = r.physicalId;
  const old = iam.roles[name];
  if (old && !update)
    return handlerFailure(pc, `Role with name ${name} already exists.`, 409, 'AlreadyExists');
  const attached = strings(p['ManagedPolicyArns']);
  const bad = checkManaged(pc, iam, attached);
  if (bad) return bad;
  const mine = owner(pc, r.logicalId);
  const kept = Object.values(old?.inline ?? {}).filter((x) => (x as OwnedPolicy).owner !== mine);
  const own = (
    Array.isArray(p['Policies']) ? (p['Policies'] as Record<string, unknown>[]) : []
  ).map((x) =>
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
}

/** Managed policies attach themselves to roles (`AWS::IAM::ManagedPolicy.Roles`): kept on update. */
function attachedByOthers(iam: IamState, arn: string, role: string): boolean {
  return iam.policies[arn]?.roles.includes(role) ?? false;
}

function rolesNamed(pc: IamProvisionCtx, iam: IamState, names: string[]): IamRole[] | string {
  const out: IamRole[] = [];
  for (const n of names) {
    const role = iam.roles[n];
    if (!role)
      return handlerFailure(pc, `The role with name ${n} cannot be found.`, 404, 'NotFound');
    out.push(role);
  }
  return out;
}

function putInline(pc: IamProvisionCtx, iam: IamState, r: IamResource): string | undefined {
  const p = r.properties;
  const names = r.type === 'AWS::IAM::RolePolicy' ? strings([p['RoleName']]) : strings(p['Roles']);
  const roles = rolesNamed(pc, iam, names);
  if (typeof roles === 'string') return roles;
  removeInline(pc, iam, r);
  const name = String(p['PolicyName']);
  for (const role of roles) role.inline[name] = inlinePolicy(pc, r, name, p['PolicyDocument'], '');
  return undefined;
}

function removeInline(pc: IamProvisionCtx, iam: IamState, r: IamResource): void {
  const mine = owner(pc, r.logicalId);
  for (const role of Object.values(iam.roles))
    for (const [k, v] of Object.entries(role.inline))
      if ((v as OwnedPolicy).owner === mine) delete role.inline[k];
}

function putManaged(
  pc: IamProvisionCtx,
  iam: IamState,
  r: IamResource,
  update: boolean,
): string | undefined {
  const p = r.properties;
  const arn = r.physicalId;
  if (iam.policies[arn] && !update)
    return handlerFailure(
      pc,
      `A policy called ${arn.split('/').pop()} already exists. Duplicate names are not allowed.`,
      409,
      'AlreadyExists',
    );
  const roleNames = strings(p['Roles']);
  const roles = rolesNamed(pc, iam, roleNames);
  if (typeof roles === 'string') return roles;
  for (const role of Object.values(iam.roles))
    role.attached = role.attached.filter((a) => a !== arn);
  iam.policies[arn] = {
    arn,
    name: arn.split('/').pop()!,
    path: pathOf(p),
    document: p['PolicyDocument'] as PolicyDoc,
    source: `stack ${pc.stackName}, ${r.logicalId}`,
    roles: roleNames,
  };
  for (const role of roles) role.attached.push(arn);
  return undefined;
}

function putProvider(
  pc: IamProvisionCtx,
  iam: IamState,
  r: IamResource,
  update: boolean,
): string | undefined {
  const p = r.properties;
  const url = str(p['Url']) ?? '';
  if (iam.oidcProviders[r.physicalId] && !update)
    return handlerFailure(pc, `Provider with url ${url} already exists.`, 409, 'AlreadyExists');
  iam.oidcProviders[r.physicalId] = {
    arn: r.physicalId,
    url,
    clientIds: strings(p['ClientIdList']),
    thumbprints: strings(p['ThumbprintList']),
    tags: tags(p['Tags']),
  };
  return undefined;
}

function putProfile(
  pc: IamProvisionCtx,
  iam: IamState,
  r: IamResource,
  update: boolean,
): string | undefined {
  const p = r.properties;
  const name = r.physicalId;
  if (iam.instanceProfiles[name] && !update)
    return handlerFailure(pc, `Instance Profile ${name} already exists.`, 409, 'AlreadyExists');
  const roles = rolesNamed(pc, iam, strings(p['Roles']));
  if (typeof roles === 'string') return roles;
  const path = pathOf(p);
  const arn = `arn:aws:iam::${pc.accountId}:instance-profile${path}${name}`;
  iam.instanceProfiles[name] = { name, arn, path, roles: roles.map((x) => x.name) };
  r.attributes['Arn'] = arn;
  return undefined;
}

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
