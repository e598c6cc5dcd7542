/**
 * Plan details mutation testing found untested (issue 18): a stack template is no unrelated file,
 * a parent's reasons quoted together, a redeploy-only parent is not rebuilt for its children, the
 * counts in the summary, and the reason of a parent left out of the run.
 */
import { describe, it, expect } from '@jest/globals';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { imageGraph } from '../../actions/lib/definitions/graph.js';
import { planImages, planMatrix } from '../../actions/lib/definitions/plan.js';
import { FLEET, fleet, planFleet } from './fleet-fixture.js';
import { lineOf } from './helpers.js';

/** Planned over the fleet fixture (base-linux → web-server → app, windows; web-server has a stack). */
const plan = planFleet;

describe('planImages: details', () => {
  it('a changed stack template feeds its image: it is no unrelated file', () => {
    const p = plan({ changedFiles: ['stacks/app.yml', 'README.md'] });
    expect(p.unrelatedFiles).toEqual(['README.md']);
  });

  it("a parent's reasons are quoted together, separated by semicolons", () => {
    const p = plan({
      changedFiles: ['components/hardening.yml', 'components/images/base-linux.yml'],
    });
    expect(p.entries.find((e) => e.image === 'web-server')!.reasons).toEqual([
      'Parent `base-linux` is rebuilt (image definition changed (components/images/base-linux.yml); component changed: components/hardening.yml): this image is built on its new AMI.',
    ]);
  });

  it('a parent that is only redeployed is not rebuilt for the images built on it', () => {
    // web-server's stack template changed (redeploy only) and app's own component changed.
    const p = plan({ changedFiles: ['stacks/app.yml', 'components/app.yml'] });
    expect(p.entries.map((e) => [e.image, e.rebuild, e.redeploy])).toEqual([
      ['web-server', false, true],
      ['app', true, false],
    ]);
    expect(planMatrix(p).include.find((r) => r.target === 'app-arm64')!['parent-rebuild']).toBe(
      false,
    );
  });

  it('counts one changed file in the singular', () => {
    expect(plan({ changedFiles: ['components/app.yml'] }).summary).toBe(
      '1 of 4 images affected by 1 changed file.',
    );
    expect(plan({ changedFiles: ['README.md'] }).summary).toBe(
      'No image is affected by the 1 changed file; nothing to build.',
    );
  });

  it('force with image: all is a rebuild of every image, with no unrelated files', () => {
    const p = plan({ force: true, image: 'all', changedFiles: ['README.md'] });
    expect(p.summary).toBe('Forced rebuild of every image (force: true).');
    expect(p.unrelatedFiles).toEqual([]);
    expect(p.entries.every((e) => e.changedComponents.length === 0)).toBe(true);
  });

  it("a parent left out of the run: the image's own reason stays, the parent's is rewritten", () => {
    const p = plan({
      changedFiles: ['components/hardening.yml', 'components/web.yml'],
      image: 'web-server',
    });
    expect(p.entries[0]!.reasons).toEqual([
      'Component changed: components/web.yml.',
      'Parent `base-linux` changed (component changed: components/hardening.yml), but it is not built in this run (image: web-server): this build uses its current published AMI.',
    ]);
  });

  it('an unknown parent is an error at the definition file that names it', () => {
    const { set } = fleet();
    const defs = set.definitions.map((d) =>
      d.name === 'app' ? { ...d, parentImage: 'image:nope' } : d,
    );
    let error: unknown;
    try {
      planImages({ event: 'schedule', definitions: defs, graph: imageGraph(defs) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).file).toBe('components/images/app.yml');
  });

  /** planImages's error over the fleet with `changes`, located through validate's `locate`. */
  function planError(changes: Record<string, string>): ConfigurationError {
    const { set, graph } = fleet(changes);
    try {
      planImages({ event: 'schedule', definitions: set.definitions, graph, locate: set.locate });
    } catch (e) {
      return e as ConfigurationError;
    }
    throw new Error('planImages did not refuse the fleet');
  }

  // app's arm64 build names its own parent; its top-level parentImage is an SSM one.
  const APP = 'components/images/app.yml';
  const appOn = (parent: string) =>
    FLEET[APP]!.replace(
      'parentImage: image:web-server',
      'parentImage: ssm:/golden-ami/other',
    ).replace(
      'architectures: [arm64]',
      `architectures:\n  - name: arm64\n    parentImage: ${parent}`,
    );

  it('a cycle is located at the parentImage of its first image that points along it', () => {
    const base = 'components/images/base-linux.yml';
    const app = appOn('image:web-server');
    const e = planError({
      [APP]: app,
      [base]: FLEET[base]!.replace(/parentImage: ssm:.*arm64/, 'parentImage: image:app'),
    });
    expect(e.message).toMatch(/^Image parents form a cycle: app → web-server → base-linux → app /);
    expect(e).toMatchObject({ file: APP, line: lineOf(app, 'image:web-server'), column: 18 });
  });

  it('an unknown parent is reported for the image that names it, not the first image', () => {
    // windows is neither first in file order (app) nor in build order (base-linux).
    const WIN = 'components/images/windows.yml';
    const win = FLEET[WIN]!.replace(/parentImage: .*/, 'parentImage: image:nope');
    const e = planError({ [WIN]: win });
    expect(e.message).toMatch(/^Image `windows` is built on `image:nope`/);
    expect(e).toMatchObject({ file: WIN, line: lineOf(win, 'image:nope') });
  });

  it('an unknown parent is located at the architecture’s own parentImage that names it', () => {
    const app = appOn('image:nope');
    const e = planError({ [APP]: app });
    expect(e.message).toBe(
      'Image `app` is built on `image:nope`, which names no image definition. Fix the name in components/images/app.yml.',
    );
    expect(e).toMatchObject({ file: APP, line: lineOf(app, 'image:nope'), column: 18 });
  });
});
