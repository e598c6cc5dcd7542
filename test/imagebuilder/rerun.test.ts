/**
 * build-image, in-process against the emulator: what a re-run, a second run and a changed
 * component parameter do. Each test protects a behaviour a user pays for when it breaks: a second
 * build of the same recipe version (time, money, two AMIs for one release), or a changed parameter
 * that rebuilds nothing.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetImageCommand, ListImagePipelineImagesCommand } from '@aws-sdk/client-imagebuilder';
import { buildImageAction } from '../../actions/build-image/main.js';
import { ibState } from '../../scripts/local-aws/services/imagebuilder/model.js';
import { PHASE_MS, PHASES, REGION, startActionEnv, type ActionEnv } from './action-env.js';
import { REPO_ROOT } from '../support/run-action.js';

const DEFINITION = 'test/fixtures/definitions/web-server.yml';
let env: ActionEnv;
beforeEach(async () => {
  env = await startActionEnv();
});
afterEach(() => env.close());

const inputs = (extra: Record<string, string> = {}) => ({
  definition: DEFINITION,
  region: REGION,
  'infrastructure-configuration-arn': env.infrastructureConfigurationArn,
  'distribution-configuration-arn': env.distributionConfigurationArn,
  ...extra,
});

async function build(runEnv: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const run = await env.run(buildImageAction, inputs(extra), runEnv);
  if (run.error) throw run.error;
  return run.outputs;
}

const starts = () => env.aws.admin.calls()['imagebuilder.StartImagePipelineExecution'] ?? 0;

async function status(arn: string): Promise<string | undefined> {
  const r = await env.ib(REGION).send(new GetImageCommand({ imageBuildVersionArn: arn }));
  return r.image?.state?.status;
}

async function pipelineImages(): Promise<string[]> {
  const pipelines = Object.keys(ibState(env.aws.state, REGION).pipelines);
  const r = await env
    .ib(REGION)
    .send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipelines[0] }));
  return (r.imageSummaryList ?? []).map((i) => i.arn!);
}

/** The clientTokens StartImagePipelineExecution was called with. */
const startTokens = () =>
  Object.keys(ibState(env.aws.state, REGION).tokens)
    .filter((k) => k.startsWith('StartImagePipelineExecution:'))
    .map((k) => k.slice('StartImagePipelineExecution:'.length));

describe('a re-run of failed jobs (same GITHUB_RUN_ID, next GITHUB_RUN_ATTEMPT)', () => {
  it("attaches to the first attempt's finished build instead of building the recipe version again", async () => {
    const first = await build({ GITHUB_RUN_ATTEMPT: '1' });
    expect(first['attached']).toBe('false');
    env.clock.advance(PHASES.length * PHASE_MS + 1);
    expect(await status(first['image-build-version-arn']!)).toBe('AVAILABLE');
    // publish failed, say; "Re-run failed jobs" runs build-image again as attempt 2.
    const again = await build({ GITHUB_RUN_ATTEMPT: '2' });
    expect(again['image-build-version-arn']).toBe(first['image-build-version-arn']);
    expect(again['attached']).toBe('true');
    expect(starts()).toBe(1);
    expect(await pipelineImages()).toEqual([first['image-build-version-arn']]);
  });

  it('starts with the same clientToken as the first attempt, so Image Builder hands back its build', async () => {
    // Each attempt against a fresh account: nothing to attach to, so each one calls Start, and the
    // token is what a listing that does not show the first build yet would fall back on.
    await build({ GITHUB_RUN_ATTEMPT: '1' });
    const [token1] = startTokens();
    await env.close();
    env = await startActionEnv();
    await build({ GITHUB_RUN_ATTEMPT: '2' });
    expect(startTokens()).toEqual([token1]);
    await env.close();
    env = await startActionEnv();
    await build({ GITHUB_RUN_ID: '1002' });
    expect(startTokens()).not.toEqual([token1]);
  });
});

describe('a second run while the build is still going', () => {
  // Another run (a push, a schedule) of the same content: its recipe version is the same, and it
  // must wait for that build, whatever phase it is in, rather than start another.
  it.each(PHASES.map((p, i) => [p, i] as const))(
    'attaches to the build while it is %s',
    async (phase, index) => {
      const first = await build();
      const arn = first['image-build-version-arn']!;
      env.clock.advance(index * PHASE_MS + PHASE_MS / 2);
      expect(await status(arn)).toBe(phase);
      const second = await build({ GITHUB_RUN_ID: '2002', GITHUB_EVENT_NAME: 'schedule' });
      expect(second['image-build-version-arn']).toBe(arn);
      expect(second['attached']).toBe('true');
      expect(starts()).toBe(1);
    },
  );

  it('starts a new build once the earlier one is finished (a scheduled run rebuilds on purpose)', async () => {
    const first = await build();
    env.clock.advance(PHASES.length * PHASE_MS + 1);
    const second = await build({ GITHUB_RUN_ID: '2002', GITHUB_EVENT_NAME: 'schedule' });
    expect(second['attached']).toBe('false');
    expect(second['image-build-version-arn']).not.toBe(first['image-build-version-arn']);
  });
});

describe('a finished build of the same commit, from another run', () => {
  async function finished(): Promise<string> {
    const first = await build({ GITHUB_RUN_ID: '900', GITHUB_EVENT_NAME: 'push' });
    env.clock.advance(PHASES.length * PHASE_MS + 1);
    return first['image-build-version-arn']!;
  }

  it('is reused by a push, and the summary says which run built it', async () => {
    const arn = await finished();
    const run = await env.run(buildImageAction, inputs(), {
      GITHUB_RUN_ID: '901',
      GITHUB_EVENT_NAME: 'push',
    });
    expect(run.outputs['image-build-version-arn']).toBe(arn);
    expect(run.outputs['attached']).toBe('true');
    expect(run.summaries[0]).toMatch(
      /Attached instead of starting: commit a1b2c3d was already built as web-server 1\.0\.0\/1 by run 900\./,
    );
    expect(starts()).toBe(1);
  });

  it('is rebuilt on purpose by scheduled and manual runs, unless reuse-finished-build is true', async () => {
    const arn = await finished();
    for (const event of ['schedule', 'workflow_dispatch']) {
      const again = await build({ GITHUB_RUN_ID: `9${event.length}`, GITHUB_EVENT_NAME: event });
      expect(again['image-build-version-arn']).not.toBe(arn);
      env.clock.advance(PHASES.length * PHASE_MS + 1);
    }
    const forced = await build(
      { GITHUB_RUN_ID: '990', GITHUB_EVENT_NAME: 'schedule' },
      { 'reuse-finished-build': 'true' },
    );
    expect(forced['attached']).toBe('true');
    const refused = await build(
      { GITHUB_RUN_ID: '991', GITHUB_EVENT_NAME: 'push' },
      { 'reuse-finished-build': 'false' },
    );
    expect(refused['attached']).toBe('false');
  });
});

describe('build-image inputs', () => {
  it('names the input and the fix for a bad region, and for a missing run id', async () => {
    const bad = await env.run(buildImageAction, inputs({ region: 'europe' }));
    expect(bad.error?.message).toBe(
      "Input 'region' of action 'build-image' must be an AWS region like eu-west-1, got 'europe'.",
    );
    const noRun = await env.run(buildImageAction, inputs(), { GITHUB_RUN_ID: '' });
    expect(noRun.error?.message).toBe(
      "Input 'run-id' of action 'build-image' is empty and GITHUB_RUN_ID is not set: set it under `with:`.",
    );
    // The input wins over the runner's variable.
    const given = await env.run(buildImageAction, inputs({ 'run-id': '4242' }));
    expect(given.error).toBeUndefined();
    expect(given.outputs['attached']).toBe('false');
  });
});

describe("a changed component parameter (the definition's parameters:)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rerun-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a new recipe version and a new build; the component versions are reused', async () => {
    const first = await build();
    env.clock.advance(PHASES.length * PHASE_MS + 1);
    // A checkout of its own (paths are read inside GITHUB_WORKSPACE): the repository's components
    // with the definition changed.
    cpSync(join(REPO_ROOT, 'components'), join(dir, 'components'), { recursive: true });
    const changed = join(dir, 'components/images/web-server.yml');
    const text = readFileSync(DEFINITION, 'utf8');
    expect(text).toContain('IndexTitle: Golden AMI web server');
    writeFileSync(changed, text.replace('IndexTitle: Golden AMI web server', 'IndexTitle: New'));
    // A push of the commit that changed it: a push reuses finished builds of its own commit only.
    const second = await build(
      { GITHUB_RUN_ID: '1002', GITHUB_EVENT_NAME: 'push', GITHUB_WORKSPACE: dir },
      { definition: changed },
    );
    expect(second['recipe-version']).not.toBe(first['recipe-version']);
    expect(second['attached']).toBe('false');
    expect(second['image-build-version-arn']).not.toBe(first['image-build-version-arn']);
    const versions = (o: Record<string, string>) =>
      (JSON.parse(o['components']!) as { name: string; version: string | null }[]).map(
        (c) => `${c.name}@${c.version}`,
      );
    expect(versions(second)).toEqual(versions(first));
  });
});
