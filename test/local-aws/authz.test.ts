import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateImagePipelineCommand,
  ImagebuilderClient,
  ListComponentsCommand,
} from '@aws-sdk/client-imagebuilder';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { localIssuer } from '../../scripts/local-aws/oidc/issuer.js';
import { failure } from './helpers.js';
import { createIamStack, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

const TEMPLATE = readFileSync(new URL('./fixtures/authz-role.yml', import.meta.url), 'utf8');
const ME = 'arn:aws:sts::123456789012:assumed-role/narrow/run-7';

let env: CfnEnv;
let config: object;
beforeAll(async () => {
  env = await startCfnEnv();
  await createIamStack(env, 'authz', TEMPLATE);
  const token = await localIssuer().mint(
    { sub: 'repo:acme/x:ref:refs/heads/main' },
    { now: env.clock.now() },
  );
  const out = await new STSClient({
    region: 'us-east-1',
    endpoint: env.aws.endpoint,
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  }).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: 'arn:aws:iam::123456789012:role/narrow',
      RoleSessionName: 'run-7',
      WebIdentityToken: token,
    }),
  );
  const c = out.Credentials!;
  config = {
    region: 'us-east-1',
    endpoint: env.aws.endpoint,
    maxAttempts: 1,
    credentials: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    },
  };
});
afterAll(async () => {
  await env.aws.close();
});

describe('every request authorized against the session’s role', () => {
  it('lets an allowed call through to the handler and records which statement allowed it', async () => {
    const e = await failure(
      new SSMClient(config).send(new GetParameterCommand({ Name: '/golden-ami/web' })),
    );
    expect(e.name).toBe('ParameterNotFound');
    const d = env.aws.admin.decisions().at(-1)!;
    expect(d).toMatchObject({
      call: 'ssm.GetParameter',
      principal: ME,
      action: 'ssm:GetParameter',
      resource: 'arn:aws:ssm:us-east-1:123456789012:parameter/golden-ami/web',
      decision: 'Allow',
    });
    expect(d.statements).toEqual([
      expect.objectContaining({
        policy: 'narrow',
        sid: 'ReadAmiParameters',
        source: 'stack authz, Role.Policies[narrow]',
      }),
    ]);
    const viaHttp = (await (
      await fetch(`${env.aws.endpoint}/__admin/decisions`)
    ).json()) as unknown[];
    expect(viaHttp.at(-1)).toMatchObject({ decision: 'Allow', action: 'ssm:GetParameter' });
  });

  it("denies in each service's own shape with AWS's wording", async () => {
    const ssm = await failure(
      new SSMClient(config).send(new GetParameterCommand({ Name: '/other' })),
    );
    expect(ssm.name).toBe('AccessDeniedException');
    expect(ssm.message).toBe(
      `User: ${ME} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/other because no identity-based policy allows the ssm:GetParameter action`,
    );
    const secret = await failure(
      new SSMClient(config).send(new GetParameterCommand({ Name: '/golden-ami/secret' })),
    );
    expect(secret.message).toMatch(/with an explicit deny in an identity-based policy$/);
    expect(env.aws.admin.decisions().at(-1)).toMatchObject({
      decision: 'ExplicitDeny',
      statements: [expect.objectContaining({ sid: 'NeverTheSecret' })],
    });

    const ec2 = await failure(
      new EC2Client(config).send(
        new CreateTagsCommand({
          Resources: ['ami-0123456789abcdef0'],
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      ),
    );
    expect(ec2.name).toBe('UnauthorizedOperation');
    expect(ec2.message).toMatch(
      /^You are not authorized to perform this operation\. User: .* is not authorized to perform: ec2:CreateTags on resource: arn:aws:ec2:us-east-1::image\/ami-0123456789abcdef0 .*Encoded authorization failure message: [A-Za-z0-9+/=]+$/,
    );

    const cfn = await failure(
      new CloudFormationClient(config).send(new DescribeStacksCommand({ StackName: 'authz' })),
    );
    expect(cfn.name).toBe('AccessDenied');
    expect(cfn.$metadata?.httpStatusCode).toBe(403);

    const ib = await failure(new ImagebuilderClient(config).send(new ListComponentsCommand({})));
    expect(ib.name).toBe('AccessDeniedException');
    expect(ib.$metadata?.httpStatusCode).toBe(403);
  });

  it("reads AWS's public parameters only with a grant on their account-less ARN", async () => {
    const ssm = new SSMClient(config);
    const linux = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
    const got = await ssm.send(new GetParameterCommand({ Name: linux }));
    expect(got.Parameter?.Value).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(got.Parameter?.ARN).toBe(`arn:aws:ssm:us-east-1::parameter${linux}`);
    expect(env.aws.admin.decisions().at(-1)).toMatchObject({
      resource: `arn:aws:ssm:us-east-1::parameter${linux}`,
      decision: 'Allow',
      statements: [expect.objectContaining({ sid: 'ReadPublicLinuxAmis' })],
    });
    const windows = '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';
    const denied = await failure(ssm.send(new GetParameterCommand({ Name: windows })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain(
      `ssm:GetParameter on resource: arn:aws:ssm:us-east-1::parameter${windows} because no identity-based policy allows`,
    );
  });

  it('evaluates request tags: the create is allowed only with the tag the policy names', async () => {
    const input = {
      name: 'web',
      imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0',
      infrastructureConfigurationArn:
        'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra',
      clientToken: 't-1',
    };
    const ib = new ImagebuilderClient(config);
    const untagged = await failure(ib.send(new CreateImagePipelineCommand(input)));
    expect(untagged.name).toBe('AccessDeniedException');
    const tagged = await failure(
      ib.send(
        new CreateImagePipelineCommand({
          ...input,
          clientToken: 't-2',
          tags: { project: 'golden' },
        }),
      ),
    );
    // Past authorization: the handler answers that the recipe does not exist.
    expect(tagged.name).toBe('ResourceNotFoundException');
  });

  it('needs iam:PassRole, the dependent action, to hand CloudFormation a role', async () => {
    const role = 'arn:aws:iam::123456789012:role/narrow';
    const e = await failure(
      new CloudFormationClient(config).send(
        new CreateChangeSetCommand({
          StackName: 'app-web',
          ChangeSetName: 'c1',
          ChangeSetType: 'CREATE',
          TemplateBody: 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n',
          RoleARN: role,
        }),
      ),
    );
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toBe(
      `User: ${ME} is not authorized to perform: iam:PassRole on resource: ${role} because no identity-based policy allows the iam:PassRole action`,
    );
    const [cs, pass] = env.aws.admin.decisions().slice(-2);
    expect(cs).toMatchObject({ action: 'cloudformation:CreateChangeSet', decision: 'Allow' });
    expect(pass).toMatchObject({
      action: 'iam:PassRole',
      decision: 'ImplicitDeny',
      context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
    });
  });
});
