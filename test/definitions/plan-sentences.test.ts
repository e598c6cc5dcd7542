/** The sentences plan writes: summaries, a parent's reasons quoted in its children, errors at the right file. */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { imageGraph } from '../../actions/lib/definitions/graph.js';
import { planImages } from '../../actions/lib/definitions/plan.js';
import { fleet, planFleet } from './fleet-fixture.js';

// Built before each test (beforeEach counts toward the test's coverage, top-level code does
// not): Stryker then runs these tests against mutants of the graph and the plan.
let set: ReturnType<typeof fleet>['set'];
beforeEach(() => {
  ({ set } = fleet());
});

const plan = planFleet;

describe('plan summaries', () => {
  it('counts one selected image in the singular, several in the plural', () => {
    const one = plan({ image: 'windows', changedFiles: ['components/win.yml'] });
    expect(one.summary).toBe('1 of 1 image affected by 1 changed file.');
    const all = plan({ changedFiles: ['components/win.yml', 'README.md'] });
    expect(all.summary).toBe('1 of 4 images affected by 2 changed files.');
  });

  it('without changed files and without a reason, says there was no commit range', () => {
    const p = plan({ changedFiles: undefined });
    expect(p.summary).toBe(
      'Changed files unknown (no commit range): rebuilding every image to be safe.',
    );
    expect(plan({ changedFiles: 'unknown', unknownReason: 'first push' }).summary).toBe(
      'Changed files unknown (first push): rebuilding every image to be safe.',
    );
  });

  it('an unknown image in a repository without definitions says none is defined', () => {
    const run = () =>
      planImages({
        event: 'push',
        changedFiles: [],
        definitions: [],
        graph: imageGraph([]),
        image: 'web',
      });
    expect(run).toThrow(ConfigurationError);
    expect(run).toThrow(/Unknown image `web`\. Valid images: \(none defined\), or `all`\./);
  });
});

describe("a parent's reasons in its children", () => {
  it('quotes why the parent is rebuilt, but not its stack template, which the child does not use', () => {
    const p = plan({
      changedFiles: ['components/images/web-server.yml', 'stacks/app.yml'],
    });
    const web = p.entries.find((e) => e.image === 'web-server')!;
    expect(web.reasons).toEqual([
      'Image definition changed (components/images/web-server.yml).',
      'Stack template changed: stacks/app.yml (redeploy).',
    ]);
    const app = p.entries.find((e) => e.image === 'app')!;
    expect(app.reasons).toEqual([
      'Parent `web-server` is rebuilt (image definition changed (components/images/web-server.yml)): this image is built on its new AMI.',
    ]);
  });
});

describe('plan errors', () => {
  it('a parent cycle is reported at the definition of its first (smallest) image', () => {
    // Listed in reverse file order, so the first definition is not the cycle's first image.
    const defs = set.definitions
      .map((d) =>
        d.name === 'base-linux' ? { ...d, parentImage: 'image:app', architectures: undefined } : d,
      )
      .reverse();
    let error: unknown;
    try {
      planImages({ event: 'push', changedFiles: [], definitions: defs, graph: imageGraph(defs) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toMatch(
      /^Image parents form a cycle: app → web-server → base-linux → app/,
    );
    expect(error).toMatchObject({ file: 'components/images/app.yml' });
  });
});
