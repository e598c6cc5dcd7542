/**
 * Mocked (aws-sdk-client-mock), not on the emulator: StartImagePipelineExecution answers the
 * emulator cannot produce. It models no 'Concurrent image builds' quota (so never
 * ServiceQuotaExceededException) and no pipeline that is busy (AWS documents ResourceInUseException
 * for the operation, not when it occurs, so there is nothing faithful to stage); its fault injection
 * renders only throttling, 5xx and a denial worded "Injected fault", and an access denial worded as
 * AWS words it for a role session (naming the role) needs the github-oidc stack's roles and an STS
 * session, which the in-process harness does not set up (the end-to-end suite runs with them).
 * The rest of startBuild runs against the emulator: start-build.test.ts.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ImagebuilderClient,
  ListImagePipelineImagesCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { startBuild } from '../../actions/lib/imagebuilder/start-build.js';
import { awsError, context } from './helpers.js';
import { spec } from './start-build-fixtures.js';

const mock = mockClient(ImagebuilderClient);

beforeEach(() => {
  mock.reset();
  mock.on(ListImagePipelineImagesCommand).resolves({ imageSummaryList: [] });
});

describe('startBuild: answers the emulator cannot give', () => {
  it('retries ResourceInUseException with a bounded, jittered backoff on the clock', async () => {
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
