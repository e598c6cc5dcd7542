/**
 * A GitHub job's role session on the in-process emulator: the trust stack (stacks/github-oidc.yml)
 * created through its CloudFormation, a token of the job signed by the local issuer, exchanged with
 * its STS (AssumeRoleWithWebIdentity, as configure-aws-credentials does). Clients with these
 * credentials are authorized as that role: a denial is worded as AWS words it for the role
 * ("User: arn:aws:sts::…:assumed-role/<role>/<session> is not authorized to perform: …").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { VirtualClock } from '../../actions/lib/core/clock.js';
import { githubTokenClaims, type RepositoryIdentity } from '../../scripts/demo/github-token.js';
import { pipelineJob } from '../../scripts/demo/job-session.js';
import { inProcessHandler } from '../../scripts/local-aws/in-process.js';
import { BOOTSTRAP_ADMIN, localIssuer } from '../../scripts/local-aws/server.js';
import type { InProcessAws } from './in-process-aws.js';
import { REPO_ROOT } from './run-action.js';

const STACK = 'golden-ami-github-oidc';
export const SESSION_REPOSITORY: RepositoryIdentity = {
  fullName: 'acme/golden-amis',
  ownerId: '4242',
  id: '424242',
  immutableSubject: true,
};

/** Creates the trust stack (once per emulator) and returns its role ARNs by logical id. */
async function trustStack(aws: InProcessAws, clock: VirtualClock): Promise<Record<string, string>> {
  const cfn = aws.cfn('us-east-1');
  const [org, name] = SESSION_REPOSITORY.fullName.split('/');
  const described = async () =>
    (await cfn.send(new DescribeStacksCommand({ StackName: STACK })).catch(() => undefined))
      ?.Stacks?.[0];
  if (!(await described()))
    await cfn.send(
      new CreateStackCommand({
        StackName: STACK,
        TemplateBody: readFileSync(join(REPO_ROOT, 'stacks', 'github-oidc.yml'), 'utf8'),
        Parameters: Object.entries({
          GitHubOrg: org!,
          RepositoryName: name!,
          GitHubOwnerId: SESSION_REPOSITORY.ownerId,
          RepositoryId: SESSION_REPOSITORY.id,
          DrRegion: 'us-west-2',
          AppStackPrefix: 'golden-ami-app-',
        }).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
  for (let i = 0; i < 600; i++) {
    const s = await described();
    if (s?.StackStatus === 'CREATE_COMPLETE')
      return Object.fromEntries((s.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    if (!s?.StackStatus?.endsWith('_IN_PROGRESS'))
      throw new Error(`${STACK}: ${s?.StackStatus} ${s?.StackStatusReason ?? ''}`);
    clock.advance(1_000);
  }
  throw new Error(`${STACK} never settled`);
}

/**
 * An Image Builder client of `region` signed with a session of the trust stack's build role
 * (the image pipeline's build job) or deploy role (a job of the production environment).
 */
export async function roleImagebuilder(
  aws: InProcessAws,
  clock: VirtualClock,
  role: 'build' | 'deploy',
  region: string,
): Promise<ImagebuilderClient> {
  const roles = await trustStack(aws, clock);
  const roleArn = roles[role === 'build' ? 'BuildRoleArn' : 'DeployRoleArn']!;
  const job = pipelineJob(
    SESSION_REPOSITORY,
    role === 'deploy' ? { environment: 'production' } : {},
  );
  const claims = githubTokenClaims(job, {
    audience: 'sts.amazonaws.com',
    nowSeconds: clock.now() / 1000,
    jti: `in-process-${role}-${clock.now()}`,
  });
  const token = await localIssuer().mint(claims, { now: claims.iat * 1000 });
  const handler = inProcessHandler(aws.emulator);
  const sts = new STSClient({
    region,
    endpoint: 'http://local-aws',
    credentials: {
      accessKeyId: BOOTSTRAP_ADMIN.accessKeyId,
      secretAccessKey: BOOTSTRAP_ADMIN.secretAccessKey,
    },
    requestHandler: handler,
  });
  const { Credentials: c } = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: 'GitHubActions',
      WebIdentityToken: token,
    }),
  );
  return new ImagebuilderClient({
    region,
    endpoint: 'http://local-aws',
    credentials: {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!,
    },
    requestHandler: handler,
  });
}
