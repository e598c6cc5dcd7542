/**
 * docs/consumer-example/ is what a consumer copies, so it must pass what this project checks in a
 * consumer's repository (actionlint and the workflow policy), and each call must fit the reusable
 * workflow it calls: only declared inputs, every required one, and a calling job that grants what
 * the called jobs ask for (GitHub only narrows permissions from caller to callee).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lintWorkflow } from '../../actions/lib/workflows/actionlint.js';
import { checkWorkflowPolicy } from '../../actions/lib/workflows/policy.js';
import {
  permissionProblems,
  resolveWorkflow,
  type WorkflowDoc,
} from '../../scripts/demo/reusable-workflows.js';
import { UPSTREAM_REPOSITORY } from '../../scripts/docs/action-reference.js';
import { REPO_ROOT } from '../support/run-action.js';

const dir = join(REPO_ROOT, 'docs/consumer-example/.github/workflows');
const files = readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
const upstream = { repository: UPSTREAM_REPOSITORY, root: REPO_ROOT };

interface CallerJob {
  uses?: string;
  with?: Record<string, unknown>;
  permissions?: Record<string, string>;
}

describe.each(files)('docs/consumer-example/.github/workflows/%s', (name, text) => {
  it('passes actionlint and the workflow policy', async () => {
    expect(await lintWorkflow(text, name)).toEqual([]);
    expect(checkWorkflowPolicy(text, name)).toEqual([]);
  });

  it('calls a reusable workflow of this repository with its declared inputs and permissions', () => {
    const wf = parse(text) as {
      jobs: Record<string, CallerJob>;
      permissions?: Record<string, string>;
    };
    const problems: string[] = [];
    for (const [job, j] of Object.entries(wf.jobs)) {
      expect(j.uses).toMatch(new RegExp(`^${UPSTREAM_REPOSITORY}/\\.github/workflows/`));
      const called = resolveWorkflow(j.uses!, REPO_ROOT, upstream).doc as WorkflowDoc;
      const inputs = called.on?.workflow_call?.inputs ?? {};
      for (const k of Object.keys(j.with ?? {}))
        if (!(k in inputs)) problems.push(`${job}: '${k}' is not an input of ${j.uses}`);
      for (const [k, spec] of Object.entries(inputs))
        if (spec.required && !(k in (j.with ?? {})))
          problems.push(`${job}: required input '${k}' of ${j.uses} is missing`);
      problems.push(...permissionProblems(j.permissions ?? wf.permissions, called));
    }
    expect(problems).toEqual([]);
  });
});

describe('permission narrowing', () => {
  it('reports a called job that asks for more than the caller grants, in GitHub’s words', () => {
    const called = resolveWorkflow(
      `${UPSTREAM_REPOSITORY}/.github/workflows/rollback.yml@v1`,
      REPO_ROOT,
      upstream,
    ).doc;
    expect(permissionProblems({ contents: 'read' }, called)).toEqual([
      "The nested job 'rollback' is requesting 'id-token: write', but is only allowed 'id-token: none'.",
    ]);
  });
});
