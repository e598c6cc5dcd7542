import { describe, expect, it } from '@jest/globals';
import { condition, evaluate, interpolate } from '../../scripts/demo/expressions.js';

const ctx = {
  steps: { build: { outputs: { arn: 'arn:aws:imagebuilder:us-east-1:1:image/web/1.0.0/1' } } },
  needs: { plan: { outputs: { matrix: '{"include":[{"image":"web"}]}', 'has-images': 'true' } } },
  matrix: { image: 'web' },
  vars: { AWS_REGION: 'us-east-1' },
  github: { event_name: 'push', run_id: '42', event: {} },
  inputs: {},
};

describe('workflow expressions', () => {
  it('interpolates outputs, matrix, vars and github into strings', () => {
    expect(interpolate('${{ steps.build.outputs.arn }}', ctx)).toBe(
      'arn:aws:imagebuilder:us-east-1:1:image/web/1.0.0/1',
    );
    expect(interpolate('run-${{ github.run_id }} in ${{ vars.AWS_REGION }}', ctx)).toBe(
      'run-42 in us-east-1',
    );
    expect(interpolate('${{ matrix.image }}', ctx)).toBe('web');
  });

  it('evaluates fromJSON and comparisons as GitHub does', () => {
    expect(evaluate('fromJSON(needs.plan.outputs.matrix)', ctx)).toEqual({
      include: [{ image: 'web' }],
    });
    expect(evaluate("needs.plan.outputs.has-images == 'true'", ctx)).toBe(true);
    expect(evaluate("github.event_name != 'workflow_dispatch' || inputs.deploy", ctx)).toBe(true);
  });

  it('gives GitHub semantics (empty) for inputs and event fields that are absent', () => {
    expect(interpolate('${{ inputs.image }}', ctx)).toBe('');
    expect(interpolate('${{ github.event.forced }}', ctx)).toBe('');
  });

  it('fails on a step, job or matrix reference that does not exist, naming what does', () => {
    expect(() => interpolate('${{ steps.build.outputs.ami }}', ctx)).toThrow(
      /'steps.build.outputs.ami' is not defined \(known: arn\)/,
    );
    expect(() => interpolate('${{ steps.nope.outputs.x }}', ctx)).toThrow(
      /'steps.nope' is not defined \(known: build\)/,
    );
    expect(() => interpolate('${{ needs.plan.outputs.count }}', ctx)).toThrow(/not defined/);
    expect(() => interpolate('${{ vars.AWS_DR_REGION }}', ctx)).toThrow(
      /'vars.AWS_DR_REGION' is not defined/,
    );
  });

  it('reports a syntax error with the expression', () => {
    expect(() => evaluate('steps.build.outputs.arn ==', ctx)).toThrow(
      /steps\.build\.outputs\.arn ==/,
    );
  });

  it('applies the implicit success() to if: conditions', () => {
    expect(condition(undefined, ctx, { success: true })).toBe(true);
    expect(condition(undefined, ctx, { success: false })).toBe(false);
    expect(condition("matrix.image == 'web'", ctx, { success: false })).toBe(false);
    expect(condition("always() && matrix.image == 'web'", ctx, { success: false })).toBe(true);
    expect(condition("${{ matrix.image == 'db' }}", ctx, { success: true })).toBe(false);
  });
});

describe('concurrency groups (GitHub semantics, cancel-in-progress false)', () => {
  it('runs one job per group at a time; a newer waiting job cancels the older waiting one', async () => {
    const { ConcurrencyGroups } = await import('../../scripts/demo/workflow-runner.js');
    const g = new ConcurrencyGroups();
    expect(await g.enter('image-web')).toBe(true);
    const second = g.enter('image-web');
    const third = g.enter('image-web');
    expect(await second).toBe(false); // cancelled by the third while waiting
    expect(await g.enter('image-api')).toBe(true); // other groups are independent
    g.leave('image-web');
    expect(await third).toBe(true);
    g.leave('image-web');
    expect(await g.enter('image-web')).toBe(true);
  });
});
