/**
 * Everything the pipeline needs around it, on this machine: the local AWS emulator (on an
 * ephemeral loopback port, time compressed), a scratch repository, the two long-lived stacks
 * (image-builder and github-oidc) created through the emulator's CloudFormation from stacks/, and
 * the repository variables the workflows read, taken from those stacks' outputs as a platform team
 * would set them. Used by `npm run demo`, its test, and the chaos suite.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalAws, type LocalAws, type LocalAwsOptions } from '../local-aws/server.js';
import {
  runWorkflow,
  type RunWorkflowOptions,
  type WorkflowResult,
  ConcurrencyGroups,
} from './workflow-runner.js';
import { createWorkspace, type Workspace } from './workspace.js';
import { UPSTREAM_REPOSITORY } from '../docs/action-reference.js';
import { warpedClock, warpSpec } from './warp-clock.js';

export const PRIMARY = 'us-east-1';
export const DR = 'us-west-2';
export const REPOSITORY = 'platform-team/golden-amis';
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIDLOCALDEMO',
  AWS_SECRET_ACCESS_KEY: 'local-demo-secret',
};

export interface PipelineEnvironment {
  /** This checkout: where the consumer's `uses: ${UPSTREAM_REPOSITORY}/...@ref` lines resolve. */
  repoRoot: string;
  /** The repository's concurrency groups, shared by every run of this environment. */
  concurrency: ConcurrencyGroups;
  aws: LocalAws;
  workspace: Workspace;
  vars: Record<string, string>;
  /** Environment of every AWS-calling process: endpoint, credentials, time warp. */
  awsEnv: Record<string, string>;
  runnerEnv: Record<string, string>;
  client<C>(Ctor: new (config: object) => C, region?: string): C;
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  repoRoot: string;
  /** Simulated seconds per real second (1 = real time). */
  timeWarp: number;
  emulator?: Omit<LocalAwsOptions, 'clock' | 'port'>;
  log?: (line: string) => void;
}

async function createStack(
  cfn: CloudFormationClient,
  name: string,
  template: string,
  parameters: Record<string, string>,
): Promise<Stack> {
  await cfn.send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: template,
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
    }),
  );
  for (;;) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (stack && !stack.StackStatus?.endsWith('_IN_PROGRESS')) {
      if (stack.StackStatus !== 'CREATE_COMPLETE')
        throw new Error(
          `stack ${name} ended ${stack.StackStatus}: ${stack.StackStatusReason ?? ''}`,
        );
      return stack;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function outputs(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

export async function createEnvironment(opts: EnvironmentOptions): Promise<PipelineEnvironment> {
  const epoch = Date.now();
  const aws = await startLocalAws({
    ...opts.emulator,
    port: 0,
    clock: warpedClock(epoch, opts.timeWarp),
  });
  const awsEnv = { AWS_ENDPOINT_URL: aws.endpoint, ...CREDENTIALS };
  const client = <C>(Ctor: new (config: object) => C, region = PRIMARY): C =>
    new Ctor({
      region,
      endpoint: aws.endpoint,
      credentials: {
        accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
    });
  try {
    const workspace = createWorkspace(opts.repoRoot);
    const cfn = client(CloudFormationClient);
    const read = (f: string) => readFileSync(join(opts.repoRoot, 'stacks', f), 'utf8');
    opts.log?.(
      `creating stack golden-ami-image-builder from stacks/image-builder.yml (${PRIMARY}, DR ${DR})`,
    );
    const ib = outputs(
      await createStack(cfn, 'golden-ami-image-builder', read('image-builder.yml'), {
        DrRegion: DR,
      }),
    );
    opts.log?.('creating stack golden-ami-github-oidc from stacks/github-oidc.yml');
    const oidc = outputs(
      await createStack(cfn, 'golden-ami-github-oidc', read('github-oidc.yml'), {
        GitHubOrg: REPOSITORY.split('/')[0]!,
        RepositoryName: REPOSITORY.split('/')[1]!,
        ImageBuilderInstanceRoleArn: ib.InstanceRoleArn!,
      }),
    );
    const vars = {
      AWS_REGION: PRIMARY,
      AWS_DR_REGION: ib.DrRegion!,
      INFRASTRUCTURE_CONFIGURATION_ARN: ib.InfrastructureConfigurationArn!,
      DISTRIBUTION_CONFIGURATION_ARN: ib.DistributionConfigurationArn!,
      // One role builds and deploys until stacks/github-oidc.yml has a separate build role.
      AWS_BUILD_ROLE_ARN: oidc.BuildRoleArn ?? oidc.DeployRoleArn!,
      AWS_DEPLOY_ROLE_ARN: oidc.DeployRoleArn!,
      APP_STACK_EXECUTION_ROLE_ARN: oidc.AppStackExecutionRoleArn!,
    };
    const runnerEnv = {
      NODE_OPTIONS: `--import=${join(opts.repoRoot, 'scripts/demo/time-warp.mjs')}`,
      DEMO_TIME_WARP: warpSpec(epoch, opts.timeWarp),
    };
    return {
      repoRoot: opts.repoRoot,
      aws,
      workspace,
      vars,
      awsEnv,
      runnerEnv,
      client,
      concurrency: new ConcurrencyGroups(),
      close: () => aws.close(),
    };
  } catch (e) {
    await aws.close();
    throw e;
  }
}

let runCounter = 1000;

/** Runs one workflow file of the scratch repository for an event, as GitHub would. */
export async function runPipelineWorkflow(
  env: PipelineEnvironment,
  workflow: string,
  event: {
    name: RunWorkflowOptions['event']['name'];
    payload: RunWorkflowOptions['event']['payload'];
  },
  hooks: Pick<RunWorkflowOptions, 'onLine' | 'onStep' | 'stepEnv' | 'runAttempt'> & {
    /** A GitHub re-run: the same run id as before (with a later `runAttempt`); default a new run. */
    runId?: string;
  } = {},
): Promise<WorkflowResult & { runId: string }> {
  const { runId = String(++runCounter), ...rest } = hooks;
  const eventPath = join(
    env.workspace.dir,
    '..',
    `${env.workspace.dir.split('/').pop()}-event-${runId}-${hooks.runAttempt ?? 1}.json`,
  );
  writeFileSync(eventPath, JSON.stringify(event.payload));
  const result = await runWorkflow({
    workflowText: readFileSync(join(env.workspace.dir, '.github/workflows', workflow), 'utf8'),
    workspace: env.workspace.dir,
    event: { ...event, path: eventPath },
    vars: env.vars,
    github: { repository: REPOSITORY, sha: env.workspace.head(), runId, ref: 'refs/heads/main' },
    awsEnv: env.awsEnv,
    runnerEnv: env.runnerEnv,
    concurrency: env.concurrency,
    upstream: { repository: UPSTREAM_REPOSITORY, root: env.repoRoot },
    ...rest,
  });
  return { ...result, runId };
}
