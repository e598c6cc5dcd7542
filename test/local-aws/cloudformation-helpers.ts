import { readFileSync } from 'node:fs';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  type DescribeChangeSetCommandOutput,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { ADMIN, startEnv, type Env } from './helpers.js';

export interface CfnEnv extends Env {
  cfn(region?: string): CloudFormationClient;
}

export async function startCfnEnv(): Promise<CfnEnv> {
  const env = await startEnv();
  return {
    ...env,
    cfn: (region = 'us-east-1') =>
      new CloudFormationClient({
        region,
        endpoint: env.aws.endpoint,
        maxAttempts: 1,
        credentials: ADMIN,
      }),
  };
}

export const stackFile = (name: string) =>
  readFileSync(new URL(`../../stacks/${name}`, import.meta.url), 'utf8');

/** Advances virtual time until the stack leaves *_IN_PROGRESS (or is gone). */
export async function settle(env: CfnEnv, stack: string, region = 'us-east-1'): Promise<Stack> {
  for (let i = 0; i < 300; i++) {
    const s = (await env.cfn(region).send(new DescribeStacksCommand({ StackName: stack })))
      .Stacks?.[0];
    if (!s) throw new Error('no stack');
    if (!s.StackStatus?.endsWith('_IN_PROGRESS') || s.StackStatus === 'REVIEW_IN_PROGRESS')
      return s;
    env.clock.advance(5_000);
  }
  throw new Error(`${stack} never settled`);
}

/** Creates a stack of named IAM resources (CAPABILITY_NAMED_IAM) and waits until it settles. */
export async function createIamStack(env: CfnEnv, name: string, template: string): Promise<Stack> {
  await env.cfn().send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: template,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  );
  return settle(env, name);
}

export async function changeSetResult(
  env: CfnEnv,
  id: string,
): Promise<DescribeChangeSetCommandOutput> {
  for (let i = 0; i < 20; i++) {
    const d = await env.cfn().send(new DescribeChangeSetCommand({ ChangeSetName: id }));
    if (d.Status === 'CREATE_COMPLETE' || d.Status === 'FAILED') return d;
    env.clock.advance(1_000);
  }
  throw new Error('change set never finished');
}

/** An AMI in `region` and an SSM parameter whose next version points at it; returns [ami, version]. */
export async function publishAmi(
  env: CfnEnv,
  name = '/golden-ami/web-server',
  region = 'us-east-1',
): Promise<[string, number]> {
  const ami = env.aws.admin.seedImage(region, { name: `golden-${Math.random()}` }).imageId;
  const put = await env
    .ssm(region)
    .send(new PutParameterCommand({ Name: name, Value: ami, Type: 'String', Overwrite: true }));
  return [ami, put.Version!];
}

/** stacks/app-ec2.yml, the application stack. */
export const APP = stackFile('app-ec2.yml');

/** The app stack's parameters: the pinned AMI parameter version, and a CIDR allowed in. */
export const appParams = (version: number): Parameter[] => [
  { ParameterKey: 'AmiParameterVersion', ParameterValue: String(version) },
  { ParameterKey: 'AllowedCidr', ParameterValue: '10.0.0.0/8' },
];
