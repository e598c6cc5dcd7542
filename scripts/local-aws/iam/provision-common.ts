/** What the IAM resource handlers share: their context, failure wording and small readers. */
import { parsePolicy, PolicyError } from '../../../actions/lib/iam/policy.js';
import type { EmulatorState } from '../state.js';
import { str } from '../types.js';
import type { IamState, PolicyDoc, StoredPolicy } from './model.js';

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
export function handlerFailure(
  pc: IamProvisionCtx,
  message: string,
  status: number,
  code: 'AlreadyExists' | 'NotFound' | 'InvalidRequest',
): string {
  return `Resource handler returned message: "${message} (Service: Iam, Status Code: ${status}, Request ID: ${pc.requestId})" (HandlerErrorCode: ${code})`;
}

/** A creating (not updating) handler's refusal when the entity is already there; else undefined. */
export function alreadyExists(
  pc: IamProvisionCtx,
  taken: boolean,
  update: boolean,
  message: string,
): string | undefined {
  return taken && !update ? handlerFailure(pc, message, 409, 'AlreadyExists') : undefined;
}

/** One resource type's create-or-update handler: the handler's failure reason, if any. */
export type IamPut = (
  pc: IamProvisionCtx,
  iam: IamState,
  r: IamResource,
  update: boolean,
) => string | undefined;

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function tags(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of Array.isArray(v) ? (v as { Key?: unknown; Value?: unknown }[]) : [])
    if (typeof t.Key === 'string') out[t.Key] = String(t.Value ?? '');
  return out;
}

export function pathOf(p: Record<string, unknown>): string {
  return str(p['Path']) ?? '/';
}

/** Who wrote an inline policy: the resource that owns it, so updates and deletes remove only theirs. */
export function owner(pc: IamProvisionCtx, logicalId: string): string {
  return `${pc.stackName}/${logicalId}`;
}

export type OwnedPolicy = StoredPolicy & { owner?: string };

export function inlinePolicy(
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

/**
 * IAM refuses a malformed policy document when it is put (MalformedPolicyDocument), so the
 * evaluator never meets one at request time.
 */
export function malformed(pc: IamProvisionCtx, docs: unknown[]): string | undefined {
  for (const doc of docs) {
    try {
      parsePolicy(doc as PolicyDoc);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      return handlerFailure(pc, `Syntax errors in policy: ${e.message}.`, 400, 'InvalidRequest');
    }
  }
  return undefined;
}

export function checkManaged(
  pc: IamProvisionCtx,
  iam: IamState,
  arns: string[],
): string | undefined {
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
