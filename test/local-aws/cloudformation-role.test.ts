import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { CreateChangeSetCommand, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { failure } from './helpers.js';
import { changeSetResult, settle, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

const ROLES = readFileSync(new URL('./fixtures/cfn-roles.yml', import.meta.url), 'utf8');
const EXEC = 'arn:aws:iam::123456789012:role/app-execution';
const template = (name: string) =>
  `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: '{{resolve:ssm:${name}:1}}'\n`;

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
  await env.cfn().send(
    new CreateStackCommand({
      StackName: 'roles',
      TemplateBody: ROLES,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  );
  await settle(env, 'roles');
  for (const name of ['/golden-ami/bucket', '/other/bucket'])
    await env
      .ssm()
      .send(new PutParameterCommand({ Name: name, Value: 'my-bucket', Type: 'String' }));
});
afterEach(async () => {
  await env.aws.close();
});

async function changeSet(parameter: string, roleArn = EXEC) {
  const out = await env.cfn().send(
    new CreateChangeSetCommand({
      StackName: 'app',
      ChangeSetName: `cs-${parameter.split('/')[1]}`,
      ChangeSetType: 'CREATE',
      TemplateBody: template(parameter),
      RoleARN: roleArn,
    }),
  );
  return changeSetResult(env, out.Id!);
}

describe('CloudFormation acts as its role', () => {
  it('resolves dynamic references with the role: allowed parameters resolve, others fail the change set', async () => {
    expect((await changeSet('/golden-ami/bucket')).Status).toBe('CREATE_COMPLETE');
    const denied = await changeSet('/other/bucket');
    expect(denied.Status).toBe('FAILED');
    expect(denied.StatusReason).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/app-execution/AWSCloudFormation is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:123456789012:parameter/other/bucket because no identity-based policy allows the ssm:GetParameters action',
    );
    expect(env.aws.admin.decisions().find((d) => d.action === 'sts:AssumeRole')).toMatchObject({
      principal: 'cloudformation.amazonaws.com',
      resource: EXEC,
      decision: 'Allow',
      context: { 'aws:SourceAccount': '123456789012' },
    });
  });

  it('refuses a role whose trust does not allow CloudFormation, and a role that does not exist', async () => {
    for (const role of [
      'arn:aws:iam::123456789012:role/instance',
      'arn:aws:iam::123456789012:role/nope',
    ]) {
      const e = await failure(
        env.cfn().send(
          new CreateStackCommand({
            StackName: 'app',
            TemplateBody: template('/golden-ami/bucket'),
            RoleARN: role,
          }),
        ),
      );
      expect(e.name).toBe('ValidationError');
      expect(e.message).toBe(`Role ${role} is invalid or cannot be assumed`);
    }
  });

  it('without a role, reads parameters as the caller', async () => {
    const out = await env.cfn().send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'as-caller',
        ChangeSetType: 'CREATE',
        TemplateBody: template('/other/bucket'),
      }),
    );
    expect((await changeSetResult(env, out.Id!)).Status).toBe('CREATE_COMPLETE');
    expect(env.aws.admin.decisions().find((d) => d.action === 'ssm:GetParameters')).toMatchObject({
      principal: 'arn:aws:iam::123456789012:user/local-aws',
      action: 'ssm:GetParameters',
      decision: 'Allow',
    });
  });
});
