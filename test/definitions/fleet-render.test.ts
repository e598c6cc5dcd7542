/** The plan's summary over a fleet: the chain, and why each image is rebuilt. */
import { describe, it, expect, beforeEach } from '@jest/globals';
import {
  renderPlanGraph,
  renderPlanSummary,
  renderPlanTable,
} from '../../actions/lib/definitions/plan-render.js';
import { fleet, planFleet } from './fleet-fixture.js';

// Built before each test (beforeEach counts toward the test's coverage, top-level code does
// not): Stryker then runs these tests against mutants of the graph and the plan.
let graph: ReturnType<typeof fleet>['graph'];
beforeEach(() => {
  ({ graph } = fleet());
});
const plan = planFleet;

describe('plan summary over a chain', () => {
  it('draws the changed file, then base ==> web ==> app on the new AMIs', () => {
    expect(renderPlanGraph(plan({ changedFiles: ['components/hardening.yml'] }), graph)).toBe(
      [
        'graph LR',
        '  f0["components/hardening.yml"]',
        '  i0(["base-linux"])',
        '  i1(["web-server"])',
        '  i2(["app"])',
        '  f0 --> i0',
        '  i0 ==>|new AMI| i1',
        '  i1 ==>|new AMI| i2',
      ].join('\n'),
    );
  });

  it('a web-only change: base drawn as not rebuilt, web on its published AMI', () => {
    const g = renderPlanGraph(plan({ changedFiles: ['components/web.yml'] }), graph);
    expect(g).toContain('(["base-linux (not rebuilt)"])');
    expect(g).toMatch(/i\d -\.->\|published AMI\| i\d/);
    expect(g).toMatch(/i\d ==>\|new AMI\| i\d/); // web-server → app
  });

  it('a schedule still draws the chain (no changed file)', () => {
    const g = renderPlanGraph(plan({ event: 'schedule', changedFiles: undefined }), graph);
    expect(g.split('\n').filter((l) => l.includes('==>'))).toHaveLength(2);
    expect(g).not.toContain('windows');
  });

  it('the table lists each build, on which parent AMI, parents first', () => {
    const t = renderPlanTable(plan({ changedFiles: ['components/hardening.yml'] }));
    const rows = t.split('\n').slice(2);
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| `base-linux`',
      '| `web-server`',
      '| `app`',
    ]);
    expect(rows[1]).toContain(
      '`web-server-x86_64` on `base-linux` (its new AMI of this run)<br>`web-server-arm64` on `base-linux` (its new AMI of this run)',
    );
    expect(rows[1]).toContain(
      'Parent `base-linux` is rebuilt (component changed: components/hardening.yml)',
    );
    expect(
      renderPlanSummary(plan({ changedFiles: ['components/hardening.yml'] }), graph),
    ).toContain('```mermaid\ngraph LR');
  });
});
