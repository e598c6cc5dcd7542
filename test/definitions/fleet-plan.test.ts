/** The image graph and plan over a fleet: parents first, transitive rebuilds, architectures. */
import { describe, it, expect, beforeEach } from '@jest/globals';
import { ConfigurationError } from '../../actions/lib/core/errors.js';
import { imageGraph, imagesBuiltOn } from '../../actions/lib/definitions/graph.js';
import { planImages, planMatrix } from '../../actions/lib/definitions/plan.js';
import { fleet, planFleet } from './fleet-fixture.js';

// Built before each test (beforeEach counts toward the test's coverage, top-level code does
// not): Stryker then runs these tests against mutants of the graph and the plan.
let set: ReturnType<typeof fleet>['set'];
let graph: ReturnType<typeof fleet>['graph'];
beforeEach(() => {
  ({ set, graph } = fleet());
});

const plan = planFleet;
const images = (p: ReturnType<typeof plan>) => p.entries.map((e) => e.image);
const rows = (p: ReturnType<typeof plan>) => planMatrix(p).include;

describe('the fleet fixture', () => {
  it('is valid', () => {
    expect(set.findings).toEqual([]);
  });
});

describe('imageGraph with parents', () => {
  it('orders parents first, otherwise by name', () => {
    expect(graph.images.map((n) => n.image)).toEqual([
      'base-linux',
      'web-server',
      'app',
      'windows',
    ]);
    expect(graph.children).toEqual({ 'base-linux': ['web-server'], 'web-server': ['app'] });
    expect(graph.cycles).toEqual([]);
  });

  it('imagesBuiltOn is the image and its subtree, parents first', () => {
    expect(imagesBuiltOn(graph, 'base-linux')).toEqual(['base-linux', 'web-server', 'app']);
    expect(imagesBuiltOn(graph, 'web-server')).toEqual(['web-server', 'app']);
    expect(imagesBuiltOn(graph, 'windows')).toEqual(['windows']);
  });

  it('names each cycle once, from its smallest name, and orders the rest', () => {
    const defs = set.definitions.map((d) =>
      d.name === 'base-linux' ? { ...d, parentImage: 'image:app', architectures: undefined } : d,
    );
    const g = imageGraph(defs);
    expect(g.cycles).toEqual([['app', 'web-server', 'base-linux', 'app']]);
    expect(g.images.map((n) => n.image)).toEqual(['windows', 'app', 'base-linux', 'web-server']);
    const self = imageGraph(
      set.definitions.map((d) =>
        d.name === 'windows' ? { ...d, parentImage: 'image:windows' } : d,
      ),
    );
    expect(self.cycles).toEqual([['windows', 'windows']]);
  });
});

describe('planImages: transitive rebuilds', () => {
  it('a base component change rebuilds base, then web, then app, each naming why', () => {
    const p = plan({ changedFiles: ['components/hardening.yml'] });
    expect(images(p)).toEqual(['base-linux', 'web-server', 'app']);
    expect(p.entries.map((e) => e.rebuild)).toEqual([true, true, true]);
    expect(p.entries[1]!.reasons).toEqual([
      'Parent `base-linux` is rebuilt (component changed: components/hardening.yml): this image is built on its new AMI.',
    ]);
    expect(p.entries[2]!.reasons[0]).toMatch(
      /^Parent `web-server` is rebuilt \(parent `base-linux` is rebuilt/,
    );
  });

  it('a web-only change rebuilds web and what is built on it, not base nor Windows', () => {
    const p = plan({ changedFiles: ['components/web.yml'] });
    expect(images(p)).toEqual(['web-server', 'app']);
    expect(rows(p).find((r) => r.target === 'web-server-x86_64')).toMatchObject({
      parent: 'base-linux',
      'parent-ssm-parameter': '/golden-ami/base-linux/x86_64',
      'parent-rebuild': false,
    });
  });

  it('a leaf change rebuilds only the leaf; an unrelated change nothing', () => {
    expect(images(plan({ changedFiles: ['components/app.yml'] }))).toEqual(['app']);
    expect(images(plan({ changedFiles: ['components/win.yml'] }))).toEqual(['windows']);
    expect(images(plan({ changedFiles: ['README.md'] }))).toEqual([]);
  });

  it('a changed parent definition rebuilds its subtree', () => {
    const p = plan({ changedFiles: ['components/images/base-linux.yml'] });
    expect(images(p)).toEqual(['base-linux', 'web-server', 'app']);
    expect(p.entries[1]!.reasons[0]).toContain(
      'image definition changed (components/images/base-linux.yml)',
    );
  });

  it('a stack template change redeploys without rebuilding, and rebuilds nothing built on it', () => {
    const p = plan({ changedFiles: ['stacks/app.yml'] });
    expect(p.entries.map((e) => [e.image, e.rebuild, e.redeploy])).toEqual([
      ['web-server', false, true],
    ]);
  });

  it('own reasons come before the parent reason', () => {
    const p = plan({ changedFiles: ['components/hardening.yml', 'components/web.yml'] });
    expect(p.entries[1]!.reasons).toEqual([
      'Component changed: components/web.yml.',
      expect.stringMatching(/^Parent `base-linux` is rebuilt/),
    ]);
  });
});

describe('planImages: events and selection', () => {
  it('schedule and force rebuild every image, parents first, children waiting for them', () => {
    for (const p of [
      plan({ event: 'schedule', changedFiles: undefined }),
      plan({ force: true, changedFiles: ['README.md'] }),
    ]) {
      expect(images(p)).toEqual(['base-linux', 'web-server', 'app', 'windows']);
      expect(rows(p).map((r) => [r.target, r['parent-rebuild']])).toEqual([
        ['base-linux-x86_64', false],
        ['base-linux-arm64', false],
        ['web-server-x86_64', true],
        ['web-server-arm64', true],
        ['app-arm64', true],
        ['windows', false],
      ]);
    }
  });

  it('image: <name> builds only it, on its parent’s current published version', () => {
    const p = plan({ event: 'workflow_dispatch', image: 'web-server' });
    expect(images(p)).toEqual(['web-server']);
    expect(rows(p).map((r) => r['parent-rebuild'])).toEqual([false, false]);
    const push = plan({ changedFiles: ['components/hardening.yml'], image: 'web-server' });
    expect(push.entries[0]!.reasons).toEqual([
      'Parent `base-linux` changed (component changed: components/hardening.yml), but it is not built in this run (image: web-server): this build uses its current published AMI.',
    ]);
    expect(rows(push)[0]!['parent-rebuild']).toBe(false);
  });

  it('refuses a cycle, naming it', () => {
    const defs = set.definitions.map((d) =>
      d.name === 'base-linux'
        ? { ...d, parentImage: 'image:web-server', architectures: undefined }
        : d,
    );
    expect(() =>
      planImages({ event: 'schedule', definitions: defs, graph: imageGraph(defs) }),
    ).toThrow(/cycle: base-linux → web-server → base-linux/);
  });

  it('refuses an unknown parent with the nearest name', () => {
    const defs = set.definitions.map((d) =>
      d.name === 'app' ? { ...d, parentImage: 'image:web-sever' } : d,
    );
    const run = () => planImages({ event: 'schedule', definitions: defs, graph: imageGraph(defs) });
    expect(run).toThrow(ConfigurationError);
    expect(run).toThrow(/image:web-sever.*Did you mean `web-server`/);
  });
});

describe('planMatrix: one row per image × architecture', () => {
  it('rows carry target, architecture, parent fields; the stack only on its architecture', () => {
    const r = rows(plan({ changedFiles: ['components/web.yml'] }));
    expect(
      r.map((x) => [x.target, x.architecture, x['ssm-parameter'], x['stack-name'], x.redeploy]),
    ).toEqual([
      [
        'web-server-x86_64',
        'x86_64',
        '/golden-ami/web-server/x86_64',
        'golden-ami-app-web-server',
        true,
      ],
      ['web-server-arm64', 'arm64', '/golden-ami/web-server/arm64', '', false],
      ['app-arm64', 'arm64', '/golden-ami/app/arm64', '', false],
    ]);
    expect(r[2]).toMatchObject({
      image: 'app',
      parent: 'web-server',
      'parent-ssm-parameter': '/golden-ami/web-server/arm64',
      'parent-rebuild': true,
    });
  });

  it('stack.architecture picks the row that deploys', () => {
    const { set: s, graph: g } = fleet({
      'components/images/web-server.yml': fleet().files[
        'components/images/web-server.yml'
      ]!.replace(
        '  template: stacks/app.yml\n',
        '  template: stacks/app.yml\n  architecture: arm64\n',
      ),
    });
    expect(s.findings).toEqual([]);
    const r = planMatrix(
      planImages({
        event: 'workflow_dispatch',
        image: 'web-server',
        definitions: s.definitions,
        graph: g,
      }),
    ).include;
    expect(r.map((x) => [x.target, x['stack-name'], x['stack-parameters']])).toEqual([
      ['web-server-x86_64', '', ''],
      ['web-server-arm64', 'golden-ami-app-web-server', 'InstanceType=t3.micro'],
    ]);
  });

  it('a definition without architectures is one row named after it, with architecture ""', () => {
    const r = rows(plan({ changedFiles: ['components/win.yml'] }));
    expect(r).toEqual([
      expect.objectContaining({
        image: 'windows',
        target: 'windows',
        architecture: '',
        parent: '',
        'parent-ssm-parameter': '',
        'parent-rebuild': false,
        'ssm-parameter': '/golden-ami/windows',
      }),
    ]);
  });
});
