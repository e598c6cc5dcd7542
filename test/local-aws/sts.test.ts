import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListComponentsCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { localIssuer, createIssuer } from '../../scripts/local-aws/oidc/issuer.js';
import { failure } from './helpers.js';
import { createIamStack, startCfnEnv, type CfnEnv } from './cloudformation-helpers.js';

const TEMPLATE = readFileSync(new URL('./fixtures/oidc-roles.yml', import.meta.url), 'utf8');
const ROLE = 'arn:aws:iam::123456789012:role/ci/build';
const SUB = 'repo:acme@1/golden-amis@2:ref:refs/heads/main';

let env: CfnEnv;
beforeEach(async () => {
  env = await startCfnEnv();
  await createIamStack(env, 'trust', TEMPLATE);
});
afterEach(async () => {
  await env.aws.close();
});

const anonymous = () =>
  new STSClient({
    region: 'us-east-1',
    endpoint: env.aws.endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });

async function assume(claims: Record<string, unknown> = {}, extra: object = {}) {
  const token = await localIssuer().mint(
    { sub: SUB, repository: 'acme/golden-amis', ...claims },
    { now: env.clock.now() },
  );
  return anonymous().send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: ROLE,
      RoleSessionName: 'run-1001',
      WebIdentityToken: token,
      ...extra,
    }),
  );
}

function sessionConfig(c: {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
}) {
  return {
    region: 'us-east-1',
    endpoint: env.aws.endpoint,
    maxAttempts: 1,
    credentials: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken,
    },
  };
}

describe('STS AssumeRoleWithWebIdentity', () => {
  it('exchanges a GitHub token the trust allows for a session that signs later calls', async () => {
    const out = await assume(
      {
        repository_owner_id: '1',
        job_workflow_ref: 'acme/golden-amis/.github/workflows/image.yml@refs/heads/main',
        run_id: '1001',
      },
      { DurationSeconds: 7200 },
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.Expiration?.getTime()).toBe(env.clock.now() + 7_200_000);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/build/run-1001');
    expect(out.SubjectFromWebIdentityToken).toBe(SUB);
    expect(out.Provider).toBe(
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    );
    const me = await new STSClient(sessionConfig(out.Credentials!)).send(
      new GetCallerIdentityCommand({}),
    );
    expect(me.Arn).toBe(out.AssumedRoleUser?.Arn);
    expect(me.UserId).toMatch(/^AROA[A-Z]{17}:run-1001$/);
    const decision = env.aws.admin
      .decisions()
      .find((d) => d.action === 'sts:AssumeRoleWithWebIdentity');
    expect(decision).toMatchObject({ decision: 'Allow', resource: ROLE });
    expect(decision?.context).toMatchObject({
      'token.actions.githubusercontent.com:sub': SUB,
      'token.actions.githubusercontent.com:repository': 'acme/golden-amis',
      'token.actions.githubusercontent.com:repository_owner_id': '1',
      'token.actions.githubusercontent.com:job_workflow_ref':
        'acme/golden-amis/.github/workflows/image.yml@refs/heads/main',
    });
    // A claim AWS does not map to a condition key stays out of the trust policy's context.
    expect(decision?.context).not.toHaveProperty('token.actions.githubusercontent.com:run_id');
  });

  it("refuses tokens and requests the role's trust and limits do not allow, with STS's errors", async () => {
    const other = await failure(assume({ sub: 'repo:acme@1/golden-amis@2:pull_request' }));
    expect(other.name).toBe('AccessDenied');
    expect(other.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    expect(other.$metadata?.httpStatusCode).toBe(403);
    expect(env.aws.admin.decisions().at(-1)?.decision).toBe('ImplicitDeny');

    const tooLong = await failure(assume({}, { DurationSeconds: 7201 }));
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.message).toMatch(/exceeds the MaxSessionDuration set for this role/);

    const aud = await failure(assume({ aud: 'sigstore' }));
    expect(aud.name).toBe('InvalidIdentityTokenException');
    expect(aud.message).toBe('Incorrect token audience');

    const stale = await localIssuer().mint({ sub: SUB }, { now: env.clock.now() });
    env.clock.advance(301_000);
    const expired = await failure(
      anonymous().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: ROLE,
          RoleSessionName: 'run-1001',
          WebIdentityToken: stale,
        }),
      ),
    );
    expect(expired.name).toBe('ExpiredTokenException');

    const forged = await createIssuer().mint({ sub: SUB }, { now: env.clock.now() });
    const bad = await failure(
      anonymous().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: ROLE,
          RoleSessionName: 'run-1001',
          WebIdentityToken: forged,
        }),
      ),
    );
    expect(bad.name).toBe('InvalidIdentityTokenException');

    const noRole = await failure(assume({}, { RoleArn: 'arn:aws:iam::123456789012:role/ci/nope' }));
    expect(noRole.name).toBe('AccessDenied');
  });
});

describe('authentication of every request', () => {
  it('answers an unknown access key in each protocol’s own error', async () => {
    const stranger = {
      region: 'us-east-1',
      endpoint: env.aws.endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' },
    };
    expect(
      (await failure(new STSClient(stranger).send(new GetCallerIdentityCommand({})))).name,
    ).toBe('InvalidClientTokenId');
    expect(
      (await failure(new SSMClient(stranger).send(new GetParameterCommand({ Name: 'p' })))).name,
    ).toBe('UnrecognizedClientException');
    expect((await failure(new EC2Client(stranger).send(new DescribeImagesCommand({})))).name).toBe(
      'AuthFailure',
    );
    const ib = await failure(new ImagebuilderClient(stranger).send(new ListComponentsCommand({})));
    expect(ib.name).toBe('UnrecognizedClientException');
    expect(ib.$metadata?.httpStatusCode).toBe(403);
  });

  it('rejects a wrong secret, a session token that does not match, and an expired session', async () => {
    const out = await assume();
    const c = out.Credentials!;
    const wrongSecret = await failure(
      new STSClient(sessionConfig({ ...c, SecretAccessKey: 'nope' })).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(wrongSecret.name).toBe('SignatureDoesNotMatch');
    const wrongToken = await failure(
      new SSMClient(sessionConfig({ ...c, SessionToken: 'other' })).send(
        new GetParameterCommand({ Name: 'p' }),
      ),
    );
    expect(wrongToken.name).toBe('UnrecognizedClientException');
    env.clock.advance(3_600_000);
    const expired = await failure(
      new STSClient(sessionConfig(c)).send(new GetCallerIdentityCommand({})),
    );
    expect(expired.name).toBe('ExpiredToken');
    const ssmExpired = await failure(
      new SSMClient(sessionConfig(c)).send(new GetParameterCommand({ Name: 'p' })),
    );
    expect(ssmExpired.name).toBe('ExpiredTokenException');
  });

  it('answers an unsigned call with MissingAuthenticationToken', async () => {
    const r = await fetch(env.aws.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
