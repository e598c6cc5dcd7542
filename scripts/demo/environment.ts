/**
 * Everything the pipeline needs around it, on this machine: the local AWS emulator (on an
 * ephemeral loopback port, time compressed), a scratch repository, the two long-lived stacks
 * (image-builder and github-oidc) created through the emulator's CloudFormation from stacks/, and
 * the repository variables the workflows read, taken from those stacks' outputs as a platform team
 * would set them. Used by `npm run demo`, its test, the chaos suite and the IAM audit.
 *
 * Credentials: the account's administrator key (the emulator's bootstrap user) is the platform
 * team's: it creates the long-lived stacks and reads the end state for the checks. The workflows'
 * jobs never see it: each gets a role session from its OIDC token, as on GitHub.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOOTSTRAP_ADMIN,
  localIssuer,
  startLocalAws,
  type LocalAws,
  type LocalAwsOptions,
} from '../local-aws/server.js';
import type { Clock } from '../../actions/lib/core/clock.js';
import {
  runWorkflow,
  type OidcSetup,
  type RunWorkflowOptions,
  type WorkflowResult,
  ConcurrencyGroups,
} from './workflow-runner.js';
import { minter } from './job-session.js';
import { createWorkspace, type Workspace } from './workspace.js';
import { warpedClock, warpSpec } from './warp-clock.js';

export const PRIMARY = 'us-east-1';
export const DR = 'us-west-2';
export const REPOSITORY = 'platform-team/golden-amis';
/** The demo repository's numeric IDs (`gh api repos/ORG/REPO --jq '.owner.id, .id'` on GitHub). */
export const REPOSITORY_OWNER_ID = '90210001';
export const REPOSITORY_ID = '700100200';

export interface PipelineEnvironment {
  /** The repository's concurrency groups, shared by every run of this environment. */
  concurrency: ConcurrencyGroups;
  aws: LocalAws;
  workspace: Workspace;
  vars: Record<string, string>;
  /** The long-lived stacks' outputs, by stack name. */
  stacks: Record<string, Record<string, string>>;
  /** The emulator's (compressed) clock, shared with every action process. */
  clock: Clock;
  /** The repository as GitHub's OIDC issuer describes it, and the issuer that signs job tokens. */
  oidc: OidcSetup;
  runnerEnv: Record<string, string>;
  /** An SDK client with the administrator key: the platform team's setup and checks only. */
  client<C>(Ctor: new (config: object) => C, region?: string): C;
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  repoRoot: string;
  /** Simulated seconds per real second (1 = real time). */
  timeWarp: number;
  emulator?: Omit<LocalAwsOptions, 'clock' | 'port'>;
  log?: (line: string) => void;
  /** The repository sends name-only subjects (`repo:ORG/REPO:…`), and the stack trusts that form. */
  nameOnlySubject?: boolean;
  /** A stacks/ file's text instead of the repository's (the IAM audit's copies). */
  stackText?: (file: string) => string | undefined;
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
  const stack = await settledStack(cfn, name);
  if (stack.StackStatus !== 'CREATE_COMPLETE')
    throw new Error(`stack ${name} ended ${stack.StackStatus}: ${stack.StackStatusReason ?? ''}`);
  return stack;
}

/** The stack once no operation is in progress on it. */
export async function settledStack(cfn: CloudFormationClient, name: string): Promise<Stack> {
  for (;;) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (stack && !stack.StackStatus?.endsWith('_IN_PROGRESS')) return stack;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function outputs(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

export async function createEnvironment(opts: EnvironmentOptions): Promise<PipelineEnvironment> {
  const epoch = Date.now();
  const clock = warpedClock(epoch, opts.timeWarp);
  const aws = await startLocalAws({ ...opts.emulator, port: 0, clock });
  const client = <C>(Ctor: new (config: object) => C, region = PRIMARY): C =>
    new Ctor({
      region,
      endpoint: aws.endpoint,
      credentials: {
        accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
        secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
      },
    });
  try {
    const workspace = createWorkspace(opts.repoRoot);
    const cfn = client(CloudFormationClient);
    const read = (f: string) =>
      opts.stackText?.(f) ?? readFileSync(join(opts.repoRoot, 'stacks', f), 'utf8');
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
        GitHubOwnerId: REPOSITORY_OWNER_ID,
        RepositoryId: REPOSITORY_ID,
        DrRegion: ib.DrRegion!,
        SubjectFormat: opts.nameOnlySubject ? 'name-only' : 'immutable',
      }),
    );
    const vars = {
      AWS_REGION: PRIMARY,
      AWS_DR_REGION: ib.DrRegion!,
      INFRASTRUCTURE_CONFIGURATION_ARN: ib.InfrastructureConfigurationArn!,
      DISTRIBUTION_CONFIGURATION_ARN: ib.DistributionConfigurationArn!,
      AWS_BUILD_ROLE_ARN: oidc.BuildRoleArn!,
      AWS_DEPLOY_ROLE_ARN: oidc.DeployRoleArn!,
      APP_STACK_EXECUTION_ROLE_ARN: oidc.AppStackExecutionRoleArn!,
    };
    const runnerEnv = {
      NODE_OPTIONS: `--import=${join(opts.repoRoot, 'scripts/demo/time-warp.mjs')}`,
      DEMO_TIME_WARP: warpSpec(epoch, opts.timeWarp),
    };
    const issuer = localIssuer();
    return {
      aws,
      workspace,
      vars,
      stacks: { 'golden-ami-image-builder': ib, 'golden-ami-github-oidc': oidc },
      clock,
      oidc: {
        repository: {
          fullName: REPOSITORY,
          ownerId: REPOSITORY_OWNER_ID,
          id: REPOSITORY_ID,
          immutableSubject: !opts.nameOnlySubject,
        },
        mint: minter(issuer),
      },
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
    workflowPath: `.github/workflows/${workflow}`,
    workspace: env.workspace.dir,
    event: { ...event, path: eventPath },
    vars: env.vars,
    github: { repository: REPOSITORY, sha: env.workspace.head(), runId, ref: 'refs/heads/main' },
    aws: { endpoint: env.aws.endpoint, clock: env.clock },
    oidc: env.oidc,
    runnerEnv: env.runnerEnv,
    concurrency: env.concurrency,
    ...rest,
  });
  return { ...result, runId };
}
