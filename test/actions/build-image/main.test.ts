/**
 * build-image's glue: the inputs become a typed request before any AWS call, and the result
 * becomes the outputs the workflow reads (wait-image's ARN, the created/reused lists).
 */
import { describe, it, expect } from '@jest/globals';
import { Inputs } from '../../../actions/lib/core/inputs.js';
import { MemoryLogger } from '../../../actions/lib/core/logger.js';
import { VirtualClock } from '../../../actions/lib/core/clock.js';
import { ConfigurationError } from '../../../actions/lib/core/errors.js';
import type { ActionContext } from '../../../actions/lib/core/action.js';
import type { BuildImageResult } from '../../../actions/lib/imagebuilder/build-image.js';
import { buildOutputs, readBuildRequest } from '../../../actions/build-image/main.js';
import { REPO_ROOT } from '../../support/run-action.js';

const INFRA = 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/golden';

function ctx(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): ActionContext {
  return {
    inputs: new Inputs((n) => inputs[n] ?? '', 'build-image'),
    logger: new MemoryLogger(),
    clock: new VirtualClock(0),
    env: { GITHUB_WORKSPACE: REPO_ROOT, ...env },
    setOutput: () => undefined,
    summary: async () => undefined,
  };
}
const required = {
  definition: 'test/fixtures/definitions/web-server.yml',
  region: 'us-east-1',
  'infrastructure-configuration-arn': INFRA,
  'distribution-configuration-arn': 'dist',
};
const runner = {
  GITHUB_REPOSITORY: 'acme/golden',
  GITHUB_SHA: 'abc123',
  GITHUB_RUN_ID: '42',
  GITHUB_EVENT_NAME: 'push',
};

describe('the build request', () => {
  it('takes repository, commit and run from the runner, the account from the infrastructure ARN', async () => {
    const req = await readBuildRequest(ctx(required, runner));
    expect(req).toMatchObject({
      region: 'us-east-1',
      repository: 'acme/golden',
      commit: 'abc123',
      runId: '42',
      reuseFinished: true,
      project: 'golden-ami',
      location: { partition: 'aws', region: 'us-east-1', accountId: '123456789012' },
      parentTimeoutMs: 200 * 60_000,
    });
    expect(req.def.name).toBe('web-server');
    expect(req.target.target).toBe('web-server');
  });

  it('rebuilds on purpose on schedule and dispatch, unless told otherwise', async () => {
    for (const event of ['schedule', 'workflow_dispatch']) {
      const env = { ...runner, GITHUB_EVENT_NAME: event };
      expect((await readBuildRequest(ctx(required, env))).reuseFinished).toBe(false);
      const told = { ...required, 'reuse-finished-build': 'true' };
      expect((await readBuildRequest(ctx(told, env))).reuseFinished).toBe(true);
    }
  });

  it('an empty run id is an error naming the input, never a shared start token', async () => {
    const err = await readBuildRequest(ctx(required, { ...runner, GITHUB_RUN_ID: ' ' })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toBe(
      "Input 'run-id' of action 'build-image' is empty and GITHUB_RUN_ID is not set: set it under `with:`.",
    );
  });
});

describe('the outputs', () => {
  const result = {
    target: 'web-server',
    parent: { parentImage: 'ami-1', detail: 'ami-1' },
    infrastructureConfigurationArn: INFRA,
    components: [
      { name: 'hello', arn: 'arn:c/hello/1.0.0/1', version: '1.0.0', outcome: 'created' },
      { name: 'update-linux', arn: 'arn:aws:c/update-linux/x.x.x', outcome: 'external' },
    ],
    recipe: { name: 'web-server', arn: 'arn:r/1.0.2', version: '1.0.2', outcome: 'reused' },
    pipelineArn: 'arn:p',
    pipelineOutcome: 'unchanged',
    start: { imageBuildVersionArn: 'arn:i/1.0.2/1', attached: false },
  } as unknown as BuildImageResult;

  it('give the build to wait for, and what was created and what reused', () => {
    const out = buildOutputs(result);
    expect(out['image-build-version-arn']).toBe('arn:i/1.0.2/1');
    expect(out['recipe-version']).toBe('1.0.2');
    expect(out['attached']).toBe('false');
    expect(JSON.parse(out['components']!)).toEqual([
      { name: 'hello', version: '1.0.0', arn: 'arn:c/hello/1.0.0/1', outcome: 'created' },
      {
        name: 'update-linux',
        version: null,
        arn: 'arn:aws:c/update-linux/x.x.x',
        outcome: 'external',
      },
    ]);
    expect(JSON.parse(out['created']!)).toEqual({
      created: [{ kind: 'component', name: 'hello', version: '1.0.0', outcome: 'created' }],
      reused: [
        { kind: 'recipe', name: 'web-server', version: '1.0.2', outcome: 'reused' },
        { kind: 'pipeline', name: 'web-server', outcome: 'unchanged' },
      ],
    });
  });
});
