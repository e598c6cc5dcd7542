import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  CreateStackCommand,
  DeleteStackCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { iamState } from '../../scripts/local-aws/iam/model.js';
import { settle, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

const TEMPLATE = readFileSync(new URL('./fixtures/oidc-roles.yml', import.meta.url), 'utf8');

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
});
afterEach(async () => {
  await env.aws.close();
});

async function create(params: Record<string, string> = {}) {
  await env.cfn().send(
    new CreateStackCommand({
      StackName: 'trust',
      TemplateBody: TEMPLATE,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Parameters: Object.entries(params).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
    }),
  );
  return settle(env, 'trust');
}

describe('IAM entities from CloudFormation', () => {
  it('creates roles, policies, the OIDC provider and the instance profile in the account', async () => {
    const stack = await create();
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const iam = iamState(env.aws.state);
    const build = iam.roles['build']!;
    expect(build).toMatchObject({
      arn: 'arn:aws:iam::123456789012:role/ci/build',
      path: '/ci/',
      maxSessionDuration: 7200,
      roleId: expect.stringMatching(/^AROA[A-Z]{17}$/),
    });
    expect(stack.Outputs?.find((o) => o.OutputKey === 'BuildRoleArn')?.OutputValue).toBe(build.arn);
    expect(build.trust.source).toBe('stack trust, BuildRole.AssumeRolePolicyDocument');
    expect(JSON.stringify(build.trust.document)).toContain('repo:acme@1/golden-amis@2');
    expect(Object.keys(build.inline)).toEqual(['build']);
    expect(build.inline['build']!.source).toBe('stack trust, BuildRole.Policies[build]');

    const provider = Object.values(iam.oidcProviders)[0]!;
    expect(provider).toMatchObject({
      arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      url: 'https://token.actions.githubusercontent.com',
      clientIds: ['sts.amazonaws.com'],
    });
    const exec = Object.values(iam.roles).find((r) => r.name.startsWith('trust-ExecutionRole-'))!;
    expect(Object.keys(exec.inline)).toEqual(['resources']);
    expect(exec.attached).toHaveLength(1);
    expect(iam.policies[exec.attached[0]!]?.source).toBe('stack trust, Shared');
    const profile = Object.values(iam.instanceProfiles)[0]!;
    expect(profile.roles).toEqual([exec.name]);
    expect(stack.Outputs?.find((o) => o.OutputKey === 'ProfileArn')?.OutputValue).toBe(profile.arn);
  });

  it('updates a role in place and keeps the inline policies other resources gave it', async () => {
    await create();
    const before = iamState(env.aws.state).roles['build']!;
    await env.cfn().send(
      new UpdateStackCommand({
        StackName: 'trust',
        UsePreviousTemplate: true,
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        Parameters: [
          { ParameterKey: 'MaxSession', ParameterValue: '3600' },
          { ParameterKey: 'BuildActions', ParameterValue: 'imagebuilder:GetImage' },
        ],
      }),
    );
    expect((await settle(env, 'trust')).StackStatus).toBe('UPDATE_COMPLETE');
    const iam = iamState(env.aws.state);
    const after = iam.roles['build']!;
    expect(after.roleId).toBe(before.roleId);
    expect(after.maxSessionDuration).toBe(3600);
    expect(JSON.stringify(after.inline['build']!.document)).not.toContain('ListImagePipelines');
    const exec = Object.values(iam.roles).find((r) => r.name.startsWith('trust-ExecutionRole-'))!;
    expect(Object.keys(exec.inline)).toEqual(['resources']);
    expect(exec.attached).toHaveLength(1);
  });

  it('refuses a second provider for the same URL like IAM, and deletes every entity with the stack', async () => {
    await create();
    await env.cfn().send(
      new CreateStackCommand({
        StackName: 'again',
        TemplateBody:
          'Resources:\n  P:\n    Type: AWS::IAM::OIDCProvider\n    Properties:\n      Url: https://token.actions.githubusercontent.com\n      ClientIdList: [sts.amazonaws.com]\n',
      }),
    );
    const again = await settle(env, 'again');
    expect(again.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(Object.keys(iamState(env.aws.state).oidcProviders)).toHaveLength(1);
    await env.cfn().send(new DeleteStackCommand({ StackName: 'trust' }));
    await settle(env, 'trust').catch(() => undefined);
    const iam = iamState(env.aws.state);
    expect(iam.roles).toEqual({});
    expect(iam.policies).toEqual({});
    expect(iam.oidcProviders).toEqual({});
    expect(iam.instanceProfiles).toEqual({});
  });
});
