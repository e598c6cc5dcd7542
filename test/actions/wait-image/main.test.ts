/**
 * wait-image, in-process against the emulator: the step passes only for an AVAILABLE image, and
 * every other end of a build fails it, so publish-ami never runs without an AMI.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { CancelImageCreationCommand } from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../../../actions/lib/core/errors.js';
import { buildImageAction } from '../../../actions/build-image/main.js';
import { waitImageAction } from '../../../actions/wait-image/main.js';
import { PHASE_MS, REGION, startActionEnv, type ActionEnv } from '../../imagebuilder/action-env.js';

let env: ActionEnv;
beforeEach(async () => {
  env = await startActionEnv();
});
afterEach(() => env.close());

/** build-image's output: the build it started. */
async function build(): Promise<string> {
  const built = await env.run(buildImageAction, {
    definition: 'test/fixtures/definitions/web-server.yml',
    region: REGION,
    'infrastructure-configuration-arn': env.infrastructureConfigurationArn,
    'distribution-configuration-arn': env.distributionConfigurationArn,
  });
  if (built.error) throw built.error;
  return built.outputs['image-build-version-arn']!;
}

const wait = (arn: string, extra: Record<string, string> = {}) =>
  env.run(waitImageAction, {
    'image-build-version-arn': arn,
    region: REGION,
    'timeout-minutes': '60',
    ...extra,
  });

describe('wait-image', () => {
  it('passes with the AMI when the build becomes AVAILABLE', async () => {
    const r = await wait(await build());
    expect(r.error).toBeUndefined();
    expect(r.outputs['status']).toBe('AVAILABLE');
    expect(r.outputs['ami-id']).toMatch(/^ami-[0-9a-f]+$/);
  });

  it('fails the step when the build is CANCELLED (someone cancelled it in the console)', async () => {
    const arn = await build();
    env.clock.advance(2 * PHASE_MS + PHASE_MS / 2);
    await env.ib(REGION).send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }));
    const r = await wait(arn);
    expect(r.error).toBeInstanceOf(ConfigurationError);
    expect(r.error?.message).toMatch(new RegExp(`Image build ${arn} was CANCELLED`));
    expect(r.outputs['status']).toBe('CANCELLED');
    expect(r.outputs['ami-id']).toBe('');
    expect(r.outputs['amis']).toBe('{}');
  });

  it('fails the step when the build FAILED, with the failed step', async () => {
    await env.aws.admin.failBuild({
      pipeline: 'web-server',
      step: 'BUILDING',
      reason: 'ExecuteBash exited 1',
    });
    const r = await wait(await build());
    expect(r.error).toBeInstanceOf(ConfigurationError);
    expect(r.outputs['status']).toBe('FAILED');
    expect(r.error?.message).toContain('ExecuteBash exited 1');
  });

  it("measures from the build's creation and expects as long as the pipeline's earlier builds", async () => {
    // Two earlier scheduled builds of the same pipeline, finished.
    for (const run of ['1', '2']) {
      const r = await env.run(
        buildImageAction,
        {
          definition: 'test/fixtures/definitions/web-server.yml',
          region: REGION,
          'infrastructure-configuration-arn': env.infrastructureConfigurationArn,
          'distribution-configuration-arn': env.distributionConfigurationArn,
        },
        { GITHUB_RUN_ID: run, GITHUB_EVENT_NAME: 'schedule' },
      );
      if (r.error) throw r.error;
      env.clock.advance(10 * PHASE_MS);
    }
    const arn = await build();
    // wait-image starts 90 s after build-image started the build.
    env.clock.advance(90_000);
    const r = await wait(arn);
    expect(r.error).toBeUndefined();
    const log = r.logger.text();
    expect(log).toMatch(
      /Expecting build and tests to take ~\d+ min \(±1\), then distribution, from 2 previous build\(s\)\./,
    );
    expect(log).toContain('[1m 30s] CREATING');
    expect(r.summaries[0]).toContain('| state | **CREATING** | CREATING | +1m 30s |');
  });
});
