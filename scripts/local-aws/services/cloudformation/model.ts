/**
 * CloudFormation emulator state: stacks (deleted ones kept, findable by stack id only, as
 * DescribeStacks does), change sets, events; plain JSON so `persistPath` can save it.
 */
import { serviceState, type EmulatorState } from '../../state.js';
import type { ResourceSpec } from '../../../../actions/lib/cloudformation/index.js';
import { ApiError, type OpContext, type Settings } from '../../types.js';
import { DEFAULT_DURATIONS } from '../imagebuilder/build.js';
import type { Principal } from '../../iam/principal.js';

export interface StackParameter {
  key: string;
  value: string;
  /** SSM parameter types: the value read from Parameter Store. */
  resolved?: string;
}
export interface ResourceRec {
  logicalId: string;
  type: string;
  physicalId: string;
  status: string;
  reason?: string;
  timestamp: number;
  /** Properties as provisioned: intrinsics evaluated, dynamic references resolved. */
  properties: Record<string, unknown>;
  /** `Fn::GetAtt` values and `ref` (the `Ref` value when it is not the physical id). */
  attributes: Record<string, unknown>;
}

export interface StackEvent {
  eventId: string;
  logicalId: string;
  physicalId: string;
  type: string;
  status: string;
  reason?: string;
  timestamp: number;
  token?: string;
}

export interface OutputRec {
  key: string;
  value: string;
  description?: string;
  exportName?: string;
}

/** What a stack is (or, after an update, was): restored verbatim by an update rollback. */
export interface StackDefinition {
  templateBody: string;
  parameters: StackParameter[];
  /** `{{resolve:...}}` → value, fixed when the change set was created (or the operation started). */
  references: Record<string, string>;
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  roleArn?: string;
  description?: string;
}

/** What the stack operation engine works with: the request's context, without the request. */
export type EngineCtx = Omit<OpContext, 'operation' | 'requestId' | 'service'> & {
  spec: ResourceSpec;
};

export type StepAction = 'create' | 'update' | 'replace' | 'delete' | 'restore' | 'cleanup';

export interface Step {
  logicalId: string;
  action: StepAction;
  /** For cleanup/rollback of replaced resources: the record acted on. */
  rec?: ResourceRec;
}

export interface Operation {
  kind: 'CREATE' | 'UPDATE' | 'DELETE';
  phase: 'apply' | 'cleanup' | 'rollback' | 'rollback-cleanup';
  queue: Step[];
  current?: {
    step: Step;
    dueAt: number;
    outcome: { ok: true; rec?: ResourceRec } | { ok: false; reason: string };
  };
  /** What the failure was (create or update), for the stack status reason. */
  failedAction?: string;
  /** Time the next step starts. */
  at: number;
  token?: string;
  changeSetId?: string;
  /** Before the update: definition, resources and outputs, for the rollback. */
  previous?: {
    definition: StackDefinition;
    resources: Record<string, ResourceRec>;
    outputs: OutputRec[];
  };
  /** Records superseded during the operation (replacements, removals), deleted in cleanup. */
  superseded: ResourceRec[];
  /** Steps done by the operation, in order (rolled back in reverse; `rec` = the record before). */
  touched: Step[];
  failed: string[];
  /** Who started the operation: CloudFormation acts as them when the stack has no role. */
  actor?: Principal;
}

export interface StackRec extends StackDefinition {
  stackId: string;
  stackName: string;
  status: string;
  reason?: string;
  creationTime: number;
  lastUpdatedTime?: number;
  deletionTime?: number;
  terminationProtection: boolean;
  disableRollback: boolean;
  outputs: OutputRec[];
  resources: Record<string, ResourceRec>;
  events: StackEvent[];
  changeSetId?: string;
  op?: Operation;
}

export interface Change {
  action: 'Add' | 'Modify' | 'Remove';
  logicalId: string;
  physicalId?: string;
  type: string;
  replacement?: 'True' | 'False' | 'Conditional';
  scope: string[];
  details: Record<string, unknown>[];
}

export interface ChangeSetRec {
  id: string;
  name: string;
  stackId: string;
  type: 'CREATE' | 'UPDATE';
  description?: string;
  creationTime: number;
  /** When the computed result becomes visible (CREATE_PENDING → CREATE_IN_PROGRESS → result). */
  readyAt: number;
  definition: StackDefinition;
  changes: Change[];
  failure?: string;
  executionStatus?: 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';
}

export interface CfnState {
  stacks: Record<string, StackRec>;
  changeSets: Record<string, ChangeSetRec>;
}

export function cfnState(state: EmulatorState, region: string): CfnState {
  return serviceState(state, region, 'cloudformation', () => ({ stacks: {}, changeSets: {} }));
}

export function validation(message: string): ApiError {
  return new ApiError('ValidationError', message);
}

/** Stacks by name (live ones only) or by stack id (deleted ones too), as the API documents. */
export function findStack(s: CfnState, nameOrId: string): StackRec | undefined {
  if (nameOrId.startsWith('arn:')) return s.stacks[nameOrId];
  return Object.values(s.stacks).find(
    (x) => x.stackName === nameOrId && x.status !== 'DELETE_COMPLETE',
  );
}

/** DescribeStacks' answer for a missing stack, which deploy code matches on. */
export function stackNotFound(nameOrId: string): ApiError {
  return validation(`Stack with id ${nameOrId} does not exist`);
}

export function getStack(s: CfnState, nameOrId: string): StackRec {
  const st = findStack(s, nameOrId);
  if (!st) throw stackNotFound(nameOrId);
  return st;
}

export function stackArn(
  ctx: Pick<OpContext, 'region' | 'accountId' | 'random'>,
  name: string,
): string {
  return `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${name}/${ctx.random.uuid()}`;
}

export function changeSetArn(
  ctx: Pick<OpContext, 'region' | 'accountId' | 'random'>,
  name: string,
): string {
  return `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:changeSet/${name}/${ctx.random.uuid()}`;
}

/** The time scale the emulator runs at, read off the Image Builder PENDING duration it scaled. */
function timeScale(settings: Settings): number {
  const pending = settings.buildDurations['PENDING'];
  const base = DEFAULT_DURATIONS['PENDING'] ?? 5000;
  return pending === undefined ? 1 : pending / base;
}

/** Unscaled milliseconds per resource step by type (real ones take seconds to minutes). */
const STEP_MS: Record<string, number> = {
  'AWS::EC2::Instance': 30_000,
  'AWS::IAM::Role': 10_000,
  'AWS::IAM::InstanceProfile': 10_000,
  'AWS::EC2::VPCGatewayAttachment': 5_000,
};

export function stepMs(settings: Settings, type: string): number {
  return (STEP_MS[type] ?? 3_000) * timeScale(settings);
}

export function changeSetMs(settings: Settings): number {
  return 2_000 * timeScale(settings);
}

export const STACK_TYPE = 'AWS::CloudFormation::Stack';

export function isDone(status: string): boolean {
  return !status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS';
}
