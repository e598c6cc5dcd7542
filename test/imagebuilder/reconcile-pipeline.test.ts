/** The image pipeline: created once, updated only where what we manage differs. */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateImagePipelineCommand,
  ImagebuilderClient,
  ListImagePipelinesCommand,
  UpdateImagePipelineCommand,
} from '@aws-sdk/client-imagebuilder';
import { reconcilePipeline } from '../../actions/lib/imagebuilder/reconcile-pipeline.js';
import { context } from './helpers.js';

const mock = mockClient(ImagebuilderClient);
beforeEach(() => {
  mock.reset();
});
const recipeArn = (v: string) =>
  `arn:aws:imagebuilder:eu-west-1:123456789012:image-recipe/web/${v}`;

describe('reconcilePipeline', () => {
  const spec = {
    name: 'web',
    imageRecipeArn: recipeArn('1.0.5'),
    infrastructureConfigurationArn: 'infra',
    distributionConfigurationArn: 'dist',
    tags: {},
  };
  it('creates a pipeline with tests enabled, no schedule, ENABLED', async () => {
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [] });
    mock.on(CreateImagePipelineCommand).resolves({ imagePipelineArn: 'pipe' });
    const r = await reconcilePipeline(spec, context());
    expect(r).toMatchObject({ arn: 'pipe', outcome: 'created' });
    const input = mock.commandCalls(CreateImagePipelineCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      imageTestsConfiguration: { imageTestsEnabled: true },
      imageScanningConfiguration: { imageScanningEnabled: true },
      status: 'ENABLED',
    });
    expect(input.schedule).toBeUndefined();
  });
  it('updates only when ARNs differ, keeping settings it does not manage', async () => {
    const existing = {
      name: 'web',
      arn: 'pipe',
      imageRecipeArn: recipeArn('1.0.4'),
      infrastructureConfigurationArn: 'infra',
      distributionConfigurationArn: 'dist',
      status: 'ENABLED' as const,
      enhancedImageMetadataEnabled: false,
      imageScanningConfiguration: { imageScanningEnabled: true },
    };
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [existing] });
    mock.on(UpdateImagePipelineCommand).resolves({});
    const r = await reconcilePipeline(spec, context());
    expect(r).toMatchObject({ outcome: 'updated', changed: ['imageRecipeArn'] });
    expect(mock.commandCalls(UpdateImagePipelineCommand)[0]!.args[0].input).toMatchObject({
      imagePipelineArn: 'pipe',
      imageRecipeArn: recipeArn('1.0.5'),
      enhancedImageMetadataEnabled: false,
    });
    mock.reset();
    mock
      .on(ListImagePipelinesCommand)
      .resolves({ imagePipelineList: [{ ...existing, imageRecipeArn: recipeArn('1.0.5') }] });
    expect((await reconcilePipeline(spec, context())).outcome).toBe('unchanged');
    expect(mock.commandCalls(UpdateImagePipelineCommand)).toHaveLength(0);
  });
  it('turns image scanning on or off as the definition says, keeping the ECR settings', async () => {
    const existing = {
      name: 'web',
      arn: 'pipe',
      imageRecipeArn: recipeArn('1.0.5'),
      infrastructureConfigurationArn: 'infra',
      distributionConfigurationArn: 'dist',
      status: 'ENABLED' as const,
      imageScanningConfiguration: { ecrConfiguration: { repositoryName: 'scans' } },
    };
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [existing] });
    mock.on(UpdateImagePipelineCommand).resolves({});
    const r = await reconcilePipeline(spec, context());
    expect(r).toMatchObject({ outcome: 'updated', changed: ['imageScanningConfiguration'] });
    expect(
      mock.commandCalls(UpdateImagePipelineCommand)[0]!.args[0].input.imageScanningConfiguration,
    ).toEqual({ ecrConfiguration: { repositoryName: 'scans' }, imageScanningEnabled: true });
    expect(
      (await reconcilePipeline({ ...spec, imageScanningEnabled: false }, context())).outcome,
    ).toBe('unchanged');
  });
});

describe('the result of creating the pipeline', () => {
  const spec = {
    name: 'Web',
    imageRecipeArn: recipeArn('1.0.5'),
    infrastructureConfigurationArn: 'infra',
    distributionConfigurationArn: 'dist',
    tags: {},
  };
  it('is the ARN Image Builder returned, created, with nothing listed as changed', async () => {
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [] });
    mock.on(CreateImagePipelineCommand).resolves({ imagePipelineArn: 'arn:returned' });
    const ctx = context();
    expect(await reconcilePipeline(spec, ctx)).toEqual({
      arn: 'arn:returned',
      outcome: 'created',
      changed: [],
    });
    expect(ctx.logger.text()).toContain('pipeline Web: created');
  });

  it('without an ARN in the response, is the pipeline’s own ARN, so the build starts on it', async () => {
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [] });
    mock.on(CreateImagePipelineCommand).resolves({});
    expect((await reconcilePipeline(spec, context())).arn).toBe(
      'arn:aws:imagebuilder:eu-west-1:123456789012:image-pipeline/web',
    );
  });
});
