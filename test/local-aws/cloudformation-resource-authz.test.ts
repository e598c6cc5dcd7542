import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { localIssuer } from '../../scripts/local-aws/oidc/issuer.js';
import { settle, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

const ACCOUNT = '123456789012';
const EXEC = `arn:aws:iam::${ACCOUNT}:role/exec`;
const PROJECT = 'imagebuilder-gitops:project';
type Statement = Record<string, unknown>;

/** Every statement an instance with project tags, IMDSv2 and an own AMI needs. */
const RUN_INSTANCE: Statement[] = [
  {
    Sid: 'RunTaggedImdsv2',
    Effect: 'Allow',
    Action: 'ec2:RunInstances',
    Resource: `arn:aws:ec2:*:${ACCOUNT}:instance/*`,
    Condition: {
      StringEquals: {
        [`aws:RequestTag/${PROJECT}`]: 'golden',
        'ec2:MetadataHttpTokens': 'required',
      },
    },
  },
  {
    Sid: 'OwnAmis',
    Effect: 'Allow',
    Action: 'ec2:RunInstances',
    Resource: 'arn:aws:ec2:*::image/*',
    Condition: { StringEquals: { 'ec2:Owner': ACCOUNT } },
  },
  {
    Sid: 'VolumesAndInterfaces',
    Effect: 'Allow',
    Action: 'ec2:RunInstances',
    Resource: [`arn:aws:ec2:*:${ACCOUNT}:volume/*`, `arn:aws:ec2:*:${ACCOUNT}:network-interface/*`],
  },
  {
    Sid: 'DescribeInstances',
    Effect: 'Allow',
    Action: 'ec2:DescribeInstances',
    Resource: '*',
  },
  {
    Sid: 'TagOnCreate',
    Effect: 'Allow',
    Action: 'ec2:CreateTags',
    Resource: `arn:aws:ec2:*:${ACCOUNT}:*/*`,
    Condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
  },
];
const TERMINATE: Statement = {
  Sid: 'TerminateTagged',
  Effect: 'Allow',
  Action: 'ec2:TerminateInstances',
  Resource: `arn:aws:ec2:*:${ACCOUNT}:instance/*`,
  Condition: { StringEquals: { [`aws:ResourceTag/${PROJECT}`]: 'golden' } },
};

/** The roles stack: `exec` for CloudFormation, `deployer` for a web identity (JSON is YAML). */
function rolesTemplate(exec: Statement[], deployer: Statement[] = []): string {
  const role = (name: string, principal: object, statements: Statement[]) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: name,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole*' }],
      },
      ...(statements.length
        ? {
            Policies: [
              {
                PolicyName: name,
                PolicyDocument: { Version: '2012-10-17', Statement: statements },
              },
            ],
          }
        : {}),
    },
  });
  return JSON.stringify({
    Resources: {
      Provider: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: {
          Url: 'https://token.actions.githubusercontent.com',
          ClientIdList: ['sts.amazonaws.com'],
        },
      },
      Exec: role('exec', { Service: 'cloudformation.amazonaws.com' }, exec),
      Deployer: role('deployer', { Federated: { Ref: 'Provider' } }, deployer),
    },
  });
}

function appTemplate(o: { image: string; tags?: boolean; tokens?: string }): string {
  return JSON.stringify({
    Resources: {
      Server: {
        Type: 'AWS::EC2::Instance',
        Properties: {
          ImageId: o.image,
          InstanceType: 't3.micro',
          MetadataOptions: { HttpTokens: o.tokens ?? 'required' },
          ...(o.tags === false ? {} : { Tags: [{ Key: PROJECT, Value: 'golden' }] }),
        },
      },
    },
  });
}

let env: CfnEnv;
let image: string;
beforeEach(async () => {
  env = await startCfnEnv();
  image = env.aws.admin.seedImage('us-east-1', { name: 'golden' }).imageId;
});
afterEach(async () => {
  await env.aws.close();
});

async function roles(exec: Statement[], deployer: Statement[] = []): Promise<void> {
  await env.cfn().send(
    new CreateStackCommand({
      StackName: 'roles',
      TemplateBody: rolesTemplate(exec, deployer),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  );
  expect((await settle(env, 'roles')).StackStatus).toBe('CREATE_COMPLETE');
}

async function app(body: string, cfn = env.cfn(), roleArn: string | null = EXEC) {
  await cfn.send(
    new CreateStackCommand({ StackName: 'app', TemplateBody: body, RoleARN: roleArn ?? undefined }),
  );
  return settle(env, 'app');
}

async function events(): Promise<StackEvent[]> {
  return (await env.cfn().send(new DescribeStackEventsCommand({ StackName: 'app' }))).StackEvents!;
}

async function failedReason(status = 'CREATE_FAILED'): Promise<string> {
  const e = (await events()).find(
    (x) => x.LogicalResourceId === 'Server' && x.ResourceStatus === status,
  );
  expect(e).toBeDefined();
  return e!.ResourceStatusReason!;
}

/** The handler's message for an EC2 denial, as CloudFormation shows it. */
function ec2Denial(principal: string, action: string, resource: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `^Resource handler returned message: "You are not authorized to perform this operation\\. ` +
      `User: ${esc(principal)} is not authorized to perform: ${esc(action)} on resource: ${esc(resource)} ` +
      `because no identity-based policy allows the ${esc(action)} action\\. Encoded authorization failure message: [A-Za-z0-9+/=]+ ` +
      `\\(Service: Ec2, Status Code: 403, Request ID: [0-9a-f-]{36}\\)" \\(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: AccessDenied\\)$`,
  );
}

const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/exec/AWSCloudFormation`;
const INSTANCES = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`;

describe('CloudFormation creates and deletes each resource as its role', () => {
  it('fails the instance when the role may not run instances, names the action, and rolls back', async () => {
    await roles(RUN_INSTANCE.filter((s) => s['Action'] !== 'ec2:RunInstances'));
    const st = await app(appTemplate({ image }));
    expect(st.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(await failedReason()).toMatch(ec2Denial(SESSION, 'ec2:RunInstances', INSTANCES));
    const d = env.aws.admin.decisions().filter((x) => x.call === 'cloudformation:app/Server');
    expect(d.at(-1)).toMatchObject({
      principal: SESSION,
      action: 'ec2:RunInstances',
      resource: INSTANCES,
      decision: 'ImplicitDeny',
    });
  });

  it('runs the instance with the project tag and IMDSv2, recording the statements that allowed each resource', async () => {
    await roles([...RUN_INSTANCE, TERMINATE]);
    expect((await app(appTemplate({ image }))).StackStatus).toBe('CREATE_COMPLETE');
    const d = env.aws.admin.decisions().filter((x) => x.call === 'cloudformation:app/Server');
    const sids = d.map((x) => [x.action, x.resource, x.statements.map((s) => s.sid).join()]);
    expect(sids).toEqual([
      ['ec2:RunInstances', INSTANCES, 'RunTaggedImdsv2'],
      ['ec2:RunInstances', `arn:aws:ec2:us-east-1::image/${image}`, 'OwnAmis'],
      [
        'ec2:RunInstances',
        `arn:aws:ec2:us-east-1:${ACCOUNT}:network-interface/*`,
        'VolumesAndInterfaces',
      ],
      ['ec2:RunInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/*`, 'VolumesAndInterfaces'],
      ['ec2:CreateTags', INSTANCES, 'TagOnCreate'],
      ['ec2:DescribeInstances', '*', 'DescribeInstances'],
    ]);
    expect(d[0]!.context).toMatchObject({
      [`aws:RequestTag/${PROJECT}`]: 'golden',
      'aws:TagKeys': [PROJECT],
      'ec2:InstanceType': 't3.micro',
      'ec2:MetadataHttpTokens': 'required',
    });
    expect(d[1]!.context).toMatchObject({ 'ec2:Owner': ACCOUNT });
  });

  it('refuses an instance without the project tag (aws:RequestTag condition)', async () => {
    await roles(RUN_INSTANCE);
    expect((await app(appTemplate({ image, tags: false }))).StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(await failedReason()).toMatch(ec2Denial(SESSION, 'ec2:RunInstances', INSTANCES));
  });

  it('refuses an instance without IMDSv2 (ec2:MetadataHttpTokens condition)', async () => {
    await roles(RUN_INSTANCE);
    expect((await app(appTemplate({ image, tokens: 'optional' }))).StackStatus).toBe(
      'ROLLBACK_COMPLETE',
    );
    expect(await failedReason()).toMatch(ec2Denial(SESSION, 'ec2:RunInstances', INSTANCES));
    const d = env.aws.admin.decisions().filter((x) => x.call === 'cloudformation:app/Server');
    expect(d.at(-1)!.context).toMatchObject({ 'ec2:MetadataHttpTokens': 'optional' });
  });

  it("refuses another account's image (ec2:Owner condition) on the image's ARN", async () => {
    await roles(RUN_INSTANCE);
    const shared = env.aws.admin.seedImage('us-east-1', {
      name: 'theirs',
      ownerId: '210987654321',
    });
    expect((await app(appTemplate({ image: shared.imageId }))).StackStatus).toBe(
      'ROLLBACK_COMPLETE',
    );
    expect(await failedReason()).toMatch(
      ec2Denial(SESSION, 'ec2:RunInstances', `arn:aws:ec2:us-east-1::image/${shared.imageId}`),
    );
  });

  it('evaluates Fn::GetAZs as the role: DescribeAvailabilityZones, DescribeAccountAttributes, DescribeSubnets', async () => {
    const azs: Statement = {
      Effect: 'Allow',
      Action: ['ec2:DescribeAvailabilityZones', 'ec2:DescribeSubnets'],
      Resource: '*',
    };
    await roles([...RUN_INSTANCE, azs]);
    const body = JSON.parse(appTemplate({ image }));
    body.Resources.Server.Properties.AvailabilityZone = { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] };
    expect((await app(JSON.stringify(body))).StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(await failedReason()).toMatch(ec2Denial(SESSION, 'ec2:DescribeAccountAttributes', '*'));
  });

  it('fails the delete when the role may not terminate the instance: DELETE_FAILED', async () => {
    await roles(RUN_INSTANCE);
    expect((await app(appTemplate({ image }))).StackStatus).toBe('CREATE_COMPLETE');
    await env.cfn().send(new DeleteStackCommand({ StackName: 'app' }));
    expect((await settle(env, 'app')).StackStatus).toBe('DELETE_FAILED');
    const id = (await events()).find(
      (x) => x.ResourceStatus === 'CREATE_COMPLETE' && x.LogicalResourceId === 'Server',
    )!.PhysicalResourceId!;
    expect(await failedReason('DELETE_FAILED')).toMatch(
      ec2Denial(
        SESSION,
        'ec2:TerminateInstances',
        `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${id}`,
      ),
    );
    const d = env.aws.admin.decisions().filter((x) => x.action === 'ec2:TerminateInstances');
    expect(d.at(-1)!.context).toMatchObject({ [`aws:ResourceTag/${PROJECT}`]: 'golden' });
  });

  it('without a RoleARN acts as the caller: the session that created the stack', async () => {
    const deployer = [
      { Effect: 'Allow', Action: 'cloudformation:CreateStack', Resource: '*' },
      RUN_INSTANCE[0]!,
    ];
    await roles([], deployer);
    const token = await localIssuer().mint(
      { sub: 'repo:acme/x:environment:production' },
      { now: env.clock.now() },
    );
    const c = (
      await new STSClient({
        region: 'us-east-1',
        endpoint: env.aws.endpoint,
        credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      }).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`,
          RoleSessionName: 'run-1',
          WebIdentityToken: token,
        }),
      )
    ).Credentials!;
    const cfn = new CloudFormationClient({
      region: 'us-east-1',
      endpoint: env.aws.endpoint,
      maxAttempts: 1,
      credentials: {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      },
    });
    expect((await app(appTemplate({ image }), cfn, null)).StackStatus).toBe('ROLLBACK_COMPLETE');
    const me = `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run-1`;
    const d = env.aws.admin.decisions().filter((x) => x.call === 'cloudformation:app/Server');
    expect(d[0]).toMatchObject({ principal: me, action: 'ec2:RunInstances', decision: 'Allow' });
    expect(await failedReason()).toMatch(
      ec2Denial(me, 'ec2:RunInstances', `arn:aws:ec2:us-east-1::image/${image}`),
    );
  });
});
