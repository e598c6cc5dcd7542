/**
 * build-image, the bundled action run as a process against the emulator: content-addressed versions
 * (reuse, bump only what changed), a re-run that attaches instead of starting a second build, and
 * version lists long enough to page.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import {
  CreateComponentCommand,
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
} from '@aws-sdk/client-imagebuilder';
import { buildInputs, expectExit, startHarness, type Harness } from './harness.js';

interface ComponentOut {
  name: string;
  version: string;
  arn: string;
  outcome: string;
}

interface Created {
  created: { kind: string; name: string; version?: string }[];
  reused: { kind: string; name: string; version?: string }[];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const components = (outputs: Record<string, string>) =>
  JSON.parse(outputs['components'] ?? '[]') as ComponentOut[];
const byName = (cs: ComponentOut[]) => Object.fromEntries(cs.map((c) => [c.name, c]));

async function pipelineImages(): Promise<string[]> {
  const pipelines = await h.ib().send(new ListImagePipelinesCommand({}));
  const arn = pipelines.imagePipelineList?.find((p) => p.name === 'web-server')?.arn;
  if (!arn) return [];
  const images = await h.ib().send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn }));
  return (images.imageSummaryList ?? []).map((i) => i.arn!);
}

describe('build-image against the emulator', () => {
  let first: Record<string, string>;

  it('creates components, recipe and pipeline, and starts a build', async () => {
    const run = expectExit(await h.run('build-image', buildInputs(h)), 0);
    first = run.outputs;
    expect(first['image-build-version-arn']).toMatch(
      /^arn:aws:imagebuilder:us-east-1:123456789012:image\/web-server\/1\.0\.0\/1$/,
    );
    expect(first['recipe-version']).toBe('1.0.0');
    expect(first['attached']).toBe('false');
    const created = JSON.parse(first['created']!) as Created;
    expect(created.reused).toEqual([]);
    expect(created.created.map((c) => `${c.kind} ${c.name} ${c.version ?? ''}`.trim())).toEqual([
      'component apache-install 1.0.0',
      'component apache-test 1.0.0',
      'recipe web-server 1.0.0',
      'pipeline web-server',
    ]);
    const cs = byName(components(first));
    expect(cs['apache-install']).toMatchObject({ version: '1.0.0', outcome: 'created' });
    expect(cs['apache-test']).toMatchObject({ version: '1.0.0', outcome: 'created' });
    expect(components(first).some((c) => c.outcome === 'external')).toBe(true);
    expect(await pipelineImages()).toEqual([first['image-build-version-arn']]);
    expect(run.summary).toMatch(/web-server/);
  });

  it('re-run with unchanged content reuses every version and attaches to the build', async () => {
    const run = expectExit(await h.run('build-image', buildInputs(h)), 0);
    expect(run.outputs['attached']).toBe('true');
    expect(run.outputs['image-build-version-arn']).toBe(first['image-build-version-arn']);
    expect(run.outputs['recipe-arn']).toBe(first['recipe-arn']);
    const created = JSON.parse(run.outputs['created']!) as Created;
    expect(created.created).toEqual([]);
    expect(created.reused.map((c) => c.kind)).toEqual([
      'component',
      'component',
      'recipe',
      'pipeline',
    ]);
    for (const c of components(run.outputs).filter((c) => c.outcome !== 'external'))
      expect(c.outcome).toBe('reused');
    // Exactly one build in Image Builder and one StartImagePipelineExecution call.
    expect(await pipelineImages()).toHaveLength(1);
    expect(h.aws.admin.calls()['imagebuilder.StartImagePipelineExecution']).toBe(1);
  });

  it('a changed apache-install.yml gets the next patch version and the recipe bumps', async () => {
    h.write(
      'components/apache-install.yml',
      h
        .read('components/apache-install.yml')
        .replace('- dnf clean all', '- dnf clean all --verbose'),
    );
    const run = expectExit(
      await h.run('build-image', buildInputs(h), { GITHUB_RUN_ID: '1002' }),
      0,
    );
    const cs = byName(components(run.outputs));
    expect(cs['apache-install']).toMatchObject({ version: '1.0.1', outcome: 'created' });
    expect(cs['apache-test']).toMatchObject({ version: '1.0.0', outcome: 'reused' });
    expect(run.outputs['recipe-version']).toBe('1.0.1');
    expect(run.outputs['attached']).toBe('false');
    expect(run.outputs['image-build-version-arn']).toMatch(/\/web-server\/1\.0\.1\/1$/);
  });

  it('finds the version to reuse across pages of component versions (> 25)', async () => {
    // 30 unrelated versions of apache-test created first, so ListComponents pages (25 a page).
    const doc = h.read('components/apache-test.yml');
    for (let i = 1; i <= 30; i++) {
      await h.ib().send(
        new CreateComponentCommand({
          name: 'apache-test',
          semanticVersion: `1.0.${i}`,
          platform: 'Linux',
          data: `${doc}\n# filler ${i}\n`,
          clientToken: `filler-${i}`,
        }),
      );
    }
    const before = h.aws.admin.calls()['imagebuilder.ListComponents'] ?? 0;
    const reuse = expectExit(
      await h.run('build-image', buildInputs(h), { GITHUB_RUN_ID: '1002' }),
      0,
    );
    // 1.0.0 still matches apache-test's content hash: reused, not bumped to 1.0.31.
    expect(byName(components(reuse.outputs))['apache-test']).toMatchObject({
      version: '1.0.0',
      outcome: 'reused',
    });
    expect((h.aws.admin.calls()['imagebuilder.ListComponents'] ?? 0) - before).toBeGreaterThan(2);
    // A change now gets the next version after the highest on the last page.
    h.write(
      'components/apache-test.yml',
      doc.replace(/^description: .*$/m, 'description: Changed.'),
    );
    const bump = expectExit(
      await h.run('build-image', buildInputs(h), { GITHUB_RUN_ID: '1003' }),
      0,
    );
    expect(byName(components(bump.outputs))['apache-test']).toMatchObject({
      version: '1.0.31',
      outcome: 'created',
    });
  });
});
