/** Inline (AWS::IAM::Policy, RolePolicy) and managed (AWS::IAM::ManagedPolicy) policies of roles. */
import type { IamRole, IamState, PolicyDoc } from './model.js';
import {
  alreadyExists,
  handlerFailure,
  inlinePolicy,
  malformed,
  owner,
  pathOf,
  strings,
  type IamProvisionCtx,
  type IamPut,
  type IamResource,
  type OwnedPolicy,
} from './provision-common.js';

export function rolesNamed(
  pc: IamProvisionCtx,
  iam: IamState,
  names: string[],
): IamRole[] | string {
  const out: IamRole[] = [];
  for (const n of names) {
    const role = iam.roles[n];
    if (!role)
      return handlerFailure(pc, `The role with name ${n} cannot be found.`, 404, 'NotFound');
    out.push(role);
  }
  return out;
}

export function putInline(pc: IamProvisionCtx, iam: IamState, r: IamResource): string | undefined {
  const p = r.properties;
  const names = r.type === 'AWS::IAM::RolePolicy' ? strings([p['RoleName']]) : strings(p['Roles']);
  const roles = rolesNamed(pc, iam, names);
  if (typeof roles === 'string') return roles;
  const bad = malformed(pc, [p['PolicyDocument']]);
  if (bad) return bad;
  removeInline(pc, iam, r);
  const name = String(p['PolicyName']);
  for (const role of roles) role.inline[name] = inlinePolicy(pc, r, name, p['PolicyDocument'], '');
  return undefined;
}

export function removeInline(pc: IamProvisionCtx, iam: IamState, r: IamResource): void {
  const mine = owner(pc, r.logicalId);
  for (const role of Object.values(iam.roles))
    for (const [k, v] of Object.entries(role.inline))
      if ((v as OwnedPolicy).owner === mine) delete role.inline[k];
}

export const putManaged: IamPut = (pc, iam, r, update) => {
  const p = r.properties;
  const arn = r.physicalId;
  const bad = malformed(pc, [p['PolicyDocument']]);
  if (bad) return bad;
  const taken = alreadyExists(
    pc,
    !!iam.policies[arn],
    update,
    `A policy called ${arn.split('/').pop()} already exists. Duplicate names are not allowed.`,
  );
  if (taken) return taken;
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
};
