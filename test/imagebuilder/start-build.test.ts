import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ImagebuilderClient,
  ListImagePipelineImagesCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { PROJECT_TAG, RUN_TAG, REPOSITORY_TAG } from '../../actions/lib/imagebuilder/tags.js';
import { startBuild } from '../../actions/lib/imagebuilder/start-build.js';
import { awsError, context } from './helpers.js';
import { img, ours, spec } from './start-build-fixtures.js';

const mock = mockClient(ImagebuilderClient);

beforeEach(() => {
  mock.reset();
});

describe('startBuild: attach, start and tokens', () => {
  it('attaches to a build of this recipe version in progress instead of starting another', async () => {
    mock
      .on(ListImagePipelineImagesCommand)
      .resolves({ imageSummaryList: [img(1, 'AVAILABLE'), img(2, 'BUILDING')] });
    const ctx = context();
    const r = await startBuild(spec, ctx);
    expect(r).toMatchObject({ attached: true, imageBuildVersionArn: img(2, 'BUILDING').arn });
    expect(mock.commandCalls(StartImagePipelineExecutionCommand)).toHaveLength(0);
    expect(ctx.logger.text()).toMatch(
      /Attaching to .*web\/1\.0\.3\/2: a build of web 1\.0\.3 is already BUILDING/,
    );
    expect(mock.commandCalls(ListImagePipelineImagesCommand)[0]!.args[0].input.filters).toEqual([
      { name: 'version', values: ['1.0.3'] },
    ]);
  });

  it('starts with a token from repository, image, recipe version and run id (stable across re-runs)', async () => {
    mock
      .on(ListImagePipelineImagesCommand)
      .resolves({ imageSummaryList: [img(1, 'AVAILABLE', { [RUN_TAG]: '5' })] });
    mock
      .on(StartImagePipelineExecutionCommand)
      .resolves({ imageBuildVersionArn: img(2, 'PENDING').arn });
    const a = await startBuild(spec, context());
    const b = await startBuild(spec, context());
    expect(a).toMatchObject({ attached: false, imageBuildVersionArn: img(2, 'PENDING').arn });
    expect(a.clientToken).toBe(b.clientToken);
    expect((await startBuild({ ...spec, runId: '778' }, context())).clientToken).not.toBe(
      a.clientToken,
    );
    expect(
      mock.commandCalls(StartImagePipelineExecutionCommand)[0]!.args[0].input.tags,
    ).toMatchObject(ours);
  });

  it('attaches to what this run already built; rebuilds with a fresh token after our build failed', async () => {
    mock
      .on(ListImagePipelineImagesCommand)
      .resolves({ imageSummaryList: [img(1, 'AVAILABLE', ours)] });
    expect((await startBuild(spec, context())).attached).toBe(true);
    mock.reset();
    mock.on(ListImagePipelineImagesCommand).resolves({ imageSummaryList: [] });
    mock.on(StartImagePipelineExecutionCommand).resolves({ imageBuildVersionArn: 'x' });
    const first = (await startBuild(spec, context())).clientToken;
    mock
      .on(ListImagePipelineImagesCommand)
      .resolves({ imageSummaryList: [img(1, 'FAILED', ours)] });
    const retry = await startBuild(spec, context());
    expect(retry.attached).toBe(false);
    expect(retry.clientToken).not.toBe(first);
  });

  it('turns IdempotentParameterMismatchException into an explained ConfigurationError', async () => {
    mock.on(ListImagePipelineImagesCommand).resolves({});
    mock
      .on(StartImagePipelineExecutionCommand)
      .rejects(awsError('IdempotentParameterMismatchException'));
    const err = await startBuild(spec, context()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(
      /clientToken .* already used with different parameters.*new workflow run/,
    );
  });
});

describe('startBuild: AWS errors', () => {
  it('retries ResourceInUseException with a bounded, jittered backoff on the clock', async () => {
    mock.on(ListImagePipelineImagesCommand).resolves({});
    mock
      .on(StartImagePipelineExecutionCommand)
      .rejects(awsError('ResourceInUseException', 'pipeline busy'));
    const ctx = context();
    await expect(startBuild(spec, ctx)).rejects.toThrow(
      /StartImagePipelineExecution failed for pipe: ResourceInUseException: pipeline busy/,
    );
    expect(mock.commandCalls(StartImagePipelineExecutionCommand)).toHaveLength(4);
    expect(ctx.clock.now()).toBe(750 + 1500 + 3000); // 0.75 × min(5000, 1000·2^n), n = 0..2
    mock
      .on(StartImagePipelineExecutionCommand)
      .rejectsOnce(awsError('ResourceInUseException'))
      .resolves({ imageBuildVersionArn: 'ok' });
    expect((await startBuild(spec, context())).imageBuildVersionArn).toBe('ok');
  });

  it('fails at once on ServiceQuotaExceededException, naming the quota', async () => {
    mock.on(ListImagePipelineImagesCommand).resolves({});
    mock
      .on(StartImagePipelineExecutionCommand)
      .rejects(awsError('ServiceQuotaExceededException', 'limit reached'));
    await expect(startBuild(spec, context())).rejects.toThrow(
      /Quota 'Concurrent image builds'.*Service Quotas/,
    );
    expect(mock.commandCalls(StartImagePipelineExecutionCommand)).toHaveLength(1);
  });

  it('names the action, the role and the statement of the stacks file on AccessDenied', async () => {
    const role =
      'arn:aws:sts::123456789012:assumed-role/golden-ami-github-oidc-DeployRole-AB12/GitHubActions';
    mock
      .on(ListImagePipelineImagesCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          `User: ${role} is not authorized to perform: imagebuilder:ListImagePipelineImages on resource: ${spec.pipelineArn} because no identity-based policy allows the imagebuilder:ListImagePipelineImages action`,
        ),
      );
    await expect(startBuild(spec, context())).rejects.toThrow(
      /Role golden-ami-github-oidc-DeployRole-AB12 \(DeployRole\) has no grant of imagebuilder:ListImagePipelineImages on \S+: BuildRole has it \(statement ReadProjectImageBuilder of stacks\/github-oidc\.yml\)/,
    );
  });
});

describe('tags the deploy role and the lifecycle policy rely on', () => {
  it('tags the build with the project, run, repository and commit', async () => {
    mock.on(ListImagePipelineImagesCommand).resolves({ imageSummaryList: [] });
    mock
      .on(StartImagePipelineExecutionCommand)
      .resolves({ imageBuildVersionArn: img(1, 'PENDING').arn });
    await startBuild(spec, context());
    expect(
      mock.commandCalls(StartImagePipelineExecutionCommand)[0]?.args[0].input.tags,
    ).toMatchObject({
      [PROJECT_TAG]: 'golden-ami',
      [RUN_TAG]: '777',
      [REPOSITORY_TAG]: 'acme/golden',
    });
  });
});
