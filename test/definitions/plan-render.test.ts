import { describe, it, expect, beforeEach } from '@jest/globals';
import { imageGraph, type ImageGraph } from '../../actions/lib/definitions/graph.js';
import { planImages } from '../../actions/lib/definitions/plan.js';
import {
  renderPlanGraph,
  renderPlanSummary,
  renderPlanTable,
} from '../../actions/lib/definitions/plan-render.js';
import { memoryRepo } from '../../actions/lib/definitions/repo-files.js';
import { validateDefinitions } from '../../actions/lib/definitions/validate-definitions.js';
import { fixture } from './helpers.js';

// Built before each test (beforeEach counts toward the test's coverage, top-level code does
// not): Stryker then runs these tests against mutants of the graph and the plan.
let set: ReturnType<typeof validateDefinitions>;
let graph: ImageGraph;
beforeEach(() => {
  set = validateDefinitions(memoryRepo(fixture('two-images')));
  graph = imageGraph(set.definitions);
});
const push = (changedFiles: string[]) =>
  planImages({ event: 'push', changedFiles, definitions: set.definitions, graph });

describe('renderPlanTable', () => {
  it('one row per image with why and changed components', () => {
    expect(renderPlanTable(push(['components/hardening.yml', 'components/web.yml']))).toBe(
      [
        '| Image | Why | Builds | Changed components |',
        '| --- | --- | --- | --- |',
        '| `api-server` | Component changed: components/hardening.yml. | `api-server` | `components/hardening.yml` |',
        '| `web` | Component changed: components/hardening.yml.<br>Component changed: components/web.yml. | `web` | `components/hardening.yml`<br>`components/web.yml` |',
      ].join('\n'),
    );
  });

  it('says when only a redeploy is needed, and when nothing is planned', () => {
    expect(renderPlanTable(push(['stacks/app.yml']))).toContain(
      'Stack template changed: stacks/app.yml (redeploy).<br>No rebuild: the current AMI is redeployed. | — |',
    );
    expect(renderPlanTable(push(['README.md']))).toBe('_No image to build._');
  });

  it('escapes pipes in cells', () => {
    const plan = push(['components/web.yml']);
    plan.entries[0]!.reasons = ['a | b'];
    expect(renderPlanTable(plan)).toContain('| a \\| b |');
  });
});

describe('renderPlanGraph', () => {
  it('draws which changed file feeds which image', () => {
    expect(
      renderPlanGraph(
        push(['components/hardening.yml', 'components/images/api.yml', 'stacks/app.yml']),
        graph,
      ),
    ).toBe(
      [
        'graph LR',
        '  f0["components/hardening.yml"]',
        '  f1["components/images/api.yml"]',
        '  f2["stacks/app.yml"]',
        '  i0(["api-server"])',
        '  i1(["web"])',
        '  f0 --> i0',
        '  f1 --> i0',
        '  f0 --> i1',
        '  f2 --> i1',
      ].join('\n'),
    );
  });

  it('is empty when no changed file feeds an image (schedule, docs only)', () => {
    expect(
      renderPlanGraph(
        planImages({ event: 'schedule', definitions: set.definitions, graph }),
        graph,
      ),
    ).toBe('');
    expect(renderPlanGraph(push(['README.md']), graph)).toBe('');
  });
});

describe('renderPlanSummary', () => {
  it('heading, summary, table, mermaid block and unrelated files', () => {
    const md = renderPlanSummary(push(['components/web.yml', 'docs/README.md']), graph);
    expect(
      md.startsWith('## Image plan\n\n1 of 2 images affected by 2 changed files.\n\n| Image |'),
    ).toBe(true);
    expect(md).toContain(
      '```mermaid\ngraph LR\n  f0["components/web.yml"]\n  i0(["web"])\n  f0 --> i0\n```',
    );
    expect(md).toContain('1 changed file(s) that feed no image');
    expect(md).toContain('- `docs/README.md`');
  });

  it('leaves the diagram out when there is none', () => {
    expect(renderPlanSummary(push(['README.md']), graph)).not.toContain('mermaid');
  });
});
