/** Wire shapes (member names from the SDK's schemas: Stack, StackEvent, StackResource, Change). */
import type { Change, ChangeSetRec, StackEvent, StackRec } from './model.js';

const date = (t: number | undefined) => (t === undefined ? undefined : new Date(t));
const list = <T>(a: T[]) => (a.length ? a : undefined);

export function stackParameters(st: Pick<StackRec, 'parameters'>) {
  return list(
    st.parameters.map((p) => ({
      ParameterKey: p.key,
      ParameterValue: p.value,
      ResolvedValue: p.resolved,
    })),
  );
}

export function renderStack(st: StackRec) {
  return {
    StackId: st.stackId,
    StackName: st.stackName,
    ChangeSetId: st.changeSetId,
    Description: st.description,
    Parameters: stackParameters(st),
    CreationTime: date(st.creationTime),
    DeletionTime: date(st.deletionTime),
    LastUpdatedTime: date(st.lastUpdatedTime),
    StackStatus: st.status,
    StackStatusReason: st.reason,
    DisableRollback: st.disableRollback,
    Capabilities: list(st.capabilities),
    Outputs: list(
      st.outputs.map((o) => ({
        OutputKey: o.key,
        OutputValue: o.value,
        Description: o.description,
        ExportName: o.exportName,
      })),
    ),
    RoleARN: st.roleArn,
    Tags: list(st.tags),
    EnableTerminationProtection: st.terminationProtection,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function renderEvent(st: StackRec, e: StackEvent) {
  return {
    StackId: st.stackId,
    EventId: e.eventId,
    StackName: st.stackName,
    LogicalResourceId: e.logicalId,
    PhysicalResourceId: e.physicalId || undefined,
    ResourceType: e.type,
    Timestamp: date(e.timestamp),
    ResourceStatus: e.status,
    ResourceStatusReason: e.reason,
    ClientRequestToken: e.token,
  };
}

export function renderResources(st: StackRec, summary: boolean) {
  return Object.values(st.resources).map((r) => ({
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId || undefined,
    ResourceType: r.type,
    ResourceStatus: r.status,
    ResourceStatusReason: r.reason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    ...(summary
      ? { LastUpdatedTimestamp: date(r.timestamp) }
      : { Timestamp: date(r.timestamp), StackName: st.stackName, StackId: st.stackId }),
  }));
}

export function renderChange(c: Change) {
  return {
    Type: 'Resource',
    ResourceChange: {
      Action: c.action,
      LogicalResourceId: c.logicalId,
      PhysicalResourceId: c.physicalId,
      ResourceType: c.type,
      Replacement: c.replacement,
      Scope: list(c.scope),
      Details: list(c.details),
    },
  };
}

/** CREATE_PENDING, then CREATE_IN_PROGRESS, then the computed result once `readyAt` passes. */
export function changeSetStatus(
  cs: ChangeSetRec,
  now: number,
): { Status: string; ExecutionStatus: string; StatusReason?: string } {
  if (now < cs.creationTime + (cs.readyAt - cs.creationTime) / 4)
    return { Status: 'CREATE_PENDING', ExecutionStatus: 'UNAVAILABLE' };
  if (now < cs.readyAt) return { Status: 'CREATE_IN_PROGRESS', ExecutionStatus: 'UNAVAILABLE' };
  if (cs.failure)
    return { Status: 'FAILED', ExecutionStatus: 'UNAVAILABLE', StatusReason: cs.failure };
  return { Status: 'CREATE_COMPLETE', ExecutionStatus: cs.executionStatus ?? 'AVAILABLE' };
}

export function renderChangeSetSummary(cs: ChangeSetRec, st: StackRec, now: number) {
  return {
    StackId: st.stackId,
    StackName: st.stackName,
    ChangeSetId: cs.id,
    ChangeSetName: cs.name,
    ...changeSetStatus(cs, now),
    CreationTime: date(cs.creationTime),
    Description: cs.description,
  };
}
