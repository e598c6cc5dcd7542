/**
 * build-image's component reconcile against the emulator as Image Builder is today: creating an
 * existing version adds a build, and ListComponents lags (opt-in, "up to two minutes"). A re-run
 * that the listing does not help must not add a second build: the version's builds and their
 * hash tag decide.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { ListComponentBuildVersionsCommand } from '@aws-sdk/client-imagebuilder';
import { MemoryLogger } from '../../actions/lib/core/logger.js';
import {
  prepareComponent,
  reconcileComponent,
} from '../../actions/lib/imagebuilder/reconcile-components.js';
import type { ReconcileContext } from '../../actions/lib/imagebuilder/reconcile-context.js';
import { COMPONENT_DOC, startEnv, type Env } from '../local-aws/helpers.js';

let env: Env;
beforeEach(async () => {
  env = await startEnv({ componentListingDelayMs: 120_000 });
});
afterEach(() => env.aws.close());

function ctx(commit: string): ReconcileContext & { logger: MemoryLogger } {
  return {
    client: env.ib(),
    location: { partition: 'aws', region: 'us-east-1', accountId: '123456789012' },
    commit,
    repository: 'acme/golden',
    project: 'golden-ami',
    clock: env.clock,
    logger: new MemoryLogger(),
    retry: { attempts: 2, baseMs: 1, capMs: 1, random: () => 0.5 },
  };
}

const want = prepareComponent({
  file: 'components/hello.yml',
  text: COMPONENT_DOC,
  name: 'hello',
  platform: 'Linux',
});

describe('component reconcile with auto-versioning and a lagging listing', () => {
  it('a re-run before the listing shows the version reuses its build instead of adding build 2', async () => {
    const first = await reconcileComponent(want, {}, ctx('a'.repeat(40)));
    expect(first).toMatchObject({ outcome: 'created', version: '1.0.0' });
    const again = ctx('b'.repeat(40));
    const second = await reconcileComponent(want, {}, again);
    expect(second).toMatchObject({ outcome: 'reused', arn: first.arn });
    expect(again.logger.text()).toContain('not listed yet');
    const builds = await env.ib().send(
      new ListComponentBuildVersionsCommand({
        componentVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/hello/1.0.0',
      }),
    );
    expect(builds.componentSummaryList).toHaveLength(1);
  });

  it('changed content while the listing lags takes the next version, not a second build of 1.0.0', async () => {
    await reconcileComponent(want, {}, ctx('a'.repeat(40)));
    const changed = prepareComponent({
      file: 'components/hello.yml',
      text: COMPONENT_DOC.replace('echo hi', 'echo bye'),
      name: 'hello',
      platform: 'Linux',
    });
    const next = await reconcileComponent(changed, {}, ctx('c'.repeat(40)));
    expect(next).toMatchObject({ outcome: 'created', version: '1.0.1' });
    // Content created outside this pipeline (no repository tag) is still refused.
    const stranger = { ...ctx('d'.repeat(40)), repository: 'someone/else' };
    const third = prepareComponent({
      file: 'components/hello.yml',
      text: COMPONENT_DOC.replace('echo hi', 'echo third'),
      name: 'hello',
      platform: 'Linux',
    });
    await expect(reconcileComponent(third, {}, stranger)).rejects.toThrow(
      /hello version 1\.0\.0 already exists with different content/,
    );
  });
});
