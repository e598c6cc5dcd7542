/** Stack events (DescribeStackEvents): one per resource status change and per stack status change. */
import { STACK_TYPE, type ResourceRec, type StackRec } from './model.js';

let counter = 0;

export function addEvent(
  st: StackRec,
  rec: Pick<ResourceRec, 'logicalId' | 'type' | 'physicalId'>,
  status: string,
  reason: string | undefined,
  t: number,
  token?: string,
): void {
  counter = (counter + 1) % 1_000_000;
  st.events.push({
    eventId:
      rec.type === STACK_TYPE
        ? `${t}-${counter}-${st.stackName}`
        : `${rec.logicalId}-${status}-${new Date(t).toISOString()}-${counter}`,
    logicalId: rec.logicalId,
    physicalId: rec.physicalId,
    type: rec.type,
    status,
    reason,
    timestamp: t,
    token,
  });
}

/** Moves the stack to `status` and records the stack event CloudFormation emits for it. */
export function setStatus(
  st: StackRec,
  status: string,
  reason: string | undefined,
  t: number,
  token?: string,
): void {
  st.status = status;
  st.reason = reason;
  addEvent(
    st,
    { logicalId: st.stackName, type: STACK_TYPE, physicalId: st.stackId },
    status,
    reason,
    t,
    token,
  );
}
