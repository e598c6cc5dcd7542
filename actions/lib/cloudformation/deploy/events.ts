/** Stack events: print each new one once, oldest first; collect the failures of this operation. */
import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { awsCall, type CallContext } from '../../core/aws-call.js';

export function formatEvent(e: StackEvent): string {
  const time = e.Timestamp ? new Date(e.Timestamp).toISOString().slice(11, 19) : '--:--:--';
  const reason = e.ResourceStatusReason ? ` — ${e.ResourceStatusReason}` : '';
  return `${time} ${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}) ${e.ResourceStatus ?? '?'}${reason}`;
}

/** Events not seen before, oldest first (the API returns newest first). Pure. */
export function newEvents(page: readonly StackEvent[], seen: Set<string>): StackEvent[] {
  const fresh = page.filter((e) => e.EventId !== undefined && !seen.has(e.EventId));
  for (const e of fresh) seen.add(e.EventId as string);
  return fresh.reverse();
}

export interface FailedResource {
  logicalId: string;
  type: string;
  status: string;
  reason: string;
}

const CANCELLED = /cancelled/i;

/**
 * The resources that failed, from this operation's events: `*_FAILED` with a reason. A cancelled
 * sibling ("Resource creation cancelled") is noise next to the real cause, so it is listed only
 * when nothing else failed.
 */
export function failedResources(
  events: readonly StackEvent[],
  stackName: string,
): FailedResource[] {
  const failed = events
    .filter((e) => e.ResourceStatus?.endsWith('_FAILED') && e.ResourceStatusReason)
    .filter(
      (e) =>
        !(e.ResourceType === 'AWS::CloudFormation::Stack' && e.LogicalResourceId === stackName),
    )
    .map((e) => ({
      logicalId: e.LogicalResourceId ?? '?',
      type: e.ResourceType ?? '?',
      status: e.ResourceStatus as string,
      reason: e.ResourceStatusReason as string,
    }));
  const real = failed.filter((f) => !CANCELLED.test(f.reason));
  return real.length > 0 ? real : failed;
}

export class EventStream {
  private readonly seen = new Set<string>();
  /** Events of this operation, oldest first. */
  readonly events: StackEvent[] = [];

  constructor(
    private readonly cfn: CloudFormationClient,
    private readonly stack: string,
    private readonly region: string,
    private readonly ctx: CallContext,
  ) {}

  private async page(): Promise<StackEvent[]> {
    // The first page (newest events) is enough between polls a few seconds apart.
    const out = await awsCall(
      'DescribeStackEvents',
      `stack ${this.stack} in ${this.region}`,
      this.ctx,
      () => this.cfn.send(new DescribeStackEventsCommand({ StackName: this.stack })),
    );
    return out.StackEvents ?? [];
  }

  /** Marks the events that exist now as old, so only this operation's are shown. */
  async prime(): Promise<void> {
    newEvents(await this.page(), this.seen);
  }

  async poll(): Promise<void> {
    for (const e of newEvents(await this.page(), this.seen)) {
      this.events.push(e);
      this.ctx.logger.info(formatEvent(e));
    }
  }
}
