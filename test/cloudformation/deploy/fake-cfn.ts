/** A small in-memory CloudFormation behind aws-sdk-client-mock: one stack, scripted outcomes. */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  type Change,
  type Parameter,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { GetParameterHistoryCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

function err(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export interface FakeStack {
  id: string;
  name: string;
  status: string;
  /** Statuses the next DescribeStacks calls move through. */
  next: string[];
  params: Parameter[];
  outputs: Record<string, string>;
  protection: boolean;
}

export class FakeCfn {
  readonly cfn = new CloudFormationClient({ region: 'us-east-1' });
  readonly ssm = new SSMClient({ region: 'us-east-1' });
  readonly cfnMock: AwsClientStub<CloudFormationClient> = mockClient(this.cfn);
  readonly ssmMock: AwsClientStub<SSMClient> = mockClient(this.ssm);
  stack?: FakeStack;
  deleted: FakeStack[] = [];
  events: StackEvent[] = [];
  /** How the next change set ends. */
  changeSet: { status: string; reason?: string; changes?: Change[] } = {
    status: 'CREATE_COMPLETE',
    changes: [],
  };
  /** What ExecuteChangeSet leads to: statuses and events to append (oldest first). */
  execute: { statuses: string[]; events: StackEvent[] } = { statuses: [], events: [] };
  private seq = 0;
  lastParams: Parameter[] = [];

  constructor(
    history: { version: number; value: string; labels?: string[] }[] = [
      { version: 1, value: 'ami-1' },
    ],
  ) {
    this.ssmMock.on(GetParameterHistoryCommand).resolves({
      Parameters: history.map((h) => ({
        Version: h.version,
        Value: h.value,
        Labels: h.labels ?? [],
      })),
    });
    this.cfnMock.on(DescribeStacksCommand).callsFake(async (input: { StackName: string }) => {
      const s = [this.stack, ...this.deleted].find(
        (x) =>
          x &&
          (x.id === input.StackName ||
            (x.name === input.StackName && x.status !== 'DELETE_COMPLETE')),
      );
      if (!s) throw err('ValidationError', `Stack with id ${input.StackName} does not exist`);
      const nxt = s.next.shift();
      if (nxt) s.status = nxt;
      return {
        Stacks: [
          {
            StackId: s.id,
            StackName: s.name,
            StackStatus: s.status,
            CreationTime: new Date(0),
            Parameters: s.params,
            EnableTerminationProtection: s.protection,
            Outputs: Object.entries(s.outputs).map(([OutputKey, OutputValue]) => ({
              OutputKey,
              OutputValue,
            })),
          },
        ],
      } as never;
    });
    this.cfnMock
      .on(CreateChangeSetCommand)
      .callsFake(
        async (input: {
          StackName: string;
          ChangeSetName: string;
          ChangeSetType: string;
          Parameters: Parameter[];
        }) => {
          if (input.ChangeSetType === 'CREATE' && !this.stack) {
            this.stack = {
              id: `arn:stack/${input.StackName}/${++this.seq}`,
              name: input.StackName,
              status: 'REVIEW_IN_PROGRESS',
              next: [],
              params: [],
              outputs: {},
              protection: false,
            };
          }
          if (!this.stack)
            throw err('ValidationError', `Stack [${input.StackName}] does not exist`);
          this.lastParams = input.Parameters;
          return { Id: `arn:changeSet/${input.ChangeSetName}`, StackId: this.stack.id };
        },
      );
    this.cfnMock.on(DescribeChangeSetCommand).callsFake(async () => ({
      Status: this.changeSet.status,
      StatusReason: this.changeSet.reason,
      Changes: this.changeSet.changes,
    }));
    this.cfnMock.on(DeleteChangeSetCommand).resolves({});
    this.cfnMock.on(ExecuteChangeSetCommand).callsFake(async () => {
      const s = this.stack as FakeStack;
      s.next = [...this.execute.statuses];
      s.params = this.lastParams;
      this.events = [...this.execute.events].reverse().concat(this.events);
      return {};
    });
    this.cfnMock.on(DeleteStackCommand).callsFake(async () => {
      const s = this.stack as FakeStack;
      s.next = ['DELETE_IN_PROGRESS', 'DELETE_COMPLETE'];
      this.deleted.push(s);
      this.stack = undefined;
      return {};
    });
    this.cfnMock
      .on(DescribeStackEventsCommand)
      .callsFake(async () => ({ StackEvents: this.events }));
    this.cfnMock.on(UpdateTerminationProtectionCommand).resolves({});
  }

  existing(
    status: string,
    params: Parameter[] = [],
    outputs: Record<string, string> = {},
  ): FakeStack {
    this.stack = {
      id: 'arn:stack/app/0',
      name: 'app',
      status,
      next: [],
      params,
      outputs,
      protection: false,
    };
    return this.stack;
  }
}

let n = 0;
export function event(
  logicalId: string,
  status: string,
  reason?: string,
  type = 'AWS::EC2::Instance',
): StackEvent {
  return {
    EventId: `e${++n}`,
    StackId: 's',
    StackName: 'app',
    LogicalResourceId: logicalId,
    ResourceType: type,
    ResourceStatus: status as never,
    ResourceStatusReason: reason,
    Timestamp: new Date(Date.UTC(2025, 0, 1, 12, 0, n)),
  };
}
