/**
 * The world deployStack's in-process tests share (issue 12): the emulator's CloudFormation and SSM,
 * a parameter with five AMI versions, a template that pins one, and a `run` that deploys with a
 * MemoryLogger, so a test reads what the user would see.
 */
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import {
  deployStack,
  type DeployRequest,
} from '../../../actions/lib/cloudformation/deploy/deploy.js';
import { stackResourceFailure } from '../../../scripts/local-aws/services/cloudformation/failures.js';
import { inProcessAws, testClock } from '../../support/in-process-aws.js';

export const REGION = 'us-east-1';
export const PARAM = '/golden-ami/web';

export const TEMPLATE = `
Parameters:
  AmiParameterName: { Type: String }
  AmiParameterVersion: { Type: Number }
  Subnets: { Type: CommaDelimitedList }
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Join [' ', !Ref Subnets]
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Sub '{{resolve:ssm:\${AmiParameterName}:\${AmiParameterVersion}}}'
      InstanceType: t3.micro
      SecurityGroupIds: [!GetAtt Group.GroupId]
Outputs:
  InstanceId: { Value: !Ref Instance }
`;

/** An emulator whose parameter has versions 1–5 (3 labelled build-1.0.0-1, 5 build-1.1.0-1). */
export async function world() {
  const clock = testClock();
  const aws = inProcessAws({ clock, maxAttempts: 1 });
  const ssm = aws.ssm(REGION);
  const cfn = aws.cfn(REGION);
  const amis: string[] = [];
  for (let v = 1; v <= 5; v++) {
    const ami = aws.emulator.admin.seedImage(REGION, { name: `web-${v}` }).imageId;
    amis.push(ami);
    await ssm.send(
      new PutParameterCommand({ Name: PARAM, Value: ami, Type: 'String', Overwrite: true }),
    );
  }
  for (const [v, label] of [
    [3, 'build-1.0.0-1'],
    [5, 'build-1.1.0-1'],
  ] as const)
    await ssm.send(
      new LabelParameterVersionCommand({ Name: PARAM, ParameterVersion: v, Labels: [label] }),
    );
  const request = (over: Partial<DeployRequest> = {}): DeployRequest => ({
    stackName: 'app',
    region: REGION,
    templateBody: TEMPLATE,
    parameters: [{ ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' }],
    ami: { parameterName: PARAM, version: '5' },
    capabilities: ['CAPABILITY_IAM'],
    tags: { app: 'web' },
    timeoutMs: 600_000,
    changeSetName: `igo-${Math.random().toString(36).slice(2, 8)}`,
    pollIntervalMs: 1_000,
    ...over,
  });
  const run = (over: Partial<DeployRequest> = {}) => {
    const logger = new MemoryLogger();
    return { logger, result: deployStack(request(over), { cfn, ssm }, clock, logger) };
  };
  const stack = async (name = 'app') =>
    (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
  /** Advances the clock until the stack is no longer in progress. */
  const settle = async (name = 'app') => {
    for (let i = 0; i < 600; i++) {
      const s = await stack(name);
      if (!s.StackStatus!.endsWith('_IN_PROGRESS')) return s;
      clock.advance(1_000);
    }
    throw new Error(`${name} never settled`);
  };
  const calls = (op: string) => aws.emulator.admin.calls()[`cloudformation.${op}`] ?? 0;
  const fail = (step: string, reason: string) =>
    aws.emulator.admin.failBuild(stackResourceFailure('app', step, reason));
  /** The stack created directly (not by deployStack), pinned to `version`. */
  const createDirectly = async (version: number, protect = false) => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'app',
        TemplateBody: TEMPLATE,
        Parameters: [
          { ParameterKey: 'AmiParameterName', ParameterValue: PARAM },
          { ParameterKey: 'AmiParameterVersion', ParameterValue: String(version) },
          { ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' },
        ],
        Tags: [{ Key: 'app', Value: 'web' }],
        EnableTerminationProtection: protect,
      }),
    );
  };
  return { aws, clock, ssm, cfn, amis, run, stack, settle, calls, fail, createDirectly };
}

export type World = Awaited<ReturnType<typeof world>>;
