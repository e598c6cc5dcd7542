/**
 * Shared setup of the end-to-end tests: the local AWS emulator in-process, the image-builder stack
 * created through its CloudFormation from stacks/image-builder.yml (us-east-1, DR us-west-2), a
 * temporary workspace holding a copy of the repository's components/ and stacks/ (optionally a git
 * repository), and the environment the runner gives the bundled actions: they reach the emulator
 * only through AWS_ENDPOINT_URL, with the credentials of a role session, as in a workflow: the
 * github-oidc stack's build role for build-image, wait-image and publish-ami, its deploy role
 * (a token of the production environment) for deploy-stack, each assumed with a token the local
 * issuer signs. Authorization is always on; the administrator key only sets up and inspects.
 *
 * Time: the emulator runs at TIME_SCALE, so CloudFormation steps and change sets take well under a
 * millisecond; builds are given BUILD_MS of real time so wait-image sees its phases, and SSM's
 * asynchronous aws:ec2:image validation takes SSM_VALIDATION_MS.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  BOOTSTRAP_ADMIN,
  localIssuer,
  startLocalAws,
  type LocalAws,
} from '../../scripts/local-aws/server.js';
import type { RepositoryIdentity } from '../../scripts/demo/github-token.js';
import { jobSession, minter, pipelineJob } from '../../scripts/demo/job-session.js';
import { useSingleImage } from '../../scripts/demo/workspace.js';
import { REPO_ROOT, runAction, type ActionRun } from '../support/run-action.js';

export const PRIMARY = 'us-east-1';
export const DR = 'us-west-2';
export const TIME_SCALE = 0.00005;
/** Real milliseconds per build phase (PENDING stays at its default so CloudFormation's scale holds). */
const PHASE_MS: Record<string, number> = {
  CREATING: 150,
  BUILDING: 500,
  TESTING: 250,
  DISTRIBUTING: 250,
  INTEGRATING: 50,
};
export const BUILD_MS = Object.values(PHASE_MS).reduce((a, b) => a + b, 0);
export const SSM_VALIDATION_MS = 300;
export const REPOSITORY: RepositoryIdentity = {
  fullName: 'acme/golden-amis',
  ownerId: '4242',
  id: '424242',
  immutableSubject: true,
};
/** deploy-stack may manage only stacks with this prefix (github-oidc.yml's AppStackPrefix). */
export const APP_STACK_PREFIX = 'golden-ami-app-';

export type JobRole = 'build' | 'deploy';
/** The role a workflow job running this action assumes. */
export const ROLE_OF: Record<string, JobRole> = { 'deploy-stack': 'deploy' };

export interface Harness {
  aws: LocalAws;
  workspace: string;
  /** image-builder stack outputs. */
  infra: { infrastructureConfigurationArn: string; distributionConfigurationArn: string };
  /** github-oidc stack outputs. */
  roles: { build: string; deploy: string; appExecution: string };
  /** Environment of an action process: the runner's variables, the endpoint, the role's session. */
  env(extra?: Record<string, string>, role?: JobRole): Record<string, string>;
  run(
    action: string,
    inputs: Record<string, string>,
    env?: Record<string, string>,
  ): Promise<ActionRun>;
  cfn(region?: string): CloudFormationClient;
  ib(region?: string): ImagebuilderClient;
  ssm(region?: string): SSMClient;
  ec2(region?: string): EC2Client;
  /** POST to the emulator's admin API. */
  admin(path: string, body: unknown): Promise<unknown>;
  /** Runs git in the workspace. */
  git(...args: string[]): string;
  write(path: string, text: string): void;
  read(path: string): string;
  close(): Promise<void>;
}

export async function startHarness(
  opts: { git?: boolean; phaseMs?: Partial<Record<string, number>> } = {},
): Promise<Harness> {
  const aws = await startLocalAws({
    port: 0,
    seed: 7,
    timeScale: TIME_SCALE,
    buildDurations: Object.fromEntries(
      Object.entries({ ...PHASE_MS, ...opts.phaseMs }).map(([phase, ms]) => [
        phase,
        (ms ?? 0) / TIME_SCALE,
      ]),
    ),
    ssmValidationDelayMs: SSM_VALIDATION_MS / TIME_SCALE,
  });
  const workspace = mkdtempSync(join(tmpdir(), 'e2e-workspace-'));
  for (const dir of ['components', 'stacks'])
    cpSync(join(REPO_ROOT, dir), join(workspace, dir), { recursive: true });
  // One image's pipeline, standalone: the sample web-server is built on base-linux since the image
  // fleet, which image-chain.test.ts covers.
  useSingleImage(workspace, REPO_ROOT);
  const credentials = {
    accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
    secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
  };
  const config = (region: string) => ({ region, endpoint: aws.endpoint, credentials });
  const cfn = (region = PRIMARY) => new CloudFormationClient(config(region));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: workspace,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'e2e',
        GIT_AUTHOR_EMAIL: 'e2e@example.com',
        GIT_COMMITTER_NAME: 'e2e',
        GIT_COMMITTER_EMAIL: 'e2e@example.com',
      },
    }).trim();
  if (opts.git) {
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'Initial content');
  }
  const infra = await createImageBuilderStack(cfn());
  const roles = await createOidcStack(cfn());
  const oidc = { mint: minter(localIssuer()) };
  const sessions: Record<JobRole, Record<string, string>> = {
    build: await jobSession({
      endpoint: aws.endpoint,
      oidc,
      job: pipelineJob(REPOSITORY),
      roleArn: roles.build,
      region: PRIMARY,
      durationSeconds: 14400,
    }),
    deploy: await jobSession({
      endpoint: aws.endpoint,
      oidc,
      job: pipelineJob(REPOSITORY, { environment: 'production' }),
      roleArn: roles.deploy,
      region: PRIMARY,
    }),
  };
  const env = (extra: Record<string, string> = {}, role: JobRole = 'build') => ({
    AWS_ENDPOINT_URL: aws.endpoint,
    ...sessions[role],
    AWS_REGION: PRIMARY,
    AWS_EC2_METADATA_DISABLED: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: REPOSITORY.fullName,
    GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    ...extra,
  });
  return {
    aws,
    workspace,
    infra,
    roles,
    env,
    run: (action, inputs, extra) =>
      runAction(action, inputs, {
        cwd: workspace,
        env: env(extra, ROLE_OF[action] ?? 'build'),
        timeoutMs: 60_000,
      }),
    cfn,
    ib: (region = PRIMARY) => new ImagebuilderClient(config(region)),
    ssm: (region = PRIMARY) => new SSMClient(config(region)),
    ec2: (region = PRIMARY) => new EC2Client(config(region)),
    admin: async (path, body) => {
      const res = await fetch(`${aws.endpoint}/__admin/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    git,
    write: (path, text) => writeFileSync(join(workspace, path), text),
    read: (path) => readFileSync(join(workspace, path), 'utf8'),
    close: async () => {
      await aws.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** Creates the image-builder stack from stacks/image-builder.yml and returns the ARNs build-image needs. */
async function createImageBuilderStack(cfn: CloudFormationClient): Promise<Harness['infra']> {
  const StackName = 'golden-ami-image-builder';
  await cfn.send(
    new CreateStackCommand({
      StackName,
      TemplateBody: readFileSync(join(REPO_ROOT, 'stacks', 'image-builder.yml'), 'utf8'),
      Parameters: [{ ParameterKey: 'DrRegion', ParameterValue: DR }],
      Capabilities: ['CAPABILITY_IAM'],
    }),
  );
  const stack = await settledStack(cfn, StackName);
  if (stack.StackStatus !== 'CREATE_COMPLETE')
    throw new Error(`image-builder stack: ${stack.StackStatus} ${stack.StackStatusReason ?? ''}`);
  const out = stackOutputs(stack);
  return {
    infrastructureConfigurationArn: out['InfrastructureConfigurationArn']!,
    distributionConfigurationArn: out['DistributionConfigurationArn']!,
  };
}

/** Creates the trust stack from stacks/github-oidc.yml for REPOSITORY; returns its roles. */
async function createOidcStack(cfn: CloudFormationClient): Promise<Harness['roles']> {
  const StackName = 'golden-ami-github-oidc';
  const [org, name] = REPOSITORY.fullName.split('/');
  const parameters: Record<string, string> = {
    GitHubOrg: org!,
    RepositoryName: name!,
    GitHubOwnerId: REPOSITORY.ownerId,
    RepositoryId: REPOSITORY.id,
    DrRegion: DR,
    AppStackPrefix: APP_STACK_PREFIX,
  };
  await cfn.send(
    new CreateStackCommand({
      StackName,
      TemplateBody: readFileSync(join(REPO_ROOT, 'stacks', 'github-oidc.yml'), 'utf8'),
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
      Capabilities: ['CAPABILITY_IAM'],
    }),
  );
  const stack = await settledStack(cfn, StackName);
  if (stack.StackStatus !== 'CREATE_COMPLETE')
    throw new Error(`github-oidc stack: ${stack.StackStatus} ${stack.StackStatusReason ?? ''}`);
  const out = stackOutputs(stack);
  return {
    build: out['BuildRoleArn']!,
    deploy: out['DeployRoleArn']!,
    appExecution: out['AppStackExecutionRoleArn']!,
  };
}

export async function settledStack(cfn: CloudFormationClient, name: string): Promise<Stack> {
  for (let i = 0; i < 200; i++) {
    const s = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (s && (!s.StackStatus?.endsWith('_IN_PROGRESS') || s.StackStatus === 'REVIEW_IN_PROGRESS'))
      return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`stack ${name} never settled`);
}

export function stackOutputs(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

/** build-image's inputs for the sample image. */
export function buildInputs(
  h: Harness,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    definition: 'components/images/web-server.yml',
    region: PRIMARY,
    'infrastructure-configuration-arn': h.infra.infrastructureConfigurationArn,
    'distribution-configuration-arn': h.infra.distributionConfigurationArn,
    ...extra,
  };
}

/** wait-image's inputs: poll every second (the builds here take ~1 s). */
export function waitInputs(
  arn: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'image-build-version-arn': arn,
    region: PRIMARY,
    'poll-interval-seconds': '1',
    'timeout-minutes': '1',
    ...extra,
  };
}

/** Fails with the action's output when it did not exit as expected. */
export function expectExit(run: ActionRun, code: number): ActionRun {
  if (run.code !== code)
    throw new Error(
      `expected exit ${code}, got ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  return run;
}

/** Runs build-image for a new build of the sample image: a new run id, so never an attach. */
export async function startBuild(h: Harness, runId: number): Promise<ActionRun> {
  const r = expectExit(
    await h.run('build-image', buildInputs(h), { GITHUB_RUN_ID: String(runId) }),
    0,
  );
  if (r.outputs['attached'] !== 'false')
    throw new Error(`build-image attached to an earlier build (run ${runId}):\n${r.stdout}`);
  return r;
}
