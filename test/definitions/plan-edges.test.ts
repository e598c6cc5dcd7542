/**
 * Plan details mutation testing found untested (issue 18): a stack template is no unrelated file,
 * a parent's reasons quoted together, a redeploy-only parent is not rebuilt for its children, the
 * counts in the summary, and the reason of a parent left out of the run.
 */
import { describe, it, expect } from '@jest/globals';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { imageGraph } from '../../actions/lib/definitions/graph.js';
import { planImages, planMatrix } from '../../actions/lib/definitions/plan.js';
import { fleet, planFleet } from './fleet-fixture.js';

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
});
