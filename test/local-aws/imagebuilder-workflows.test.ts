/**
 * Image Builder's workflow executions and the build's timeline as documented today (issue 17):
 * the BUILD steps, the TEST workflow, a launch failure. Through the SDK.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import {
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { startEnv, type Env } from './helpers.js';

import { BUILD_MINUTES, STEP, pipeline } from './imagebuilder-helpers.js';
let env: Env;
beforeEach(async () => {
  env = await startEnv({ buildDurations: BUILD_MINUTES });
});
afterEach(() => env.aws.close());

describe('workflow executions and timeline', () => {
  async function run(tests: boolean) {
    const ib = env.ib();
    const p = await pipeline(ib, tests);
    const { imageBuildVersionArn } = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: p }),
    );
    return { ib, arn: imageBuildVersionArn! };
  }

  it('lists the seven BUILD steps and the TEST workflow, and no distribution execution', async () => {
    const { ib, arn } = await run(true);
    env.clock.advance(STEP + 2_000);
    expect(
      (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state,
    ).toEqual({ status: 'BUILDING' });
    env.clock.advance(3_600_000);
    const image = (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    expect(image.state?.status).toBe('AVAILABLE');
    expect(image.imageTestsConfiguration).toEqual({ imageTestsEnabled: true, timeoutMinutes: 90 });
    const wfs = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn })))
      .workflowExecutions!;
    expect(wfs.map((w) => [w.type, w.status, w.totalStepCount])).toEqual([
      ['BUILD', 'COMPLETED', 7],
      ['TEST', 'COMPLETED', 3],
    ]);
    expect(wfs[0]!.workflowBuildVersionArn).toBe(
      'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1',
    );
    const steps = async (id: string) =>
      (await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id }))).steps!;
    expect((await steps(wfs[0]!.workflowExecutionId!)).map((s) => [s.name, s.status])).toEqual([
      ['LaunchBuildInstance', 'COMPLETED'],
      ['ApplyBuildComponents', 'COMPLETED'],
      ['InventoryCollection', 'COMPLETED'],
      ['RunSanitizeScript', 'COMPLETED'],
      ['RunSysPrepScript', 'SKIPPED'],
      ['CreateOutputAMI', 'COMPLETED'],
      ['TerminateBuildInstance', 'COMPLETED'],
    ]);
    expect((await steps(wfs[1]!.workflowExecutionId!)).map((s) => s.name)).toEqual([
      'LaunchTestInstance',
      'ApplyTestComponents',
      'TerminateTestInstance',
    ]);
    // The last workflow ends before distribution: DISTRIBUTING and INTEGRATING follow it.
    const lastEnd = Date.parse(String(wfs[1]!.endTime));
    expect(Date.parse(String(image.dateCreated)) + STEP + 1_000 + 15 * STEP).toBe(lastEnd);
  });

  it('runs no TEST workflow when tests are disabled, and a launch failure surfaces in BUILDING', async () => {
    env.aws.admin.failBuild({
      pipeline: 'pipe',
      image: 1,
      step: 'LaunchBuildInstance',
      reason: 'The instance profile ib does not exist',
    });
    const { ib, arn } = await run(false);
    // LaunchBuildInstance is the first 10 % of BUILDING (60 s); it fails half-way.
    env.clock.advance(STEP + 1_000 + 40_000);
    const failed = (await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    expect(failed.state).toEqual({
      status: 'FAILED',
      reason: 'The instance profile ib does not exist',
    });
    const wfs = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn })))
      .workflowExecutions!;
    expect(wfs.map((w) => [w.type, w.status, w.totalStepsFailed])).toEqual([
      ['BUILD', 'FAILED', 1],
    ]);
    const second = await ib.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: failed.sourcePipelineArn }),
    );
    env.clock.advance(3_600_000);
    const ok = await ib.send(
      new ListWorkflowExecutionsCommand({ imageBuildVersionArn: second.imageBuildVersionArn }),
    );
    expect(ok.workflowExecutions?.map((w) => w.type)).toEqual(['BUILD']);
  });
});
