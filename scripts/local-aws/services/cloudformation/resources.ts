/**
 * Resource providers, generic by default: a realistic physical id per type, `Ref` and `Fn::GetAtt`
 * values (resource-identity.ts), and behaviour only where the pipeline
 * relies on it: Image Builder infrastructure/distribution configurations are created in the
 * emulator's Image Builder state (usable by build-image), and an `AWS::EC2::Instance` needs its
 * `ImageId` to exist in the region (EC2 `InvalidAMIID.NotFound` otherwise) and its `InstanceType` to
 * be of the AMI's architecture (EC2 `InvalidParameterValue`, ec2-architecture.ts).
 */
import type { ResourceSpec } from '../../../../actions/lib/cloudformation/index.js';
import { ApiError, type OpContext } from '../../types.js';
import { findImage } from '../ec2.js';
import { launchMismatch } from '../ec2-architecture.js';
import { createConfiguration } from '../imagebuilder/index.js';
import { arn as ibArn, ibState } from '../imagebuilder/model.js';
import type { ResourceRec } from './model.js';
import { deprovisionIam, IAM_TYPES, provisionIam } from '../../iam/provision.js';
import { propertyErrors, toApiInput } from './props.js';
import { attributes, IB_KIND, physicalId } from './resource-identity.js';

export interface ProvisionCtx extends Pick<
  OpContext,
  'state' | 'region' | 'accountId' | 'random' | 'clock'
> {
  stackName: string;
  spec: ResourceSpec;
  /**
   * Authorizes the handler's calls for the resource's physical id (the one it is about to get on
   * create) once the properties are valid; returns the denial's status reason.
   */
  authorize?: (physicalId: string) => string | undefined;
}

export type Outcome = { ok: true; rec: ResourceRec } | { ok: false; reason: string };

function handlerError(e: unknown, code = 'InvalidRequest'): string {
  const msg = e instanceof Error ? e.message : String(e);
  const c =
    e instanceof ApiError
      ? e.code === 'ResourceAlreadyExistsException'
        ? 'AlreadyExists'
        : code
      : code;
  return `Resource handler returned message: "${msg}" (HandlerErrorCode: ${c})`;
}

function instanceCheck(pc: ProvisionCtx, p: Record<string, unknown>): string | undefined {
  const image = p['ImageId'];
  if (typeof image !== 'string') return undefined;
  const ami = findImage(pc.state, pc.region, image);
  if (!ami)
    return `The image id '[${image}]' does not exist (Service: Ec2, Status Code: 400, Error Code: InvalidAMIID.NotFound, Request ID: ${pc.random.uuid()})`;
  // EC2's default instance type when InstanceType is left out is m1.small (x86_64).
  const mismatch = launchMismatch(
    typeof p['InstanceType'] === 'string' ? p['InstanceType'] : 'm1.small',
    ami.architecture,
  );
  if (!mismatch) return undefined;
  return `${mismatch} (Service: Ec2, Status Code: 400, Error Code: InvalidParameterValue, Request ID: ${pc.random.uuid()})`;
}

/** Why the handler rejects these properties (the specification's rules, then EC2's), if it does. */
function invalidReason(
  pc: ProvisionCtx,
  type: string,
  logicalId: string,
  p: Record<string, unknown>,
): string | undefined {
  return (
    propertyErrors(pc.spec, type, logicalId, p) ||
    (type === 'AWS::EC2::Instance' ? instanceCheck(pc, p) : undefined)
  );
}

function record(
  pc: ProvisionCtx,
  logicalId: string,
  type: string,
  id: string,
  p: Record<string, unknown>,
): ResourceRec {
  return {
    logicalId,
    type,
    physicalId: id,
    status: 'CREATE_COMPLETE',
    timestamp: pc.clock.now(),
    properties: p,
    attributes: attributes(pc, type, id, p),
  };
}

export function createResource(
  pc: ProvisionCtx,
  logicalId: string,
  type: string,
  p: Record<string, unknown>,
): Outcome {
  const invalid = invalidReason(pc, type, logicalId, p);
  if (invalid) return { ok: false, reason: invalid };
  const kind = IB_KIND[type];
  const id = kind
    ? ibArn(pc, `${kind}-configuration`, String(p['Name'] ?? ''))
    : physicalId(pc, logicalId, type, p);
  const denied = pc.authorize?.(id);
  if (denied) return { ok: false, reason: denied };
  if (kind) {
    try {
      const input = toApiInput(pc.spec, type, p);
      const rec = createConfiguration(kind, input, pc);
      return { ok: true, rec: record(pc, logicalId, type, rec.arn, p) };
    } catch (e) {
      return { ok: false, reason: handlerError(e) };
    }
  }
  const rec = record(pc, logicalId, type, id, p);
  const failed = IAM_TYPES.has(type) ? provisionIam(iamCtx(pc), rec) : undefined;
  return failed ? { ok: false, reason: failed } : { ok: true, rec };
}

function iamCtx(pc: ProvisionCtx) {
  return {
    state: pc.state,
    accountId: pc.accountId,
    stackName: pc.stackName,
    now: pc.clock.now(),
    requestId: pc.random.uuid(),
  };
}

/** An update rollback puts a resource back as `rec` was: IAM entities get their old properties. */
export function restoreResource(pc: ProvisionCtx, rec: ResourceRec): void {
  if (IAM_TYPES.has(rec.type))
    provisionIam(iamCtx(pc), { ...rec, attributes: { ...rec.attributes } }, true);
}

/** In-place update (no replacement): same physical id, new properties. */
export function updateResource(
  pc: ProvisionCtx,
  old: ResourceRec,
  p: Record<string, unknown>,
): Outcome {
  const invalid = invalidReason(pc, old.type, old.logicalId, p);
  if (invalid) return { ok: false, reason: invalid };
  const denied = pc.authorize?.(old.physicalId);
  if (denied) return { ok: false, reason: denied };
  const kind = IB_KIND[old.type];
  if (kind) {
    const s = ibState(pc.state, pc.region);
    const cur = s[kind][old.physicalId];
    if (cur) {
      const { tags: _t, ...input } = toApiInput(pc.spec, old.type, p);
      s[kind][old.physicalId] = {
        ...input,
        arn: cur.arn,
        name: cur.name,
        dateCreated: cur.dateCreated,
        dateUpdated: new Date(pc.clock.now()).toISOString(),
      };
    }
  }
  const attributes = { ...old.attributes, ...pick(old, p) };
  if (IAM_TYPES.has(old.type)) {
    const failed = provisionIam(iamCtx(pc), { ...old, properties: p, attributes }, true);
    if (failed) return { ok: false, reason: failed };
  }
  return {
    ok: true,
    rec: {
      ...old,
      properties: p,
      status: 'UPDATE_COMPLETE',
      timestamp: pc.clock.now(),
      attributes,
    },
  };
}

function pick(old: ResourceRec, p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(old.attributes)
      .filter((k) => typeof p[k] === 'string')
      .map((k) => [k, p[k]]),
  );
}

export function deleteResource(pc: ProvisionCtx, rec: ResourceRec): void {
  if (IAM_TYPES.has(rec.type)) return deprovisionIam(iamCtx(pc), rec);
  const kind = IB_KIND[rec.type];
  if (!kind) return;
  const s = ibState(pc.state, pc.region);
  delete s[kind][rec.physicalId];
  delete s.tags[rec.physicalId];
}
