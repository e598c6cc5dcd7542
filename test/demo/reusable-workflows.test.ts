import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  callInputs,
  callOutputs,
  resolveActionDir,
  resolveWorkflow,
} from '../../scripts/demo/reusable-workflows.js';
import { REPO_ROOT } from '../support/run-action.js';

const upstream = { repository: 'platform-team/imagebuilder-gitops', root: REPO_ROOT };
const declared = {
  image: { type: 'string' as const, default: 'all' },
  force: { type: 'boolean' as const, default: false },
  count: { type: 'number' as const },
  region: { type: 'string' as const, required: true },
};

describe('callInputs', () => {
  const ctx = { inputs: { force: true }, vars: { R: 'us-east-1' } };

  it('evaluates with:, keeps the type of a whole expression, fills defaults', () => {
    expect(
      callInputs(
        declared,
        { force: '${{ inputs.force }}', region: 'r-${{ vars.R }}', count: '3' },
        ctx,
      ),
    ).toEqual({ image: 'all', force: true, region: 'r-us-east-1', count: 3 });
  });

  it('refuses an undeclared input, a missing required one and a value of the wrong type', () => {
    expect(() => callInputs(declared, { region: 'x', regoin: 'y' }, ctx)).toThrow(
      'Invalid input, regoin is not defined in the referenced workflow (its inputs: image, force, count, region)',
    );
    expect(() => callInputs(declared, {}, ctx)).toThrow('Input required and not supplied: region');
    expect(() => callInputs(declared, { region: 'x', force: 'yes' }, ctx)).toThrow(
      'The input \'force\' of the called workflow has type boolean; the caller gave "yes"',
    );
  });
});

describe('resolving uses:', () => {
  it("maps the upstream's actions and reusable workflows to this checkout", () => {
    expect(resolveActionDir(`${upstream.repository}/actions/plan@v1.0.0`, '/ws', upstream)).toBe(
      join(REPO_ROOT, 'actions/plan'),
    );
    expect(resolveActionDir('./actions/plan', '/ws', upstream)).toBe('/ws/actions/plan');
    expect(resolveActionDir('someone/else/actions/plan@v1', '/ws', upstream)).toBeUndefined();
    expect(() =>
      resolveActionDir(`${upstream.repository}/actions/nope@v1`, '/ws', upstream),
    ).toThrow("has no action 'actions/nope'");
    const wf = resolveWorkflow(
      `${upstream.repository}/.github/workflows/rollback.yml@v1`,
      '/ws',
      upstream,
    );
    expect(Object.keys(wf.doc.on?.workflow_call?.inputs ?? {})).toContain('deploy-role-arn');
  });

  it('refuses a workflow that is not reusable or not from a known repository', () => {
    expect(() =>
      resolveWorkflow(`${upstream.repository}/.github/workflows/pr-checks.yml@v1`, '/ws', upstream),
    ).toThrow("is not reusable: it has no 'on: workflow_call'");
    expect(() => resolveWorkflow('other/repo/.github/workflows/x.yml@v1', '/ws', upstream)).toThrow(
      'the demo can call only reusable workflows of ./.github/workflows or platform-team/imagebuilder-gitops',
    );
  });

  it('takes the called workflow’s outputs from its jobs', () => {
    const wf = resolveWorkflow(
      `${upstream.repository}/.github/workflows/image-pipeline.yml@v1`,
      '/ws',
      upstream,
    );
    expect(
      callOutputs(wf.doc, { plan: { result: 'success', outputs: { images: '["web"]' } } }),
    ).toEqual({
      images: '["web"]',
    });
  });
});
