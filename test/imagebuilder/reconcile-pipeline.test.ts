/**
 * The image pipeline: created once, updated only where what we manage differs. Against the
 * emulator's Image Builder in-process (issue 12): asserted on the pipeline it stores.
 */
import { describe, it, expect } from '@jest/globals';
import { UpdateImagePipelineCommand } from '@aws-sdk/client-imagebuilder';
import { reconcilePipeline } from '../../actions/lib/imagebuilder/reconcile-pipeline.js';
import { PROJECT_TAG } from '../../actions/lib/imagebuilder/tags.js';
import { pipelineWorld } from './pipeline-world.js';

describe('reconcilePipeline', () => {
  it('creates a pipeline with tests enabled, no schedule, ENABLED', async () => {
    const w = await pipelineWorld();
    const r = await reconcilePipeline(w.spec(), w.ctx);
    expect(r).toMatchObject({ outcome: 'created' });
    const got = await w.get(r.arn);
    expect(got).toMatchObject({
      imageRecipeArn: w.recipes['1.0.5'],
      imageTestsConfiguration: { imageTestsEnabled: true },
      imageScanningConfiguration: { imageScanningEnabled: true },
      status: 'ENABLED',
      tags: expect.objectContaining({ [PROJECT_TAG]: 'golden-ami' }),
    });
    expect(got.schedule?.scheduleExpression).toBeUndefined();
  });

  it('updates only when ARNs differ, keeping settings it does not manage', async () => {
    const w = await pipelineWorld();
    const arn = await w.existing({
      imageRecipeArn: w.recipes['1.0.4'],
      enhancedImageMetadataEnabled: false,
      imageScanningConfiguration: { imageScanningEnabled: true },
    });
    const r = await reconcilePipeline(w.spec(), w.ctx);
    expect(r).toMatchObject({ arn, outcome: 'updated', changed: ['imageRecipeArn'] });
    expect(await w.get(arn)).toMatchObject({
      imageRecipeArn: w.recipes['1.0.5'],
      enhancedImageMetadataEnabled: false,
    });
    expect(w.calls('UpdateImagePipeline')).toBe(1);
    expect((await reconcilePipeline(w.spec(), w.ctx)).outcome).toBe('unchanged');
    expect(w.calls('UpdateImagePipeline')).toBe(1);
  });

  it('turns image scanning on or off as the definition says, keeping the ECR settings', async () => {
    const w = await pipelineWorld();
    const arn = await w.existing({
      imageScanningConfiguration: { ecrConfiguration: { repositoryName: 'scans' } },
    });
    // Scanning unset is off: in sync with a definition that turns it off.
    const off = await reconcilePipeline(w.spec({ imageScanningEnabled: false }), w.ctx);
    expect(off.outcome).toBe('unchanged');
    const r = await reconcilePipeline(w.spec(), w.ctx);
    expect(r).toMatchObject({ outcome: 'updated', changed: ['imageScanningConfiguration'] });
    expect((await w.get(arn)).imageScanningConfiguration).toEqual({
      ecrConfiguration: { repositoryName: 'scans' },
      imageScanningEnabled: true,
    });
  });
});

describe('the result of creating the pipeline', () => {
  it('is the ARN Image Builder returned, created, with nothing listed as changed', async () => {
    const w = await pipelineWorld();
    const r = await reconcilePipeline(w.spec({ name: 'Web' }), w.ctx);
    expect(r).toEqual({
      arn: 'arn:aws:imagebuilder:eu-west-1:123456789012:image-pipeline/web',
      outcome: 'created',
      changed: [],
    });
    expect((await w.get(r.arn)).name).toBe('Web');
    expect(w.ctx.logger.text()).toContain('pipeline Web: created');
  });
});

// Image Builder answers a client token it has seen with the first response and applies nothing;
// the same token with other parameters is IdempotentParameterMismatchException. Each real update
// must therefore carry a token of its own (found when these tests moved onto the emulator).
describe('every update reaches Image Builder', () => {
  const scanningOf = async (w: Awaited<ReturnType<typeof pipelineWorld>>, arn: string) =>
    (await w.get(arn)).imageScanningConfiguration?.imageScanningEnabled;

  it('a definition that turns scanning on, off and on again is applied each time', async () => {
    const w = await pipelineWorld();
    const arn = await w.existing();
    for (const enabled of [true, false, true]) {
      const r = await reconcilePipeline(w.spec({ imageScanningEnabled: enabled }), w.ctx);
      expect(r.outcome).toBe('updated');
      expect(await scanningOf(w, arn)).toBe(enabled);
    }
    expect(new Set(w.tokens('UpdateImagePipeline')).size).toBe(3);
  });

  it('the same drift put back a second time is a second update, not an answered token', async () => {
    const w = await pipelineWorld();
    const arn = await w.existing();
    for (let round = 0; round < 2; round++) {
      // Someone disables the pipeline in the console…
      await w.ib.send(
        new UpdateImagePipelineCommand({
          imagePipelineArn: arn,
          imageRecipeArn: w.recipes['1.0.5'],
          infrastructureConfigurationArn: w.arns.infra,
          distributionConfigurationArn: w.arns.dist,
          imageTestsConfiguration: { imageTestsEnabled: true },
          status: 'DISABLED',
          clientToken: `console-${round}`,
        }),
      );
      expect((await w.get(arn)).status).toBe('DISABLED');
      // …and the next run puts it back.
      expect((await reconcilePipeline(w.spec(), w.ctx)).outcome).toBe('updated');
      expect((await w.get(arn)).status).toBe('ENABLED');
      await new Promise((r) => setTimeout(r, 5));
    }
  });
});
