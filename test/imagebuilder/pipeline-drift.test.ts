/**
 * A pipeline changed outside the repository (console, CLI) is put back to what the definition says:
 * each managed setting that drifted is named (pipelineDifferences, pure), and the update keeps what
 * we do not manage: against the emulator's Image Builder in-process (issue 12), asserted on the
 * pipeline it stores and the client tokens it recorded. The exact-name match among what a name
 * filter returns stays mocked: pipeline-drift-name-filter.test.ts.
 */
import { describe, it, expect } from '@jest/globals';
import { type ImagePipeline } from '@aws-sdk/client-imagebuilder';
import { PROJECT_TAG } from '../../actions/lib/imagebuilder/tags.js';
import {
  pipelineDifferences,
  reconcilePipeline,
  type PipelineSpec,
  updateToken,
} from '../../actions/lib/imagebuilder/reconcile-pipeline.js';
import { pipelineWorld } from './pipeline-world.js';

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

const UUID = /^[0-9a-f-]{36}$/;

/** A world whose pipeline `web` is in sync with its spec (description, tags as `spec` above). */
async function drifted(
  drift: Parameters<Awaited<ReturnType<typeof pipelineWorld>>['existing']>[0] = {},
) {
  const w = await pipelineWorld();
  const s = w.spec({ description: spec.description, tags: spec.tags });
  const arn = await w.existing({
    description: spec.description,
    imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
    imageScanningConfiguration: { imageScanningEnabled: true },
    ...drift,
  });
  return { ...w, s, arn };
}

describe('putting a drifted pipeline back', () => {
  it('puts the pipeline back: tests on, ENABLED, no schedule, keeping what it does not manage', async () => {
    const kept = {
      workflows: [
        { workflowArn: 'arn:aws:imagebuilder:eu-west-1:aws:workflow/build/build-image/x.x.x' },
      ],
      executionRole: 'arn:aws:iam::123456789012:role/ib-workflows',
      loggingConfiguration: { imageLogGroupName: 'lg' },
      imageTags: { keep: 'me' },
      enhancedImageMetadataEnabled: true,
    };
    const w = await drifted({
      status: 'DISABLED',
      schedule: { scheduleExpression: 'rate(1 day)' },
      ...kept,
    });
    const r = await reconcilePipeline(w.s, w.ctx);
    expect(r).toEqual({ arn: w.arn, outcome: 'updated', changed: ['status', 'schedule'] });
    const got = await w.get(w.arn);
    expect(got).toMatchObject({
      description: 'Web servers',
      imageRecipeArn: w.recipes['1.0.5'],
      infrastructureConfigurationArn: w.arns.infra,
      distributionConfigurationArn: w.arns.dist,
      status: 'ENABLED',
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
      ...kept,
    });
    expect(got.schedule?.scheduleExpression).toBeUndefined();
    expect(w.tokens('UpdateImagePipeline')).toEqual([expect.stringMatching(UUID)]);
    expect(w.ctx.logger.lines).toContainEqual({
      level: 'info',
      message: 'pipeline web: updated (status, schedule)',
    });
  });

  it('an update keeps its token for the same request and read, and gets another when either changes', async () => {
    // A retry of one call resends its token; a new request, or the pipeline changed since it was
    // read, is a new update (Image Builder would answer a seen token without applying anything).
    const update = { imagePipelineArn: 'arn:p', status: 'ENABLED' };
    const t = updateToken(update, '2026-12-01T10:00:00.000Z');
    expect(
      updateToken({ status: 'ENABLED', imagePipelineArn: 'arn:p' }, '2026-12-01T10:00:00.000Z'),
    ).toBe(t);
    expect(updateToken({ ...update, status: 'DISABLED' }, '2026-12-01T10:00:00.000Z')).not.toBe(t);
    expect(updateToken(update, '2026-12-01T10:05:00.000Z')).not.toBe(t);
    const w = await drifted({ status: 'DISABLED' });
    await reconcilePipeline({ ...w.s, distributionConfigurationArn: w.arns.dist2 }, w.ctx);
    expect(w.tokens('UpdateImagePipeline')).toHaveLength(1);
    expect((await w.get(w.arn)).distributionConfigurationArn).toBe(w.arns.dist2);
  });

  it('leaves an in-sync pipeline alone and says so', async () => {
    const w = await drifted();
    expect(await reconcilePipeline(w.s, w.ctx)).toEqual({
      arn: w.arn,
      outcome: 'unchanged',
      changed: [],
    });
    expect(w.calls('UpdateImagePipeline')).toBe(0);
    expect(w.ctx.logger.lines).toContainEqual({
      level: 'info',
      message: 'pipeline web: unchanged',
    });
  });
});

describe('a new pipeline', () => {
  it('is tagged with the project, named like the image, and created idempotently', async () => {
    const w = await pipelineWorld();
    const s = w.spec({ description: spec.description, tags: spec.tags });
    const r = await reconcilePipeline(s, w.ctx);
    expect(await w.get(r.arn)).toMatchObject({
      name: 'web',
      description: 'Web servers',
      tags: { team: 'platform', [PROJECT_TAG]: 'golden-ami' },
    });
    expect(w.tokens('CreateImagePipeline')).toEqual([expect.stringMatching(UUID)]);
    // A retry (here: the same run in a fresh account, so nothing is listed) sends the same token.
    const again = await pipelineWorld();
    await reconcilePipeline(
      again.spec({ description: spec.description, tags: spec.tags }),
      again.ctx,
    );
    expect(again.tokens('CreateImagePipeline')).toEqual(w.tokens('CreateImagePipeline'));
    expect(w.ctx.logger.lines).toContainEqual({ level: 'info', message: 'pipeline web: created' });
  });
});

describe('a pipeline call that fails', () => {
  it('names the operation and the pipeline', async () => {
    const none = await pipelineWorld();
    none.deny('ListImagePipelines');
    await expect(reconcilePipeline(none.spec(), none.ctx)).rejects.toThrow(
      /^ListImagePipelines failed for image pipeline web: AccessDeniedException: Injected fault: denied/,
    );
    none.deny('CreateImagePipeline');
    await expect(reconcilePipeline(none.spec(), none.ctx)).rejects.toThrow(
      /^CreateImagePipeline failed for image pipeline web: AccessDeniedException: Injected fault: denied/,
    );
    const w = await drifted({ status: 'DISABLED' });
    w.deny('UpdateImagePipeline');
    await expect(reconcilePipeline(w.s, w.ctx)).rejects.toThrow(
      `UpdateImagePipeline failed for ${w.arn}: AccessDeniedException: Injected fault: denied`,
    );
  });
});
