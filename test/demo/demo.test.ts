/**
 * `npm run demo` as a test: the whole pipeline offline (emulator, stacks, the real workflows, every
 * action as its bundle), with the demo's own checks. It must pass on a clean machine, as in CI.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/run-action.js';

describe('npm run demo', () => {
  it('builds, publishes to both regions, deploys pinned, rebuilds only what changed, rolls back', () => {
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), join(REPO_ROOT, 'scripts/demo/index.ts')],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    const checks = r.stdout.split('\n').filter((l) => /^\s+[✓✗] /.test(l) && !/›/.test(l));
    expect(checks.filter((l) => l.includes('✗'))).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(10);
    expect(r.stdout).toMatch(/SSM \/golden-ami\/web-server in us-west-2: version 2/);
    expect(r.stdout).toMatch(/demo passed in/);
    expect(r.status).toBe(0);
  }, 200_000);
});
