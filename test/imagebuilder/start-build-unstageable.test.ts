/**
 * Mocked (aws-sdk-client-mock), not on the emulator: StartImagePipelineExecution answers the
 * emulator cannot produce, and its fault injection (throttling, 5xx, denials) cannot render.
 * - ResourceInUseException: the operation declares it ("The resource that you are trying to
 *   operate on is currently in use. Review the message details and retry later"), but AWS does not
 *   say when it occurs, so the emulator has no faithful condition to raise it on.
 * - ServiceQuotaExceededException: the SDK's model of this operation does not even declare it
 *   (its @throws list ends at ServiceUnavailableException), and the emulator models no
 *   'Concurrent image builds' quota; the library still names that quota should AWS answer it.
 * The rest of startBuild, denials and throttling included, runs against the emulator:
 * start-build.test.ts.
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
});
