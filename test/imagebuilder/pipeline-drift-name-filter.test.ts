/**
 * Mocked (aws-sdk-client-mock), not on the emulator: a ListImagePipelines answer to the name filter
 * `web` that also holds pipeline `web-2`. The emulator's name filter matches exactly, so it never
 * returns another name; the library must still pick its pipeline by exact name, and send the filter.
 */
import { describe, it, expect } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { ImagebuilderClient, ListImagePipelinesCommand } from '@aws-sdk/client-imagebuilder';
import { reconcilePipeline } from '../../actions/lib/imagebuilder/reconcile-pipeline.js';
import { context } from './helpers.js';

const mock = mockClient(ImagebuilderClient);

describe('putting a drifted pipeline back', () => {
  it('finds its pipeline by exact name among those the name filter returns', async () => {
    const inSync = {
      name: 'web',
      arn: 'pipe',
      imageRecipeArn: 'recipe/1.0.5',
      infrastructureConfigurationArn: 'infra',
      distributionConfigurationArn: 'dist',
      status: 'ENABLED' as const,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
      imageScanningConfiguration: { imageScanningEnabled: true },
    };
    mock.on(ListImagePipelinesCommand).resolves({
      imagePipelineList: [{ ...inSync, name: 'web-2', arn: 'other' }, inSync],
    });
    const spec = {
      name: 'web',
      imageRecipeArn: 'recipe/1.0.5',
      infrastructureConfigurationArn: 'infra',
      distributionConfigurationArn: 'dist',
      tags: {},
    };
    expect((await reconcilePipeline(spec, context())).arn).toBe('pipe');
    expect(mock.commandCalls(ListImagePipelinesCommand)[0]!.args[0].input.filters).toEqual([
      { name: 'name', values: ['web'] },
    ]);
  });
});
