import { describe, it, expect, beforeEach } from '@jest/globals';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { imageGraph, type ImageGraph } from '../../actions/lib/definitions/graph.js';
import { planImages, planMatrix, type PlanInput } from '../../actions/lib/definitions/plan.js';
import { memoryRepo } from '../../actions/lib/definitions/repo-files.js';
import { validateDefinitions } from '../../actions/lib/definitions/validate-definitions.js';
import { fixture } from './helpers.js';

const files = fixture('two-images');
// Built before each test (beforeEach counts toward the test's coverage, top-level code does
// not): Stryker then runs these tests against mutants of the graph and the plan.
let set: ReturnType<typeof validateDefinitions>;
let graph: ImageGraph;
let base: PlanInput;
beforeEach(() => {
  set = validateDefinitions(memoryRepo(files));
  graph = imageGraph(set.definitions);
  base = { event: 'push', changedFiles: [], definitions: set.definitions, graph };
});

function plan(over: Partial<PlanInput>) {
  return planImages({ ...base, ...over });
}

const images = (p: ReturnType<typeof plan>) => p.entries.map((e) => e.image);

describe('imageGraph', () => {
  it('maps component files to the images that use them', () => {
    expect(
      graph.images.map((n) => [n.image, n.definition, n.componentFiles, n.stackTemplate]),
    ).toEqual([
      [
        'api-server',
        'components/images/api.yml',
        ['components/hardening.yml', 'components/api.yml'],
        undefined,
      ],
      [
        'web',
        'components/images/web.yml',
        ['components/hardening.yml', 'components/web.yml'],
        'stacks/app.yml',
      ],
    ]);
    expect(graph.componentUsers).toEqual({
      'components/hardening.yml': ['api-server', 'web'],
      'components/api.yml': ['api-server'],
      'components/web.yml': ['web'],
    });
  });
});

describe('planImages: events that build everything', () => {
  it('schedule → every image, saying why', () => {
    const p = plan({ event: 'schedule', changedFiles: undefined });
    expect(images(p)).toEqual(['api-server', 'web']);
    expect(p.entries[0]!.reasons).toEqual([
      'Scheduled rebuild of every image (picks up OS and package updates).',
    ]);
    expect(p.entries.map((e) => [e.rebuild, e.redeploy])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('force on a push → every image even with no relevant change', () => {
    const p = plan({ force: true, changedFiles: ['README.md'] });
    expect(images(p)).toEqual(['api-server', 'web']);
    expect(p.summary).toBe('Forced rebuild of every image (force: true).');
  });

  it('first push (changed files unknown) → every image with the reason', () => {
    const p = plan({
      changedFiles: 'unknown',
      unknownReason: 'first push of this branch: there is no previous commit to compare with',
    });
    expect(images(p)).toEqual(['api-server', 'web']);
    expect(p.entries[1]!.reasons[0]).toBe(
      'Changed files unknown (first push of this branch: there is no previous commit to compare with): rebuilding every image to be safe.',
    );
    expect(p.changedFiles).toBe('unknown');
  });

  it('force-push whose before is not in history → every image', () => {
    const p = plan({
      changedFiles: 'unknown',
      unknownReason: "force-push: commit 0123456789ab is not in this clone's history",
    });
    expect(images(p)).toEqual(['api-server', 'web']);
    expect(p.summary).toContain('force-push');
  });

  it('workflow_dispatch for all, and for one image', () => {
    expect(images(plan({ event: 'workflow_dispatch', image: 'all' }))).toEqual([
      'api-server',
      'web',
    ]);
    const one = plan({ event: 'workflow_dispatch', image: 'web' });
    expect(images(one)).toEqual(['web']);
    expect(one.entries[0]!.reasons).toEqual(['Manual run (workflow_dispatch) for this image.']);
    expect(one.entries[0]!.stack).toBe('golden-ami-web');
  });

  it('matrix rows carry what the build and deploy jobs read, as strings', () => {
    const rows = planMatrix(plan({ event: 'workflow_dispatch', image: 'web' })).include;
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ image: 'web', rebuild: true, 'stack-name': 'golden-ami-web' });
    expect(row['ssm-parameter']).toMatch(/^\//);
    expect(row['stack-template']).toMatch(/\.yml$/);
    // key=value lines, deploy-stack's parameter-overrides format.
    expect(row['stack-parameters']).toBe('InstanceType=t3.micro\nAllowedCidr=10.0.0.0/8');
    const apiOnly = planMatrix(plan({ event: 'workflow_dispatch', image: 'api-server' }))
      .include[0]!;
    // An image without an app stack: empty strings, which the deploy job's `if:` tests.
    expect(apiOnly).toMatchObject({
      'ssm-parameter': '/golden-ami/api-server',
      'stack-name': '',
      'stack-template': '',
      'stack-parameters': '',
    });
  });

  it('dispatch with an unknown image name → error listing the valid names', () => {
    expect(() => plan({ event: 'workflow_dispatch', image: 'webb' })).toThrow(ConfigurationError);
    expect(() => plan({ event: 'workflow_dispatch', image: 'webb' })).toThrow(
      'Unknown image `webb`. Did you mean `web`? Valid images: api-server, web, or `all`.',
    );
  });
});

describe('planImages: from changed files', () => {
  it('docs-only change → empty matrix, files listed as unrelated', () => {
    const p = plan({ changedFiles: ['docs/README.md', 'README.md'] });
    expect(p.entries).toEqual([]);
    expect(planMatrix(p)).toEqual({ include: [] });
    expect(p.unrelatedFiles).toEqual(['README.md', 'docs/README.md']);
    expect(p.summary).toBe('No image is affected by the 2 changed files; nothing to build.');
  });

  it('a changed definition → that image only', () => {
    const p = plan({ changedFiles: ['components/images/api.yml'] });
    expect(p.entries).toEqual([
      {
        image: 'api-server',
        definition: 'components/images/api.yml',
        reasons: ['Image definition changed (components/images/api.yml).'],
        changedComponents: [],
        rebuild: true,
        redeploy: false,
        parents: [],
        targets: [
          {
            target: 'api-server',
            parentImage: expect.any(String),
            ssmParameter: '/golden-ami/api-server',
            parent: '',
            parentSsmParameter: '',
            parentRebuild: false,
            deploysStack: false,
          },
        ],
        ssmParameter: '/golden-ami/api-server',
      },
    ]);
  });

  it('a component shared by two images → both, naming the component', () => {
    const p = plan({ changedFiles: ['./components/hardening.yml', 'docs/README.md'] });
    expect(images(p)).toEqual(['api-server', 'web']);
    for (const e of p.entries) {
      expect(e.changedComponents).toEqual(['components/hardening.yml']);
      expect(e.reasons).toEqual(['Component changed: components/hardening.yml.']);
    }
    expect(p.unrelatedFiles).toEqual(['docs/README.md']);
    expect(p.summary).toBe('2 of 2 images affected by 2 changed files.');
  });

  it('a component used by one image → only that image', () => {
    expect(images(plan({ changedFiles: ['components/web.yml'] }))).toEqual(['web']);
  });

  it('a changed stack template → redeploy without rebuild', () => {
    const [e, ...rest] = plan({ changedFiles: ['stacks/app.yml'] }).entries;
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      image: 'web',
      rebuild: false,
      redeploy: true,
      reasons: ['Stack template changed: stacks/app.yml (redeploy).'],
    });
  });

  it('the image input narrows a push plan', () => {
    expect(images(plan({ changedFiles: ['components/hardening.yml'], image: 'web' }))).toEqual([
      'web',
    ]);
  });

  it('changed scan exceptions → every image rebuilt, so the scan gate decides again', () => {
    const p = plan({ changedFiles: ['components/scan-exceptions.yml', 'README.md'] });
    expect(images(p)).toEqual(['api-server', 'web']);
    for (const e of p.entries) {
      expect(e.rebuild).toBe(true);
      expect(e.reasons).toEqual([
        'Scan exceptions changed (components/scan-exceptions.yml): the scan gate decides again.',
      ]);
    }
    expect(p.entries.map((e) => e.redeploy)).toEqual([false, true]);
    expect(p.unrelatedFiles).toEqual(['README.md']);
  });

  it('pull_request maps changed files the same way', () => {
    expect(images(plan({ event: 'pull_request', changedFiles: ['components/api.yml'] }))).toEqual([
      'api-server',
    ]);
  });
});

describe('planImages: a definition that references a deleted component', () => {
  it('is a ConfigurationError naming the definition file and line', () => {
    const exists = (f: string) => f !== 'components/web.yml';
    let error: unknown;
    try {
      plan({ changedFiles: ['components/web.yml'], exists, locate: set.locate });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const ce = error as ConfigurationError;
    expect(ce.file).toBe('components/images/web.yml');
    expect(ce.line).toBe(9);
    expect(ce.located).toBe(
      'components/images/web.yml:9:11: Image `web` uses component `components/web.yml`, which does not exist (deleted or renamed?). Restore the file, or update `components:` in components/images/web.yml.',
    );
  });
});
