/**
 * wait-image, in-process against the emulator: the step passes only for an AVAILABLE image, and
 * every other end of a build fails it, so publish-ami never runs without an AMI.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { CancelImageCreationCommand } from '@aws-sdk/client-imagebuilder';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { buildImageAction } from '../../actions/lib/imagebuilder/build-action.js';
import { waitImageAction } from '../../actions/lib/imagebuilder/wait-action.js';
import { PHASE_MS, REGION, startActionEnv, type ActionEnv } from './action-env.js';

let env: ActionEnv;
beforeEach(async () => {
  env = await startActionEnv();
});
afterEach(() => env.close());

/** build-image's output: the build it started. */
async function build(): Promise<string> {
  const built = await env.run(buildImageAction, {
    definition: 'components/images/web-server.yml',
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
});
