/**
 * startBuild against the emulator's Image Builder in-process (issue 12): which build a run attaches
 * to and which it starts, asserted on the images the emulator holds (their states and tags) and the
 * client tokens it has recorded. The builds move through their states on the test's clock.
 * Answers the emulator cannot give stay mocked in start-build-unstageable.test.ts.
 */
import { describe, it, expect } from '@jest/globals';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import {
  COMMIT_TAG,
  PROJECT_TAG,
  REPOSITORY_TAG,
  RUN_TAG,
} from '../../actions/lib/imagebuilder/tags.js';
import { startBuild } from '../../actions/lib/imagebuilder/start-build.js';
import { roleImagebuilder } from '../support/in-process-session.js';
import { afterCall, buildWorld, PHASES, type BuildWorld } from './build-world.js';
import { REGION } from './helpers.js';

const STARTS = 'StartImagePipelineExecution';
const statuses = async (w: BuildWorld) => (await w.images()).map((i) => i.state?.status);

describe('startBuild: a build of this recipe version in progress', () => {
  it.each(PHASES)('is attached to while %s, and no second build starts', async (phase) => {
    const w = await buildWorld();
    const theirs = await w.startOther('555');
    w.advanceInto(phase, w.t0);
    expect(await w.status(theirs)).toBe(phase);
    const r = await startBuild(w.spec, w.ctx);
    expect(r).toMatchObject({ attached: true, imageBuildVersionArn: theirs });
    expect(await w.images()).toHaveLength(1);
    expect(w.calls(STARTS)).toBe(1);
    expect(w.ctx.logger.text()).toMatch(
      new RegExp(`Attaching to .*web/1\\.0\\.3/1: a build of web 1\\.0\\.3 is already ${phase}`),
    );
  });

  it('of another recipe version is not attached to: this version gets its own build', async () => {
    const w = await buildWorld({ recipeVersions: ['1.0.2', '1.0.3'] });
    await w.useRecipe('1.0.2');
    const older = await w.startOther('555');
    await w.useRecipe('1.0.3');
    w.advanceInto('BUILDING', w.t0);
    const r = await startBuild(w.spec, w.ctx);
    expect(r.attached).toBe(false);
    expect(r.imageBuildVersionArn).toMatch(/image\/web\/1\.0\.3\/1$/);
    expect(await w.status(older)).toBe('BUILDING');
    expect((await w.images()).map((i) => i.version)).toEqual(['1.0.2/1', '1.0.3/1']);
  });
});

describe('startBuild: starting, and the start token', () => {
  it('starts one build tagged with the run, repository, commit and project, under the token it reports', async () => {
    const w = await buildWorld();
    const r = await startBuild(w.spec, w.ctx);
    const [image, ...more] = await w.images();
    expect(more).toHaveLength(0);
    expect(r).toMatchObject({ attached: false, imageBuildVersionArn: image!.arn });
    expect(image!.state?.status).toBe('PENDING');
    expect(image!.tags).toMatchObject({
      [RUN_TAG]: '777',
      [REPOSITORY_TAG]: 'acme/golden',
      [COMMIT_TAG]: w.ctx.commit,
      [PROJECT_TAG]: 'golden-ami',
    });
    expect(w.tokens(STARTS)).toEqual([r.clientToken]);
    expect(w.ctx.logger.text()).toContain(`Started ${image!.arn} (clientToken ${r.clientToken})`);
  });

  // A re-run of failed jobs keeps the run id: if its start races the first attempt's (both listed
  // before either started), the shared token makes Image Builder answer both with one build.
  it('two attempts of one run that both saw no build get one build: the same token, answered once', async () => {
    const w = await buildWorld();
    const attempt = { ...w.ctx, client: w.aws.ib(w.ctx.location.region) };
    let first: Awaited<ReturnType<typeof startBuild>> | undefined;
    afterCall(w.ib, 'ListImagePipelineImagesCommand', async () => {
      first ??= await startBuild(w.spec, attempt);
    });
    const second = await startBuild(w.spec, w.ctx);
    expect(first).toMatchObject({ attached: false });
    expect(second).toMatchObject({
      attached: false,
      imageBuildVersionArn: first!.imageBuildVersionArn,
    });
    expect(second.clientToken).toBe(first!.clientToken);
    expect(w.calls(STARTS)).toBe(2);
    expect(await w.images()).toHaveLength(1);
    expect(w.tokens(STARTS)).toEqual([first!.clientToken]);
  });

  it('another run of the same recipe version gets a token and a build of its own', async () => {
    const w = await buildWorld();
    const a = await startBuild(w.spec, w.ctx);
    w.finishBuilds();
    const b = await startBuild({ ...w.spec, runId: '778' }, w.ctx);
    expect(b.attached).toBe(false);
    expect(b.clientToken).not.toBe(a.clientToken);
    expect(b.imageBuildVersionArn).not.toBe(a.imageBuildVersionArn);
    expect(await statuses(w)).toEqual(['AVAILABLE', 'PENDING']);
    expect(new Set(w.tokens(STARTS))).toEqual(new Set([a.clientToken, b.clientToken]));
  });
});

describe('startBuild: what this run built before', () => {
  it('attaches to its finished build: a re-run after a later job failed builds nothing', async () => {
    const w = await buildWorld();
    const built = await startBuild(w.spec, w.ctx);
    w.finishBuilds();
    const again = await startBuild(w.spec, w.ctx);
    expect(again).toMatchObject({
      attached: true,
      imageBuildVersionArn: built.imageBuildVersionArn,
    });
    expect(again.reason).toBe('run 777 already built web 1.0.3');
    expect(await statuses(w)).toEqual(['AVAILABLE']);
    expect(w.calls(STARTS)).toBe(1);
  });

  it('rebuilds after its build failed, with a fresh token after each failure', async () => {
    const w = await buildWorld();
    const tokens: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      w.aws.emulator.admin.failBuild({ pipeline: 'web', step: 'BUILDING', reason: 'exit 1' });
      const r = await startBuild(w.spec, w.ctx);
      expect(r.attached).toBe(false);
      tokens.push(r.clientToken);
      w.finishBuilds();
    }
    const third = await startBuild(w.spec, w.ctx);
    tokens.push(third.clientToken);
    expect(await statuses(w)).toEqual(['FAILED', 'FAILED', 'PENDING']);
    expect(new Set(tokens).size).toBe(3);
    expect(new Set(w.tokens(STARTS))).toEqual(new Set(tokens));
  });

  it('rebuilds after its build was cancelled in the console, as after a failure', async () => {
    const cancelled = await buildWorld();
    const first = await startBuild(cancelled.spec, cancelled.ctx);
    cancelled.advanceInto('BUILDING', cancelled.t0);
    await cancelled.cancel(first.imageBuildVersionArn);
    const retry = await startBuild(cancelled.spec, cancelled.ctx);
    expect(retry.attached).toBe(false);
    expect(retry.clientToken).not.toBe(first.clientToken);
    expect(await statuses(cancelled)).toEqual(['CANCELLED', 'PENDING']);
    // The same token as the rebuild after one failure: the count of failed builds makes it.
    const failed = await buildWorld();
    failed.aws.emulator.admin.failBuild({ pipeline: 'web', step: 'BUILDING', reason: 'exit 1' });
    await startBuild(failed.spec, failed.ctx);
    failed.finishBuilds();
    expect((await startBuild(failed.spec, failed.ctx)).clientToken).toBe(retry.clientToken);
  });
});

describe('startBuild: Image Builder refuses the start', () => {
  it('a token already used by another pipeline is an explained ConfigurationError, and no build', async () => {
    const w = await buildWorld();
    await startBuild(w.spec, w.ctx);
    // A second image definition named web: its own pipeline, the same image, version and run.
    const twin = await w.pipeline('web-twin');
    const err = (await startBuild({ ...w.spec, pipelineArn: twin }, w.ctx).catch(
      (e: unknown) => e,
    )) as Error & { cause?: unknown };
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(
      /clientToken .* already used with different parameters.*new workflow run/,
    );
    expect(err.message).toContain(
      'repository acme/golden, image web, recipe version 1.0.3, run 777',
    );
    expect(err.message).toContain('do not share the name web.');
    expect(err.cause).toBeInstanceOf(Error);
    expect((err.cause as Error).message).toMatch(/IdempotentParameterMismatchException/);
    expect(await w.images(twin)).toHaveLength(0);
  });

  it('retries a throttled start on a bounded, jittered backoff on the clock, then starts one build', async () => {
    const w = await buildWorld({ maxAttempts: 1 });
    w.aws.emulator.admin.addFault({
      service: 'imagebuilder',
      operation: STARTS,
      kind: 'throttle',
      count: 3,
    });
    const r = await startBuild(w.spec, w.ctx);
    expect(r.attached).toBe(false);
    expect(w.clock.now() - w.t0).toBe(750 + 1500 + 3000); // 0.75 × min(5000, 1000·2^n), n = 0..2
    expect(w.calls(STARTS)).toBe(4);
    expect(await w.images()).toHaveLength(1);
    expect(w.ctx.logger.text()).toContain('CallRateLimitExceededException, retrying in');
  });

  it('gives up after its attempts, naming the operation and the pipeline; no build', async () => {
    const w = await buildWorld({ maxAttempts: 1 });
    w.aws.emulator.admin.addFault({
      service: 'imagebuilder',
      operation: STARTS,
      kind: 'throttle',
      count: 4,
    });
    await expect(startBuild(w.spec, w.ctx)).rejects.toThrow(
      `StartImagePipelineExecution failed for ${w.pipelineArn}: CallRateLimitExceededException`,
    );
    expect(w.calls(STARTS)).toBe(4);
    expect(await w.images()).toHaveLength(0);
  });

  it("a job with the deploy role is denied the listing: the error names the role and the build role's statement", async () => {
    const w = await buildWorld();
    const client = await roleImagebuilder(w.aws, w.clock, 'deploy', REGION);
    const err = startBuild(w.spec, { ...w.ctx, client });
    await expect(err).rejects.toThrow(
      `ListImagePipelineImages failed for ${w.pipelineArn}: AccessDeniedException`,
    );
    await expect(err).rejects.toThrow(
      /Role golden-ami-github-oidc-DeployRole-\S+ \(DeployRole\) has no grant of imagebuilder:ListImagePipelineImages on \S+: BuildRole has it \(statement ReadProjectImageBuilder of stacks\/github-oidc\.yml\)/,
    );
    expect(w.calls(STARTS)).toBe(0);
  });
});
