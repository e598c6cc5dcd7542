/**
 * A pipeline changed outside the repository (console, CLI) is put back to what the definition says:
 * each managed setting that drifted is named, and the update keeps what we do not manage.
 */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateImagePipelineCommand,
  ImagebuilderClient,
  ListImagePipelinesCommand,
  UpdateImagePipelineCommand,
  type ImagePipeline,
} from '@aws-sdk/client-imagebuilder';
import { PROJECT_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  pipelineDifferences,
  reconcilePipeline,
  type PipelineSpec,
} from '../../actions/lib/imagebuilder/reconcile-pipeline.js';
import { context } from './helpers.js';

const mock = mockClient(ImagebuilderClient);
beforeEach(() => {
  mock.reset();
});

const spec: PipelineSpec = {
  name: 'web',
  description: 'Web servers',
  imageRecipeArn: 'recipe/1.0.5',
  infrastructureConfigurationArn: 'infra',
  distributionConfigurationArn: 'dist',
  tags: { team: 'platform' },
};
const inSync: ImagePipeline = {
  name: 'web',
  arn: 'pipe',
  imageRecipeArn: 'recipe/1.0.5',
  infrastructureConfigurationArn: 'infra',
  distributionConfigurationArn: 'dist',
  status: 'ENABLED',
  imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
  imageScanningConfiguration: { imageScanningEnabled: true },
};

describe('a pipeline that drifted from its definition', () => {
  it('is in sync when every managed setting matches', () => {
    expect(pipelineDifferences(inSync, spec)).toEqual([]);
  });

  it.each<[string, Partial<ImagePipeline>]>([
    ['infrastructureConfigurationArn', { infrastructureConfigurationArn: 'other-infra' }],
    ['distributionConfigurationArn', { distributionConfigurationArn: 'other-dist' }],
    ['imageTestsConfiguration', { imageTestsConfiguration: { imageTestsEnabled: false } }],
    ['status', { status: 'DISABLED' }],
    ['schedule', { schedule: { scheduleExpression: 'cron(0 3 * * ? *)' } }],
    ['imageScanningConfiguration', { imageScanningConfiguration: { imageScanningEnabled: false } }],
  ])('names %s when someone changed it', (field, change) => {
    expect(pipelineDifferences({ ...inSync, ...change }, spec)).toEqual([field]);
  });

  it('names every drifted setting, in a stable order', () => {
    const drifted: ImagePipeline = {
      ...inSync,
      imageRecipeArn: 'recipe/1.0.4',
      infrastructureConfigurationArn: 'x',
      distributionConfigurationArn: 'y',
      imageTestsConfiguration: { imageTestsEnabled: false },
      status: 'DISABLED',
      schedule: { scheduleExpression: 'rate(1 day)' },
      imageScanningConfiguration: {},
    };
    expect(pipelineDifferences(drifted, spec)).toEqual([
      'imageRecipeArn',
      'infrastructureConfigurationArn',
      'distributionConfigurationArn',
      'imageTestsConfiguration',
      'status',
      'schedule',
      'imageScanningConfiguration',
    ]);
  });

  it('does not count an unset tests setting or an empty schedule as drift', () => {
    const { imageTestsConfiguration: _t, ...noTests } = inSync;
    expect(pipelineDifferences(noTests, spec)).toEqual([]);
    expect(pipelineDifferences({ ...inSync, schedule: { scheduleExpression: '' } }, spec)).toEqual(
      [],
    );
  });

  it('counts scanning off by default in AWS as drift unless the definition turns it off', () => {
    const { imageScanningConfiguration: _s, ...unset } = inSync;
    expect(pipelineDifferences(unset, spec)).toEqual(['imageScanningConfiguration']);
    expect(pipelineDifferences(unset, { ...spec, imageScanningEnabled: false })).toEqual([]);
  });
});

describe('putting a drifted pipeline back', () => {
  it('puts the pipeline back: tests on, ENABLED, no schedule, keeping what it does not manage', async () => {
    const existing: ImagePipeline = {
      ...inSync,
      status: 'DISABLED',
      schedule: { scheduleExpression: 'rate(1 day)' },
      workflows: [{ workflowArn: 'wf' }],
      executionRole: 'role',
      loggingConfiguration: { imageLogGroupName: 'lg' },
      imageTags: { keep: 'me' },
      enhancedImageMetadataEnabled: true,
    };
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [existing] });
    mock.on(UpdateImagePipelineCommand).resolves({});
    const ctx = context();
    const r = await reconcilePipeline(spec, ctx);
    expect(r).toEqual({
      arn: 'pipe',
      outcome: 'updated',
      changed: ['status', 'schedule'],
    });
    const input = mock.commandCalls(UpdateImagePipelineCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      imagePipelineArn: 'pipe',
      description: 'Web servers',
      imageRecipeArn: 'recipe/1.0.5',
      infrastructureConfigurationArn: 'infra',
      distributionConfigurationArn: 'dist',
      status: 'ENABLED',
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
      workflows: [{ workflowArn: 'wf' }],
      executionRole: 'role',
      loggingConfiguration: { imageLogGroupName: 'lg' },
      imageTags: { keep: 'me' },
      enhancedImageMetadataEnabled: true,
    });
    expect(input.schedule).toBeUndefined();
    expect(input.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.logger.lines).toContainEqual({
      level: 'info',
      message: 'pipeline web: updated (status, schedule)',
    });
  });

  it('an update retried with the same settings reuses its token; other settings get another', async () => {
    const drifted = { ...inSync, status: 'DISABLED' as const };
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [drifted] });
    mock.on(UpdateImagePipelineCommand).resolves({});
    await reconcilePipeline(spec, context());
    await reconcilePipeline(spec, context());
    await reconcilePipeline({ ...spec, distributionConfigurationArn: 'dist-2' }, context());
    const tokens = mock
      .commandCalls(UpdateImagePipelineCommand)
      .map((c) => c.args[0].input.clientToken);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[0]);
  });

  it('leaves an in-sync pipeline alone and says so', async () => {
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [inSync] });
    const ctx = context();
    expect(await reconcilePipeline(spec, ctx)).toEqual({
      arn: 'pipe',
      outcome: 'unchanged',
      changed: [],
    });
    expect(mock.commandCalls(UpdateImagePipelineCommand)).toHaveLength(0);
    expect(ctx.logger.lines).toContainEqual({
      level: 'info',
      message: 'pipeline web: unchanged',
    });
  });

  it('finds its pipeline by exact name among those the name filter returns', async () => {
    mock.on(ListImagePipelinesCommand).resolves({
      imagePipelineList: [{ ...inSync, name: 'web-2', arn: 'other' }, inSync],
    });
    expect((await reconcilePipeline(spec, context())).arn).toBe('pipe');
    expect(mock.commandCalls(ListImagePipelinesCommand)[0]!.args[0].input.filters).toEqual([
      { name: 'name', values: ['web'] },
    ]);
  });
});

describe('a new pipeline', () => {
  it('is tagged with the project, named like the image, and created idempotently', async () => {
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [] });
    mock.on(CreateImagePipelineCommand).resolves({ imagePipelineArn: 'pipe' });
    const ctx = context();
    await reconcilePipeline(spec, ctx);
    await reconcilePipeline(spec, ctx);
    const calls = mock.commandCalls(CreateImagePipelineCommand).map((c) => c.args[0].input);
    expect(calls[0]).toMatchObject({
      name: 'web',
      description: 'Web servers',
      tags: { team: 'platform', [PROJECT_TAG]: 'golden-ami' },
    });
    expect(calls[0]!.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[1]!.clientToken).toBe(calls[0]!.clientToken);
    expect(ctx.logger.lines).toContainEqual({
      level: 'info',
      message: 'pipeline web: created',
    });
  });
});

describe('a pipeline call that fails', () => {
  it('names the operation and the pipeline', async () => {
    const denied = Object.assign(new Error('nope'), { name: 'ValidationException' });
    mock.on(ListImagePipelinesCommand).rejects(denied);
    await expect(reconcilePipeline(spec, context())).rejects.toThrow(
      'ListImagePipelines failed for image pipeline web: ValidationException: nope',
    );
    mock.reset();
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [] });
    mock.on(CreateImagePipelineCommand).rejects(denied);
    await expect(reconcilePipeline(spec, context())).rejects.toThrow(
      'CreateImagePipeline failed for image pipeline web: ValidationException: nope',
    );
    mock.reset();
    mock
      .on(ListImagePipelinesCommand)
      .resolves({ imagePipelineList: [{ ...inSync, status: 'DISABLED' }] });
    mock.on(UpdateImagePipelineCommand).rejects(denied);
    await expect(reconcilePipeline(spec, context())).rejects.toThrow(
      'UpdateImagePipeline failed for pipe: ValidationException: nope',
    );
  });
});
