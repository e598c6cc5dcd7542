/**
 * CloudFormation creates, updates and deletes each resource as its acting principal (the stack's
 * role session, or the caller who started the operation): every mutating call the type's handler
 * makes (`handler-calls*.ts`) is authorized through the dispatch's own evaluator path
 * (`authorizeChecksWith`), recorded in the decision log as `cloudformation:<stack>/<logicalId>`;
 * a denial fails the resource with the handler's message, as CloudFormation reports it:
 * `Resource handler returned message: "<service's AccessDenied message> (Service: Ec2, Status
 * Code: 403, Request ID: …)" (RequestToken: …, HandlerErrorCode: AccessDenied)`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildArn, loadCatalogue, type Catalogue } from '../../../../actions/lib/iam/catalogue.js';
import { authorizeChecksWith } from '../../authz/authorize.js';
import type { AuthzCheck, Context } from '../../authz/types.js';
import { iamState } from '../../iam/model.js';
import type { Principal } from '../../iam/principal.js';
import { findImage } from '../ec2.js';
import { ApiError, type OpContext, type ProtocolName } from '../../types.js';
import { actingPrincipal } from './acting.js';
import {
  ec2Calls,
  type HandlerCall,
  type HandlerOp,
  type Lookups,
  type StepInput,
} from './handler-calls.js';
import { otherCalls } from './handler-calls-other.js';
import { cfnState, type ResourceRec, type StackRec } from './model.js';

interface TypePermissions {
  source: { repository: string; path: string; commit: string };
  handlers: Record<string, string[]>;
  tagging: { taggable: boolean; tagOnCreate: boolean; tagProperty?: string };
}

const PERMISSIONS = (
  JSON.parse(readFileSync(new URL('./handler-permissions.json', import.meta.url), 'utf8')) as {
    types: Record<string, TypePermissions>;
  }
).types;

export function handlerPermissions(type: string): TypePermissions | undefined {
  return PERMISSIONS[type];
}

/** The tags a resource's properties set (its schema's tagProperty: a Key/Value list or a map). */
export function propertyTags(type: string, props: Record<string, unknown>): Record<string, string> {
  const prop = PERMISSIONS[type]?.tagging.tagProperty?.replace(/^\/properties\//, '');
  const v = prop ? props[prop] : undefined;
  if (Array.isArray(v))
    return Object.fromEntries(
      (v as { Key?: unknown; Value?: unknown }[])
        .filter((t) => typeof t.Key === 'string')
        .map((t) => [t.Key as string, String(t.Value ?? '')]),
    );
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  return {};
}

/**
 * The read each handler makes of its own resource (to confirm a create, wait for a delete): the
 * type's own Describe/Get call, authorized where the operation's permission list has it. EC2's
 * Describe* calls support no resource-level permissions (`*`).
 */
const READ_BACK: Record<string, [string, 'self' | '*']> = {
  'AWS::EC2::VPC': ['ec2:DescribeVpcs', '*'],
  'AWS::EC2::Subnet': ['ec2:DescribeSubnets', '*'],
  'AWS::EC2::InternetGateway': ['ec2:DescribeInternetGateways', '*'],
  'AWS::EC2::RouteTable': ['ec2:DescribeRouteTables', '*'],
  'AWS::EC2::Route': ['ec2:DescribeRouteTables', '*'],
  'AWS::EC2::SubnetRouteTableAssociation': ['ec2:DescribeRouteTables', '*'],
  'AWS::EC2::VPCGatewayAttachment': ['ec2:DescribeInternetGateways', '*'],
  'AWS::EC2::SecurityGroup': ['ec2:DescribeSecurityGroups', '*'],
  'AWS::EC2::Instance': ['ec2:DescribeInstances', '*'],
  'AWS::ImageBuilder::InfrastructureConfiguration': [
    'imagebuilder:GetInfrastructureConfiguration',
    'self',
  ],
  'AWS::ImageBuilder::DistributionConfiguration': [
    'imagebuilder:GetDistributionConfiguration',
    'self',
  ],
  'AWS::ImageBuilder::LifecyclePolicy': ['imagebuilder:GetLifecyclePolicy', 'self'],
};

function readBack(i: StepInput, calls: HandlerCall[], listed: Set<string>): HandlerCall[] {
  const rb = READ_BACK[i.type];
  if (!rb || !listed.has(rb[0].toLowerCase())) return [];
  if (rb[1] === '*') return [{ action: rb[0], resources: [{ service: 'ec2', type: '', id: '*' }] }];
  const self = calls.flatMap((c) => c.resources).find((r) => r.service === 'imagebuilder');
  return self ? [{ action: rb[0], resources: [{ ...self, context: {} }] }] : [];
}

/** The calls of one step, each checked to be among the handler's permissions (the registry's). */
export function handlerCalls(i: StepInput, l: Lookups): HandlerCall[] {
  const perms = PERMISSIONS[i.type];
  if (!perms) return [];
  const listed = new Set((perms.handlers[i.op] ?? []).map((a) => a.toLowerCase()));
  const mutating = i.type.startsWith('AWS::EC2::') ? ec2Calls(i, l) : (otherCalls(i, l) ?? []);
  const calls = [...mutating, ...readBack(i, mutating, listed)];
  for (const c of calls)
    if (!listed.has(c.action.toLowerCase()))
      throw new Error(
        `${c.action} is not among the ${i.type} ${i.op} handler's permissions (${perms.source.path}): fix handler-calls`,
      );
  return calls;
}

/** Fills the ARN format's own variable (the one that is not Partition, Region or Account). */
function arnFor(cat: Catalogue, service: string, type: string, id: string, env: Env): string {
  if (id.startsWith('arn:')) return id;
  if (!type) return '*'; // an action with no resource types (EC2's Describe*)
  const format = cat.getResourceType(service, type)?.arnFormats[0];
  if (!format) throw new Error(`the IAM catalogue has no resource type ${service}:${type}`);
  const own = [...format.matchAll(/\$\{([^}]+)\}/g)]
    .map((m) => m[1]!)
    .find((v) => !['Partition', 'Region', 'Account'].includes(v));
  return buildArn(format, {
    Partition: 'aws',
    Region: env.region,
    Account: env.accountId,
    ...(own ? { [own]: id } : {}),
  });
}

type Env = Pick<OpContext, 'state' | 'region' | 'accountId'>;

export function toChecks(calls: HandlerCall[], cat: Catalogue, env: Env): AuthzCheck[] {
  return calls.flatMap((c) =>
    c.resources.map((r) => {
      const context: Context = { ...r.context };
      for (const [k, v] of Object.entries(r.tags ?? {})) {
        context[`aws:ResourceTag/${k}`] = v;
        if (r.service === 'ec2' || r.service === 'iam')
          context[`${r.service}:ResourceTag/${k}`] = v;
      }
      return {
        action: c.action,
        resource: arnFor(cat, r.service, r.type, r.id, env),
        resourceType: r.type,
        context,
      };
    }),
  );
}

/** What the handler finds in the account: tags of the stacks' resources, images, profiles. */
export function lookups(env: Env): Lookups {
  const recs = () =>
    Object.values(cfnState(env.state, env.region).stacks).flatMap((st) =>
      Object.values(st.resources),
    );
  return {
    accountId: env.accountId,
    tagsOf(id) {
      const rec = recs().find(
        (r) => r.physicalId === id && !r.status.startsWith('DELETE_COMPLETE'),
      );
      return rec ? propertyTags(rec.type, rec.properties) : undefined;
    },
    imageOwner(id) {
      return findImage(env.state, env.region, id)?.ownerId;
    },
    profileRoles(profile) {
      const name = profile.split('/').pop() ?? profile;
      return iamState(env.state).instanceProfiles[name]?.roles ?? [];
    },
  };
}

/** SDK service names as the handlers' messages show them, and each service's error protocol. */
const SERVICES: Record<string, [string, ProtocolName]> = {
  ec2: ['Ec2', 'ec2-query'],
  iam: ['Iam', 'aws-query'],
  imagebuilder: ['Imagebuilder', 'rest-json'],
  s3: ['S3', 'rest-json'],
};

function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface StepAuthzEnv extends Env, Pick<OpContext, 'clock' | 'decisions'> {
  catalogue: Catalogue;
  principal: Principal;
  stackName: string;
  logicalId: string;
  /** Seeds the request ids (stack id, operation token, step). */
  seed: string;
}

/** Authorizes each call in turn; returns the failed resource's status reason on a denial. */
export function authorizeCalls(calls: HandlerCall[], env: StepAuthzEnv): string | undefined {
  for (const [n, call] of calls.entries()) {
    const service = call.action.split(':')[0]!;
    const [sdkName, protocol] = SERVICES[service] ?? [service, 'rest-json'];
    const requestId = uuidFrom(`${env.seed}/${n}`);
    try {
      authorizeChecksWith(env.catalogue, toChecks([call], env.catalogue, env), env.principal, {
        state: env.state,
        accountId: env.accountId,
        region: env.region,
        clock: env.clock,
        decisions: env.decisions,
        requestId,
        service: 'cloudformation',
        operation: call.action,
        protocol,
        call: `cloudformation:${env.stackName}/${env.logicalId}`,
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return `Resource handler returned message: "${e.message} (Service: ${sdkName}, Status Code: ${e.status}, Request ID: ${requestId})" (RequestToken: ${uuidFrom(env.seed)}, HandlerErrorCode: AccessDenied)`;
    }
  }
  return undefined;
}

let catalogue: Catalogue | undefined;

/** Loads the catalogue for the synchronous ticks (as `spec()` does the resource specification). */
export async function preloadCatalogue(): Promise<void> {
  catalogue ??= await loadCatalogue();
}

/** The catalogue once some request loaded it (ticks are synchronous). */
export function loadedCatalogue(): Catalogue | undefined {
  if (!catalogue) void preloadCatalogue();
  return catalogue;
}

export interface StepRequest {
  op: HandlerOp;
  logicalId: string;
  type: string;
  physicalId: string;
  props: Record<string, unknown>;
  /** The resource before (update, delete). */
  old?: ResourceRec;
  /** The resource's template properties use Fn::GetAZs, which CloudFormation evaluates as the principal. */
  getAzs?: boolean;
}

/**
 * The calls `Fn::GetAZs` makes: "you need permissions to the Amazon EC2 DescribeAvailabilityZones
 * and DescribeAccountAttributes actions. For EC2-VPC, you also need permissions to the Amazon EC2
 * DescribeSubnets action" (CloudFormation User Guide, Fn::GetAZs, "IAM permissions").
 */
const GET_AZS: HandlerCall[] = [
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeAccountAttributes',
  'ec2:DescribeSubnets',
].map((action) => ({ action, resources: [{ service: 'ec2', type: '', id: '*' }] }));

/** The stack types' handler operations whose permission list has a matching action (`AWS::EC2::VPC delete`). */
export function handlersUsing(matches: (action: string) => boolean): string[] {
  return Object.entries(PERMISSIONS).flatMap(([type, p]) =>
    Object.entries(p.handlers)
      .filter(([op, list]) => op !== 'read' && list.some(matches))
      .map(([op]) => `${type} ${op}`),
  );
}

/**
 * Authorizes one resource step of `st`'s operation for the principal CloudFormation acts as:
 * the stack's role session, else the caller who started the operation. Returns the denial's
 * status reason, if any.
 */
export function authorizeStep(
  ctx: Pick<OpContext, 'state' | 'region' | 'accountId' | 'clock' | 'decisions'>,
  st: StackRec,
  r: StepRequest,
): string | undefined {
  const perms = PERMISSIONS[r.type];
  if (!perms) return undefined;
  const cat = loadedCatalogue();
  const actor = st.op?.actor;
  if (!cat) throw new Error('the IAM catalogue is not loaded yet');
  if (!actor && !st.roleArn)
    return `No principal is recorded for this operation of stack ${st.stackName}: start it again (CreateStack, UpdateStack, ExecuteChangeSet or DeleteStack)`;
  const principal = actingPrincipal({ ...ctx, principal: actor }, st.roleArn);
  const stackTags = Object.fromEntries(st.tags.map((t) => [t.Key, t.Value]));
  const tagsOf = (p: Record<string, unknown>) =>
    perms.tagging.taggable ? { ...stackTags, ...propertyTags(r.type, p) } : {};
  const input: StepInput = {
    op: r.op,
    type: r.type,
    id: r.physicalId,
    props: r.props,
    oldProps: r.old?.properties,
    tags: r.op === 'delete' ? {} : tagsOf(r.props),
    oldTags: r.old ? tagsOf(r.old.properties) : {},
  };
  const calls = [...(r.getAzs ? GET_AZS : []), ...handlerCalls(input, lookups(ctx))];
  return authorizeCalls(calls, {
    ...ctx,
    catalogue: cat,
    principal,
    stackName: st.stackName,
    logicalId: r.logicalId,
    seed: `${st.stackId}/${st.op?.token ?? ''}/${st.op?.at ?? 0}/${r.logicalId}/${r.op}`,
  });
}
