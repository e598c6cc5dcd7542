/**
 * The roles refuse what they must (issue 10, part 6), against the emulator with the real stacks:
 * tokens the trusts do not accept (a pull request, another repository, another branch, another
 * workflow file, a job outside the production environment), and what each role may not do (the
 * build role deploys nothing; the deploy role builds nothing, touches neither the infrastructure
 * nor the trust stack, passes no other role). Last, a stacks file without one grant the pipeline
 * needs fails the demo's pipeline with an AccessDenied that names the action and the statement.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ImagebuilderClient,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEnvironment,
  PRIMARY,
  runPipelineWorkflow,
  type PipelineEnvironment,
} from '../../scripts/demo/environment.js';
import type { JobIdentity } from '../../scripts/demo/github-token.js';
import { jobSession, pipelineJob } from '../../scripts/demo/job-session.js';
import { stacksGrants } from '../../scripts/iam-audit/grants.js';
import { withoutGrants } from '../../scripts/iam-audit/remove-grant.js';
import { REPO_ROOT } from '../support/run-action.js';

const APP_STACK = 'golden-ami-app-web-server';
const TEMPLATE = readFileSync(join(REPO_ROOT, 'stacks/app-ec2.yml'), 'utf8');

let env: PipelineEnvironment;
beforeAll(async () => {
  env = await createEnvironment({ repoRoot: REPO_ROOT, timeWarp: 60 });
});
afterAll(() => env.close());

const session = (roleArn: string, job: Partial<JobIdentity> = {}) =>
  jobSession({
    endpoint: env.aws.endpoint,
    clock: env.clock,
    oidc: env.oidc,
    job: pipelineJob(env.oidc.repository, job),
    roleArn,
    region: PRIMARY,
  });

function client<C>(Ctor: new (c: object) => C, creds: Record<string, string>): C {
  return new Ctor({
    region: PRIMARY,
    endpoint: env.aws.endpoint,
    maxAttempts: 1,
    credentials: {
      accessKeyId: creds.AWS_ACCESS_KEY_ID!,
      secretAccessKey: creds.AWS_SECRET_ACCESS_KEY!,
      sessionToken: creds.AWS_SESSION_TOKEN!,
    },
  });
}

const changeSet = (stack: string, roleArn: string) =>
  new CreateChangeSetCommand({
    StackName: stack,
    ChangeSetName: 'audit',
    ChangeSetType: 'CREATE',
    TemplateBody: TEMPLATE,
    RoleARN: roleArn,
    Parameters: [
      { ParameterKey: 'AmiParameterVersion', ParameterValue: '1' },
      { ParameterKey: 'AllowedCidr', ParameterValue: '203.0.113.0/24' },
    ],
  });

describe('tokens the trusts refuse', () => {
  const refused =
    /Could not assume role with OIDC: .*Not authorized to perform sts:AssumeRoleWithWebIdentity/;

  it('a pull_request token assumes neither role', async () => {
    const pr = { eventName: 'pull_request', ref: 'refs/pull/7/merge' };
    await expect(session(env.vars.AWS_BUILD_ROLE_ARN!, pr)).rejects.toThrow(refused);
    await expect(session(env.vars.AWS_DEPLOY_ROLE_ARN!, pr)).rejects.toThrow(refused);
  });

  it('a token of another repository (same name, another ID: a re-created one) is refused', async () => {
    const other = { ...env.oidc.repository, id: '999999' };
    await expect(session(env.vars.AWS_BUILD_ROLE_ARN!, { repository: other })).rejects.toThrow(
      refused,
    );
    await expect(
      session(env.vars.AWS_DEPLOY_ROLE_ARN!, { repository: other, environment: 'production' }),
    ).rejects.toThrow(refused);
  });

  it('the build role refuses another branch and another workflow file of the repository', async () => {
    await expect(
      session(env.vars.AWS_BUILD_ROLE_ARN!, { ref: 'refs/heads/feature' }),
    ).rejects.toThrow(refused);
    await expect(
      session(env.vars.AWS_BUILD_ROLE_ARN!, { workflowPath: '.github/workflows/pr-checks.yml' }),
    ).rejects.toThrow(refused);
    // A job of a workflow another repository defines (its reusable workflow), not named by the stack.
    await expect(
      session(env.vars.AWS_BUILD_ROLE_ARN!, {
        jobWorkflowRef: 'someone/else/.github/workflows/image-pipeline.yml@refs/heads/main',
      }),
    ).rejects.toThrow(refused);
  });

  it('the deploy role refuses a job outside the production environment, even on main', async () => {
    await expect(session(env.vars.AWS_DEPLOY_ROLE_ARN!)).rejects.toThrow(refused);
    await expect(
      session(env.vars.AWS_DEPLOY_ROLE_ARN!, { environment: 'staging' }),
    ).rejects.toThrow(refused);
  });

  it('the build job and the production environment get their roles', async () => {
    await expect(session(env.vars.AWS_BUILD_ROLE_ARN!)).resolves.toHaveProperty(
      'AWS_SESSION_TOKEN',
    );
    await expect(
      session(env.vars.AWS_DEPLOY_ROLE_ARN!, { environment: 'production' }),
    ).resolves.toHaveProperty('AWS_SESSION_TOKEN');
  });
});

describe('what each role may not do', () => {
  const exec = () => env.vars.APP_STACK_EXECUTION_ROLE_ARN!;
  const notAuthorized = (action: string) =>
    expect.objectContaining({
      message: expect.stringMatching(new RegExp(`is not authorized to perform: ${action}`)),
    });

  it('the build role cannot create a change set', async () => {
    const cfn = client(CloudFormationClient, await session(env.vars.AWS_BUILD_ROLE_ARN!));
    await expect(cfn.send(changeSet(APP_STACK, exec()))).rejects.toEqual(
      notAuthorized('cloudformation:CreateChangeSet'),
    );
  });

  it('the deploy role cannot start a build', async () => {
    const deploy = await session(env.vars.AWS_DEPLOY_ROLE_ARN!, { environment: 'production' });
    const ib = client(ImagebuilderClient, deploy);
    await expect(
      ib.send(
        new StartImagePipelineExecutionCommand({
          imagePipelineArn: `arn:aws:imagebuilder:${PRIMARY}:123456789012:image-pipeline/web-server`,
          clientToken: 'audit-1',
        }),
      ),
    ).rejects.toEqual(notAuthorized('imagebuilder:StartImagePipelineExecution'));
  });

  it('the deploy role touches neither the infrastructure nor the trust stack', async () => {
    const cfn = client(
      CloudFormationClient,
      await session(env.vars.AWS_DEPLOY_ROLE_ARN!, { environment: 'production' }),
    );
    for (const stack of ['golden-ami-github-oidc', 'golden-ami-image-builder']) {
      await expect(cfn.send(new DeleteStackCommand({ StackName: stack }))).rejects.toEqual(
        notAuthorized('cloudformation:DeleteStack'),
      );
      await expect(cfn.send(changeSet(stack, exec()))).rejects.toEqual(
        notAuthorized('cloudformation:CreateChangeSet'),
      );
    }
  });

  it('the deploy role passes no other role, and needs the execution role to deploy at all', async () => {
    const cfn = client(
      CloudFormationClient,
      await session(env.vars.AWS_DEPLOY_ROLE_ARN!, { environment: 'production' }),
    );
    await expect(cfn.send(changeSet(APP_STACK, env.vars.AWS_BUILD_ROLE_ARN!))).rejects.toEqual(
      notAuthorized('cloudformation:CreateChangeSet'),
    );
    await expect(
      cfn.send(
        new CreateChangeSetCommand({ ...changeSet(APP_STACK, exec()).input, RoleARN: undefined }),
      ),
    ).rejects.toEqual(notAuthorized('cloudformation:CreateChangeSet'));
  });
});

describe('a stacks file without a grant the pipeline needs', () => {
  it("fails the demo's pipeline with an AccessDenied naming the action and the statement", async () => {
    const file = 'stacks/github-oidc.yml';
    const put = stacksGrants(REPO_ROOT).find(
      (g) => g.file === file && g.action === 'ssm:PutParameter',
    )!;
    const narrowed = await createEnvironment({
      repoRoot: REPO_ROOT,
      timeWarp: 240,
      emulator: { timeScale: 0.25 },
      stackText: (f) =>
        `stacks/${f}` === file
          ? withoutGrants(readFileSync(join(REPO_ROOT, file), 'utf8'), file, [put])
          : undefined,
    });
    try {
      const run = await runPipelineWorkflow(narrowed, 'image-pipeline.yml', {
        name: 'push',
        payload: narrowed.workspace.commit('first push') as never,
      });
      expect(run.success).toBe(false);
      const publish = run.steps.find((s) => s.step === 'publish')!;
      expect(publish.outcome).toBe('failure');
      expect(publish.log).toMatch(/is not authorized to perform: ssm:PutParameter/);
      expect(publish.log).toMatch(/change statement AmiParameters of stacks\/github-oidc\.yml/);
      expect(run.jobs.deploy?.result).not.toBe('success');
    } finally {
      await narrowed.close();
    }
  }, 120_000);
});
