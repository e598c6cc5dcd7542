/**
 * Mocked (aws-sdk-client-mock), not on the emulator: a CreateImagePipeline response WITHOUT
 * `imagePipelineArn`. The emulator always returns the ARN (as AWS documents it), so it cannot
 * produce this answer; the library must still start the build on the pipeline's own ARN.
 */
import { describe, it, expect } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateImagePipelineCommand,
  ImagebuilderClient,
  ListImagePipelinesCommand,
} from '@aws-sdk/client-imagebuilder';
import { reconcilePipeline } from '../../actions/lib/imagebuilder/reconcile-pipeline.js';
import { context } from './helpers.js';

const mock = mockClient(ImagebuilderClient);

describe('the result of creating the pipeline', () => {
  it('without an ARN in the response, is the pipeline’s own ARN, so the build starts on it', async () => {
    mock.on(ListImagePipelinesCommand).resolves({ imagePipelineList: [] });
    mock.on(CreateImagePipelineCommand).resolves({});
    const spec = {
      name: 'Web',
      imageRecipeArn: 'arn:aws:imagebuilder:eu-west-1:123456789012:image-recipe/web/1.0.5',
      infrastructureConfigurationArn: 'infra',
      distributionConfigurationArn: 'dist',
      tags: {},
    };
    expect((await reconcilePipeline(spec, context())).arn).toBe(
      'arn:aws:imagebuilder:eu-west-1:123456789012:image-pipeline/web',
    );
  });
});
